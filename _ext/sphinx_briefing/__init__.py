"""briefing: Sphinx directives, roles and listings for policy briefing books.

``setup`` only wires the modules together; each concept lives in its own module: one per object
kind (people, pillars, facts, quotes, sources …, each declaring a :class:`~sphinx_briefing.kinds.Kind`
and a ``setup_kind``, found here by that name, so adding a kind means adding its module and nothing
else), listings, the Domain, the collector that keeps listing pages fresh, node classes and static
assets.

The public API for kinds of a book's own (see the authoring guide): :class:`Kind`, :class:`Option`
and :func:`register_kind`; listing builders use :class:`ListingContext` and :func:`table`.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .anchors import setup_anchors
from .archive import setup_archive
from .assets import setup_assets
from .citations import setup_citations
from .collector import setup_collector
from .conditions import setup_conditions
from .conf_catalog import setup_conf_catalog
from .config import setup_config
from .diagnostics import setup_diagnostics
from .domain import BriefingDomain, get_domain, warn_missing_reference
from .editions import setup_editions
from .export import setup_export
from .fences import setup_fences
from .figures import setup_figures
from .fingerprint import env_version
from .headings import setup_headings
from .i18n import setup_i18n
from .intersphinx import setup_intersphinx
from .kinds import Kind, Option, register_kind
from .latex_language import setup_latex_language
from .leaflet import setup_leaflet
from .listings import ListingContext, setup_listings, table
from .nodes import setup_nodes
from .objects import BriefingObjectDirective, setup_objects
from .printing import setup_printing
from .relationship_map import setup_relationship_map
from .replay import setup_replay
from .status import setup_status
from .structure import setup_structure
from .text import setup_text
from .titlepage import setup_titlepage
from .typesetting import setup_typesetting
from .typography import setup_typography
from .writers import setup_writers

if TYPE_CHECKING:
    from types import ModuleType

    from sphinx.application import Sphinx

__version__ = "0.1.0"
__all__ = ["BriefingObjectDirective", "Kind", "ListingContext", "Option", "register_kind", "setup", "table"]

PACKAGE_DIR = Path(__file__).parent


def kind_modules() -> list[ModuleType]:
    """The package's kind modules (those defining ``setup_kind``), in name order."""
    modules = (importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__))
    return sorted((m for m in modules if hasattr(m, "setup_kind")), key=lambda m: m.__name__)


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)  # every briefing_* value, checked at config-inited
    setup_i18n(app)  # the extension's catalog, the language of dates and numbers, option values
    setup_conf_catalog(app)  # conf.py's texts in the edition's language (its conf.po)
    app.add_domain(BriefingDomain)
    app.connect("write-started", lambda app, builder: get_domain(app.env).start_writing())
    app.connect("warn-missing-reference", warn_missing_reference)
    setup_nodes(app)
    setup_status(app)
    setup_citations(app)
    setup_archive(app)
    setup_writers(app)
    setup_objects(app)
    setup_listings(app)
    # Each kind registers its directive, role, object type and listings in one call; the order
    # only decides the order of kinds in "Cited by".
    for module in kind_modules():
        module.setup_kind(app)
    setup_relationship_map(app)
    setup_figures(app)
    setup_collector(app)
    setup_diagnostics(app)
    setup_assets(app)
    setup_export(app)
    setup_titlepage(app)
    setup_latex_language(app)
    setup_editions(app)
    setup_typesetting(app)
    setup_typography(app)
    setup_leaflet(app)
    setup_printing(app)
    setup_replay(app)
    setup_headings(app)
    setup_text(app)
    setup_intersphinx(app)
    setup_fences(app)
    setup_conditions(app)
    setup_anchors(app)
    setup_structure(app)
    return {
        "version": __version__,
        # Any change to the extension's files (code or assets) rebuilds every page: fingerprint.py.
        "env_version": env_version(),
        # Proven by tests/test_parallel.py (identical -j 1 / -j 2 output, direct merge test).
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
