"""The document's own subsets of Noto CJK, written beside the LaTeX it serves (LuaLaTeX).

luaotfload builds the Noto CJK fallback of the book's Latin fonts (``fonts-lualatex.tex``) anew for
every size of every font, copying the face's whole character table: some 65,000 glyphs, so a book
with one kanji name paid about 6 CPU-seconds and 500 MB per LuaLaTeX pass for it. When a LaTeX build
has written its files, this module cuts each Noto CJK face the document names down to the characters
the document has (and the glyphs their OpenType features reach, so HarfBuzz shapes them as before),
with HarfBuzz's subsetter (``uharfbuzz``), and writes:

- ``briefing-cjk-<face>-<hash>.otf``, one per face (the hash is of the subset's bytes: luaotfload
  caches a font's metrics under its file name, so a new cut never meets an old one's cache);
- ``briefing-cjk.lua``, the manifest ``briefing-fonts.lua`` reads: the characters the subsets were cut
  for and each face's file and glyph count.

``briefing-fonts.lua`` takes the subsets only if they cover every character of the document as it
finds it at LaTeX time; otherwise (a ``.tex`` edited by hand since) it loads the whole faces, as
without this module. Everything is beside the ``.tex``, so Read the Docs' own ``latexmk`` finds it
too. The subset keeps the face's metrics and layout tables: the PDF embeds the same glyphs.

Each subset has a PostScript name of its own, the face's with six capital letters from the subset's
bytes after it (``NotoSerifCJKjp-Regular-SJIFOM``; the full name likewise), for luatexja (the
Japanese edition, which takes its Japanese fonts from the subsets too): it caches a font's data under
the PostScript name (``extra_<name>.luc``, valid while the font file's date is unchanged), so a subset
named as its face would share that entry with the whole face and with every other document's subset,
and two builds at once would rewrite it under each other (latexmk, seeing an input change, would run
LuaLaTeX again). Another subset gets another name; the same subset (the same document built in two
directories) gets the same name and the same file date (the face's), so it finds the entry valid and
leaves it alone. The letters go after the name, not before it as a PDF's subset tag (``ABCDEF+``):
LuaTeX puts its own tag before the name it embeds, so the PDF names the font
``KCMRJA+NotoSerifCJKjp-Regular-SJIFOM``, where a prefix would have made it ``KCMRJA+SJIFOM+…``.

Faces are found with fontconfig (``fc-list``), as luaotfload finds them; a face fontconfig does not
know is left out (LuaLaTeX then looks for it by name, and fails as it would have).
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from ...core.pipeline import priority
from ..assets import FONTS_LUA

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The manifest briefing-fonts.lua reads (beside the .tex).
MANIFEST = "briefing-cjk.lua"
#: The subsets' file names: briefing-cjk-<PostScript name>-<hash of the bytes>.otf.
SUBSET_GLOB = "briefing-cjk-*.otf"
#: A Noto CJK face as the preamble names it (fonts-lualatex.tex, or a project's own fontpkg). A
#: string: ``re`` compiles it (and keeps it in its cache) when a LaTeX build looks for faces.
FACE = r"(?<![\w-])Noto(?:Sans|Serif)(?:Mono)?CJK(?:jp|kr|sc|tc|hk)-[A-Za-z]+(?![\w-])"
#: What the LaTeX builder writes and briefing-fonts.lua reads (.cls too: a superset does no harm).
SOURCES = ("*.tex", "*.sty", "*.cls")


def in_cjk_script(code: int) -> bool:
    """Whether *code* is Hangul Jamo (U+1100-11FF) or from U+2E80 on (CJK radicals, kana, kanji,
    Hangul syllables, fullwidth forms, the supplementary ideographs)."""
    return 0x1100 <= code <= 0x11FF or code >= 0x2E80


def document_text(outdir: Path) -> str:
    """The text of every ``.tex``, ``.sty`` and ``.cls`` file in *outdir* (what LaTeX will typeset)."""
    return "".join(path.read_text(encoding="utf-8", errors="replace")
                   for pattern in SOURCES for path in sorted(outdir.glob(pattern)))


def faces_named(text: str) -> list[str]:
    """The Noto CJK PostScript names in *text* (``NotoSerifCJKjp-Regular`` …), sorted, once each."""
    return sorted(set(re.findall(FACE, text)))


def locate_faces(names: list[str]) -> dict[str, tuple[Path, int]]:
    """The font file and face index of each PostScript name fontconfig knows (``fc-list``).

    A name fontconfig does not know, or a machine without ``fc-list``, is left out of the result.
    """
    fc_list = shutil.which("fc-list")
    if not names or fc_list is None:
        return {}
    listing = subprocess.run([fc_list, "--format", "%{postscriptname}\t%{index}\t%{file}\n"],
                             capture_output=True, text=True, check=False).stdout
    found: dict[str, tuple[Path, int]] = {}
    for line in listing.splitlines():
        name, _, rest = line.partition("\t")
        index, _, file = rest.partition("\t")
        if name in names and name not in found and index.isdigit() and file:
            found[name] = (Path(file), int(index))
    return found


def cut(font: Path, index: int, characters: set[int]) -> tuple[bytes, int]:
    """The face *index* of *font* cut down to *characters*: the OpenType bytes and the glyph count.

    Every layout feature, name and language is kept (only glyphs and characters go), with the glyphs
    the features reach from the characters (HarfBuzz's closure), so HarfBuzz shapes the document's
    text with the subset as with the whole face.
    """
    import uharfbuzz as hb  # only LaTeX builds need it

    face = hb.Face(hb.Blob.from_file_path(str(font)), index)
    wanted = hb.SubsetInput()
    wanted.unicode_set.update(characters)
    # Each set's default is a selection (the default features, names 0-6, English names): clear it,
    # then invert the empty set, which means "all".
    for kept in (wanted.layout_feature_tag_set, wanted.layout_script_tag_set, wanted.name_id_set,
                 wanted.name_lang_id_set):
        kept.clear()
        kept.invert()
    wanted.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    subset = hb.subset(face, wanted)
    if subset is None:
        raise ValueError(f"HarfBuzz could not subset face {index} of {font}")
    return subset.blob.data, subset.glyph_count


def subset_tag(data: bytes) -> str:
    """Six capital letters derived from *data* (a subset's bytes), as PDF subset tags are written
    (ISO 32000-1, 9.6.4): the same subset always gets the same letters, another subset others."""
    digest = hashlib.sha256(data).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def renamed(data: bytes, tag: str) -> bytes:
    """The OpenType font *data* with *tag* after its PostScript name (name ID 6, ``-<tag>``) and its
    full name (ID 4, `` <tag>``); every other table is copied as it was (fontTools decompiles only
    the tables it is asked for, here ``name`` and ``head``, whose file checksum it sets again).

    Why: luatexja caches a font's data (``extra_<PostScript name>.luc``) under the PostScript name,
    which a subset would otherwise share with the whole face and with every other document's subset
    of it; two builds at once would rewrite each other's cache (see the module). Raises fontTools'
    :class:`~fontTools.ttLib.TTLibError` for data that is not an OpenType font.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    for record in font["name"].names:
        if record.nameID in (4, 6):
            record.string = record.toUnicode() + (f" {tag}" if record.nameID == 4 else f"-{tag}")
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def write_subsets(outdir: Path) -> dict[str, tuple[str, int]]:
    """Write the subsets of the Noto CJK faces the LaTeX in *outdir* names, and their manifest.

    Returns ``{PostScript name of the face: (file name, glyphs)}``; empty (and no manifest) when the
    document has no character of Noto CJK's own scripts (:func:`in_cjk_script`: kana, kanji, Hangul).
    A document whose only such characters are symbols FreeFont lacks (①, ☆) gets the whole faces, as
    before. Each subset gets a name of its own, ``<name>-<tag>`` (:func:`renamed`, :func:`subset_tag`),
    and its face's file date (see the module). Subsets of an earlier build that the manifest no longer
    names are removed.
    """
    text = document_text(outdir)
    characters = {ord(char) for char in text if ord(char) > 0x7F}
    written: dict[str, tuple[str, int]] = {}
    if any(in_cjk_script(code) for code in characters):
        for name, (font, index) in sorted(locate_faces(faces_named(text)).items()):
            data, glyphs = cut(font, index, characters)
            data = renamed(data, subset_tag(data))
            path = outdir / f"briefing-cjk-{name}-{hashlib.sha256(data).hexdigest()[:12]}.otf"
            if not path.is_file():
                path.write_bytes(data)
            stat = font.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            written[name] = (path.name, glyphs)
    for stale in outdir.glob(SUBSET_GLOB):
        if stale.name not in {file for file, _ in written.values()}:
            stale.unlink()
    manifest = outdir / MANIFEST
    if written:
        manifest.write_text(manifest_text(characters, written), encoding="utf-8")
    elif manifest.is_file():
        manifest.unlink()
    return written


def manifest_text(characters: set[int], subsets: dict[str, tuple[str, int]]) -> str:
    """``briefing-cjk.lua``: a Lua table of the characters the subsets were cut for and the subsets."""
    # Only characters above U+007F, so no quote or backslash can end the Lua string early.
    covered = "".join(chr(code) for code in sorted(characters) if code > 0x7F)
    fonts = "".join(f'    ["{name}"] = {{file = "{file}", glyphs = {glyphs}}},\n'
                    for name, (file, glyphs) in sorted(subsets.items()))
    return ("-- Written by sphinx_briefing (outputs/latex/cjk.py) with the LaTeX beside it; read by\n"
            "-- briefing-fonts.lua. The non-ASCII characters of the document the subsets were cut for:\n"
            f'return {{\n  characters = "{covered}",\n  fonts = {{\n{fonts}  }},\n}}\n')


def _write_subsets(app: Sphinx, exception: Exception | None) -> None:
    builder = app.builder
    if exception is not None or builder.format != "latex" or app.config.latex_engine != "lualatex":
        return
    if FONTS_LUA.name not in app.config.latex_elements.get("fontpkg", ""):
        return  # a project's own fonts, without briefing-fonts.lua: nothing would read the subsets
    written = write_subsets(Path(builder.outdir))
    for name, (file, glyphs) in written.items():
        logger.info("briefing: %s cut to %d glyphs for this document: %s", name, glyphs, file)


def setup_cjk(app: Sphinx) -> None:
    app.connect("build-finished", _write_subsets, priority=priority("cjk-subsets"))


__all__ = ["MANIFEST", "cut", "faces_named", "in_cjk_script", "locate_faces", "manifest_text", "renamed", "setup_cjk", "subset_tag", "write_subsets"]
