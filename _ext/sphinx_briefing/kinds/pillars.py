"""Pillars: the ``pillar`` directive (a banner with leads and key figures, then the policy content),
``{pillar}`` and the pillar overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import Kind, Option
from ..core.model import Record, not_stated
from ..core.objects import BriefingObjectDirective
from ..core.registry import register_kind
from ..i18n.catalog import _, label
from ..listings.api import ListingContext, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class PillarDirective(BriefingObjectDirective):
    """``pillar`` — one policy pillar; the body holds the key points, quotes and actions."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        banner = nodes.container("", classes=["briefing-pillar-banner"])
        banner += nodes.paragraph("", record.get("title") or not_stated(), classes=["briefing-pillar-title"])
        for option, heading in (("leads", "Leads"), ("facts", "Key figures")):
            if record.get_list(option):
                line = nodes.paragraph("", "", classes=[f"briefing-pillar-{option}"])
                line += nodes.inline("", label(heading), classes=["briefing-label"])
                line += self.xref_list(record, option)
                banner += line
        children: list[nodes.Node] = [banner, *body]
        if source := self.source_line(record):
            children.append(source)
        return self.card(*children)


def pillar_overview(ctx: ListingContext) -> list[nodes.Node]:
    rows = [
        [
            ctx.ref(p),
            ctx.refs("person", p.get_list("leads")) or not_stated(),
            ctx.refs("fact", p.get_list("facts")) or _("none"),
        ]
        for p in ctx.listed("pillar")
    ]
    return [table([_("Pillar"), _("Leads"), _("Key figures")], rows, [40, 30, 30])] if rows else []


KIND = Kind(
    name="pillar",
    description="Policy pillars: a banner with leads and key figures, then the policy content.",
    options=(
        Option("title", required=True),
        Option("leads", link="person", many=True, doc="The people leading the pillar."),
        Option("facts", link="fact", many=True, doc="The pillar's key figures."),
        Option("source", link="source"),
    ),
    display=lambda r: r.get("title") or r.id,
    tooltip=lambda r: _("Policy pillar"),
    listings={"pillar-overview": pillar_overview},
    directive=PillarDirective,
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
