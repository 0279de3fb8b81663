"""Sphinx configuration of the Germany–Japan briefing book."""

from __future__ import annotations

import datetime
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
# The edition: English by default; `make html LANGUAGE=de` passes -D language=de, and Read the Docs
# passes the language of the project it builds (one project per edition; README).
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")
# The German and Japanese editions: one .po file per page in docs/locale/<language>/LC_MESSAGES/,
# kept with sphinx-intl (`make gettext`, `make update-po LANGUAGE=de`). The texts of this file (title,
# occasion, venue, status, PDF metadata ...) are translated in the same place, in conf.po: every
# edition reads them in its own language (the extension's conf_catalog.py).
locale_dirs = ["locale/"]
gettext_compact = False
# The editions, the original first: each HTML page links to itself in the others (editions.py).
briefing_editions = ["en", "de", "ja"]
# The authoring guide is the toolkit's manual, not part of the briefing: English book only, and never
# sent to translators (left out of `make gettext`).
briefing_original_only = ["authoring-guide"]
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
# Citations are notes in the manner of CRS (issue 22.5): a muted superscript number per source and page,
# the page's notes at its end (footnotes in the PDF), the full entry on hover. A citation the sentence
# needs as a word prints the source's short label.
briefing_citation_style = "notes"
# A person or organisation links at its first mention in a section; later mentions are plain text.
briefing_first_mention_links = ["person", "organisation"]
# Every mention of an object the sources are unsure of carries this mark (about.md explains it).
briefing_status_marks = {"likely": "likely, single source"}
# Every sentence stating a figure, a date, a quotation or a person's act cites its source in that
# sentence (briefing.uncited); a summary of facts cited nearby is marked {cited-nearby}`…`.
briefing_check_uncited = True
# Runs of 8 words or more copied from the archived article are reported (the toolkit's default is 12):
# the review of 6 December 2026 found runs of 8 to 13 words.
briefing_copy_words = 8

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

# -- The book's settings: title page, running header, footer, PDF metadata ---------------------
# The occasion, its date and venue (docs/sources.md: emb-japan); the article itself states no date,
# so the title page prints the edition (release) and says how current the information is.
briefing_title = "Germany and Japan"
briefing_occasion = "The first German–Japanese intergovernmental consultations"
# A date, not a text: each edition writes it in its own form (18 March 2023, 18. März 2023, 2023年3月18日).
briefing_date = datetime.date(2023, 3, 18)
briefing_venue = "Tokyo"
briefing_status = ("As published in the sources listed in the book; the primary source states no date. "
                   "Offices as held at the consultations.")
briefing_short_title = short_title
# Handling and preparation: the handling line heads and closes every page (PDF, leaflet, HTML and
# print); the title page names the rest once, the leaflet's foot all of them, and EPUB and
# briefing.json carry them as metadata. The office's own words, not a source's.
briefing_handling = "PUBLIC — compiled from open sources — not an official document of either government"
briefing_prepared_on = datetime.date(2026, 12, 6)
briefing_prepared_by = author
briefing_reference = "BB-DE-JP-2023-01"
# The consultations' day: the sources report them as of then (docs/sources.md: emb-japan).
briefing_information_as_of = datetime.date(2023, 3, 18)
briefing_pdf_metadata = {
    "subject": "Briefing book: the first German–Japanese intergovernmental consultations, Tokyo, 18 March 2023",
    "keywords": ["Germany", "Japan", "intergovernmental consultations", "economic security", "briefing book"],
}
# The two flags, drawn by scripts/draw-flags (vector PDFs, colours and proportions stated there).
briefing_emblems = ["_emblems/germany.pdf", "_emblems/japan.pdf"]

# -- LaTeX / PDF ----------------------------------------------------------------------------
# lualatex, because the book prints kanji (岸田文雄): the briefing extension gives it FreeFont with a
# Noto CJK fallback (fonts-noto-cjk), and briefing.sty styles people, facts, pillars and quotes.
latex_engine = "lualatex"
# The pillars are presented "one page each" (pillars/index.md): so they are on paper.
briefing_pillar_pages = True
latex_documents = [
    ("index", "briefing-germany-japan.tex", project, author, "manual"),
]
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
    # (The contents are named in the edition's language, not after the first toctree's caption
    # "Briefing", since they list all parts: the extension's latex_language.py.)
    "printindex": "",
}

# -- Changes since the previous edition -------------------------------------------------------
# The book's briefing.json as it stood on 29 November 2026 (built from commit 63db7aa, before the
# programme and the organisations were added): the "What changed" page lists what is new since, and
# cards and listing rows carry a "new" or "changed" mark.
briefing_previous_edition = {
    "location": "_previous/briefing-2026-11-29.json",
    "label": "Draft 1",
    "date": datetime.date(2026, 11, 29),
}

# The two-page "At a glance" leaflet (`make latexpdf` writes briefing-germany-japan-at-a-glance.pdf
# next to the book): made of these pages, the first one opening it and linking to the PDF in HTML.
briefing_leaflet = ["at-a-glance"]

# -- The authoring guide: the toolkit's manual, a document of its own beside the book ------------------
# An orphan page with nosearch (its front matter): in no contents, search result, PDF, EPUB, leaflet
# or edition of the book; "About this book" links to it once. `make manual` builds its own PDF with
# `-t manual`, which makes it the LaTeX root document, without the book's title page and handling.
epub_exclude_files = ["authoring-guide.xhtml"]
# (Sphinx puts `tags` into conf.py's namespace; a plain `runpy` of this file has none.)
if globals().get("tags") is not None and globals()["tags"].has("manual"):
    latex_documents = [
        ("authoring-guide", "sphinx-briefing-authoring-guide.tex", "sphinx-briefing: authoring guide",
         "The sphinx-briefing authors", "howto"),
    ]
    latex_elements["maketitle"] = r"\sphinxmaketitle"
    latex_elements["tableofcontents"] = r"\sphinxtableofcontents"
    briefing_short_title = "sphinx-briefing: authoring guide"
    briefing_handling = briefing_reference = briefing_information_as_of = ""
    briefing_emblems = []


def setup(app: object) -> None:
    """The Japanese edition names Japan first (日本とドイツ), and its title page sets the flags in that
    order. Decided at config-inited: ``-D language=ja`` arrives after this file has run."""

    def flags_in_title_order(app: object, config: object) -> None:
        if getattr(config, "language", None) == "ja":
            config.briefing_emblems = list(reversed(config.briefing_emblems))  # type: ignore[attr-defined]

    # After the toolkit checks the settings (priority 400), before it writes the title page (450).
    app.connect("config-inited", flags_in_title_order, priority=420)  # type: ignore[attr-defined]
