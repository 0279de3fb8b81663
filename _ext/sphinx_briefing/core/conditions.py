"""Objects inside ``only`` blocks exist in exactly the outputs that render them.

An object is recorded when its page is read, whatever ``{only} latex`` around it says; Sphinx
drops the block later, per builder. The HTML book therefore listed the LaTeX-only fact in its
key figures and linked to an anchor the page did not have. Here the ``only`` expressions around
each object are kept beside its record (cleared with its page), and :func:`rendered` (the Domain's
:meth:`~.domain.BriefingDomain.rendered`) tells the Domain, the listings and the export whether the current builder shows the object: where it does
not, it is not listed, not exported, not in the inventory, and a reference to it is plain text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from .domain import get_domain

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import Record

_KEY = "conditions"


def _conditions(env: BuildEnvironment) -> dict[tuple[str, str, str], list[str]]:
    """(kind, id, docname) -> the ``only`` expressions around that definition."""
    return get_domain(env).conditions


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
        expressions = [a["expr"] for a in _ancestors(node) if isinstance(a, addnodes.only)]
        if expressions:
            for kind, ident in keys:
                conditions[(kind, ident, docname)] = expressions


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out


class ConditionsCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        conditions = _conditions(env)
        for key in [k for k in conditions if k[2] == docname]:
            del conditions[key]

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        # From a worker: only the other environment's domain data is set up, not its domains.
        theirs: dict[tuple[str, str, str], list[str]] = other.domaindata["briefing"].get(_KEY, {})
        _conditions(env).update((k, v) for k, v in theirs.items() if k[2] in docnames)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        note_conditions(app, doctree)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Pages to rewrite when an object moved into or out of an ``only`` block.

        Its record is unchanged, so the Domain's fingerprints see nothing; the listings, the
        pages referring to it and its own page show it differently all the same.
        """
        domain = get_domain(env)
        current = dict(_conditions(env))
        previous = cast("dict[tuple[str, str, str], list[str]]", domain.data.get("conditions_seen", {}))
        domain.data["conditions_seen"] = current
        changed = {k for k in current.keys() | previous.keys() if current.get(k) != previous.get(k)}
        if not changed:
            return []
        pairs = {(kind, ident) for kind, ident, _ in changed}
        docs = set(domain.listing_docs) | {docname for _, _, docname in changed}
        docs |= {doc for doc, refs in domain.references.items() if pairs.intersection(refs)}
        return sorted(docs & env.found_docs)


def setup_conditions(app: Sphinx) -> None:
    app.add_env_collector(ConditionsCollector)
