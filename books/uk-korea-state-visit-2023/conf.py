"""Sphinx configuration of the briefing book on the state visit of the President of the Republic of
Korea to the United Kingdom, 20–23 November 2023 (a book of the shelf in books/)."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

# The extension lives at the repository's root, two levels up; importable without `pip install -e .`.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "_ext"))

# -- The book -------------------------------------------------------------------------------
project = "The Republic of Korea's state visit to the United Kingdom"
short_title = "UK–Korea state visit 2023"
author = "The briefing project"
copyright = ("2026, the briefing authors (compilation); quoted material © its publishers; "
             "Crown copyright and Parliamentary material under the Open Government and Open "
             "Parliament Licences v3.0")
version = "1.0"
release = "1.0"
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")
# The German edition: one .po file per page in locale/de/LC_MESSAGES/ (sphinx-intl), and conf.po for
# the texts of this file. Pages without a translation are shown in English.
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
# Text pasted from anywhere stays text: no raw HTML from a page reaches the site.
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3

# -- Trust a reader can check ----------------------------------------------------------------
briefing_citation_style = "short"
briefing_status_marks = {"likely": "likely, single source"}
# Every sentence stating a figure, a date, a quotation or an act cites its source in that sentence.
briefing_check_uncited = True
# Runs of 8 words or more copied from an archived source are reported, as in the Germany–Japan book.
briefing_copy_words = 8

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "SOURCES.md"]
nitpicky = True
html_last_updated_fmt = None

# -- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = short_title
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": True,
}
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- EPUB -----------------------------------------------------------------------------------
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"

# -- The book's settings: title page, running header, footer, PDF metadata ---------------------
# The visit's dates: arrival on 20 November, the State Visit proper from 21 to 23 November 2023
# (sources.md: palace-programme).
briefing_title = "The United Kingdom and the Republic of Korea"
briefing_occasion = "State visit to the United Kingdom by President Yoon Suk Yeol of the Republic of Korea"
briefing_date = "20–23 November 2023"
briefing_venue = "London"
briefing_status = ("As published in the sources listed in the book, 8 to 27 November 2023. "
                   "Offices as held during the state visit.")
briefing_short_title = short_title
briefing_handling = "PUBLIC — compiled from open sources — not an official document of either government"
briefing_prepared_on = datetime.date(2026, 12, 7)
briefing_prepared_by = author
briefing_reference = "BB-UK-KR-2023-01"
# The last dated source (the joint statement's release, 27 November 2023).
briefing_information_as_of = datetime.date(2023, 11, 27)
briefing_pdf_metadata = {
    "subject": ("Briefing book: state visit of the President of the Republic of Korea to the "
                "United Kingdom, London, 20–23 November 2023"),
    "keywords": ["United Kingdom", "Republic of Korea", "state visit", "Downing Street Accord",
                 "free trade agreement", "briefing book"],
}

# -- LaTeX / PDF ----------------------------------------------------------------------------
latex_engine = "lualatex"
briefing_pillar_pages = True
latex_documents = [
    ("index", "briefing-uk-korea.tex", project, author, "manual"),
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

# The two-page "At a glance" leaflet (briefing-uk-korea-at-a-glance.pdf beside the book's PDF).
briefing_leaflet = ["at-a-glance"]
