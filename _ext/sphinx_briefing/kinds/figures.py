"""Figures in prose: a fact's number alone, linked to its fact box and following its value.

``{fact}`visas-2023``` prints value and unit ("90,000 visas per year"). In a sentence that names
the unit once ("from 20,000 to 90,000 visas per year"), the first figure needs the number alone:
``{fact-value}`visas-2022```. Neither form retypes the number; both are references to the fact,
resolved at write time, so they follow its value and count as mentions for incremental rebuilds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from ..core.domain import BriefingXRefRole
from ..core.late_text import REFERENCE_TEXT, give_text, untitled
from ..core.pipeline import priority
from .facts import number_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.domain import BriefingDomain

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


def value_text(app: Sphinx, refs: list[addnodes.pending_xref], domain: BriefingDomain) -> None:
    """A ``{fact-value}``'s late text (core/late_text.py): the fact's current value.

    An explicit title is the author's and stays (the provider is not asked); an unknown fact keeps
    its id (the reference resolver warns about it).
    """
    for ref in untitled(refs):
        if ref.get("briefing_form") != "value":
            continue
        record = domain.get("fact", ref["reftarget"])
        if record is not None and (value := number_text(record)):
            # In the body's type, like {fact}: the display type (briefing-fact-number) is the
            # factbox's, and "signed in **July**" in headline red read as a shout.
            give_text(ref, nodes.inline("", value, classes=["briefing-ref", "briefing-ref-fact"]))


def setup_figures(app: Sphinx) -> None:
    app.add_role(ROLE, FactValueRole())
    app.add_role_to_domain("briefing", ROLE, FactValueRole())
    app.connect(REFERENCE_TEXT, value_text, priority=priority("current-value-text"))
