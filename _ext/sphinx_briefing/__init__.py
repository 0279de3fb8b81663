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

from typing import TYPE_CHECKING, Any

from .checks.archive import setup_archive
from .checks.fences import setup_fences
from .checks.replay import setup_replay
from .checks.uncited import setup_uncited
from .core.anchors import setup_anchors
from .core.collector import setup_collector
from .core.conditions import setup_conditions
from .core.config import setup_config
from .core.diagnostics import setup_diagnostics
from .core.domain import BriefingDomain, get_domain, warn_missing_reference
from .core.fingerprint import env_version
from .core.headings import setup_headings
from .core.kinds import Kind, Option, register_kind
from .core.nodes import setup_nodes
from .core.objects import BriefingObjectDirective, setup_objects
from .core.status import setup_status
from .core.structure import setup_structure
from .core.text import setup_text
from .i18n.catalog import setup_i18n
from .i18n.conf_catalog import setup_conf_catalog
from .i18n.editions import setup_editions
from .kinds import setup_kinds
from .kinds.citations import setup_citations
from .kinds.figures import setup_figures
from .listings.api import ListingContext, setup_listings, table
from .listings.relationship_map import setup_relationship_map
from .outputs.assets import setup_assets
from .outputs.export import setup_export
from .outputs.intersphinx import setup_intersphinx
from .outputs.latex.language import setup_latex_language
from .outputs.latex.leaflet import setup_leaflet
from .outputs.latex.titlepage import setup_titlepage
from .outputs.latex.typesetting import setup_typesetting
from .outputs.printing import setup_printing
from .outputs.typography import setup_typography
from .outputs.writers import setup_writers

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
__all__ = ["BriefingObjectDirective", "Kind", "ListingContext", "Option", "register_kind", "setup", "table"]

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
    setup_kinds(app)
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
    setup_uncited(app)
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
