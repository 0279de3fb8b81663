"""Events: the ``event`` directive (a meeting, a session, an announced visit), ``{event}`` and the
``agenda`` listing.

Time is taken as the sources give it: a date with or without its year (``--12-03``), a weekday, a
part of the day ("morning"), a clock time and its time zone ("15:30", "(Tokyo time)"), a duration
("about 50 minutes"), or, where a source gives no date, its own words for when ("next year", "this
May"); an event may be ``:part-of:`` another (a reception within a state visit) and come ``:after:``
another. These are the programme's items: a date, time or duration is an event's field, not a key
figure (kinds/facts.py: :func:`~.facts.is_schedule_item`).

The agenda is chronological whatever the order of the pages, and orders by what is known: grouped
by day (an event without a date of its own takes the day of the event it is part of), and within a
day by start time or part of the day, an event declared ``:after:`` another (or part of one) right
after it; a declared ``:after:`` outranks a time or part of the day (an "evening" event declared
after an untimed one follows it). Events whose place in the day nothing gives are listed apart, in a table of their own, so
the agenda never suggests an order the sources do not give. Events with no date but a source's
``:when:`` ("next year") come after the dated days, one group per wording, in book order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.kinds import Kind, Option, Relation
from ..core.model import Record, not_stated
from ..core.objects import BriefingObjectDirective, format_date, parse_date
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..i18n.catalog import WEEKDAYS, _, format_weekday
from ..listings.api import Cell, Listing, ListingContext, ListingOption, date_matches, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_CLOCK = re.compile(r"(\d{2}):(\d{2})")
#: The parts of the day a source may give instead of a time, in the day's order, each with the
#: minute of the day it sorts at (its start: an "afternoon" event comes after a 12:00 one).
PARTS_OF_DAY: Mapping[str, int] = {"morning": 6 * 60, "midday": 12 * 60, "afternoon": 12 * 60 + 1,
                                   "evening": 18 * 60, "night": 21 * 60}


def _parent(record: Record, events: Mapping[str, Record]) -> Record | None:
    return events.get(record.get("part-of")) if record.get("part-of") else None


def _chain(record: Record, events: Mapping[str, Record], option: str) -> Iterator[Record]:
    """The events *option* (``part-of``, ``after``) leads to from *record*, nearest first; stops
    before a repeat (a cycle is reported once, by :func:`check_cycles`)."""
    seen = {record.id}
    while (ident := record.get(option)) and ident not in seen and (found := events.get(ident)) is not None:
        seen.add(ident)
        record = found
        yield record


def day_of(record: Record, events: Mapping[str, Record] | None = None) -> Record:
    """The event whose date and weekday are *record*'s day: itself when it has a date, weekday or ``when``,
    else the nearest event it is part of that has one (a reception within a dated visit)."""
    if record.get("date") or record.get("weekday") or record.get("when") or not events:
        return record
    return next((e for e in _chain(record, events, "part-of") if e.get("date") or e.get("weekday") or e.get("when")),
                record)


def _date_text(record: Record, events: Mapping[str, Record] | None = None) -> str:
    """The day as the sources give it, in the edition's form: "Saturday, 18 March 2023", "18 March
    2023", "Saturday", "3 December" (no year given); "" when no source gives the day."""
    day = day_of(record, events)
    raw, weekday = day.get("date"), day.originals.get("weekday") or day.get("weekday")
    date = (format_date(raw) or raw) if raw else ""
    if weekday and date:
        return _("{weekday}, {date}").format(weekday=format_weekday(weekday), date=date)
    return format_weekday(weekday) if weekday else date


def _clock_text(record: Record) -> str:
    """``15:30``, ``15:30`` en dash ``16:20``, ``after 16:30``, ``afternoon``; the time zone after a
    clock time in the language's brackets when given: ``15:30 (Tokyo time)``; in Japanese full-width
    brackets with no space before them (the catalog's translation of ``{time} ({zone})``)."""
    start, end = record.get("start"), record.get("end")
    if not start and not end:
        part = record.get("part-of-day")
        return _(part) if part else ""
    span = f"{start or not_stated()}\u2013{end}" if end else start
    if not (zone := record.get("timezone")):
        return span
    # One message for time and zone, so each language sets its own brackets and spacing (Japanese:
    # full-width brackets, which carry their own space).
    return _("{time} ({zone})").format(time=span, zone=zone)


def _time_text(record: Record) -> str:
    """The event's time (:func:`_clock_text`), then its duration as the source gives it:
    ``15:30 (Tokyo time), about 50 minutes``; the duration alone when no time is given."""
    clock, duration = _clock_text(record), record.get("duration")
    if clock and duration:
        return _("{time}, {duration}").format(time=clock, duration=duration)
    return clock or duration


def _stage_text(record: Record) -> str:
    """``Stage: planned``: the progress of an event not (yet) held, under its own word (``Status`` is
    the trust mark); "" for one held or of no stated stage, which the hover text need not say."""
    stage = record.originals.get("event-status") or record.get("event-status")
    return _("Stage: {stage}").format(stage=_(stage)) if stage in ("planned", "announced") else ""


