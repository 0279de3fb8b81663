"""Late text: a pending reference that shows a record's words gets them just before it resolves.

A ``{fact-value}`` shows the fact's current value, a ``{quote}`` its speaker and first words: text
that depends on another page's record, so it cannot be written when the page is read. One
step of the one walk (core/walk.py) looks at each page's briefing references, before Sphinx resolves them (10), and
asks the providers: handlers of the event ``briefing-reference-text`` (the application, the
reference, the Domain), the first to answer with a node giving the reference its content. The
reference then counts as titled (``refexplicit``), so the Domain keeps that content, links it and
adds the hover text and status marks as for any reference. A kind declares its provider in its own
module (``kinds/figures.py``, ``kinds/quotes.py``); no kind is named here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from .domain import get_domain
from .walk import Walk, add_step

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: Emitted with (reference, Domain) for each briefing reference without a title of the author's;
#: a handler returns the node the reference shows, or None to leave it to the others.
REFERENCE_TEXT = "briefing-reference-text"


def give_text(ref: addnodes.pending_xref, content: nodes.Node) -> None:
    """Make *content* what *ref* shows, as if the author had written it as the title."""
    ref.children = [content]
    content.parent = ref
    ref["refexplicit"] = True


def late_reference_text(walk: Walk) -> None:
    """Walk step: ask the providers for each untitled briefing reference's text."""
    events = walk.env.events
    domain = get_domain(walk.env)
    for ref in list(walk.xrefs.values()):
        if ref.get("refdomain") != "briefing" or ref.get("refexplicit"):
            continue
        content = events.emit_firstresult(REFERENCE_TEXT, ref, domain)
        if content is not None:
            give_text(ref, content)


def setup_late_text(app: Sphinx) -> None:
    app.add_event(REFERENCE_TEXT)
    add_step(app, "late-reference-text", late_reference_text)
