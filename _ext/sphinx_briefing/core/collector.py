"""Keeps generated pages fresh on incremental builds.

sphinx.ext.todo and sphinx-needs leave listing pages stale when an object on another page changes
(sphinx#9706, sphinx-needs#354): only re-read pages are rewritten. The collector notes which pages
hold listings (``doctree-read``) and, after every read (``env-get-updated``), asks the freshness
decider (:mod:`.freshness`) which pages show something that changed, so that Sphinx rewrites those
too. It stores nothing of its own: what it notes lives in the Domain's store, which clears and
merges it with the page, so it needs none of an ``EnvironmentCollector``'s per-page hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import get_domain
from .freshness import pages_to_rewrite
from .nodes import briefing_listing
from .pipeline import priority

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def note_listings(app: Sphinx, doctree: nodes.document) -> None:
    """Note the page as holding a listing (listing pages show every object)."""
    if any(doctree.findall(briefing_listing)):
        get_domain(app.env).note_listing(app.env.docname)


def setup_collector(app: Sphinx) -> None:
    app.connect("doctree-read", note_listings, priority=priority("note-listings"))
    app.connect("env-get-updated", pages_to_rewrite, priority=priority("pages-to-rewrite"))