def _tooltip(record: Record) -> str:
    when = _date_text(record) or record.get("when")
    return ", ".join(v for v in (when, _time_text(record), record.get("venue"), _stage_text(record)) if v)


def _heading(text: str) -> str:
    """A source's words for when ("next year") as a group heading: "Next year"."""
    return text[:1].upper() + text[1:]


def _date_key(record: Record) -> tuple[int, int, int, int, int]:
    """Sort key of the day: dated events first (a bare month or year after the days in it; a day
    without its year after every dated one), then events of a weekday only (Monday first), undated
    last."""
    parsed = parse_date(record.get("date"))
    weekday = record.originals.get("weekday") or record.get("weekday")
    rank = WEEKDAYS.index(weekday) if weekday in WEEKDAYS else 7
    if parsed is None:
        return (1, 0, 0, 0, rank) if weekday else (2, 0, 0, 0, 0)
    year, month, day = parsed
    # A date is the day: one event of it naming its weekday and another not are on the same day.
    return (0, year or 10_000, month or 13, day or 32, 0)


def _minutes(record: Record) -> int | None:
    """The minute of the day the event sorts at: its clock time, else its part of the day."""
    # The English value: a translated start ("16:30以降") keeps its clock, but need not.
    match = _CLOCK.search(record.originals.get("start") or record.get("start"))
    if match:
        return int(match[1]) * 60 + int(match[2])
    return PARTS_OF_DAY.get(record.originals.get("part-of-day") or record.get("part-of-day"))


def day_order(group: list[Record]) -> tuple[list[Record], list[Record]]:
    """One day's events in the order the sources give: (placed, apart).

    Placed are the events with a time or part of the day, by it (book order breaks ties), each
    followed by the events declared ``:after:`` it or ``:part-of:`` it that have no time of their
    own; an event declared ``:after:`` another of the day comes after it (and what follows it) even
    where its time or part of the day would put it first: the declared order is the one a source
    gives, a part of the day only brackets. Apart are the events nothing places, in book order.
    """
    ids = {e.id for e in group}
    followers: dict[str, list[Record]] = {}
    loose: list[Record] = []
    for event in group:
        if _minutes(event) is not None:
            continue
        anchor = next((event.get(o) for o in ("after", "part-of") if event.get(o) in ids and event.get(o) != event.id), "")
        if anchor:
            followers.setdefault(anchor, []).append(event)
        else:
            loose.append(event)
    placed: list[Record] = []
    seen: set[str] = set()

    def place(event: Record) -> None:
        if event.id in seen:
            return  # a cycle of :after: (reported by check_cycles) places each once
        seen.add(event.id)
        # What it is declared after first, wherever its own time would sort it: an "evening"
        # reception after untimed talks follows the talks (a depth-first topological order).
        before = event.get("after")
        if before in ids and before != event.id:
            place(next(e for e in group if e.id == before))
        placed.append(event)
        for follower in followers.get(event.id, []):
            place(follower)

    timed = sorted((e for e in group if _minutes(e) is not None), key=lambda e: _minutes(e) or 0)
    for event in timed:
        place(event)
    # An untimed event anchored to another untimed one that something places is placed with it.
    for event in loose:
        if followers.get(event.id):
            place(event)
    apart = [e for e in group if e.id not in seen]
    return placed, apart


def agenda(ctx: ListingContext) -> list[nodes.Node]:
    """Events by day, then time; per event: time, event, venue, participants, stage."""
    events = ctx.listed("event")  # book order, the tie-breaker
    every = {e.id: e for e in events}
    if day := ctx.options.get("date"):
        # "2023-03" keeps the month's events; an event dated only "2023-03" is not on "2023-03-18".
        events = [e for e in events if date_matches(day_of(e, every).get("date") or "", day)]
    if participant := ctx.options.get("participant"):
        events = [e for e in events if participant in e.get_list("participants")]
    # Undated events the sources place in time in their own words ("next year"): after the dated
    # days, a group per wording in book order; then those nothing dates.
    wordings = list(dict.fromkeys(day_of(e, every).get("when") for e in events if _date_key(day_of(e, every))[0] == 2
                                  and day_of(e, every).get("when")))

    def group_key(event: Record) -> tuple[int, int, int, int, int]:
        day = day_of(event, every)
        key = _date_key(day)
        if key[0] == 2 and (when := day.get("when")):
            return (2, 0, 0, 0, wordings.index(when))
        return (3, 0, 0, 0, 0) if key[0] == 2 else key

    groups: dict[tuple[int, int, int, int, int], list[Record]] = {}
    for event in sorted(events, key=group_key):
        groups.setdefault(group_key(event), []).append(event)
    out: list[nodes.Node] = []
    for group in groups.values():
        # The day as fully as any of its events gives it (one may name the weekday, another not).
        named = next((e for e in group if day_of(e, every).get("weekday")), group[0])
        when = day_of(named, every).get("when")
        heading = _date_text(named, every) or (_heading(when) if when else _("No date in our sources"))
        out.append(nodes.rubric("", heading, classes=["briefing-listing-group"]))
        # The events nothing places in a table of their own, after the others: its note ("Not in
        # our sources: Time.") says once why, and no order is suggested that the sources do not give.
        for part in day_order(group):
            if not part:
                continue
            rows: list[list[Cell]] = [
                [
                    # No time, but an order the source gives: "after Welcome by the Duke".
                    _time_text(e) or ([nodes.Text(_("after") + " "), ctx.ref(every[e.get("after")])]
                                      if e.get("after") in every else ""),
                    ctx.ref(e),
                    e.get("venue"),
                    ctx.refs("person|organisation", e.get_list("participants")),
                    _(e.get("event-status")) if e.get("event-status") else "",
                ]
                for e in part
            ]
            # A duration after the time ("15:30 (Tokyo time), about 50 minutes") needs a wider column
            # than a bare time, or it wraps onto three lines.
            widths = [22, 24, 19, 23, 12] if any(e.get("duration") for e in part) else [14, 26, 22, 26, 12]
            out.append(table([_("Time"), _("Event"), _("Venue"), _("Participants"), _("Stage")], rows, widths))
    return out


