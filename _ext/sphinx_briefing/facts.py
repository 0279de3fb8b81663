"""Facts: the ``factbox`` directive (a key-figure box), the ``{fact}`` role and the key-figures listing.

A number is written once, in its factbox; ``{fact}`` prints that value wherever it is mentioned.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .diagnostics import Problem
from .listings import ListingContext, register_listing, table
from .model import NOT_STATED, Kind, Record, register_kind
from .nodes import briefing_fact
from .objects import BriefingObjectDirective, _text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def format_as_of(value: str) -> str | None:
    """``2023-03-18`` -> ``18 March 2023`` (also ``2023-03`` and ``2023``); None if malformed."""
    match = _DATE.fullmatch(value)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        date = dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        return None
    if day:
        return f"{date.day} {date:%B %Y}"
    return f"{date:%B %Y}" if month else f"{date:%Y}"


def value_text(record: Record) -> str:
    return " ".join(v for v in (record.get("value"), record.get("unit")) if v)


def as_of_text(record: Record) -> str:
    raw = record.get("as-of")
    return (format_as_of(raw) or raw) if raw else NOT_STATED


KIND = register_kind(
    Kind(
        name="fact",
        links={"source": "source"},
        display=lambda r: value_text(r) or r.id,
        tooltip=lambda r: r.get("label"),
        # Readers search for "trade volume", not "45.7": index the label with the value.
        index_name=lambda r: f"{r.get('label')}: {value_text(r)}" if r.get("label") else value_text(r),
    )
)


class FactboxDirective(BriefingObjectDirective):
    """``factbox`` — one key figure: the value large, its label, as-of date and source."""

    kind = "fact"
    required = ("value", "label")
    needs_source = True
    option_types = {
        "value": _text,
        "label": _text,
        "unit": _text,
        "as-of": _text,
        "source": _text,
    }

    def check_option(self, option: str, value: Any) -> Any:
        if option == "as-of" and format_as_of(value) is None:
            self.warn(
                Problem.BAD_DATE,
                f"{self.name} directive: option 'as-of' must be a date as YYYY-MM-DD, YYYY-MM or YYYY, "
                f"not {value!r}",
            )
        return value

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        value = nodes.paragraph("", "", classes=["briefing-fact-value"])
        value += nodes.inline("", record.get("value") or NOT_STATED, classes=["briefing-fact-number"])
        if unit := record.get("unit"):
            value += nodes.Text(" ")
            value += nodes.inline("", unit, classes=["briefing-fact-unit"])
        label = nodes.paragraph("", record.get("label") or NOT_STATED, classes=["briefing-fact-label"])
        meta = nodes.paragraph("", "", classes=["briefing-fact-meta"])
        meta += nodes.inline("", "As of: ", classes=["briefing-label"])
        meta += nodes.Text(as_of_text(record))
        if source := record.get("source"):
            meta += nodes.Text(" · ")
            meta += nodes.inline("", "Source: ", classes=["briefing-label"])
            meta += self.xref("source", source, "source")
        return briefing_fact("", value, label, meta, *body, classes=["briefing-fact"])


def key_figures(ctx: ListingContext) -> list[nodes.Node]:
    rows = [
        [
            f.get("label") or NOT_STATED,
            ctx.ref(f),
            as_of_text(f),
            ctx.refs("source", f.get_list("source")) or NOT_STATED,
        ]
        for f in ctx.listed("fact")
    ]
    return [table(["Figure", "Value", "As of", "Source"], rows, [38, 22, 14, 26])] if rows else []


def setup_facts(app: Sphinx) -> None:
    app.add_directive("factbox", FactboxDirective)
    register_listing("key-figures", key_figures)
