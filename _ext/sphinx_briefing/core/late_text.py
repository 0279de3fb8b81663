"""Late text: a pending reference that shows a record's words gets them just before it resolves.

A ``{fact-value}`` shows the fact's current value, a ``{quote}`` its speaker and first words: text
that depends on another page's record, so it cannot be written when the page is read. One
step of the one walk (core/walk.py) looks at each page's briefing references, before Sphinx resolves them (10), and
asks the providers: handlers of the event ``briefing-reference-text`` (the application, the page's
untitled briefing references, the Domain), in the order of their priorities. A provider gives the
references it words their content (:func:`give_text`); each reference then counts as titled
(``refexplicit``), so the providers after it leave it alone (the first to answer wins) and the Domain
keeps that content, links it and adds the hover text and status marks as for any reference. A kind
declares its provider in its own module (``kinds/figures.py``, ``kinds/quotes.py``); no kind is
named here. The event is emitted once per page, not once per reference: a reference-dense page holds
hundreds, and each emission costs Sphinx's event machinery (a debug record with the arguments'
``repr``) far more than a provider's test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

from .domain import get_domain
from .walk import Walk, add_step

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from docutils import nodes
    from sphinx.application import Sphinx

#: Emitted once per page with (references, Domain): the page's briefing references without a title
#: of the author's, in document order. A handler gives those it words their content
#: (:func:`give_text`) and skips any another handler gave already (``refexplicit``).
REFERENCE_TEXT = "briefing-reference-text"


def give_text(ref: addnodes.pending_xref, content: nodes.Node) -> None:
    """Make *content* what *ref* shows, as if the author had written it as the title."""
    ref.children = [content]
    content.parent = ref
    ref["refexplicit"] = True


def untitled(refs: Iterable[addnodes.pending_xref]) -> Iterator[addnodes.pending_xref]:
    """The references of *refs* no one has given a text yet (a provider's loop)."""
    return (ref for ref in refs if not ref.get("refexplicit"))


def late_reference_text(walk: Walk) -> None:
    """Walk step: ask the providers for the text of the page's untitled briefing references."""
    refs = [ref for ref in walk.xrefs.values()
            if ref.get("refdomain") == "briefing" and not ref.get("refexplicit")]
    if refs:
        walk.env.events.emit(REFERENCE_TEXT, refs, get_domain(walk.env))


def setup_late_text(app: Sphinx) -> None:
    app.add_event(REFERENCE_TEXT)
    add_step(app, "late-reference-text", late_reference_text)
