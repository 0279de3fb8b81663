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
author = "Compiled from public sources"
copyright = "2026, the briefing authors (compilation); quoted material © its publishers"
version = "1.0"
release = "1.0"
language = "en"
today_fmt = "%d %B %Y"

extensions = [
    "myst_parser",
    "sphinx_design",
    "briefing",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

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
latex_engine = "lualatex"
latex_documents = [
    ("index", "briefing-germany-japan.tex", project, author, "manual"),
]
latex_elements: dict[str, str] = {
    "papersize": "a4paper",
    "pointsize": "10pt",
}
