"""The uncited-claim check: a sentence that states a fact must cite its source in that sentence.

With ``briefing_check_uncited = True`` every sentence of the book's prose that states

- a **figure** (a number written in digits, not part of a name such as "G7", a number word such as
  "six", or a ``{fact}`` / ``{fact-value}`` reference),
- a **date** (a month or weekday name, "next year" …),
- a **quotation** (words in quotation marks), or
- an **act of a named person or body** (a ``{person}`` or ``{organisation}`` reference, an office such
  as "the Chancellor", a government or "both countries", a body known by its initials such as "EU")

and holds no ``{source}`` reference gets one ``briefing.uncited`` warning at its file and line. A
table row counts as one sentence (a row with a "Source" cell is cited). Not checked: headings,
the office's own objectives and points to make (labelled as such), the cards' own fields (their ``:source:`` is shown with them), verbatim quotations (``briefing-quote``
carries its ``:source:``), code, and the listings, which the toolkit writes from cited objects.

A sentence that needs no citation of its own, such as a summary whose facts are cited on the page
or the card it sums up, is marked with the ``cited-nearby`` role anywhere in the sentence; the role's
text is the author's reason and is never printed::

    Three ministers met their counterparts {cited-nearby}`each meeting is cited below`.

A page that is not briefing prose (a manual, a colophon) opts out in its file-wide metadata:
``briefing-uncited: off`` (MyST front matter) or ``:briefing-uncited: off`` (reStructuredText).

The check reads the original edition only: a translation holds the same references in each message
(Sphinx warns when a translated message drops one), and its sentences are the translator's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole

from ..core.diagnostics import Problem, warn
from ..core.kinds import OFFICE_CLASS
from ..core.nodes import briefing_listing, briefing_quote
from ..core.pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ROLE = "cited-nearby"
METADATA = "briefing-uncited"

# What the token stream holds besides text: one private-use character per reference, so that a
# reference's own text (a pillar called "G7 …", a person's name) is not read as a claim.
_CITE, _PERSON, _FIGURE, _EXEMPT, _OTHER = "\ue010", "\ue011", "\ue012", "\ue013", "\ue014"
_MARKERS = _CITE + _PERSON + _FIGURE + _EXEMPT + _OTHER

# The patterns stay strings until the check runs: it is off unless a book turns it on, and
# compiling the six took ~2 ms of every build's start. ``re`` compiles each on its first search
# and keeps it in its own cache.
_FIGURE_RE = (
    r"(?i)(?<![A-Za-z\d])\d"  # digits, but not inside a name such as G7 or A4
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million"
    r"|billion|per ?cent)\b"
)
_DATE_RE = (
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"  # case-sensitive: "may"
    r"|\b(?:next|this|last) (?:year|month|week)\b"
)
_QUOTE_RE = r"[“”„«»「」『』\"]"
# Who acts, when not a {person} or {organisation} reference: an office ("the Chancellor"), a
# government or both sides ("both countries want …"), a body known by its initials (EU, G7, BGR).
_ACTOR_RE = (
    r"\b(?:Chancellor|Prime Minister|Minister|President|Ambassador|Secretary|King|Queen)\b"
    r"|\bgovernments?\b|\b(?:[Bb]oth|[Tt]he two) (?:countries|governments|sides|leaders)\b"
    r"|\b[A-Z]{2}[A-Za-z\d]*\b|\bG\d+\b"
)
# A sentence ends at . ! ? (closing quotes or brackets may follow) before a space and a capital,
# a quotation mark or a reference; or at a Japanese full stop.
_END_RE = r"(?<=[.!?])[”\u2019\"')\]]*\s+(?=[A-Z“„\"" + _MARKERS + r"])|(?<=。)"
_ABBREVIATIONS = r"\b(?:Mr|Ms|Mrs|Dr|Prof|St|No|Nos|e\.g|i\.e|cf|vs|H\.E)\.$"


class cited_nearby(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lower case)
    """The mark of ``cited-nearby``: read by the check, then removed, so no writer sees it."""


class CitedNearbyRole(SphinxRole):
    """``cited-nearby``: this sentence needs no citation of its own; the text is the reason."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        node = cited_nearby(self.rawtext, self.text)
        self.set_source_info(node)
        return [node], []


def _tokens(node: nodes.Element) -> Iterator[str]:
    """The text of *node* in reading order, each reference replaced by its marker."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            yield str(child)
        elif isinstance(child, cited_nearby):
            yield _EXEMPT
        elif isinstance(child, addnodes.pending_xref) and child.get("refdomain") == "briefing":
            kind = child.get("reftype", "")
            yield {"source": _CITE, "person": _PERSON, "organisation": _PERSON, "fact": _FIGURE}.get(kind, _OTHER)
        elif isinstance(child, addnodes.pending_xref | nodes.literal | nodes.reference):
            yield _OTHER
        elif isinstance(child, nodes.Element):
            if "briefing-fact-value" in child.get("classes", ()):
                yield _FIGURE
            else:
                yield from _tokens(child)


def _claims(sentence: str) -> list[str]:
    """What the sentence states that needs a source: 'a figure', 'a date', … (empty: nothing)."""
    plain = re.sub(f"[{_MARKERS}]", " ", sentence)
    found = []
    if _FIGURE in sentence or re.search(_FIGURE_RE, plain):
        found.append("a figure")
    if re.search(_DATE_RE, plain):
        found.append("a date")
    if re.search(_QUOTE_RE, plain):
        found.append("a quotation")
    if _PERSON in sentence or re.search(_ACTOR_RE, plain):
        found.append("an act of a named person or body")
    return found


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of *text*; abbreviations such as "e.g." do not end one."""
    start = 0
    for match in re.finditer(_END_RE, text):
        candidate = text[start:match.start()]
        if not candidate.strip():
            continue
        if re.search(_ABBREVIATIONS, candidate.rstrip("”\u2019\"')]")):
            continue
        yield start, candidate
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def _shown(sentence: str) -> str:
    words = " ".join(re.sub(f"[{_MARKERS}]", "…", sentence).split())
    return words if len(words) <= 70 else words[:67].rstrip() + "…"


