"""Compact citations: what ``{source}`` prints, by ``briefing_citation_style``.

- ``numeric``: ``[n]``, numbered in the order of the source list (book order; sources marked
  ``:no-index:`` get no number and fall back to their short label or title);
- ``short``: the source's ``:short:`` label (its title when it has none, with a warning);
- ``title``: the full title (the style of books written before this setting existed).

Whatever the style, the reference links to the source's entry (HTML, EPUB and the PDF) and its hover
text gives the full title, publisher and date. Numbers depend on the whole book, so they are worked
out once all pages are read; when they shift (a source added or moved), every page citing a source
is rewritten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.config import CITATION_STYLES
from ..core.domain import get_domain
from ..core.pipeline import priority
from ..listings.api import book_order

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.model import Record

#: The styles (declared with the setting, in core/config.py, which checks it).
STYLES = CITATION_STYLES
DEFAULT_STYLE = "title"


def style(env: BuildEnvironment) -> str:
    value = env.config.briefing_citation_style
    return value if value in STYLES else DEFAULT_STYLE


def numbers(env: BuildEnvironment) -> dict[str, int]:
    """source id -> its number, 1-based, in the order of the source list."""
    return get_domain(env).store.citation_numbers


def label(record: Record, env: BuildEnvironment) -> str:
    """What ``{source}`` prints for *record* in the book's citation style."""
    chosen = style(env)
    if chosen == "numeric" and (number := numbers(env).get(record.id)):
        return f"[{number}]"
    if chosen != "title" and (short := record.get("short")):
        return short
    return record.get("title") or record.id


def date_text(record: Record) -> str:
    """The date the source gives itself: an ISO date in the edition's form (``18. März 2023``),
    other text as written or as translated (``Spring 2023``)."""
    from ..i18n.catalog import format_date

    date = record.get("date")
    return (format_date(date) or date) if date else ""


def tooltip(record: Record) -> str:
    """Hover lines after the title: publisher and date, where known."""
    from ..core.domain import TOOLTIP_SEPARATOR

    return TOOLTIP_SEPARATOR.join(v for v in (record.get("publisher"), date_text(record)) if v)


def _number_sources(app: Sphinx, env: BuildEnvironment) -> None:
    """Number the listed sources in book order, once every page is read (before texts resolve)."""
    domain = get_domain(env)
    order = book_order(env)
    listed = [r for r in domain.objects.get("source", {}).values() if r.listed]
    listed.sort(key=lambda r: (order.get(r.docname, len(order)), r.docname, r.lineno))
    domain.store.citation_numbers = {r.id: n for n, r in enumerate(listed, 1)}


def changed_pages(app: Sphinx, env: BuildEnvironment) -> tuple[str, set[str]]:
    """Freshness input (``briefing-outdated``): the pages citing a source whose number moved."""
    store = get_domain(env).store
    current, previous = store.citation_numbers, store.citation_numbers_seen
    store.citation_numbers_seen = dict(current)
    if current == previous or style(env) != "numeric":
        return "citations", set()
    moved = {i for i in current.keys() | previous.keys() if current.get(i) != previous.get(i)}
    return "citations", {
        docname
        for docname, refs in get_domain(env).references.items()
        if any(kind == "source" and ident in moved for kind, ident in refs)
    }


def setup_citations(app: Sphinx) -> None:
    # briefing_citation_style is declared and checked in config.py (one of STYLES).
    app.connect("env-updated", _number_sources, priority=priority("number-sources"))
    app.connect("briefing-outdated", changed_pages, priority=priority("citation-numbers-outdated"))
