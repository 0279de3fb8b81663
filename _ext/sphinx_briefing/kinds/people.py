"""People: the ``person`` directive (a profile card) and the who's-who listing.

People are named as the sources name them: by name, or by a title alone ("Prince of Wales"), with an
honorific ("Sir") and a short form ("Starmer") for running text, and a note of the source's own
spelling. In running text ``{person}`` gives the full name (with its honorific) at a page's first
mention and the short form after it, as a minister's brief would write them.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.domain import get_domain
from ..core.kinds import AS_PUBLISHED, Kind, Option, Relation
from ..core.model import Record, not_stated
from ..core.nodes import ancestors
from ..core.nodes import native_name as core_native_name
from ..core.objects import BriefingObjectDirective, field
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..core.walk import RESOLVED_EVENT
from ..i18n.catalog import _
from ..listings.api import Listing, ListingContext, ListingOption, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.domain import BriefingDomain
    from ..core.walk import ResolvedPage


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


def full_name(record: Record) -> str:
    """The name a card and a listing give: the name, else the title the person is known by
    ("Prince of Wales"), else the id."""
    return record.get("name") or record.get("title") or record.id


def first_mention(record: Record) -> str:
    """The name at a page's first mention in running text: with its honorific ("Sir Keir Starmer")."""
    honorific = record.get("honorific")
    return f"{honorific} {full_name(record)}" if honorific and record.get("name") else full_name(record)


def office(record: Record) -> str:
    """The role line: the role, else the title of a named person; never the heading again (a
    person known by a title alone shows it once, not "Prince of Wales / Prince of Wales")."""
    shown = full_name(record)
    return next((v for v in (record.get("role"), record.get("title")) if v and v != shown), "")


