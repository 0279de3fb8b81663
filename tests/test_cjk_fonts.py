"""The PDF's Noto CJK fallback comes from subsets cut for the document (outputs/latex/cjk.py), and
briefing-fonts.lua takes a subset only when it covers every character of the document.

The books' PDFs prove the whole chain (tests/test_pdf.py and test_reader.py: the log names each
face's subset and its glyph count, the PDF embeds the CJK font, no character is missing;
test_editions_pdf.py: the Japanese edition, with luatexja, takes its Japanese fonts from the
subsets too). Here: what the LaTeX build writes, and the decision LuaLaTeX makes from it, run with
``texlua`` against stand-ins for LuaTeX's own tables, so that no LuaLaTeX run is needed.
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, require_tool
from sphinx_briefing.outputs.latex.cjk import MANIFEST, locate_faces, write_subsets

FONTS_LUA = REPO / "_ext" / "sphinx_briefing" / "outputs" / "latex" / "briefing-fonts.lua"
SERIF = "NotoSerifCJKjp-Regular"
NAME = "岸田文雄"
DASH = "\N{EN DASH}"  # a character below the CJK scripts that the subset keeps too
#: A preamble as fonts-lualatex.tex writes it, with a name in kanji in the body.
DOCUMENT = (
    '\\directlua{briefing.cjk_fallback("briefingcjkserif", "NotoSerifCJKjp-Regular", "mode=harf;")}\n'
    "\\begin{document}\n"
    f"Prime Minister {NAME} {DASH} Tokyo\n"
    "\\end{document}\n"
)


def test_the_build_cuts_each_face_the_document_names_to_its_characters(tmp_path: Path) -> None:
    require_tool("fc-list")
    (tmp_path / "book.tex").write_text(DOCUMENT, encoding="utf-8")
    written = write_subsets(tmp_path)
    assert list(written) == [SERIF]  # the one face the preamble names
    file, glyphs = written[SERIF]
    assert file.startswith(f"briefing-cjk-{SERIF}-") and file.endswith(".otf")
    assert [p.name for p in tmp_path.glob("briefing-cjk-*.otf")] == [file]

    import uharfbuzz as hb

    data = (tmp_path / file).read_bytes()
    face = hb.Face(hb.Blob(data))
    # The document's characters, under the face's PostScript and full names with six letters from
    # the subset's bytes after them, with a few hundred glyphs where Noto CJK has some 65,000.
    assert {ord(c) for c in NAME + DASH} <= set(face.unicodes)
    assert re.fullmatch(rf"{SERIF}-[A-Z]{{6}}", face.get_name(6) or ""), face.get_name(6)
    assert face.get_name(4) == "Noto Serif CJK JP " + str(face.get_name(6))[-6:]
    assert face.glyph_count == glyphs < 1000
    # A well-formed font after the renaming: the whole file's checksum is the specification's magic
    # number (head.checkSumAdjustment), and fontconfig (FreeType) reads the new name.
    words = data + b"\0" * (-len(data) % 4)
    assert sum(struct.unpack(f">{len(words) // 4}I", words)) & 0xFFFFFFFF == 0xB1B0AFBA
    query = subprocess.run(["fc-query", "--format", "%{postscriptname}", str(tmp_path / file)],
                           capture_output=True, text=True, check=True).stdout
    assert query == face.get_name(6)
    manifest = (tmp_path / MANIFEST).read_text(encoding="utf-8")
    assert f'characters = "{DASH}{"".join(sorted(NAME))}"' in manifest
    assert f'["{SERIF}"] = {{file = "{file}", glyphs = {glyphs}}}' in manifest


def test_a_document_without_cjk_gets_no_subset_and_an_old_one_goes(tmp_path: Path) -> None:
    require_tool("fc-list")
    tex = tmp_path / "book.tex"
    tex.write_text(DOCUMENT, encoding="utf-8")
    write_subsets(tmp_path)
    tex.write_text(DOCUMENT.replace(NAME, "Kishida Fumio"), encoding="utf-8")
    assert write_subsets(tmp_path) == {}
    assert list(tmp_path.glob("briefing-cjk*")) == []


# -- The decision in briefing-fonts.lua ----------------------------------------------------------

#: LuaTeX's tables that briefing-fonts.lua uses, stood in for under texlua; prints what it decided.
DRIVER = """
kpse.set_program_name("luatex")
status = {filename = "./book.tex"}
local log = {}
texio = {write_nl = function(_, text) log[#log + 1] = text end}
tex = {print = function(text) log[#log + 1] = "tex.print: " .. text end}
luatexja = LUATEXJA and {} or nil
local fallbacks = {}
luaotfload = {add_fallback = function(name, fonts) fallbacks[name] = fonts end}
dofile(%r)
briefing.cjk_fallback("briefingcjkserif", "NotoSerifCJKjp-Regular", "mode=harf;")
print("fallback: " .. (fallbacks.briefingcjkserif[1] or "none"))
print("font: " .. briefing.cjk_font("NotoSerifCJKjp-Regular"))
for _, line in ipairs(log) do if line ~= "" then print(line) end end
"""


def _decide(directory: Path, *, luatexja: bool = False) -> str:
    require_tool("texlua")
    driver = directory / "driver.lua"
    driver.write_text(f"LUATEXJA = {str(luatexja).lower()}\n" + DRIVER % str(FONTS_LUA), encoding="utf-8")
    return subprocess.run(["texlua", str(driver)], cwd=directory, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def cut_document(tmp_path: Path) -> Path:
    """A directory with a document and the subsets and manifest its build wrote."""
    require_tool("fc-list")
    (tmp_path / "book.tex").write_text(DOCUMENT, encoding="utf-8")
    write_subsets(tmp_path)
    return tmp_path


def test_lualatex_takes_the_subset_that_covers_the_document(cut_document: Path) -> None:
    file = next(cut_document.glob(f"briefing-cjk-{SERIF}-*.otf")).name
    out = _decide(cut_document)
    assert f"fallback: file:{file}:mode=harf;" in out  # luaotfload's fallback
    assert f"font: {file}" in out  # what briefing.cjk_font gives
    assert "briefing: Noto CJK fallback loaded (U+5CB8 in ./book.tex)" in out
    assert f"briefing: CJK font {SERIF} from its subset {file} (" in out


def test_a_character_the_subset_lacks_brings_back_the_whole_face(cut_document: Path) -> None:
    """A .tex changed after the build (by hand) has a kanji the subset was not cut for."""
    tex = cut_document / "book.tex"
    tex.write_text(tex.read_text(encoding="utf-8").replace("Tokyo", "東京"), encoding="utf-8")
    out = _decide(cut_document)
    assert f"fallback: {SERIF}:mode=harf;" in out and f"font: {SERIF}\n" in out
    assert f"briefing: CJK font {SERIF} in full (U+6771 is not in the subsets" in out


def test_a_comment_does_not_count_and_no_manifest_means_the_whole_face(tmp_path: Path) -> None:
    (tmp_path / "book.tex").write_text(DOCUMENT.replace(NAME, "Kishida") + f"% {NAME}\n", encoding="utf-8")
    assert "fallback: none" in _decide(tmp_path)  # nothing to fall back for (the name is in a comment)
    (tmp_path / "book.tex").write_text(DOCUMENT, encoding="utf-8")
    out = _decide(tmp_path)
    assert f"fallback: {SERIF}:mode=harf;" in out
    assert f"briefing: CJK font {SERIF} in full (no {MANIFEST} beside the document)" in out


def test_a_document_with_luatexja_takes_the_subsets_too(cut_document: Path) -> None:
    """The Japanese edition (luatexja) takes its fallback and, through \\briefingcjkfont, its
    Japanese fonts from the subsets: each has a PostScript name of its own, under which luatexja
    keeps its cache (test_each_subset_has_a_postscript_name_of_its_own)."""
    file = next(cut_document.glob(f"briefing-cjk-{SERIF}-*.otf")).name
    out = _decide(cut_document, luatexja=True)
    assert f"fallback: file:{file}:mode=harf;" in out and f"font: {file}\n" in out
    assert f"briefing: CJK font {SERIF} from its subset {file} (" in out
    # The macro language.py's \\setmainjfont calls: the subset's file name, printed as if typed.
    assert ('tex.print: \\gdef\\briefingcjkfont#1{\\directlua{tex.sprint(briefing.cjk_font('
            '"\\luaescapestring{#1}"))}}') in out
    japanese = cut_document / "ja"
    japanese.mkdir()
    (japanese / "book.tex").write_text("\\usepackage[match]{luatexja-fontspec}\n" + DOCUMENT, encoding="utf-8")
    assert list(write_subsets(japanese)) == [SERIF]


def _postscript_name(path: Path) -> str:
    import uharfbuzz as hb

    return str(hb.Face(hb.Blob.from_file_path(str(path))).get_name(6))


def test_each_subset_has_a_postscript_name_of_its_own(tmp_path: Path) -> None:
    """luatexja caches a font's data as ``extra_<PostScript name>.luc``, valid while the font file's
    date is unchanged. Two documents built at once must not share an entry (each would rewrite it
    under the other, and latexmk, seeing an input change, run LuaLaTeX again): another text gets a
    subset of another name, none the whole face's. The same text built in two directories gets the
    same name, the same bytes and the same date (the face's), so it finds the entry valid and
    writes nothing."""
    require_tool("fc-list")
    first, again, other = (tmp_path / name for name in ("first", "again", "other"))
    for directory, text in ((first, DOCUMENT), (again, DOCUMENT), (other, DOCUMENT.replace("Tokyo", "東京"))):
        directory.mkdir()
        (directory / "book.tex").write_text(text, encoding="utf-8")
    subsets = [directory / write_subsets(directory)[SERIF][0] for directory in (first, again, other)]
    names = [_postscript_name(path) for path in subsets]
    assert len(set(names)) == 2 and SERIF not in names and names[0] == names[1] != names[2]
    assert all(re.fullmatch(rf"{SERIF}-[A-Z]{{6}}", name) for name in names), names
    assert subsets[0].name == subsets[1].name and subsets[0].read_bytes() == subsets[1].read_bytes()
    face_date = locate_faces([SERIF])[SERIF][0].stat().st_mtime_ns
    assert {path.stat().st_mtime_ns for path in subsets} == {face_date}
