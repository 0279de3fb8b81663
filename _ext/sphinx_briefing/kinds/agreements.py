"""Agreements: the ``agreement`` directive (a declaration, joint statement, memorandum or treaty),
``{agreement}`` and the ``agreements`` listing ("Agreements and outcomes").

An agreement's parties are people or organisations; a country is party through its government,
declared as an organisation (``:name: Government of Japan``, ``:country: Japan``), so that every
party is an object the book can link, list and draw. The relationship map draws the parties
(``Relation("party")``): the agreement stands between the countries' columns, joined to each.

Its standing says how far it has come as the sources give it: ``signed``, ``agreed`` (reported as
agreed, with no signature reported), ``announced``, ``planned``, ``in force``, or ``text not
available`` (the sources report a document, but no text of it is available to the book).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import Kind, Option, Relation
from ..core.model import Record, not_stated
from ..core.objects import format_date
from ..core.registry import register_kind
from ..i18n.catalog import _
from ..listings.api import Cell, Listing, ListingContext, ListingOption, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: What an agreement is, as the sources call it.
FORMS = ("declaration", "joint statement", "memorandum", "treaty", "agreement")
#: How far it has come, as the sources give it.
STANDINGS = ("signed", "agreed", "announced", "planned", "in force", "text not available")
#: Who may be party: people and organisations (a country through its government).
PARTY_KINDS = "person|organisation"


def _when(record: Record) -> str:
    raw = record.get("date")
    return (format_date(raw) or raw) if raw else ""


def _tooltip(record: Record) -> str:
    standing = record.originals.get("standing") or record.get("standing")
    form = record.get("form")
    return ", ".join(v for v in (_(form) if form else "", _when(record), record.get("place"),
                                 _(standing) if standing else "") if v)


def agreements(ctx: ListingContext) -> list[nodes.Node]:
    """Agreements in book order: agreement, parties, where and when made, standing, source."""
    rows: list[list[Cell]] = []
    for record in ctx.listed("agreement"):
        if not ctx.matches(_(record.get("standing")) if record.get("standing") else "", "standing",
                           record.get("standing")):
            continue
        if (party := ctx.options.get("party")) and party not in record.get_list("parties"):
            continue
        if (event := ctx.options.get("event")) and event != record.get("event"):
            continue
        made = [v for v in (_when(record), record.get("place")) if v]
        where: list[nodes.Node] = [nodes.Text(_(", ").join(made))] if made else []
        if record.get("event"):
            if where:
                where.append(nodes.Text(_(", ")))
            where.extend(ctx.refs("event", [record.get("event")]))
        rows.append([
            ctx.ref(record),
            ctx.refs(PARTY_KINDS, record.get_list("parties")) or not_stated(),
            where or not_stated(),
            _(record.get("standing")) if record.get("standing") else not_stated(),
            ctx.refs("source", [record.get("source")]) if record.get("source") else not_stated(),
        ])
    if not rows:
        return []
    return [table([_("Agreement"), _("Parties"), _("Made"), _("Standing"), _("Source")], rows, [28, 24, 22, 14, 12])]


KIND = Kind(
    name="agreement",
    description="Agreements and outcomes: declarations, joint statements, memoranda and treaties, "
    "with their parties and standing.",
    options=(
        Option("title", required=True, doc="The agreement's name as the sources give it."),
        Option("form", type="choice", choices=FORMS,
               doc="What it is: declaration, joint statement, memorandum, treaty or agreement."),
        Option("parties", link=("person", "organisation"), many=True, relation=Relation("party", "party to it"),
               doc="Person and organisation ids; a country is party through its government, declared as "
               "an organisation."),
        Option("event", link="event", doc="The event where it was made or announced."),
        Option("date", type="date", doc="Date of signature or announcement: YYYY-MM-DD (or YYYY-MM, YYYY, "
               "as the source gives it)."),
        Option("place", doc="Where it was signed, agreed or announced, as the source gives it."),
        Option("standing", type="choice", choices=STANDINGS,
               doc="How far it has come, as the sources give it: signed, agreed (no signature reported), announced, "
               "planned, in force, or text not available (a document is reported, its text is not at hand)."),
        Option("text-url", type="url", label="Text",
               doc="Where its text is published: an https:// or http:// address."),
        Option("source", link="source"),
    ),
    display=lambda r: r.get("title") or r.id,
    tooltip=_tooltip,
    listings={
        "agreements": Listing(
            agreements,
            (
                ListingOption("standing", phrase="with the standing {}",
                              doc="Only the agreements of this standing (signed, announced …)."),
                ListingOption("party", link="person|organisation", phrase="with {} as a party",
                              doc="Only the agreements this person or organisation is party to."),
                ListingOption("event", link="event", phrase="made at {}",
                              doc="Only the agreements made at this event."),
            ),
            noun="agreements",
        ),
    },
)


def setup_kind(app: Sphinx) -> None:
    # shipped=True: a book that declared its own "agreement" before 0.2 keeps its own kind.
    register_kind(app, KIND, shipped=True)
