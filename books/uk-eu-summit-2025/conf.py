"""Sphinx configuration of the UK–EU summit briefing book (the shelf's summit book, issue 24.5)."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

# The extension lives at the repository's top; make it importable even without `pip install -e .`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "_ext"))

# -- The book -------------------------------------------------------------------------------
project = "The United Kingdom and the European Union: the first UK–EU summit"
short_title = "UK–EU summit 2025"
# The compiling office, as the PDF metadata and title page name it.
author = "The briefing project"
copyright = ("2026, the briefing authors (compilation); quoted material © its publishers "
             "(Crown copyright under the Open Government Licence v3.0; © European Union)")
version = "1.0"
release = "1.0"
# The edition: English by default; `-D language=de` builds the German one (locale/de/LC_MESSAGES).
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")
locale_dirs = ["locale/"]
gettext_compact = False
briefing_editions = ["en", "de"]
today_fmt = "%d %B %Y"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_briefing",
]
myst_enable_extensions = ["colon_fence", "deflist"]
# Text pasted from anywhere must stay text: no raw HTML.
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3

# -- Trust a reader can check ----------------------------------------------------------------
briefing_citation_style = "short"
# "likely" here: a text whose speaker the excerpt does not name, attributed through a passage another
# official source gives word for word (sources.md: vdl-remarks).
briefing_status_marks = {"likely": "attribution inferred"}
# Every sentence stating a figure, a date, a quotation or an act cites its source in that sentence.
briefing_check_uncited = True
# Runs of 8 words or more copied from an archived source are reported (as in docs/conf.py).
briefing_copy_words = 8

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "SOURCES.md"]
nitpicky = True
html_last_updated_fmt = None

# -- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = short_title
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {"navigation_with_keys": True}
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- EPUB -----------------------------------------------------------------------------------
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"

# -- The book's settings: title page, running header, footer, PDF metadata ---------------------
# The occasion, its date and venue: the Joint Statement (date, London) and the EEAS's summit page
# (Lancaster House); sources.md.
briefing_title = "The United Kingdom and the European Union"
briefing_occasion = "The first UK–EU summit"
briefing_date = datetime.date(2025, 5, 19)
briefing_venue = "Lancaster House, London"
briefing_status = ("As published in the sources listed in the book: official texts of the UK "
                   "Government and of the EU institutions. Offices as held at the summit.")
briefing_short_title = short_title
briefing_handling = "PUBLIC — compiled from open sources — not an official UK or EU document"
briefing_prepared_on = datetime.date(2026, 12, 7)
briefing_prepared_by = author
briefing_reference = "BB-UK-EU-2025-01"
# The latest source the book uses is the EU's statement at the OSCE of 29 May 2025.
briefing_information_as_of = datetime.date(2025, 5, 29)
briefing_pdf_metadata = {
    "subject": "Briefing book: the first UK–EU summit, London, 19 May 2025",
    "keywords": ["United Kingdom", "European Union", "summit", "Security and Defence Partnership",
                 "briefing book"],
}

# -- LaTeX / PDF ----------------------------------------------------------------------------
# lualatex, as the repository's first book: the toolkit's fonts and briefing.sty.
latex_engine = "lualatex"
briefing_pillar_pages = True
latex_documents = [
    ("index", "briefing-uk-eu-summit.tex", project, author, "manual"),
]
latex_elements: dict[str, str] = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "extraclassoptions": "openany,oneside",
    "fncychap": "",
    "sphinxsetup": ", ".join([
        "hmargin={22mm,22mm}", "vmargin={26mm,24mm}",
        "InnerLinkColor={HTML}{1A4F8B}", "OuterLinkColor={HTML}{1A4F8B}",
        "TitleColor={HTML}{1F1F1F}",
        "TableRowColorHeader={HTML}{EEF0F3}", "TableRowColorOdd={HTML}{FFFFFF}",
        "TableRowColorEven={HTML}{F8F9FB}",
    ]),
    "printindex": "",
}

# The two-page "At a glance" leaflet (briefing-uk-eu-summit-at-a-glance.pdf next to the book).
briefing_leaflet = ["at-a-glance"]
