"""Node classes of the briefing extension.

Each subclasses a concrete docutils node, so any builder without a dedicated visitor (text, man,
texinfo, epub …) falls back to the parent's visitor through Sphinx's MRO dispatch. Only LaTeX gets
visitors of its own, because its container and block-quote visitors drop the node ids that the
cross-references point to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


class briefing_object(nodes.container):  # noqa: N801 (docutils names nodes in lower case)
    """The card of any briefing object (person, fact, a book's own kind …).

    It carries the classes ``briefing-<kind>`` and ``briefing-object``: CSS and ``briefing.sty``
    style every card through the shared class, and a kind may add its own look through its own.
    """


class briefing_quote(nodes.block_quote):  # noqa: N801
    """A verbatim quotation with its attribution."""


class briefing_listing(nodes.container):  # noqa: N801
    """Placeholder for a generated listing; replaced by a table or list before writing."""


def _latex_visit_container(self: LaTeXTranslator, node: nodes.Element) -> None:
    # The target goes inside the box, with an anchor of its own, so a link lands on the box itself
    # even when briefing.sty moves the box to the next page.
    self.visit_container(node)
    self.body.append(self.hypertarget_to(node, anchor=True))


def _latex_depart_container(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_container(node)


def _latex_visit_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    # sphinxuseclass wraps the quote so the shipped .sty can style it like the HTML.
    self.body.append("\n\\begin{sphinxuseclass}{briefing-quote}")
    self.body.append(self.hypertarget_to(node, anchor=True))
    self.visit_block_quote(node)


def _latex_depart_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_block_quote(node)
    self.body.append("\n\\end{sphinxuseclass}")


def _wrap(node: nodes.Element, classes: list[str]) -> None:
    """Put *node* into a container with *classes* (not replace_self: it would copy the node's ids)."""
    box = nodes.container("", classes=classes)
    node.parent.replace(node, box)
    box += node


class LaTeXClassedParagraphs(SphinxPostTransform):
    """LaTeX only: give classed paragraphs a shape ``briefing.sty`` can style.

    The LaTeX writer drops a paragraph's classes but opens ``sphinxclass<class>`` for a container's,
    so a paragraph such as ``briefing-person-name`` moves into a container carrying its classes.
    """

    default_priority = 900  # late: after listings (5) and references (10) are in place
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for para in list(self.document.findall(nodes.paragraph)):
            classes = [c for c in para["classes"] if c.startswith("briefing-")]
            if classes:
                _wrap(para, classes)


def setup_nodes(app: Sphinx) -> None:
    # Subclasses of briefing_object (a kind's own node) inherit these through Sphinx's MRO dispatch.
    app.add_node(briefing_object, latex=(_latex_visit_container, _latex_depart_container))
    app.add_node(briefing_quote, latex=(_latex_visit_quote, _latex_depart_quote))
    app.add_node(briefing_listing)
    app.add_post_transform(LaTeXClassedParagraphs)
