"""Every id unique: a card's anchor never collides with another id on its page.

A card's anchor (``person-berg``) is also what docutils makes of a heading "Person Berg", and an
author can write the same label (``(fact-volume)=``) or another extension can use it. docutils
then reported a bare "Duplicate ID" error (or none, depending on order) and the HTML carried the
id twice, so links landed on whichever came first. Here the anchors are given once the page is
parsed: where the id is taken, the card keeps it (every briefing link points to it), the other
element's id gets a suffix (its label, if any, follows the new id), and one briefing warning at
the card names the other element and its line.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .diagnostics import Problem, warn
from .pipeline import priority


def _describe(node: nodes.Element) -> str:
    if isinstance(node, nodes.section) and node.children and isinstance(node[0], nodes.title):
        return f"the heading {node[0].astext()!r}"
    if node.get("names"):
        return f"the {node.tagname} labelled {node['names'][0]!r}"
    return f"a {node.tagname} element"


def _free_id(document: nodes.document, base: str) -> str:
    n = 1
    while f"{base}-{n}" in document.ids:
        n += 1
    return f"{base}-{n}"


class ClaimAnchors(SphinxTransform):
    """Give each briefing object its anchor, moving any other element off it (with a warning)."""

    # After docutils' and MyST's own id and target transforms (the last, DanglingReferences, is
    # 850), before Sphinx's DoctreeReadEvent (880): the toc, label and briefing collectors read
    # the final ids (pipeline.py).
    default_priority = priority("claim-anchors")

    def apply(self, **kwargs: Any) -> None:
        document = self.document
        for node in list(document.findall(nodes.Element)):
            anchor = node.get("briefing_anchor")
            if not anchor:
                continue
            del node["briefing_anchor"]
            other = document.ids.get(anchor)
            if other is not None and other is not node:
                new = _free_id(document, anchor)
                other["ids"] = [new if i == anchor else i for i in other["ids"]]
                document.ids[new] = other
                for ref in document.findall(nodes.Element):
                    if ref.get("refid") == anchor and ref is not other:
                        ref["refid"] = new
                where = f"{other.source or node.source}:{other.line}" if other.line else "this page"
                warn(
                    Problem.DUPLICATE_ANCHOR,
                    f"anchor {anchor!r} is also used by {_describe(other)} ({where}); the card "
                    f"keeps it, the other element's anchor is now {new!r} (rename one of them "
                    "so that both stay stable)",
                    node,
                )
            node["ids"].append(anchor)
            document.ids[anchor] = node


def setup_anchors(app: Any) -> None:
    app.add_transform(ClaimAnchors)