class EventDirective(BriefingObjectDirective):
    """``event`` — the generic card, with the weekday in the edition's form (Babel)."""

    def option_value(self, record: Record, option: Option) -> list[nodes.Node]:
        if option.name == "weekday" and record.get("weekday"):
            return [nodes.Text(format_weekday(record.get("weekday")))]
        return super().option_value(record, option)


def check_cycles(app: Sphinx, env: BuildEnvironment) -> None:
    """One located warning per cycle of ``:part-of:`` (an event part of itself, through others)
    or of ``:after:``, at the cycle's first event in book order."""
    events = get_domain(env).objects.get("event", {})
    for option in ("part-of", "after"):
        reported: set[str] = set()
        for record in sorted(events.values(), key=lambda r: (r.docname, r.lineno)):
            if record.id in reported:
                continue
            path = [record, *_chain(record, events, option)]
            last = path[-1]
            if last.get(option) == record.id:
                reported.update(r.id for r in path)
                ring = " \u2192 ".join(r.id for r in (*path, record))
                warn(Problem.BAD_VALUE, f"event directive: option {option!r} makes a cycle: {ring}",
                     (record.docname, record.lineno))


KIND = Kind(
    name="event",
    description="Events: meetings and sessions of the day, and the follow-ups announced.",
    options=(
        Option("title", required=True),
        Option("date", type="date", show_empty=True, doc="YYYY-MM-DD (or YYYY-MM, YYYY, or --MM-DD for a day whose "
               "year the source does not give: 'Dec 3' is --12-03), shown in the edition's form."),
        Option("weekday", type="choice", choices=WEEKDAYS,
               doc="The day of the week as the source names it (Saturday), with or without a date; shown in "
                   "the edition's form."),
        Option("part-of-day", type="choice", choices=tuple(PARTS_OF_DAY), label="Part of the day",
               doc="morning, midday, afternoon, evening or night, where the source gives no clock time."),
        Option("start", type="time", show_empty=True, doc="HH:MM as the source gives it, e.g. 'after 16:30' "
               "(translated when it is more than HH:MM)."),
        Option("end", type="time", doc="HH:MM (translated when it is more than that)."),
        Option("duration", doc="How long it lasted, as the source gives it ('about 50 minutes'): shown after "
               "its time in the programme and on its card (translated)."),
        Option("when", doc="Where the source gives no date: its own words for when ('next year', 'this May'), "
               "translated; the programme lists the event under them, after the dated days. No year is "
               "worked out from them."),
        Option("timezone", label="Time zone", doc="The zone's words as the source gives them ('Tokyo time'), shown "
               "after the time in the edition's brackets; none is assumed."),
        Option("venue", show_empty=True),
        Option("participants", link=("person", "organisation"), many=True,
               relation=Relation("participant", "took part"), doc="Person and organisation ids."),
        # Not ``status``: that is the trust status every kind takes (status.py); and labelled
        # "Stage", not "Status", so a card never shows "Status: held" beside "Status: likely".
        Option("event-status", type="choice", choices=("held", "planned", "announced"), label="Stage",
               doc="Whether it took place: held, planned or announced."),
        Option("part-of", link="event", label="Part of",
               doc="The event this one is part of (a reception within a state visit): it takes that event's "
                   "day when it has no date of its own."),
        Option("after", link="event",
               doc="The event this one follows, as the source orders them ('then talks in London'): the "
                   "agenda lists it right after that one when it has no time of its own."),
        Option("source", link="source"),
    ),
    display=lambda r: r.get("title") or r.id,
    tooltip=_tooltip,
    listings={
        "agenda": Listing(
            agenda,
            (
                ListingOption("date", type="date", phrase="on {}",
                              doc="Only the events of this day, month or year (YYYY-MM-DD, YYYY-MM or YYYY)."),
                ListingOption("participant", link="person|organisation", phrase="with {}",
                              doc="Only the events this person or organisation takes part in."),
            ),
            noun="events",
        ),
    },
    directive=EventDirective,
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
    app.connect("env-check-consistency", check_cycles, priority=priority("check-part-of-cycles"))
