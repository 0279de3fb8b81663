"""briefing: Sphinx directives, roles and listings for policy briefing books.

``setup`` only wires the modules together; each concept lives in its own module:
people, pillars, facts, quotes and sources (one object kind each, declared as a
:class:`~sphinx_briefing.kinds.Kind`), listings, the Domain, the collector that keeps listing pages
fresh, node classes and static assets.

The public API for kinds of a book's own (see the authoring guide): :class:`Kind`, :class:`Option`
and :func:`register_kind`; listing builders use :class:`ListingContext` and :func:`table`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import facts, people, pillars, quotes, sources
from .assets import setup_assets
from .collector import setup_collector
from .domain import BriefingDomain, warn_missing_reference
from .export import setup_export
from .kinds import Kind, Option, register_kind
from .listings import ListingContext, setup_listings, table
from .nodes import setup_nodes
from .objects import BriefingObjectDirective, setup_objects

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
__all__ = ["BriefingObjectDirective", "Kind", "ListingContext", "Option", "register_kind", "setup", "table"]

PACKAGE_DIR = Path(__file__).parent


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_domain(BriefingDomain)
    app.connect("warn-missing-reference", warn_missing_reference)
    setup_nodes(app)
    setup_objects(app)
    setup_listings(app)
    # Each kind registers its directive, role, object type and listings in one call; the order
    # only decides the order of kinds in "Cited by".
    people.setup_people(app)
    pillars.setup_pillars(app)
    facts.setup_facts(app)
    quotes.setup_quotes(app)
    sources.setup_sources(app)
    setup_collector(app)
    setup_assets(app)
    setup_export(app)
    return {
        "version": __version__,
        "env_version": BriefingDomain.data_version,
        # Proven by tests/test_parallel.py (identical -j 1 / -j 2 output, direct merge test).
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
