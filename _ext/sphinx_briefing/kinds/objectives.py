"""Objectives: the ``objective`` directive (what the office wants from a meeting or on a pillar),
``{objective}``, the ``objectives`` listing and the ``pillar-brief``, a pillar's topic paper in the
trip book's order.

An objective is the office's own (:attr:`~sphinx_briefing.core.kinds.Kind.office`): written by the
book's authors, never taken from the sources. Every card, listing entry, hover text and
``briefing.json`` entry says so ("Prepared by the office — not from the sources"), and the archive and
uncited checks leave its own words out (a quotation inside it is still checked verbatim, as every
quotation is). It may cite what it rests on: ``:rests-on:`` names positions, facts,
agreements, quotations or sources, and its body may use their roles.

``pillar-brief`` gathers, for one pillar (``:pillar:``), its Objective, Points to make, If raised,
then the positions stated on it ("Their position" when ``:country:`` says whose), in the order of a
State Department topic paper; the page's own text (the background) follows it. Placed on a page the
"At a glance" leaflet prints (``briefing_leaflet``), ``objectives`` puts the objectives on the leaflet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import OFFICE_CLASS, OFFICE_LABEL_CLASS, Kind, Option, office_label
from ..core.model import Record
from ..core.registry import register_kind
from ..i18n.catalog import _, label
from ..listings.api import Listing, ListingContext, ListingOption
from .positions import pillar_id, position_rows, positions_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: What an objective or a point to make may rest on (``:rests-on:``).
GROUNDS = ("position", "fact", "agreement", "quote", "source")


def office_entries(ctx: ListingContext, records: list[Record]) -> nodes.Element:
    """The office's own records as a list under their label: each linked, with what it rests on."""
    block = nodes.container("", classes=[OFFICE_CLASS, "briefing-office-entries"])
    block += nodes.paragraph("", office_label(), classes=[OFFICE_LABEL_CLASS])
    items = nodes.bullet_list()
    for record in records:
        para = nodes.paragraph("", "", ctx.ref(record))
        if grounds := record.get_list("rests-on"):
            para += nodes.Text(" (")
            para += nodes.inline("", label("Rests on"), classes=["briefing-label"])
            para.extend(ctx.refs("|".join(GROUNDS), grounds))
            para += nodes.Text(")")
        items += nodes.list_item("", para)
    block += items
    return block


def on_pillar(ctx: ListingContext, kind: str) -> list[Record]:
    """The listed records of *kind* on the listing's ``:pillar:`` (all of them without one)."""
    wanted = ctx.options.get("pillar")
    return [r for r in ctx.listed(kind) if not wanted or pillar_id(ctx, r) == wanted]


def objectives(ctx: ListingContext) -> list[nodes.Node]:
    """The objectives (of one pillar, or all), under the office's label."""
    records = on_pillar(ctx, "objective")
    return [office_entries(ctx, records)] if records else []


def pillar_brief(ctx: ListingContext) -> list[nodes.Node]:
    """Objective, Points to make, If raised, then the positions: each part only where it has entries."""
    points = on_pillar(ctx, "point-to-make")
    parts: list[tuple[str, list[Record]]] = [
        (_("Objective"), on_pillar(ctx, "objective")),
        (_("Points to make"), [p for p in points if (p.get("when") or "proactively") != "if raised"]),
        (_("If raised"), [p for p in points if (p.get("when") or "proactively") == "if raised"]),
    ]
    out: list[nodes.Node] = []
    for heading, records in parts:
        if records:
            out += [nodes.rubric("", heading, classes=["briefing-listing-group"]), office_entries(ctx, records)]
    if stated := positions_of(ctx):
        heading = _("Their position") if ctx.options.get("country") else _("Positions, as stated publicly")
        out += [nodes.rubric("", heading, classes=["briefing-listing-group"]), position_rows(ctx, stated)]
    return out


KIND = Kind(
    name="objective",
    description="The office's objectives (its own words, not from the sources).",
    options=(
        Option("title", required=True, doc="The objective in a line, in the office's words."),
        Option("pillar", link="pillar", doc="The pillar it is on; default: the pillar above it on its page."),
        Option("rests-on", link=GROUNDS, many=True,
               doc="The positions, facts, agreements, quotations or sources it rests on."),
    ),
    display=lambda r: r.get("title") or r.id,
    tooltip=lambda r: _("Objective"),
    office=True,
    listings={
        "objectives": Listing(
            objectives,
            (ListingOption("pillar", link="pillar", phrase="on the pillar {}",
                           doc="Only the objectives on this pillar."),),
            noun="objectives",
        ),
        "pillar-brief": Listing(
            pillar_brief,
            (
                ListingOption("pillar", link="pillar", phrase="on the pillar {}",
                              doc="The pillar whose objective, points and positions it gathers."),
                ListingOption("country", phrase="from {}",
                              doc="Whose positions it shows, under \"Their position\" (the other side's country)."),
            ),
            noun="entries",
        ),
    },
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND, shipped=True)
