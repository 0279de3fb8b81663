"""briefing: Sphinx directives, roles and listings for policy briefing books.

``setup`` only wires the modules together; each concept lives in its own module:
people, pillars, facts, quotes and sources (one object kind each), listings, the Domain, the
collector that keeps listing pages fresh, node classes and static assets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import facts, people, pillars, quotes, sources
from .assets import setup_assets
from .collector import setup_collector
from .domain import BriefingDomain, BriefingXRefRole, warn_missing_reference
from .export import setup_export
from .listings import setup_listings
from .nodes import setup_nodes
from .objects import setup_objects

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).parent


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_domain(BriefingDomain)
    # The roles are also available without the ``briefing:`` prefix, as the book uses them.
    for role in BriefingDomain.roles:
        app.add_role(role, BriefingXRefRole())
    app.connect("warn-missing-reference", warn_missing_reference)
    setup_nodes(app)
    setup_objects(app)
    people.setup_people(app)
    pillars.setup_pillars(app)
    facts.setup_facts(app)
    quotes.setup_quotes(app)
    sources.setup_sources(app)
    setup_listings(app)
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
