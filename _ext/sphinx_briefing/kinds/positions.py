"""Positions: the ``position`` directive (what a person, organisation or government states on a
pillar), ``{position}`` and the ``positions`` listing ("The German line, as stated publicly").

A position keeps the source's own verb as its stance (``wants to``, ``intends to``, ``hopes``,
``agreed``, ``stated``, ``called for``): free text, so the source's hedge is never turned into a
firmer word, and translated in an edition like any text option. What is stated is the
``:statement:``, in the author's words; where the position rests on a quotation, ``:quote:`` links
it. A government is an organisation (``:name: Government of Japan``). A position needs its actor
(``briefing.missing-option``) and its source (``briefing.no-source``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import Kind, Option
from ..core.model import Record, not_stated
from ..core.objects import BriefingObjectDirective, field
from ..core.registry import register_kind
from ..i18n.catalog import _
from ..listings.api import Cell, Listing, ListingContext, ListingOption, table
from .quotes import pillar_of, speaker_order

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Who states a position: a person, or an organisation (a ministry, a government).
ACTOR_KINDS = "person|organisation"


def pillar_id(ctx: ListingContext, record: Record) -> str:
    """The pillar a record is on: its ``:pillar:``, else the last pillar above it on its page."""
    if record.get("pillar"):
        return record.get("pillar")
    above = pillar_of(ctx, record)
    return above.id if above else ""


def actor_country(ctx: ListingContext, record: Record) -> tuple[str, str]:
    """(country as shown, country as written) of the position's actor; empty when none is given."""
    actor = ctx.get(ACTOR_KINDS, record.get("actor"))
    if actor is None:
        return "", ""
    return actor.get("country"), actor.originals.get("country", "")


def positions_of(ctx: ListingContext) -> list[Record]:
    """The listed positions that pass the listing's ``actor``, ``pillar`` and ``country`` filters."""
    found = []
    for record in ctx.listed("position"):
        if (actor := ctx.options.get("actor")) and record.get("actor") != actor:
            continue
        if (pillar := ctx.options.get("pillar")) and pillar_id(ctx, record) != pillar:
            continue
        shown, original = actor_country(ctx, record)
        if "country" in ctx.options and not (shown and ctx.matches(shown, "country", original)):
            continue
        found.append(record)
    return found


def stance_line(ctx: ListingContext, record: Record) -> list[nodes.Node]:
    """``wants to: deepen cooperation on raw materials`` with the statement linked to the card."""
    out: list[nodes.Node] = []
    if stance := record.get("stance"):
        # The source's verb, set apart from the author's words that follow it.
        out.append(nodes.emphasis("", _("{label}: ").format(label=stance), classes=["briefing-position-stance"]))
    out.append(ctx.ref(record))
    return out


def position_rows(ctx: ListingContext, records: list[Record]) -> nodes.Element:
    """One table: stance and statement, pillar, quotation, source."""
    rows: list[list[Cell]] = [
        [
            stance_line(ctx, r),
            ctx.refs("pillar", [p]) if (p := pillar_id(ctx, r)) else not_stated(),
            ctx.refs("quote", [r.get("quote")]) if r.get("quote") else not_stated(),
            ctx.refs("source", [r.get("source")]) if r.get("source") else not_stated(),
        ]
        for r in records
    ]
    return table([_("Position"), _("Pillar"), _("Quotation"), _("Source")], rows, [46, 20, 20, 14])


def positions(ctx: ListingContext) -> list[nodes.Node]:
    """Positions grouped by actor, actors in who-is-who order (people by country, then organisations)."""
    records = positions_of(ctx)
    rank = {(r.kind, r.id): i for i, r in enumerate(speaker_order(ctx))}

    def order(ident: str) -> tuple[int, int]:
        actor = ctx.get(ACTOR_KINDS, ident) if ident else None
        found = rank.get((actor.kind, actor.id)) if actor else None
        return (0, found) if found is not None else (1, 0)

    out: list[nodes.Node] = []
    for ident in sorted(dict.fromkeys(r.get("actor") for r in records), key=order):
        actor = ctx.get(ACTOR_KINDS, ident) if ident else None
        heading = nodes.rubric("", "", classes=["briefing-listing-group"])
        heading += ctx.ref(actor) if actor else nodes.Text(ident or not_stated())
        out += [heading, position_rows(ctx, [r for r in records if r.get("actor") == ident])]
    return out


class PositionDirective(BriefingObjectDirective):
    """``position`` — heads its card with who states what, in the source's verb: "Olaf Scholz
    *wants to*: work more closely on raw materials"; then the pillar, quotation and source."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        heading = nodes.paragraph("", "", classes=["briefing-object-title"])
        stance = record.get("stance")
        if record.get("actor"):
            heading += self.xref(ACTOR_KINDS, record.get("actor"), "actor")
            heading += nodes.Text(" " if stance else _("{label}: ").format(label=""))
        if stance:
            heading += nodes.emphasis("", _("{label}: ").format(label=stance), classes=["briefing-position-stance"])
        heading += nodes.strong("", record.get("statement") or record.id)
        details = nodes.field_list(classes=["briefing-fields"])
        for name in ("pillar", "quote", "source"):
            option = self.kind.option(name)
            if option is not None and (value := self.option_value(record, option)):
                details += field(option.heading, *value)
        return self.card(heading, *([details] if details.children else []), *body)


def _tooltip(record: Record) -> str:
    stance = record.get("stance")
    return _("Stance: {stance}").format(stance=stance) if stance else ""


KIND = Kind(
    name="position",
    description="Positions: what a person, organisation or government states on a pillar, with the "
    "source's own verb as its stance.",
    options=(
        Option("statement", required=True,
               doc="What is stated, in your own words (the stance's object: 'closer cooperation on raw materials')."),
        Option("actor", required=True, link=("person", "organisation"),
               doc="Who states it: a person or an organisation (a government is an organisation)."),
        Option("stance", doc="The source's own verb, hedge kept: wants to, intends to, hopes, agreed, stated, "
               "called for …"),
        Option("pillar", link="pillar", doc="The pillar it is on; default: the pillar above it on its page."),
        Option("quote", link="quote", label="Quotation", doc="The quotation it rests on, where there is one "
               "(a briefing-quote with an id)."),
        Option("source", link="source"),
    ),
    needs_source=True,
    display=lambda r: r.get("statement") or r.id,
    tooltip=_tooltip,
    hover_links={"actor": "Actor"},
    directive=PositionDirective,
    listings={
        "positions": Listing(
            positions,
            (
                ListingOption("actor", link=ACTOR_KINDS, phrase="of {}", doc="Only this actor's positions."),
                ListingOption("pillar", link="pillar", phrase="on the pillar {}", doc="Only the positions on this pillar."),
                ListingOption("country", phrase="from {}",
                              doc="Only the positions of people and organisations of this country "
                                  "(\"the German line\")."),
            ),
            noun="positions",
        ),
    },
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND, shipped=True)
