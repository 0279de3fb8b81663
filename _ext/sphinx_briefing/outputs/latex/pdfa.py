"""The archival PDF (PDF/A-2b) and a text layer that reads as written, for every LaTeX build.

- **PDF/A-2b.** LaTeX's PDF management (``\\DocumentMetadata``, TeX Live 2022 and later) writes the
  PDF/A identification, the XMP metadata (title, author, subject and keywords from hyperref's
  ``pdftitle`` … that :mod:`.titlepage` sets from ``briefing_pdf_metadata``, and the document's
  language), an output intent with the sRGB ICC profile of TeX Live's ``colorprofiles`` and embeds
  every font. ``\\DocumentMetadata`` must come before ``\\documentclass``, where Sphinx's template
  lets nothing in (sphinx-doc/sphinx#13134), so this module puts it at the top of each ``.tex`` the
  LaTeX builders wrote (the book's and the leaflet's) when the build has finished, before latexmk
  runs. ``briefing_pdfa = False`` leaves it out.
- **Text layer.** Under LuaLaTeX, ``briefing-textlayer.lua`` (loaded first, with or without PDF/A)
  makes the /ToUnicode of ligature glyphs read "fi", not "ﬁ", and kanji from the CJK fallback
  read as unified ideographs, not compatibility ones; see the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...core.pipeline import priority
from ..assets import LATEX_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEXT_LAYER = LATEX_DIR / "briefing-textlayer.lua"
#: The first line of every .tex that carries the header (so a second run does not add it twice).
MARK = "%% briefing: archival PDF and text layer (sphinx_briefing/outputs/latex/pdfa.py)"


def language_tag(config: Config) -> str:
    """The book's language as a BCP 47 tag for the PDF's /Lang and XMP (``en``, ``de``, ``ja``)."""
    return (config.language or "en").replace("_", "-")


def header(config: Config) -> str:
    """The lines placed before ``\\documentclass``: ``\\DocumentMetadata`` and the text-layer fix."""
    lines = [MARK]
    if config.briefing_pdfa:
        # pdfversion 1.7: what PDF/A-2 builds on; colorprofiles' sRGB is the default output intent.
        lines.append(f"\\DocumentMetadata{{pdfstandard=A-2b, pdfversion=1.7, lang={language_tag(config)}}}")
    if config.latex_engine == "lualatex":
        lines.append(f'\\directlua{{dofile(kpse.find_file("{TEXT_LAYER.name}", "lua"))}}')
    return "\n".join(lines) + "\n"


def _configure(app: Sphinx, config: Config) -> None:
    if config.latex_engine == "lualatex":
        config.latex_additional_files.append(str(TEXT_LAYER))


def _add_header(app: Sphinx, exception: Exception | None) -> None:
    builder = app.builder
    if exception is not None or builder.format != "latex":
        return
    top = header(app.config)
    for entry in getattr(builder, "document_data", ()):
        tex = Path(builder.outdir) / entry[1]
        if not tex.is_file():
            continue
        text = tex.read_text(encoding="utf-8")
        if not text.startswith(MARK):
            tex.write_text(top + text, encoding="utf-8")


def setup_pdfa(app: Sphinx) -> None:
    # After config.validate (400): briefing_pdfa is a bool here.
    app.connect("config-inited", _configure, priority=priority("configure-pdfa"))
    app.connect("build-finished", _add_header, priority=priority("pdfa-header"))


__all__ = ["MARK", "header", "language_tag", "setup_pdfa"]
