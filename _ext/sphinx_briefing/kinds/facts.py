"""Facts: the ``factbox`` directive (a key-figure box), the ``{fact}`` role and the key-figures listing.

A number is written once, in its factbox; ``{fact}`` prints that value wherever it is mentioned.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.kinds import Kind, Option
from ..core.model import Record, not_stated
from ..core.objects import BriefingObjectDirective, format_date
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..i18n.catalog import _, format_number, label, sources_label
from ..listings.api import Cell, Listing, ListingContext, ListingOption, book_order, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def number_text(record: Record) -> str:
    """The value as the edition shows it: the translator's text as written (``457億``, ``etwa 50``),
    else the English value in the language's notation (``45,7``; ``about 50`` stays as written)."""
    value = record.get("value")
    return value if "value" in record.originals else format_number(value)


def unit_space() -> str:
    """What stands between value and unit: a space (none in Japanese: ``457億ユーロ``)."""
    return _("{value} {unit}").replace("{value}", "", 1).replace("{unit}", "", 1)


def value_text(record: Record) -> str:
    """The value in the book's language's notation (``45,7 Mrd. Euro``), then the unit."""
    return unit_space().join(v for v in (number_text(record), record.get("unit")) if v)


def as_of_text(record: Record, source: Record | None = None) -> str:
    """The figure's reference date; without one, "as reported, <the source's date>" when the source
    is dated, else "" (the source gives no reference date: a listing says so once, a card not at all)."""
    raw = record.get("as-of")
    if raw:
        return format_date(raw) or raw
    dated = source.get("date") if source is not None else ""
    return _("as reported, {date}").format(date=format_date(dated) or dated) if dated else ""


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: A day of the month as sources write it: "3", "21st", "2nd".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WHEN = (
    r"^(?:(?:about|after|before|from|until)\s+)?\d{1,2}:\d{2}$"  # a time
    r"|^(?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?$"  # a year, an ISO date
    # A month, a day of it, or days of it ("21st to 23rd November 2023"), with or without the year.
    rf"|^(?:{_DAY}(?:\s*(?:to|-|\u2013|and)\s*{_DAY})?\s+)?{_MONTH}(?:\s+\d{{4}})?$"
    r"|^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
    r"|^(?:next|this|last)\s+(?:year|month|week|spring|summer|autumn|winter)$"
)


@functools.cache
def _when() -> re.Pattern[str]:
    # Compiled on first use (a headline figure, a factbox listing): the alternation took 5 ms of
    # every build's import, needed or not.
    return re.compile(_WHEN, re.IGNORECASE)


_DURATION_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                   "month", "months", "year", "years"}


def is_schedule_item(record: Record) -> bool:
    """Whether the figure is a date, a time, a weekday or a duration rather than a quantity.

    Read from the author's English value and unit (an edition's translation keeps the answer):
    ``15:30``, ``after 16:30``, ``Saturday``, ``May``, ``18 March 2023``, ``21st to 23rd November
    2023``, ``2019``, ``next year``, ``about 50`` minutes. Such items belong to the programme (an
    event's ``:date:``, ``:weekday:``, ``:start:``, ``:duration:`` or ``:when:``), not among the key
    figures: a factbox holding one is listed apart and warns (:func:`schedule_hint`).
    """
    value = " ".join((record.originals.get("value") or record.get("value")).split())
    unit = (record.originals.get("unit") or record.get("unit")).strip().lower()
    return bool(_when().match(value)) or unit in _DURATION_UNITS


def is_headline(record: Record) -> bool:
    """Whether the author marked the figure as one of the book's headline figures (``:headline:``)
    and it is a quantity (a date, time or duration never is: :func:`is_schedule_item`)."""
    return bool(record.get("headline")) and not is_schedule_item(record)