class PersonDirective(BriefingObjectDirective):
    """``person`` — a profile card with an anchor that ``{person}`` links to."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        heading = nodes.paragraph("", "", classes=["briefing-person-name", AS_PUBLISHED])
        if (honorific := record.get("honorific")) and record.get("name"):
            heading += nodes.inline("", honorific + " ", classes=["briefing-person-honorific"])
        heading += nodes.strong("", full_name(record))
        if native := shown_native_name(record, full_name(record)):
            heading += nodes.Text(" ")
            heading += native_name(native, self.config.briefing_native_language, record)
        # A person known by a title alone has no other office to state: no role line at all.
        titled = record.get("title") and not record.get("name")
        role = nodes.paragraph("", office(record) or ("" if titled else not_stated()), classes=["briefing-person-role", AS_PUBLISHED])
        details = nodes.field_list(classes=["briefing-fields"])
        if record.get("name") and record.get("title") and record.get("role"):
            details += field(self.kind.option("title").heading, record.get("title"))  # type: ignore[union-attr]
        if short := record.get("short"):
            details += field(self.kind.option("short").heading, short)  # type: ignore[union-attr]
        if spelling := record.get("spelling"):
            details += field(self.kind.option("spelling").heading, spelling)  # type: ignore[union-attr]
        if country_name := record.get("country"):  # a card shows only what the sources give
            country = field(_("Country"), country_name)
            country["classes"].append(COUNTRY_FIELD)
            details += country
        if record.get("organisation"):
            details += field(_("Organisation"), *self.xref_list(record, "organisation"))
        if counterparts := record.get_list("counterpart"):
            label = _("Counterparts") if len(counterparts) > 1 else _("Counterpart")
            details += field(label, *self.xref_list(record, "counterpart"))
        # The typed relations, each under its own words ("Hosted by", "Accompanied by").
        for option in self.kind.options:
            if option.relation is not None and option.name != "counterpart" and record.get(option.name):
                details += field(option.heading, *self.xref_list(record, option.name))
        if source := record.get("source"):
            details += field(_("Source"), self.xref("source", source, "source"))
        return self.card(heading, *([role] if role.astext() else []), details, *body)


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
                [ctx.ref(p), *([nodes.Text(" "), native_name(shown_native_name(p, full_name(p)),
                                                             ctx.config.briefing_native_language, p)]
                               if shown_native_name(p, full_name(p)) else [])],
                office(p) or not_stated(),
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
        # Required, unless a title stands for them: "Prince of Wales" is both.
        Option("name", required=True, unless="title",
               doc="Full name, as the book writes it; required unless :title: is given."),
        Option("title", doc="The title the person is known by (Prince of Wales): alone, it stands for the name "
                            "and the office."),
        Option("role", required=True, unless="title", doc="Office or function; required unless :title: is given."),
        Option("honorific", doc="Said before the name at a page's first mention and on the card (Sir, Dr)."),
        Option("short", label="Short form",
               doc="The name in running text after a page's first mention (Starmer)."),
        Option("spelling", label="Source's spelling", translate=False,
               doc="How the source spells the name, where the book writes it otherwise (Kishida Fumio)."),
        Option("country", show_empty=True),
        Option("organisation", link="organisation", doc="The ministry or body the person belongs to."),
        Option("native-name", translate=False, doc="The name in its own script (kanji …)."),
        Option("native-language", type="language", label="Language of own name",
               doc="The own name's language as a BCP 47 tag (de, ja, ar); by default told from its script."),
        Option("counterpart", link="person", many=True, relation=Relation("counterparts"),
               doc="The people met on the other side, one or more (a minister may meet two)."),
        # Typed relations, each drawn on the map with its words along an arrow from this person.
        Option("host", link=("person", "organisation"), many=True, label="Hosted by",
               relation=Relation("host", "hosted by", labelled=True),
               doc="Who received this person as host (a head of government welcoming a visitor)."),
        Option("guest", link="person", many=True, label="Host of",
               relation=Relation("guest", "host of", labelled=True),
               doc="The guests this person received (the other side of 'host')."),
        Option("accompanied-by", link="person", many=True,
               relation=Relation("accompanied-by", "accompanied by", labelled=True),
               doc="Who travelled with this person (a spouse, a delegation's member)."),
        Option("met", link=("person", "organisation"), many=True,
               relation=Relation("met", "met", labelled=True),
               doc="Whom the person met, where the source says no more than that (not a counterpart)."),
        Option("source", link="source"),
    ),
    display=full_name,
    # The hover text: role, and country when known ("Federal Chancellor, Germany").
    tooltip=lambda r: ", ".join(v for v in (office(r), r.get("country")) if v),
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





def short_form_after_first_mention(app: Sphinx, page: ResolvedPage) -> None:
    """``{person}`` in running text: the full name with its honorific at a page's first mention
    ("Sir Keir Starmer"), the short form after it ("Starmer"). Table cells (a listing's column keeps
    one form) and cards keep the full name; an explicit link text is the author's and stays. A step
    of the resolved walk (core/walk.py)."""
    by_name = get_domain(page.env).while_writing("person-full-names", _by_name)
    if not by_name:
        return
    seen: set[str] = set()
    for text in page.mentions("person"):
        record = by_name.get(text.astext())
        # Running text only: cards, listings, maps and their tables keep the one full name.
        if record is None or any(isinstance(a, nodes.entry | nodes.rubric)
                                 or any(str(c).startswith("briefing-") for c in a["classes"])
                                 for a in ancestors(text)
                                 if isinstance(a, nodes.Element) and not isinstance(a, nodes.Inline)):
            continue
        shown = first_mention(record) if record.id not in seen else record.get("short") or full_name(record)
        seen.add(record.id)
        if shown != text.astext():
            page.reword(text, shown)


def _by_name(domain: BriefingDomain) -> dict[str, Record]:
    """People whose first mention differs from later ones (a short form, an honorific), by full name."""
    records = domain.objects.get("person", {}).values()
    return {full_name(r): r for r in records if r.get("short") or (r.get("honorific") and r.get("name"))}


def setup_kind(app: Sphinx) -> None:
    # briefing_native_language is declared and checked in config.py.
    register_kind(app, KIND)
    app.connect(RESOLVED_EVENT, short_form_after_first_mention, priority=priority("short-form-after-first-mention"))
    app.connect("doctree-read", drop_shared_country, priority=priority("drop-shared-country"))
