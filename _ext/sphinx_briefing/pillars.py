"""Pillars: the ``pillar`` directive (a banner with leads and key figures, then the policy content),
``{pillar}`` and the pillar overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .listings import ListingContext, register_listing, table
from .model import NOT_STATED, Kind, Record, register_kind
from .nodes import briefing_pillar
from .objects import BriefingObjectDirective, _text, id_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx

KIND = register_kind(
    Kind(
        name="pillar",
        links={"leads": "person", "facts": "fact", "source": "source"},
        display=lambda r: r.get("title") or r.id,
        tooltip=lambda r: "Policy pillar",
    )
)


class PillarDirective(BriefingObjectDirective):
    """``pillar`` — one policy pillar; the body holds the key points, quotes and actions."""

    kind = "pillar"
    required = ("title",)
    option_types = {"title": _text, "leads": id_list, "facts": id_list, "source": _text}

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        banner = nodes.container("", classes=["briefing-pillar-banner"])
        banner += nodes.paragraph("", record.get("title") or NOT_STATED, classes=["briefing-pillar-title"])
        for option, label in (("leads", "Leads: "), ("facts", "Key figures: ")):
            if record.get_list(option):
                line = nodes.paragraph("", "", classes=[f"briefing-pillar-{option}"])
                line += nodes.inline("", label, classes=["briefing-label"])
                line += self.xref_list(record, option)
                banner += line
        children: list[nodes.Node] = [banner, *body]
        if source := self.source_line(record):
            children.append(source)
        return briefing_pillar("", *children, classes=["briefing-pillar"])


def pillar_overview(ctx: ListingContext) -> list[nodes.Node]:
    rows = [
        [
            ctx.ref(p),
            ctx.refs("person", p.get_list("leads")) or NOT_STATED,
            ctx.refs("fact", p.get_list("facts")) or "none",
        ]
        for p in ctx.listed("pillar")
    ]
    return [table(["Pillar", "Leads", "Key figures"], rows, [40, 30, 30])] if rows else []


def setup_pillars(app: Sphinx) -> None:
    app.add_directive("pillar", PillarDirective)
    register_listing("pillar-overview", pillar_overview)
