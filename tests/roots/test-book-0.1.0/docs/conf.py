"""Sphinx configuration of the briefing book "Testland and Examplia: the annual consultations" (written by `sphinx-briefing new`)."""

from __future__ import annotations

import os

# -- The book -------------------------------------------------------------------------------
project = 'Testland and Examplia: the annual consultations'
author = 'Office of Test Briefings'
copyright = '2026, Office of Test Briefings'
version = "0.1"
release = "0.1"
language = 'en'

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_briefing",
]
myst_enable_extensions = ["colon_fence", "deflist"]
# Text pasted from anywhere stays text: MyST's raw-HTML passthrough is off.
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = True

# -- The book's settings: title page, running header, footer, PDF metadata ---------------------
# Each is checked when the build starts; a wrong one gives a "briefing.bad-config" warning.
briefing_title = project
briefing_subtitle = ""
briefing_occasion = 'The annual Testland–Examplia consultations'
briefing_date = '1 April 2030'
briefing_venue = 'Exampleville'
briefing_status = "As published in the sources listed in the book."
briefing_short_title = ""  # running header of the PDF; default: the title
briefing_footer_mark = ""  # a line in the PDF's footer, e.g. "Compiled from public sources"
briefing_pdf_metadata = {"subject": 'The annual Testland–Examplia consultations, Exampleville, 1 April 2030', "keywords": []}
briefing_emblems: list[str] = []  # images for the title page, e.g. ["_emblems/logo.pdf"]

# -- HTML -----------------------------------------------------------------------------------
html_theme = "furo"
html_title = project
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
# Read the Docs sets the canonical URL of the version being built.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")

# -- EPUB -----------------------------------------------------------------------------------
epub_basename = 'testland-and-examplia-the-annual-consultations'
epub_show_urls = "no"

# -- PDF ------------------------------------------------------------------------------------
# LuaLaTeX sets any script (names in their own script too): sphinx-briefing gives it FreeFont with a
# Noto CJK fallback. The title page comes from the briefing_* settings above.
latex_engine = "lualatex"
latex_documents = [("index", 'testland-and-examplia-the-annual-consultations.tex', project, author, "manual")]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    "extraclassoptions": "openany,oneside",
    "fncychap": "",
    "printindex": "",
}
