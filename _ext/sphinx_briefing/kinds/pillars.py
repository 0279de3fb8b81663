"""Pillars: the ``pillar`` directive (a banner with leads and key figures, then the policy content),
``{pillar}`` and the pillar overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import Kind, Option
from ..core.model import Record, not_stated
from ..core.objects import BriefingObjectDirective
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..core.walk import RESOLVED_EVENT
from ..i18n.catalog import _, label
from ..listings.api import ListingContext, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.walk import ResolvedPage


class PillarDirective(BriefingObjectDirective):
    """``pillar`` — one policy pillar; the body holds the key points, quotes and actions."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        banner = nodes.container("", classes=["briefing-pillar-banner"])
        banner += nodes.paragraph("", record.get("title") or record.id, classes=["briefing-pillar-title"])
        for option, heading in (("leads", "Leads"), ("facts", "Key figures")):
            if record.get_list(option):
                line = nodes.paragraph("", "", classes=[f"briefing-pillar-{option}"])
                line += nodes.inline("", label(heading), classes=["briefing-label"])
                line += self.xref_list(record, option)
                banner += line
        # The pillar's source heads its content, in the banner: after a body that holds cards of
        # its own (an agreement, a position) it would read as the last card's.
        if source := self.source_line(record):
            banner += source
        return self.card(banner, *body)


#: The class of a change mark (changes.listing), which this module may not import.
MARK = "briefing-change-mark"


def banner_title_under_heading(app: Sphinx, page: ResolvedPage) -> None:
    """A pillar's banner drops its title under a heading of the same words (the pillar's own page).

    There the card would set the section's title again, larger than the heading itself; elsewhere
    (a pillar inside another section) the title heads the banner. A step of the resolved walk
    (core/walk.py).
    """
    for title in page.paragraphs:
        if "briefing-pillar-title" not in title["classes"]:
            continue
        section = title.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        if section is None or not len(section) or not isinstance(section[0], nodes.title):
            continue
        # The "new"/"changed" mark of the previous-edition comparison is not part of the
        # title's words; it stays, alone on the banner's first line, when the words go.
        marks = [c for c in title.children if isinstance(c, nodes.Element) and MARK in c["classes"]]
        words = "".join(c.astext() for c in title.children if c not in marks)
        if " ".join(section[0].astext().split()) != " ".join(words.split()):
            continue
        if marks:
            title[:] = marks
            title["classes"] = ["briefing-pillar-marks"]
        else:
            title.parent.remove(title)


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
    app.connect(RESOLVED_EVENT, banner_title_under_heading, priority=priority("banner-title-under-heading"))
