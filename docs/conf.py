"""Sphinx configuration of the Germany–Japan briefing book."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The extension lives beside the book; make it importable even without `pip install -e .`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "_ext"))

# -- The book -------------------------------------------------------------------------------
project = "Germany and Japan: the first intergovernmental consultations"
short_title = "Germany–Japan consultations 2023"
# The compiling office, as the PDF metadata and title page name it.
author = "The briefing project"
copyright = "2026, the briefing authors (compilation); quoted material © its publishers"
version = "1.0"
release = "1.0"
language = "en"
today_fmt = "%d %B %Y"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_briefing",
]
myst_enable_extensions = ["colon_fence", "deflist"]
# Text pasted from anywhere must stay text: MyST's raw-HTML passthrough is off, so "<script>" in a
# page is printed, not run.
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3

# -- Trust a reader can check ----------------------------------------------------------------
# Citations print the source's short label; title, publisher and date show on hover (issue 14).
briefing_citation_style = "short"
# Every mention of an object the sources are unsure of carries this mark (about.md explains it).
briefing_status_marks = {"likely": "likely, single source"}

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = True
# Reproducible output: no build timestamp in the pages.
html_last_updated_fmt = None

# -- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = short_title
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": True,
}
# Read the Docs sets the canonical URL of the version being built.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- EPUB -----------------------------------------------------------------------------------
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"

# -- LaTeX / PDF ----------------------------------------------------------------------------
# lualatex, because the book prints kanji (岸田文雄): the briefing extension gives it FreeFont with a
# Noto CJK fallback (fonts-noto-cjk), and briefing.sty styles people, facts, pillars and quotes.
from sphinx.util.texescape import escape as _tex  # noqa: E402 (LaTeX section only)

latex_engine = "lualatex"
latex_documents = [
    ("index", "briefing-germany-japan.tex", project, author, "manual"),
]
latex_additional_files = ["_latex/briefing-flags.sty"]
# Title page: the occasion, its date and venue (docs/sources.md: emb-japan); the article itself states
# no date, so the page prints the edition (release) and says how current the information is.
_latex_title_page = {
    "briefingtitle": "Germany and Japan",
    "briefingsubtitle": "The first German–Japanese intergovernmental consultations",
    "briefingdate": "18 March 2023",
    "briefingvenue": "Tokyo",
    "briefingedition": f"Edition {release}",
    "briefingstatus": "As published in the sources listed in the book; the primary source states no "
                      "date. Offices as held at the consultations.",
    "briefingshorttitle": short_title,
    "briefingmark": "Briefing book, compiled from public sources",
}
_latex_pdf_info = {
    "pdftitle": project,
    "pdfsubject": "Briefing book: the first German–Japanese intergovernmental consultations, "
                  "Tokyo, 18 March 2023",
    "pdfkeywords": "Germany, Japan, intergovernmental consultations, economic security, briefing book",
    "pdfauthor": author,
}
latex_elements: dict[str, str] = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # One-sided: read on screen or printed single-sided; no blank pages before chapters.
    "extraclassoptions": "openany,oneside",
    "fncychap": "",
    "sphinxsetup": ", ".join([
        "hmargin={22mm,22mm}", "vmargin={26mm,24mm}",
        # Links dark blue: visible, not garish; tables in the box colours of briefing.css.
        "InnerLinkColor={HTML}{1A4F8B}", "OuterLinkColor={HTML}{1A4F8B}",
        "TitleColor={HTML}{1F1F1F}",
        "TableRowColorHeader={HTML}{EEF0F3}", "TableRowColorOdd={HTML}{FFFFFF}",
        "TableRowColorEven={HTML}{F8F9FB}",
    ]),
    "preamble": "\n".join([
        *(f"\\renewcommand\\{name}{{{_tex(value, latex_engine)}}}" for name, value in _latex_title_page.items()),
        "\\hypersetup{" + ", ".join(f"{k}={{{_tex(v, latex_engine)}}}" for k, v in _latex_pdf_info.items()) + "}",
        "\\usepackage{briefing-flags}",
        # Sphinx names the contents after the first toctree caption ("Briefing"); they list all parts.
        "\\addto\\captionsenglish{\\renewcommand{\\contentsname}{Contents}}",
    ]),
    "maketitle": "\\briefingmaketitle",
    "tableofcontents": "\\briefingtableofcontents",
    "printindex": "",
}

# The two-page "At a glance" leaflet (`make latexpdf` writes briefing-germany-japan-at-a-glance.pdf
# next to the book): made of these pages, the first one opening it and linking to the PDF in HTML.
briefing_leaflet = ["at-a-glance"]
