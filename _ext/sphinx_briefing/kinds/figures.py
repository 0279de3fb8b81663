"""Figures in prose: a fact's number alone, linked to its fact box and following its value.

``{fact}`visas-2023``` prints value and unit ("90,000 visas per year"). In a sentence that names
the unit once ("from 20,000 to 90,000 visas per year"), the first figure needs the number alone:
``{fact-value}`visas-2022```. Neither form retypes the number; both are references to the fact,
resolved at write time, so they follow its value and count as mentions for incremental rebuilds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.domain import BriefingXRefRole, get_domain
from .facts import number_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

ROLE = "fact-value"


class FactValueRole(BriefingXRefRole):
    """``{fact-value}`id``` — a reference to fact *id* showing its value without the unit."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "briefing", "fact"
        self.classes = ["xref", "briefing", "briefing-fact", "briefing-fact-value"]
        return self.create_xref_node()

    def result_nodes(
        self, document: nodes.document, env: BuildEnvironment, node: nodes.Element, is_ref: bool
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        result = super().result_nodes(document, env, node, is_ref)
        node["briefing_context"] = f"{ROLE} role"
        node["briefing_form"] = "value"
        return result


class FactValueText(SphinxPostTransform):
    """Give each ``{fact-value}`` the fact's current value as its text, before references resolve.

    An explicit title is the author's and stays; an unknown fact keeps its id (the reference
    resolver warns about it).
    """

    default_priority = 9  # before ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("briefing_form") != "value" or node.get("refexplicit"):
                continue
            record = domain.get("fact", node["reftarget"])
            if record is not None and (value := number_text(record)):
                node.children = [
                    nodes.inline("", value, classes=["briefing-ref", "briefing-ref-fact", "briefing-fact-number"])
                ]
                node.children[0].parent = node
                node["refexplicit"] = True


def setup_figures(app: Sphinx) -> None:
    app.add_role(ROLE, FactValueRole())
    app.add_role_to_domain("briefing", ROLE, FactValueRole())
    app.add_post_transform(FactValueText)
