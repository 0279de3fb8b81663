"""Quotes: the ``briefing-quote`` directive (verbatim, attributed, sourced) and the quote index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .diagnostics import Problem
from .kinds import Kind, Option, register_kind
from .listings import ListingContext
from .model import NOT_STATED, Record
from .nodes import briefing_quote
from .objects import BriefingObjectDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Words of a quotation shown when a listing links to it.
_EXCERPT_WORDS = 12


def excerpt(record: Record) -> str:
    words = record.text.split()
    short = " ".join(words[:_EXCERPT_WORDS])
    # Straight quotes, educated like the body's (typography.py): “…” in English, „…“ in German.
    return f'"{short}…"' if len(words) > _EXCERPT_WORDS else f'"{short}"'


class QuoteDirective(BriefingObjectDirective):
    """``briefing-quote`` — the quotation is the body; ``by`` names the speaker."""

    def read_id(self) -> str | None:
        if self.arguments:
            self.warn(
                Problem.BAD_ID,
                f"{self.name} directive: quotes take no id argument; {self.arguments[0]!r} is ignored "
                "(put the quotation in the body)",
            )
        # Quotes are not referred to by authors, so they get a per-document serial as id.
        serial = self.env.new_serialno("briefing-quote")
        return nodes.make_id(f"{self.env.docname}-{serial}") or f"q-{serial}"

    def assert_content_allowed(self) -> None:
        if not self.content:
            self.warn(Problem.NO_CONTENT, f"{self.name} directive: the quotation (the body) is empty")

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        attribution = nodes.attribution("")
        if speaker := record.get("by"):
            attribution += self.xref("person", speaker, "by")
        else:
            attribution += nodes.Text(NOT_STATED)
        if source := record.get("source"):
            attribution += nodes.Text(" · ")
            attribution += self.xref("source", source, "source")
        return self.card(*body, attribution)


def quote_index(ctx: ListingContext) -> list[nodes.Node]:
    """Quotes grouped by speaker, speakers in book order, each quote linked to where it stands."""
    quotes = ctx.listed("quote")
    speakers = list(dict.fromkeys(q.get("by") for q in quotes))
    out: list[nodes.Node] = []
    for speaker in speakers:
        person = ctx.domain.get("person", speaker) if speaker else None
        heading = nodes.rubric("", "", classes=["briefing-listing-group"])
        heading += ctx.ref(person) if person else nodes.Text(speaker or NOT_STATED)
        items = nodes.bullet_list(classes=["briefing-quote-list"])
        for quote in (q for q in quotes if q.get("by") == speaker):
            para = nodes.paragraph("", "")
            para += ctx.ref(quote, f'"{quote.text}"')
            if source := quote.get("source"):
                para += nodes.Text(" (")
                para += ctx.refs("source", [source])
                para += nodes.Text(")")
            items += nodes.list_item("", para)
        out += [heading, items]
    return out


KIND = Kind(
    name="quote",
    directive_name="briefing-quote",
    description="Verbatim quotations, each attributed to a person and a source.",
    options=(
        Option("by", required=True, link="person", doc="The speaker."),
        Option("source", link="source"),
    ),
    # Authors never refer to a quotation by id: no role, no objects.inv entry, no hover card.
    has_id=False,
    role=False,
    hover_card=False,
    needs_source=True,
    display=excerpt,
    tooltip=lambda r: "Quotation",
    listings={"quote-index": quote_index},
    directive=QuoteDirective,
    node=briefing_quote,
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
