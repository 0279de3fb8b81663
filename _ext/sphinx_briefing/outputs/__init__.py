"""What leaves the build: ``briefing.json`` and its import, the Word edition (:mod:`.docx`), intersphinx display names, the single
builders' visitors, the navigation's heading levels (:mod:`.aria`), typography, static assets, printing, the archives' published text (:mod:`.archives`),
the search index's anchors and Japanese query splitting (:mod:`.search`); :mod:`.latex` for the PDF (title page,
typesetting, the language's packages, the "At a glance" leaflet, PDF/A and the text layer).

May import: ``core``, ``listings``, ``kinds``, ``checks`` and ``i18n``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .archives import setup_archives
from .aria import setup_aria
from .assets import setup_assets
from .docx import setup_docx
from .export import setup_export
from .handling import setup_handling
from .hovers import setup_hovers
from .intersphinx import setup_intersphinx
from .latex.cjk import setup_cjk
from .latex.language import setup_latex_language
from .latex.leaflet import setup_leaflet
from .latex.pdfa import setup_pdfa
from .latex.titlepage import setup_titlepage
from .latex.typesetting import setup_typesetting
from .mentions import setup_mentions
from .printing import setup_printing
from .search import setup_search
from .typography import setup_typography
from .writers import setup_writers

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_outputs(app: Sphinx) -> None:
    """Last: what leaves the build works on finished pages (post-transforms from 4 to 960).

    Among ties, the order here is the order they run: the single builders' visitors (900) before
    the LaTeX reshaping (910, 915); the stylesheets in cascade order (briefing.css, then the
    editions' and the print sheet, which set their own CSS priority).
    """
    setup_writers(app)
    setup_aria(app)
    setup_assets(app)
    setup_export(app)
    setup_hovers(app)
    setup_archives(app)
    setup_search(app)
    setup_titlepage(app)
    setup_latex_language(app)
    setup_typesetting(app)
    setup_typography(app)
    setup_mentions(app)
    setup_leaflet(app)
    setup_pdfa(app)  # PDF/A and the text layer: a build-finished handler, after the LaTeX is written
    setup_cjk(app)  # the Noto CJK subsets: a build-finished handler too
    setup_docx(app)  # the Word builders (docx, briefing-leaflet-docx)
    setup_printing(app)
    setup_handling(app)  # after printing: its print header stays the page's first line
    setup_intersphinx(app)