def _report(doctree: nodes.document, node: nodes.Element, line: int | None, sentence: str,
            claims: list[str]) -> None:
    where = nodes.Element()
    where.source, where.line = node.source or doctree["source"], line
    warn(
        Problem.UNCITED,
        f"uncited claim: “{_shown(sentence)}” states {' and '.join(claims)} but cites no source in "
        f"the sentence; add {{source}}`…`, or mark it {{{ROLE}}}`reason` if its facts are cited nearby",
        where,
    )


def _skipped(node: nodes.Node) -> bool:
    """Inside something that is not the author's prose, or that carries its own source."""
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, briefing_quote | briefing_listing | nodes.field_list | nodes.literal_block
                      | nodes.comment | nodes.raw | nodes.title | nodes.rubric | nodes.caption
                      | addnodes.toctree | nodes.thead):
            return True
        classes = parent.get("classes", ()) if isinstance(parent, nodes.Element) else ()
        # A source's own card describes the source: it is the citation, not a claim; the office's own
        # (objectives, points to make) are labelled as its words, not facts that need a source.
        if {"briefing-object-title", "briefing-source-line", "briefing-status-line", "briefing-source",
                OFFICE_CLASS} & set(classes):
            return True
        parent = parent.parent
    return False


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    """Warn on each uncited claim of the page just read; then drop the ``cited-nearby`` marks."""
    env = app.env
    editions = app.config.briefing_editions
    original = not editions or (app.config.language or "en") == editions[0]
    enabled = app.config.briefing_check_uncited and original
    opted_out = str(env.metadata.get(env.docname, {}).get(METADATA, "")).strip().lower() in {
        "off", "no", "false", "0"}
    if enabled and not opted_out:
        for row in doctree.findall(nodes.row):
            if _skipped(row):
                continue
            text = " ; ".join("".join(_tokens(entry)) for entry in row.children
                              if isinstance(entry, nodes.Element))
            line = _line(row)
            if line and (claims := _claims(text)) and _CITE not in text and _EXEMPT not in text:
                _report(doctree, row, line, text, claims)
        for paragraph in doctree.findall(nodes.paragraph):
            if _skipped(paragraph) or isinstance(paragraph.parent, nodes.entry):
                continue
            if not (first := _line(paragraph)):
                continue
            text = "".join(_tokens(paragraph))
            for offset, sentence in sentences(text):
                if _CITE in sentence or _EXEMPT in sentence or not (claims := _claims(sentence)):
                    continue
                _report(doctree, paragraph, first + text[:offset].count("\n"), sentence, claims)
    for mark in list(doctree.findall(cited_nearby)):
        _remove(mark)


def _remove(mark: cited_nearby) -> None:
    """Take the mark out, and the space the author typed before it where punctuation follows
    ("… government {cited-nearby}`…`." prints "… government.")."""
    parent = mark.parent
    index = parent.index(mark)
    before = parent[index - 1] if index else None
    after = parent[index + 1] if index + 1 < len(parent) else None
    parent.remove(mark)
    if isinstance(before, nodes.Text) and (after is None or (isinstance(after, nodes.Text) and (
            not str(after) or str(after)[0] in ".,;:!?)\u3001\u3002\uff09 \n"))):
        # By position: Text nodes compare as strings, so parent.replace() would strip the first
        # equal one, e.g. an earlier line break ("House\n(" printed "House(") and not this one.
        parent[index - 1] = nodes.Text(str(before).rstrip())


def _line(node: nodes.Element) -> int | None:
    """The line the author wrote *node* on; None for text a directive made (a card's value line).

    A table row may know its line only through its first cell's paragraph.
    """
    if node.line:
        return int(node.line)
    if isinstance(node, nodes.row):
        return next((int(p.line) for p in node.findall(nodes.paragraph) if p.line), None)
    return None


def setup_uncited(app: Sphinx) -> None:
    # briefing_check_uncited is declared and checked in config.py.
    app.add_node(cited_nearby)  # never written: check_page removes it; declared for pickling
    app.add_role(ROLE, CitedNearbyRole())
    app.add_role_to_domain("briefing", ROLE, CitedNearbyRole())
    # After the environment collectors (priority 500), so that the page's metadata is known.
    app.connect("doctree-read", check_page, priority=priority("check-uncited"))
