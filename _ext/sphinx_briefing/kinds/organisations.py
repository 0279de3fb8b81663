"""Organisations: the ``organisation`` directive (ministries, agencies, bodies), ``{organisation}``
and the ``organisations`` listing.

A reference shows the short name (``BMWK``) when there is one and the full name on hover; the listing
groups the organisations by country, bodies without one (the G7, the EU) last, under "No country".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.domain import get_domain
from ..core.kinds import Kind, Option
from ..core.model import Record, not_stated
from ..core.nodes import ancestors, native_name
from ..core.objects import BriefingObjectDirective, field
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..core.walk import RESOLVED_EVENT
from ..i18n.catalog import _
from ..listings.api import Listing, ListingContext, ListingOption, table
from .people import COUNTRY_FIELD

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.domain import BriefingDomain
    from ..core.walk import ResolvedPage


def _full_name(record: Record) -> str:
    return record.get("name") or record.id


def _display(record: Record) -> str:
    return record.get("short") or _full_name(record)


def _listed_name(record: Record) -> str:
    """The name as a list of bodies gives it: "Federal Agency for … (BGR)", or the one name there is."""
    short = record.get("short")
    return f"{_full_name(record)} ({short})" if short and short != _full_name(record) else _full_name(record)


def _tooltip(record: Record) -> str:
    # The hover card's first line is the short name; the full name follows when it says more.
    full = _full_name(record) if record.get("short") and record.get("short") != _full_name(record) else ""
    return ", ".join(v for v in (full, record.get("country")) if v)


def _native(text: str, language: str, record: Record) -> nodes.inline:
    """A native name in its own language: the record's ``:native-language:``, or the one its
    script tells (core.nodes.native_name: Han takes the book's native language, Arabic and Hebrew
    their own with right-to-left direction).

    An organisation's own name may be German (``Auswärtiges Amt``) as well as Japanese, so the
    book's one native language cannot be claimed for every name: a Latin-script name has a
    language only when the book declares it.
    """
    return native_name(text, language, declared=record.get("native-language") or "")


class OrganisationDirective(BriefingObjectDirective):
    """``organisation`` — a ministry, agency or body: full name, short name, parent, country."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        heading = nodes.paragraph("", "", classes=["briefing-object-title"])
        heading += nodes.strong("", _full_name(record))
        if (short := record.get("short")) and short != _full_name(record):
            heading += nodes.Text(f" ({short})")
        details = nodes.field_list(classes=["briefing-fields"])
        # In an edition whose translated name is the organisation's own (外務省), it is not repeated.
        if (native := record.get("native-name")) and native not in (_full_name(record), record.get("short")):
            details += field(_("Own name"), _native(native, self.config.briefing_native_language, record))
        for name in ("country", "parent", "url", "source"):
            option = self.kind.option(name)
            if option is not None and (value := self.option_value(record, option)):
                row = field(option.heading, *value)
                if name == "country":  # left out where the page or section says it (people.py)
                    row["classes"].append(COUNTRY_FIELD)
                details += row
        return self.card(heading, details, *body)


def organisations(ctx: ListingContext) -> list[nodes.Node]:
    """Organisations grouped by country (in book order), bodies without a country last.

    One row per body: its name ("full name (short name)", or the one name the source gives, so a
    body known only as "BMWK" shows no empty short-name cell), its parent and its source.
    """
    groups: dict[str | None, list[Record]] = {}
    for record in ctx.listed("organisation"):
        # ":country: japan" matches "Japan"; no organisation without a country passes a filter.
        if ctx.matches(record.get("country") or "", "country", record.originals.get("country", "")):
            groups.setdefault(record.get("country") or None, []).append(record)
    if None in groups:
        groups[None] = groups.pop(None)  # after the countries, whatever the page order
    out: list[nodes.Node] = []
    for country, group in groups.items():
        # Bodies of no country (the G7, the EU) come last, under a heading of their own.
        heading = country or _("No country")
        out.append(nodes.rubric("", heading, classes=["briefing-listing-group"]))
        rows = [
            [
                ctx.ref(o, _listed_name(o)),
                ctx.refs("organisation", o.get_list("parent")) or not_stated(),
                ctx.refs("source", o.get_list("source")) or not_stated(),
            ]
            for o in group
        ]
        out.append(table([_("Name"), _("Parent"), _("Source")], rows, [56, 18, 26]))
    return out


KIND = Kind(
    name="organisation",
    description="Organisations: ministries, agencies and bodies the sources name.",
    options=(
        Option("name", required=True, doc="Full name, as the source gives it."),
        Option("short", label="Short name", doc="Abbreviation (BMWK), shown by {organisation}."),
        Option("native-name", label="Own name", translate=False, doc="The name in its own language and script."),
        Option("native-language", type="language", label="Language of own name",
               doc="The own name's language as a BCP 47 tag (de, ja); by default told from its script."),
        # No "not stated" on a card: the G7 or the EU has no country to state.
        Option("country"),
        Option("parent", link="organisation", doc="The organisation it belongs to (a ministry …)."),
        Option("url", type="url", label="Web site"),
        Option("source", link="source"),
    ),
    display=_display,
    tooltip=_tooltip,
    # Readers search for either name: "BMWK" and "Federal Agency …" both find it.
    index_name=lambda r: f"{_full_name(r)} ({r.get('short')})" if r.get("short") else _full_name(r),
    listings={
        "organisations": Listing(
            organisations,
            (ListingOption("country", phrase="from {}", doc="Only the organisations of this country."),),
            noun="organisations",
        ),
    },
    directive=OrganisationDirective,
)


def spell_out_first_mention(app: Sphinx, page: ResolvedPage) -> None:
    """A body known by its short name is spelled out the first time a page names it: "Federal
    Ministry for Economic Affairs and Climate Action (BMWK)", then "BMWK". Not in a table cell (a
    listing's column keeps one form) and not on the page that holds the body's own card, whose title
    spells it out. A step of the resolved walk (core/walk.py)."""
    by_short = get_domain(page.env).while_writing("organisation-short-names", _by_short)
    if not by_short:
        return
    seen: set[str] = set()
    for text in page.mentions("organisation"):
        record = by_short.get(text.astext())
        if record is None or record.id in seen:
            continue
        seen.add(record.id)
        if f"organisation-{record.id}" in page.document.ids or any(
                isinstance(a, nodes.entry) for a in ancestors(text)):
            continue
        spelled = f"{_full_name(record)} {_('({mark})').format(mark=record.get('short'))}"
        if page.env.config.language == "ja":  # Japanese sets the parenthesis without a space
            spelled = spelled.replace(" \uff08", "\uff08")
        page.reword(text, spelled)


def _by_short(domain: BriefingDomain) -> dict[str, Record]:
    """Organisations by the short name a reference shows, where it differs from the full name."""
    records = domain.objects.get("organisation", {})
    return {r.get("short"): r for r in records.values() if r.get("short") and r.get("short") != _full_name(r)}


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
    app.connect(RESOLVED_EVENT, spell_out_first_mention, priority=priority("spell-out-first-mention"))
