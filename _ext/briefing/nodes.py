"""Node classes of the briefing extension.

Each subclasses a concrete docutils node, so any builder without a dedicated visitor (text, man,
texinfo, epub …) falls back to the parent's visitor through Sphinx's MRO dispatch. Only LaTeX gets
visitors of its own, because its container and block-quote visitors drop the node ids that the
cross-references point to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


class briefing_person(nodes.container):  # noqa: N801 (docutils names nodes in lower case)
    """A profile card."""


class briefing_pillar(nodes.container):  # noqa: N801
    """A policy pillar: banner plus content."""


class briefing_fact(nodes.container):  # noqa: N801
    """A key-figure box."""


class briefing_source(nodes.container):  # noqa: N801
    """A bibliography entry."""


class briefing_quote(nodes.block_quote):  # noqa: N801
    """A verbatim quotation with its attribution."""


class briefing_listing(nodes.container):  # noqa: N801
    """Placeholder for a generated listing; replaced by a table or list before writing."""


_CONTAINERS = (briefing_person, briefing_pillar, briefing_fact, briefing_source)


def _latex_visit_container(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(self.hypertarget_to(node))
    self.visit_container(node)


def _latex_depart_container(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_container(node)


def _latex_visit_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(self.hypertarget_to(node))
    # sphinxuseclass wraps the quote so the shipped .sty can style it like the HTML.
    self.body.append("\n\\begin{sphinxuseclass}{briefing-quote}")
    self.visit_block_quote(node)


def _latex_depart_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_block_quote(node)
    self.body.append("\n\\end{sphinxuseclass}")


def setup_nodes(app: Sphinx) -> None:
    for node_class in _CONTAINERS:
        app.add_node(node_class, latex=(_latex_visit_container, _latex_depart_container))
    app.add_node(briefing_quote, latex=(_latex_visit_quote, _latex_depart_quote))
    app.add_node(briefing_listing)
