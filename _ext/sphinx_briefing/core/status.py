"""Trust status: how sure the sources are of an object, and the mark every mention of it carries.

Every object directive takes ``:status:`` — ``confirmed`` (the default), ``likely``, ``unconfirmed``
or ``disputed``. The status belongs to the object the source is unsure of (a person's participation,
a meeting, a figure); the mark then travels with every mention of it, so no author text has to
repeat the caveat: roles and option links (a card's "Counterpart"), listing cells, hover text, the
card itself, ``briefing.json`` and the PDF.

This is the *trust* status. It is a different field from a kind's own progress state (an event that
is held, planned or announced), which a kind must name otherwise (``event-status``, after
schema.org's ``eventStatus``); :class:`~sphinx_briefing.core.kinds.Kind` refuses a kind reusing the name
and appends this option to every kind's declared options.

The mark texts are a setting (``briefing_status_marks``, status -> text); ``confirmed`` has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..i18n.catalog import _, label

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .model import Record

#: The option every object directive takes.
OPTION = "status"
#: In order of decreasing confidence.
STATUSES = ("confirmed", "likely", "unconfirmed", "disputed")
DEFAULT = "confirmed"
#: Mark texts unless ``briefing_status_marks`` says otherwise; a confirmed object carries no mark.
DEFAULT_MARKS = {"confirmed": "", "likely": "likely", "unconfirmed": "unconfirmed", "disputed": "disputed"}


def status_of(record: Record) -> str:
    """The record's status; ``confirmed`` when the author gave none (or an invalid one)."""
    value = record.get(OPTION)
    return value if value in STATUSES else DEFAULT


def mark_text(config: Config, status: str) -> str:
    """The text of the mark for *status* ("" for none), from ``briefing_status_marks``."""
    marks = {**DEFAULT_MARKS, **(getattr(config, "briefing_status_marks", None) or {})}
    # The default marks are the extension's words, from its catalog. A book's own marks are conf.py
    # texts: an edition translates them in the book's conf.po (conf_catalog.py, issue-16b) before
    # this reads them; the catalog lookup then finds nothing and leaves them as translated.
    text = str(marks.get(status, status))
    return _(text) if text else ""


def mark_node(config: Config, record: Record) -> list[nodes.Node]:
    """`` (likely)`` after a mention, as nodes; nothing for a confirmed object.

    The parentheses are text, so every builder (text, man, the PDF) shows them; the class lets the
    CSS and ``briefing.sty`` style the mark.
    """
    status = status_of(record)
    text = mark_text(config, status)
    if not text:
        return []
    mark = nodes.inline("", _("({mark})").format(mark=text), classes=["briefing-status-mark", f"briefing-status-{status}"])
    return [nodes.Text(" "), mark]


def status_line(config: Config, record: Record) -> nodes.paragraph | None:
    """``Status: likely`` at the top of an object's own card; None for a confirmed object."""
    status = status_of(record)
    text = mark_text(config, status)
    if not text:
        return None
    return nodes.paragraph(
        "", "",
        nodes.inline("", label("Status"), classes=["briefing-label"]),
        nodes.inline("", text, classes=["briefing-status-mark", f"briefing-status-{status}"]),
        classes=["briefing-status-line", f"briefing-status-{status}"],
    )


def tooltip_line(config: Config, record: Record) -> str:
    """``Status: likely`` as a line of hover text; "" for a confirmed object."""
    text = mark_text(config, status_of(record))
    return f"{label('Status')}{text}" if text else ""


def setup_status(app: Sphinx) -> None:
    """Nothing to connect: ``briefing_status_marks`` is declared and checked in config.py."""
