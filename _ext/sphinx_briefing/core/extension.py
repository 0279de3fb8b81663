"""``setup_core``: what the engine adds to Sphinx, in the order it must be added.

Kept apart from ``core/__init__.py`` on purpose: a package's ``__init__`` runs whenever any of its
modules is imported, and the lower layer (``i18n.catalog``, ``core.internals``) must be importable
without loading the whole engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .anchors import setup_anchors
from .collector import setup_collector
from .conditions import setup_conditions
from .config import setup_config
from .diagnostics import setup_diagnostics
from .domain import BriefingDomain, get_domain, warn_missing_reference
from .freshness import setup_freshness
from .headings import setup_headings
from .heap import setup_heap
from .late_text import setup_late_text
from .nodes import setup_nodes
from .objects import setup_objects
from .pipeline import priority
from .registry import setup_registry
from .status import setup_status
from .text import setup_text
from .walk import setup_pipeline

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_core(app: Sphinx) -> None:
    """Settings, the Domain, nodes, the object directive and the registry of kinds, then the
    collectors and transforms that keep records and late text fresh.

    Order matters only where two registrations tie: the settings first (every later handler reads
    them); the registry before any kind registers (it declares ``briefing-kind-registered``); the
    collectors in the order their ``get_updated_docs`` used to run (the union is order-free, but
    ``conditions`` keeps its last-seen state as it goes).
    """
    setup_config(app)  # every briefing_* value, checked at config-inited (400)
    setup_freshness(app)  # declares briefing-outdated before any input connects to it
    setup_pipeline(app)  # the one walk: declares briefing-walk before any step connects to it
    app.add_domain(BriefingDomain)
    app.connect("write-started", lambda app, builder: get_domain(app.env).start_writing(),
                priority=priority("start-writing"))
    app.connect("warn-missing-reference", warn_missing_reference, priority=priority("warn-missing-reference"))
    setup_nodes(app)  # the node classes every kind and output uses
    setup_status(app)  # the trust status every kind takes
    setup_objects(app)  # the one object directive and its post-transform (5)
    setup_registry(app)  # before setup_kinds: declares the event listings listen to
    setup_late_text(app)  # before setup_kinds: declares the event kinds give late text on (9)
    setup_collector(app)  # which pages to rewrite when a record changes
    setup_diagnostics(app)  # the warning table of the guide
    setup_headings(app)  # a reference's text in headings, before the toctree copies them
    setup_text(app)  # late text of records (env-updated, after the sources are numbered)
    setup_conditions(app)  # objects inside `only` blocks
    setup_anchors(app)
    setup_heap(app)  # the cycle collector spared the loaded environment while pages are read and written
