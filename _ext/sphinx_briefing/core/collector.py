"""Keeps generated pages fresh on incremental builds.

sphinx.ext.todo and sphinx-needs leave listing pages stale when an object on another page changes
(sphinx#9706, sphinx-needs#354): only re-read pages are rewritten. The collector notes which pages
hold listings (``doctree-read``) and, after every read (``env-get-updated``), asks the freshness
decider (:mod:`.freshness`) which pages show something that changed, so that Sphinx rewrites those
too. It stores nothing of its own: what it notes lives in the Domain's store, which clears and
merges it with the page, so it needs none of an ``EnvironmentCollector``'s per-page hooks.

What a listing page read while it was written (store ``listing_reads``, filled by the listings'
context) comes after Sphinx has pickled the environment, so the collector loads it from beside the
doctrees when the builder starts and saves it when the build has finished.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import get_domain
from .freshness import pages_to_rewrite
from .nodes import briefing_listing
from .pipeline import priority
from .store import written_file

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def note_listings(app: Sphinx, doctree: nodes.document) -> None:
    """Note the page as holding a listing (listing pages show every object)."""
    if any(doctree.findall(briefing_listing)):
        get_domain(app.env).note_listing(app.env.docname)


def load_listing_reads(app: Sphinx) -> None:
    """Take what the listing pages read at the last build of this builder (none in a fresh environment)."""
    store = get_domain(app.env).store
    if store.fingerprints:  # an environment of an earlier build: its pages' records are the file's
        store.load_written(written_file(app.env.doctreedir, app.builder.name))


def save_listing_reads(app: Sphinx, exception: Exception | None) -> None:
    """Keep what the listing pages written in this build read, beside the doctrees."""
    if exception is None:
        get_domain(app.env).store.save_written(written_file(app.env.doctreedir, app.builder.name))


def setup_collector(app: Sphinx) -> None:
    app.connect("builder-inited", load_listing_reads, priority=priority("load-listing-reads"))
    app.connect("build-finished", save_listing_reads, priority=priority("save-listing-reads"))
    app.connect("doctree-read", note_listings, priority=priority("note-listings"))
    app.connect("env-get-updated", pages_to_rewrite, priority=priority("pages-to-rewrite"))
