"""Objects inside ``only`` blocks exist in exactly the outputs that render them.

An object is recorded when its page is read, whatever ``{only} latex`` around it says; Sphinx
drops the block later, per builder. The HTML book therefore listed the LaTeX-only fact in its
key figures and linked to an anchor the page did not have. Here the ``only`` expressions around
each object are kept beside its record (declared in the store, cleared and merged with its page),
and :func:`rendered` (the Domain's :meth:`~.domain.BriefingDomain.rendered`) tells the Domain, the
listings and the export whether the current builder shows the object: where it does
not, it is not listed, not exported, not in the inventory, and a reference to it is plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .domain import get_domain
from .nodes import ancestors
from .pipeline import priority

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import Record


def _conditions(env: BuildEnvironment) -> dict[tuple[str, str, str], list[str]]:
    """(kind, id, docname) -> the ``only`` expressions around that definition."""
    return get_domain(env).store.conditions


def rendered(env: BuildEnvironment, record: Record) -> bool:
    """Whether the current builder shows *record* (False inside an ``only`` it excludes)."""
    return get_domain(env).rendered(record)


def _object_keys(node: nodes.Element, kinds: Set[str]) -> list[tuple[str, str]]:
    keys = []
    ids: list[str] = node.get("ids", [])
    for anchor in ids:
        kind, _, ident = anchor.partition("-")
        if kind in kinds and ident:
            keys.append((kind, ident))
    return keys


def note_conditions(app: Sphinx, doctree: nodes.document) -> None:
    conditions = _conditions(app.env)
    docname = app.env.docname
    kinds = set(get_domain(app.env).kinds)
    for node in doctree.findall(nodes.Element):
        keys = _object_keys(node, kinds)
        if not keys:
            continue
        expressions = [a["expr"] for a in ancestors(node) if isinstance(a, addnodes.only)]
        if expressions:
            for kind, ident in keys:
                conditions[(kind, ident, docname)] = expressions





def changed_pages(env: BuildEnvironment) -> set[str]:
    """Freshness input (:mod:`.freshness`): pages to rewrite when an object moved into or out of
    an ``only`` block since the last build.

    Its record is unchanged, so the Domain's fingerprints see nothing; the listings, the pages
    referring to it and its own page show it differently all the same.
    """
    domain = get_domain(env)
    store = domain.store
    changed = store.since_last_build("conditions_seen", dict(store.conditions)).changed_keys()
    if not changed:
        return set()
    pairs = {(kind, ident) for kind, ident, _ in changed}
    docs = set(domain.listing_docs) | {docname for _, _, docname in changed}
    docs |= {doc for doc, refs in domain.references.items() if pairs.intersection(refs)}
    return docs


def setup_conditions(app: Sphinx) -> None:
    # Stored in the Domain (store.DECLARED "conditions"), which clears and merges it with the page.
    app.connect("doctree-read", note_conditions, priority=priority("note-conditions"))
