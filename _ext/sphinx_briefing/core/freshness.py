"""The one freshness decider: which pages to rewrite after an edit, and why.

Sphinx rewrites the pages it re-read; a briefing page also shows what other pages define (a
listing, a reference's text and hover text, a citation number, the navigation). :func:`decide`
gathers, after every read, the pages each *input* says are stale, and the collector
(:mod:`.collector`, Sphinx's ``env-get-updated``) hands their union to Sphinx.
Each input keeps its own memory of the last build in the store and answers once per build:

========== ============================================================= ==========================
input      says stale                                                    module
========== ============================================================= ==========================
objects    pages showing an object (or an object it links) that was     :meth:`.BriefingDomain.dependants_of_changes`
           added, changed or removed; for the HTML builders that keep
           hover texts in one file, a page citing an object only when
           what its link shows changed (name, status); a listing page
           when what its listings read changed (:mod:`.reads`)
conditions pages showing an object that moved into or out of ``only``    :func:`.conditions.changed_pages`
structure  every page, when the toctrees or a page title changed         :func:`.structure.changed_pages`
citations  pages citing a source whose number moved                      ``briefing-outdated`` (kinds.citations)
previous   every card and listing page, when the previous edition changed ``briefing-outdated`` (changes.previous)
leaflet    the page with the leaflet's download line, when the PDF came   ``briefing-outdated`` (outputs.latex.leaflet)
editions   every page, when another edition's HTML came or went          ``briefing-outdated`` (i18n.editions)
========== ============================================================= ==========================

Every input compares its value with the last build's through one helper,
:meth:`.Store.since_last_build`, which also remembers the new one. Inputs from outside the core (a
kind's own numbering) connect to the ``briefing-outdated`` event and return ``(name, pages)``. The decision of the last build, input by input, is kept on the
Domain (:attr:`.BriefingDomain.last_freshness`) and logged with ``-v``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from sphinx.util import logging

from . import conditions, structure
from .domain import get_domain, hover_texts_inline
from .internals import builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: The event through which an input outside the core reaches the decider: handlers take
#: ``(app, env)`` and return ``(input name, pages)``.
OUTDATED_EVENT = "briefing-outdated"

#: The core's own inputs, in the order they are asked (each keeps its own memory; the union is
#: order-free).
CORE_INPUTS: tuple[tuple[str, Callable[[BuildEnvironment], Iterable[str]]], ...] = (
    # A page's links carry the hover text of what they cite, unless the builder keeps hover texts in
    # one file (HTML with briefing.js): then a changed role rewrites the file, not every citing page.
    ("objects", lambda env: get_domain(env).dependants_of_changes(hover_texts_inline(builder(env)))),
    ("conditions", conditions.changed_pages),
    ("structure", structure.changed_pages),
)


def decide(app: Sphinx, env: BuildEnvironment) -> dict[str, set[str]]:
    """Ask every input once: input name -> the pages it says must be rewritten (existing pages only)."""
    decision = {name: set(pages) & env.found_docs for name, pages in ((n, f(env)) for n, f in CORE_INPUTS)}
    for answer in app.emit(OUTDATED_EVENT, env):
        if answer is not None:
            name, pages = answer
            decision[name] = decision.get(name, set()) | (set(pages) & env.found_docs)
    get_domain(env).last_freshness = decision
    for name, pages in decision.items():
        if pages:
            logger.verbose("briefing: %s: rewriting %s", name, ", ".join(sorted(pages)))
    return decision


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The union of :func:`decide`, sorted: what Sphinx rewrites besides the pages it re-read."""
    return sorted(set().union(*decide(app, env).values()))


def setup_freshness(app: Sphinx) -> None:
    app.add_event(OUTDATED_EVENT)
