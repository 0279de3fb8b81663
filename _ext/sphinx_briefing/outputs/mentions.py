"""A name links at its first mention in a section, not every time (``briefing_first_mention_links``).

A page that names the Chancellor six times in a section, each a blue link, reads like an index; a
briefing links the first mention and sets the others as text. The setting names the kinds
(``["person", "organisation"]``); each section (the innermost one holding the mention) starts afresh.
A later mention keeps its words and its status mark ("likely, single source"), only the link goes.
Mentions in a table, a card or a note are not counted and stay links: a listing's column and a
card's fields are looked things up, not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.nodes import briefing_object
from ..core.pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Where a mention is looked up rather than read: it stays a link and is not counted.
_LOOKED_UP = (nodes.entry, briefing_object, nodes.footnote, nodes.title, nodes.rubric, nodes.field_list)


class FirstMentionLinks(SphinxPostTransform):
    """Unlink every mention after the first of an object of the configured kinds, per section."""

    default_priority = priority("first-mention-links")

    def run(self, **kwargs: Any) -> None:
        kinds = list(self.config.briefing_first_mention_links)
        if not kinds:
            return
        wanted = {f"briefing-{kind}-ref" for kind in kinds}
        seen: dict[int, set[str]] = {}
        for ref in list(self.document.findall(nodes.reference)):
            if "briefing-object-ref" not in ref["classes"] or not wanted.intersection(ref["classes"]):
                continue
            section = self._section_of(ref)
            if section is None:
                continue
            target = ref.get("refuri", "") + "#" + ref.get("refid", "")
            mentioned = seen.setdefault(id(section), set())
            if target not in mentioned:
                mentioned.add(target)
                continue
            text = nodes.inline("", "", *ref.children,
                                classes=[c for c in ref["classes"] if c != "briefing-hover"] + ["briefing-mention"])
            ref.replace_self(text)

    @staticmethod
    def _section_of(node: nodes.Node) -> nodes.Element | None:
        """The innermost section holding *node* (or the page), None where the mention is looked up."""
        parent = node.parent
        while parent is not None:
            if isinstance(parent, _LOOKED_UP):
                return None
            if isinstance(parent, (nodes.section, addnodes.start_of_file, nodes.document)):
                return parent
            parent = parent.parent
        return None


def setup_mentions(app: Sphinx) -> None:
    app.add_post_transform(FirstMentionLinks)