def schedule_hint(record: Record) -> str:
    """Which field of an event takes a schedule item (:func:`is_schedule_item`): ``:start:`` for a
    time, ``:weekday:`` for a weekday, ``:duration:`` for a duration, ``:when:`` for a source's own
    words ("next year"), else ``:date:``."""
    value = " ".join((record.originals.get("value") or record.get("value")).split())
    unit = (record.originals.get("unit") or record.get("unit")).strip().lower()
    if unit in _DURATION_UNITS:
        return "duration"
    if re.search(r"\d{1,2}:\d{2}", value):
        return "start"
    if re.fullmatch(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday", value, re.IGNORECASE):
        return "weekday"
    if re.match(r"(?:next|this|last)\s", value, re.IGNORECASE):
        return "when"
    return "date"


class FactboxDirective(BriefingObjectDirective):
    """``factbox`` — one key figure: its value, label, as-of date and source; the value in display
    type only for a headline figure (``:headline:``), in compact type otherwise."""

    def read_options(self) -> dict[str, str | list[str]]:
        fields = super().read_options()
        if (value := fields.get("value")) and isinstance(value, str):
            probe = Record(self.kind.name, "", "", 0, {k: v for k, v in fields.items() if k in ("value", "unit")})
            if not is_schedule_item(probe):
                return fields
            if fields.get("headline"):
                self.warn(Problem.BAD_VALUE, f"{self.name} directive: option 'headline': {value!r} is a date, "
                          "time or duration, not a quantity; it is shown with the programme's items, not as a "
                          "headline figure")
            # Not an error: books written before the programme took these keep building (listed
            # apart from the key figures, for this release), with the way to move each.
            shown = " ".join(str(v) for v in (value, fields.get("unit")) if v)
            self.warn(Problem.DEPRECATED, f"{self.name} directive: {shown!r} is a date, time or duration, not a "
                      f"quantity: give it as its event's ':{schedule_hint(probe)}:' option (the programme shows "
                      "it) and write it in the sentence that uses it, with its source; as a factbox it is listed "
                      "apart from the key figures, under 'Dates, times and durations', until the next release")
        return fields

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        value = nodes.paragraph("", "", classes=["briefing-fact-value"])
        value += nodes.inline("", number_text(record) or not_stated(), classes=["briefing-fact-number"])
        if unit := record.get("unit"):
            if space := unit_space():
                value += nodes.Text(space)
            value += nodes.inline("", unit, classes=["briefing-fact-unit"])
        caption = nodes.paragraph("", record.get("label") or not_stated(), classes=["briefing-fact-label"])
        meta = nodes.paragraph("", "", classes=["briefing-fact-meta"])
        # A card shows only what the sources give: no "As of" line when they give no date.
        if as_of := as_of_text(record):
            meta += nodes.inline("", label("As of"), classes=["briefing-label"])
            meta += nodes.Text(as_of)
        if sources := record.get_list("source"):
            if len(meta):
                meta += nodes.Text(" · ")
            meta += nodes.inline("", sources_label(len(sources)), classes=["briefing-label"])
            meta += self.xref_list(record, "source")
        if derived := record.get("derived"):
            if len(meta):
                meta += nodes.Text(" · ")
            meta += nodes.inline("", label("Derived"), classes=["briefing-label"])
            meta += nodes.Text(derived)
        card = self.card(value, caption, meta, *body)
        if is_schedule_item(record):
            # A date, time or duration: a compact card, the value in the text's own size.
            card["classes"].append("briefing-fact-schedule")
        elif is_headline(record):
            # One of the two or three figures the author marks: the value in display type.
            card["classes"].append("briefing-fact-headline")
        return card


def headline_figures(ctx: ListingContext, facts: list[Record]) -> nodes.table:
    """The headline figures side by side, in display type: one table row, a cell per figure (value,
    label, as-of date and source), so every builder sets them as a row (LaTeX, EPUB, text, Word)."""
    group = nodes.tgroup(cols=len(facts))
    group += [nodes.colspec(colwidth=round(100 / len(facts))) for _f in facts]
    row = nodes.row()
    for f in facts:
        value = nodes.paragraph("", "", ctx.ref(f), classes=["briefing-headline-value"])
        caption = nodes.paragraph("", f.get("label"), classes=["briefing-headline-label"])
        meta = nodes.paragraph("", "", classes=["briefing-headline-meta"])
        if as_of := as_of_text(f, ctx.get("source", next(iter(f.get_list("source")), ""))):
            meta += nodes.Text(as_of)
        if sources := ctx.refs("source", f.get_list("source")):
            if len(meta):
                meta += nodes.Text(" · ")
            meta.extend(sources)
        row += nodes.entry("", value, caption, *([meta] if len(meta) else []))
    group += nodes.tbody("", row)
    return nodes.table("", group, classes=["briefing-headline-figures", "colwidths-given"])


def key_figures(ctx: ListingContext) -> list[nodes.Node]:
    """Facts in book order: the headline figures (``:headline:``) first, side by side in display
    type, then the other quantities in a compact table (label, value, as-of date, source), then the
    programme's dates, times and durations apart. ``:pillar:`` and ``:source:`` filter; ``:headline:``
    lists the headline figures alone (an "At a glance" page)."""
    facts = ctx.listed("fact")
    if source := ctx.options.get("source"):
        facts = [f for f in facts if source in f.get_list("source")]
    if pillar_id := ctx.options.get("pillar"):
        pillar = ctx.get("pillar", pillar_id)
        wanted = set(pillar.get_list("facts")) if pillar else set()
        facts = [f for f in facts if f.id in wanted]
    def row(f: Record) -> list[Cell]:
        return [
            f.get("label") or not_stated(),
            ctx.ref(f),
            as_of_text(f, ctx.get("source", next(iter(f.get_list("source")), ""))),
            ctx.refs("source", f.get_list("source")) or not_stated(),
        ]

    headlines = [f for f in facts if is_headline(f)]
    if ctx.options.get("headline"):
        return [headline_figures(ctx, headlines)] if headlines else []
    # Quantities first; dates, times, weekdays and durations (the programme's items) apart, after them.
    quantities = [row(f) for f in facts if not is_schedule_item(f) and not is_headline(f)]
    schedule = [row(f) for f in facts if is_schedule_item(f)]
    out: list[nodes.Node] = [headline_figures(ctx, headlines)] if headlines else []
    if quantities:
        # (The date column is wide enough for "18 March 2023", which never breaks inside.)
        out.append(table([_("Figure"), _("Value"), _("As of"), _("Source")], quantities, [34, 22, 19, 25]))
    if schedule:
        if quantities:
            out.append(nodes.rubric("", _("Dates, times and durations"), classes=["briefing-listing-group"]))
        out.append(table([_("Item"), _("When"), _("As of"), _("Source")], schedule, [34, 22, 19, 25]))
    return out


def check_headline_figures(app: Sphinx, env: BuildEnvironment) -> None:
    """``briefing.too-many-headlines`` at each headline figure past ``briefing_headline_figures``, in
    book order (every build: the count is the book's, not a page's)."""
    limit = int(env.config.briefing_headline_figures)
    if limit <= 0:
        return
    order = book_order(env)
    marked = sorted((r for r in get_domain(env).objects.get("fact", {}).values() if r.listed and is_headline(r)),
                    key=lambda r: (order.get(r.docname, len(order)), r.docname, r.lineno))
    chosen = ", ".join(repr(r.id) for r in marked[:limit])
    for record in marked[limit:]:
        warn(Problem.TOO_MANY_HEADLINES,
             f"factbox directive: option 'headline': {len(marked)} figures are marked, more than "
             f"briefing_headline_figures ({limit}); the first in the book are {chosen}: keep two or three",
             (record.docname, record.lineno))


KIND = Kind(
    name="fact",
    directive_name="factbox",
    description="Key figures: a value written once, shown wherever {fact} names it.",
    options=(
        Option("value", required=True,
               doc="The number as the source gives it (shown in the language's notation: 45,7). "
                   "Translators may rewrite it with its unit (45.7 billion euros: 457億 and ユーロ); "
                   "a translation equal to the English keeps the language's notation."),
        Option("label", required=True, doc="What the number measures."),
        Option("unit"),
        Option("as-of", type="date", label="As of", show_empty=True),
        # Several when the figure rests on more than one (a time given by two reports together).
        Option("source", link="source", many=True, doc="The source or sources giving the figure."),
        Option("derived", doc="How a value not written so in the source was derived (a count, a date "
               "written differently); shown with the figure, and exempts it from the archive check."),
        Option("headline", type="flag",
               doc="Written alone: one of the book's two or three headline figures, set in display type in "
                   "its card and first in the key-figures listing; every other figure is set compact. "
                   "A quantity only (not a date, time or duration); more than briefing_headline_figures "
                   "warn."),
    ),
    needs_source=True,
    display=lambda r: value_text(r) or r.id,
    tooltip=lambda r: r.get("label"),
    # Readers search for "trade volume", not "45.7": index the label with the value.
    index_name=lambda r: f"{r.get('label')}: {value_text(r)}" if r.get("label") else value_text(r),
    listings={
        "key-figures": Listing(
            key_figures,
            (
                ListingOption("pillar", link="pillar", phrase="in the pillar {}",
                              doc="Only the key figures the pillar names in its `:facts:`."),
                ListingOption("source", link="source", phrase="citing {}", doc="Only the figures from this source."),
                ListingOption("headline", type="flag", phrase="marked headline",
                              doc="Written alone: only the headline figures, side by side in display type."),
            ),
            noun="key figures",
        ),
    },
    directive=FactboxDirective,
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
    app.connect("env-check-consistency", check_headline_figures, priority=priority("check-headline-figures"))
