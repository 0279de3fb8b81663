"""The shipped kinds of object, one module each: people, organisations, events, pillars, facts,
quotations and sources (with their companions: figures in prose for facts, citation styles for
sources); agreements and positions; and the office's own, objectives and points to make.

Each module declares its :class:`~sphinx_briefing.core.kinds.Kind` and a ``setup_kind``; a kind a book
declares in its own ``conf.py`` goes through exactly the same API.

May import: ``core``, ``listings``, ``checks`` and ``i18n.catalog``; never another package's output code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (
    agreements,
    events,
    facts,
    objectives,
    organisations,
    people,
    pillars,
    points,
    positions,
    quotes,
    sources,
)
from .citations import setup_citations
from .figures import setup_figures

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The shipped kinds in the order they register, which is the order of kinds in "Cited by".
SHIPPED = (events, facts, organisations, people, pillars, quotes, sources, agreements, positions, objectives, points)


def setup_kinds(app: Sphinx) -> None:
    """Register every shipped kind (directive, role, object type, listings), in :data:`SHIPPED` order,
    then the companions: citation numbers (env-updated, 400: before late text resolves at 500) and
    figures in prose (their post-transform (9) after the quotations' of the same priority)."""
    setup_citations(app)
    for module in SHIPPED:
        module.setup_kind(app)
    setup_figures(app)
