"""The PDF's Noto CJK fallback comes from subsets cut for the document (outputs/latex/cjk.py), and
briefing-fonts.lua takes a subset only when it covers every character of the document.

The books' PDFs prove the whole chain (tests/test_pdf.py and test_reader.py: the log names each
face's subset and its glyph count, the PDF embeds the CJK font, no character is missing;
test_editions_pdf.py: the Japanese edition, with luatexja, keeps the whole faces). Here: what the LaTeX build writes, and the decision LuaLaTeX makes from it, run with
``texlua`` against stand-ins for LuaTeX's own tables, so that no LuaLaTeX run is needed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import REPO, require_tool
from sphinx_briefing.outputs.latex.cjk import MANIFEST, write_subsets

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

    face = hb.Face(hb.Blob.from_file_path(str(tmp_path / file)))
    # The document's characters, under the face's own PostScript name (the PDF's font name),
    # with a few hundred glyphs where Noto CJK has some 65,000.
    assert {ord(c) for c in NAME + DASH} <= set(face.unicodes)
    assert face.get_name(6) == SERIF
    assert face.glyph_count == glyphs < 1000
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


def test_a_document_with_luatexja_keeps_the_whole_faces(cut_document: Path) -> None:
    """luatexja caches a font's data under its PostScript name, which the subset shares with the
    whole face: LuaLaTeX takes no subset with luatexja loaded, and the build writes none for it."""
    out = _decide(cut_document, luatexja=True)  # the subsets are there and cover the document
    assert f"fallback: {SERIF}:mode=harf;" in out
    assert f"briefing: CJK font {SERIF} in full (luatexja is loaded)" in out
    japanese = cut_document / "ja"
    japanese.mkdir()
    (japanese / "book.tex").write_text("\\usepackage[match]{luatexja-fontspec}\n" + DOCUMENT, encoding="utf-8")
    assert write_subsets(japanese) == {}
    assert list(japanese.glob("briefing-cjk*")) == []
