"""Events: the ``event`` directive (a meeting, a session, an announced visit), ``{event}`` and the
``agenda`` listing.

The agenda is chronological whatever the order of the pages: grouped by date, and within a date by
start time. Events whose source gives no time are listed apart, in a table of their own whose note
says the sources give no time, so the agenda never suggests an order the sources do not give.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import Kind, Option, Relation
from ..core.model import Record, not_stated
from ..core.objects import format_date, parse_date
from ..core.registry import register_kind
from ..i18n.catalog import _
from ..listings.api import Cell, Listing, ListingContext, ListingOption, date_matches, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_CLOCK = re.compile(r"(\d{2}):(\d{2})")


def _date_text(record: Record) -> str:
    raw = record.get("date")
    return (format_date(raw) or raw) if raw else ""


def _time_text(record: Record) -> str:
    """``15:30``, ``15:30`` en dash ``16:20``, ``after 16:30``; the time zone after it in the
    language's brackets when given: ``15:30 (Tokyo time)``; in Japanese, full-width brackets with
    no space before them."""
    start, end = record.get("start"), record.get("end")
    if not start and not end:
        return ""
    span = f"{start or not_stated()}\u2013{end}" if end else start
    if not (zone := record.get("timezone")):
        return span
    bracketed = _("({mark})").format(mark=zone)
    # Full-width brackets carry their own space, as Japanese sets them.
    return f"{span}{bracketed}" if bracketed.startswith("\uff08") else f"{span} {bracketed}"


def _stage_text(record: Record) -> str:
    """``Stage: planned``: the progress of an event not (yet) held, under its own word (``Status`` is
    the trust mark); "" for one held or of no stated stage, which the hover text need not say."""
    stage = record.originals.get("event-status") or record.get("event-status")
    return _("Stage: {stage}").format(stage=_(stage)) if stage in ("planned", "announced") else ""


def _tooltip(record: Record) -> str:
    return ", ".join(v for v in (_date_text(record), _time_text(record), record.get("venue"), _stage_text(record)) if v)


def _date_key(record: Record) -> tuple[int, int, int, int]:
    """Sort key of the date: undated events last; a bare month (or year) after the days in it."""
    parsed = parse_date(record.get("date"))
    if parsed is None:
        return (1, 0, 0, 0)
    year, month, day = parsed
    return (0, year, month or 13, day or 32)


def _minutes(record: Record) -> int | None:
    # The English value: a translated start ("16:30以降") keeps its clock, but need not.
    match = _CLOCK.search(record.originals.get("start") or record.get("start"))
    return int(match[1]) * 60 + int(match[2]) if match else None


def agenda(ctx: ListingContext) -> list[nodes.Node]:
    """Events by date, then start time; per event: time, event, venue, participants, stage."""
    events = ctx.listed("event")  # book order, the tie-breaker
    if day := ctx.options.get("date"):
        # "2023-03" keeps the month's events; an event dated only "2023-03" is not on "2023-03-18".
        events = [e for e in events if date_matches(e.get("date") or "", day)]
    if participant := ctx.options.get("participant"):
        events = [e for e in events if participant in e.get_list("participants")]
    groups: dict[tuple[int, int, int, int], list[Record]] = {}
    for event in sorted(events, key=_date_key):
        groups.setdefault(_date_key(event), []).append(event)
    out: list[nodes.Node] = []
    for group in groups.values():
        heading = _date_text(group[0]) or _("No date in our sources")
        out.append(nodes.rubric("", heading, classes=["briefing-listing-group"]))
        timed = sorted((e for e in group if _minutes(e) is not None), key=lambda e: _minutes(e) or 0)
        untimed = [e for e in group if _minutes(e) is None]
        # The untimed events in a table of their own, after the timed ones: its note ("Not in our
        # sources: Time.") says once why, and no order is suggested that the sources do not give.
        for part in (timed, untimed):
            if not part:
                continue
            rows: list[list[Cell]] = [
                [
                    _time_text(e) or not_stated(),
                    ctx.ref(e),
                    e.get("venue") or not_stated(),
                    ctx.refs("person|organisation", e.get_list("participants")) or not_stated(),
                    _(e.get("event-status")) if e.get("event-status") else not_stated(),
                ]
                for e in part
            ]
            out.append(table([_("Time"), _("Event"), _("Venue"), _("Participants"), _("Stage")], rows, [14, 26, 22, 26, 12]))
    return out


KIND = Kind(
    name="event",
    description="Events: meetings and sessions of the day, and the follow-ups announced.",
    options=(
        Option("title", required=True),
        Option("date", type="date", show_empty=True, doc="YYYY-MM-DD (or YYYY-MM, YYYY, as the source gives it)."),
        Option("start", type="time", show_empty=True, doc="HH:MM as the source gives it, e.g. 'after 16:30' "
               "(translated when it is more than HH:MM)."),
        Option("end", type="time", doc="HH:MM (translated when it is more than that)."),
        Option("timezone", label="Time zone", doc="As the source gives it; none is assumed."),
        Option("venue", show_empty=True),
        Option("participants", link=("person", "organisation"), many=True,
               relation=Relation("participant", "took part"), doc="Person and organisation ids."),
        # Not ``status``: that is the trust status every kind takes (status.py); and labelled
        # "Stage", not "Status", so a card never shows "Status: held" beside "Status: likely".
        Option("event-status", type="choice", choices=("held", "planned", "announced"), label="Stage",
               doc="Whether it took place: held, planned or announced."),
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
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
