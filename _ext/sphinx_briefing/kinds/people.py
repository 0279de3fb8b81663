"""People: the ``person`` directive (a profile card) and the who's-who listing."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import AS_PUBLISHED, Kind, Option, Relation
from ..core.model import Record, not_stated
from ..core.nodes import native_name as core_native_name
from ..core.objects import BriefingObjectDirective, field
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..i18n.catalog import _
from ..listings.api import Listing, ListingContext, ListingOption, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def native_name(text: str, language: str, record: Record) -> nodes.inline:
    # Its own language and direction (core.nodes.native_name: lang="ar" dir="rtl" for Arabic), so
    # screen readers switch voice, browsers pick the right glyphs and an Arabic or Hebrew name never
    # reorders the text around it; Han takes briefing_native_language ("ja" by default), and the
    # record's :native-language: wins over both.
    return core_native_name(text, language, declared=record.get("native-language") or "")


def shown_native_name(record: Record, name: str | None = None) -> str:
    """The native name to show beside *name* (default: the record's name), or "" when it says
    nothing more: in the Japanese edition 岸田文雄 is the name itself, not to be repeated."""
    native = record.get("native-name")
    shown = record.get("name") if name is None else name
    # Compared as a reader sees them (NFKC): the same name typed with combining accents is the same name.
    same = " ".join(unicodedata.normalize("NFKC", native).split()) == " ".join(unicodedata.normalize("NFKC", shown).split())
    return "" if same else native


#: The class of a card's Country field, which :func:`drop_shared_country` looks for.
COUNTRY_FIELD = "briefing-field-country"


class PersonDirective(BriefingObjectDirective):
    """``person`` — a profile card with an anchor that ``{person}`` links to."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        heading = nodes.paragraph("", "", classes=["briefing-person-name", AS_PUBLISHED])
        heading += nodes.strong("", record.get("name") or record.id or not_stated())
        if native := shown_native_name(record):
            heading += nodes.Text(" ")
            heading += native_name(native, self.config.briefing_native_language, record)
        role = nodes.paragraph("", record.get("role") or not_stated(), classes=["briefing-person-role", AS_PUBLISHED])
        details = nodes.field_list(classes=["briefing-fields"])
        if country_name := record.get("country"):  # a card shows only what the sources give
            country = field(_("Country"), country_name)
            country["classes"].append(COUNTRY_FIELD)
            details += country
        if record.get("organisation"):
            details += field(_("Organisation"), *self.xref_list(record, "organisation"))
        if counterparts := record.get_list("counterpart"):
            label = _("Counterparts") if len(counterparts) > 1 else _("Counterpart")
            details += field(label, *self.xref_list(record, "counterpart"))
        if source := record.get("source"):
            details += field(_("Source"), self.xref("source", source, "source"))
        return self.card(heading, role, details, *body)


def by_country(ctx: ListingContext) -> dict[str, list[Record]]:
    """People grouped by country, countries in order of their first person, in book order.

    This is "who-is-who order", which the quotation index follows for its speakers too.
    """
    groups: dict[str, list[Record]] = {}
    for p in ctx.listed("person"):
        groups.setdefault(p.get("country") or not_stated(), []).append(p)
    return groups


def who_is_who(ctx: ListingContext) -> list[nodes.Node]:
    """People grouped by country (in book order), each with role, portfolio and counterpart."""
    groups = {
        country: people for country, people in by_country(ctx).items()
        if ctx.matches("" if country == not_stated() else country, "country",
                       next((p.originals["country"] for p in people if "country" in p.originals), ""))
    }
    out: list[nodes.Node] = []
    for country, group in groups.items():
        out.append(nodes.rubric("", country, classes=["briefing-listing-group"]))
        rows = [
            [
                [ctx.ref(p), *([nodes.Text(" "), native_name(shown_native_name(p), ctx.domain.env.config.briefing_native_language, p)]
                               if shown_native_name(p) else [])],
                p.get("role") or not_stated(),
                ctx.refs("organisation", p.get_list("organisation")) or not_stated(),
                ctx.refs("person", p.get_list("counterpart")) or not_stated(),
            ]
            for p in group
        ]
        out.append(table([_("Name"), _("Role"), _("Organisation"), _("Counterpart")], rows, [24, 34, 20, 22]))
    return out


KIND = Kind(
    name="person",
    plural="people",
    description="People: a profile card each, linked by {person}.",
    options=(
        Option("name", required=True, doc="Full name, as the source writes it."),
        Option("role", required=True, doc="Office or function."),
        Option("country", show_empty=True),
        Option("organisation", link="organisation", doc="The ministry or body the person belongs to."),
        Option("native-name", translate=False, doc="The name in its own script (kanji …)."),
        Option("native-language", type="language", label="Language of own name",
               doc="The own name's language as a BCP 47 tag (de, ja, ar); by default told from its script."),
        Option("counterpart", link="person", many=True, relation=Relation("counterparts"),
               doc="The people met on the other side, one or more (a minister may meet two)."),
        Option("source", link="source"),
    ),
    display=lambda r: r.get("name") or r.id,
    # The hover text: role, and country when known ("Federal Chancellor, Germany").
    tooltip=lambda r: ", ".join(v for v in (r.get("role"), r.get("country")) if v),
    # The hover text names every counterpart ("Counterparts: Koichi Tani, Takeaki Matsumoto").
    hover_links={"counterpart": "Counterpart"},
    listings={
        "who-is-who": Listing(
            who_is_who,
            (ListingOption("country", phrase="from {}", doc="Only the people of this country."),),
            noun="people",
        ),
    },
    directive=PersonDirective,
)


def drop_shared_country(app: Sphinx, doctree: nodes.document) -> None:
    """Say a country once: the Country field of person and organisation cards is left out where the
    page says it already, i.e. when every card of the page has the same country (a delegation's
    page), or in a section titled with the card's country ("Germany"). Listings and hover texts
    keep it."""
    fields = [f for f in doctree.findall(nodes.field) if COUNTRY_FIELD in f["classes"]]
    shared = len(fields) > 1 and len({f.astext() for f in fields}) == 1
    for country in fields:
        value = country.children[-1].astext().strip()
        section = next((a for a in ancestors(country) if isinstance(a, nodes.section)), None)
        title = section[0].astext().strip() if section is not None and section.children else ""
        if shared or title == value:
            country.parent.remove(country)


def ancestors(node: nodes.Node) -> list[nodes.Node]:
    """*node*'s parents, nearest first (organisations.py asks the same of its mentions)."""
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def setup_kind(app: Sphinx) -> None:
    # briefing_native_language is declared and checked in config.py.
    register_kind(app, KIND)
    app.connect("doctree-read", drop_shared_country, priority=priority("drop-shared-country"))
