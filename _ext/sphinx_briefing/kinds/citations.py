"""Compact citations: what ``{source}`` prints, by ``briefing_citation_style``.

- ``numeric``: ``[n]``, numbered in the order of the source list (book order; sources marked
  ``:no-index:`` get no number and fall back to their short label or title);
- ``short``: the source's ``:short:`` label (its title when it has none, with a warning);
- ``title``: the full title (the style of books written before this setting existed);
- ``notes``: in the manner of CRS notes, a citation in parentheses becomes a superscript number, muted,
  and the page's numbered notes follow its text, each giving the source in full (title, linked to
  the source's entry, publisher and date); in the PDF they are real footnotes (Sphinx's own), in
  HTML the number shows the full entry on hover. See :class:`CitationNotes`.

Whatever the style, the reference links to the source's entry (HTML, EPUB and the PDF) and its hover
text gives the full title, publisher and date. Numbers depend on the whole book, so they are worked
out once all pages are read; when they shift (a source added or moved), every page citing a source
is rewritten.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.config import CITATION_STYLES
from ..core.domain import get_domain, hover_key, hover_texts_inline
from ..core.internals import builder as builder_of
from ..core.nodes import HOVER_ATTRIBUTE, briefing_inline_quote
from ..core.pipeline import priority
from ..i18n.catalog import _, brackets
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
    """What ``{source}`` prints for *record* in the book's citation style (under ``notes``, where a
    citation stays words: in a card's Source line, a table, a sentence naming the source)."""
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
    numbers = store.since_last_build("citation_numbers_seen", dict(store.citation_numbers))
    if not numbers.changed or style(env) != "numeric":
        return "citations", set()
    moved = numbers.changed_keys()
    return "citations", {
        docname
        for docname, refs in get_domain(env).references.items()
        if any(kind == "source" and ident in moved for kind, ident in refs)
    }


def setup_citations(app: Sphinx) -> None:
    # briefing_citation_style is declared and checked in config.py (one of STYLES).
    app.connect("env-updated", _number_sources, priority=priority("number-sources"))
    app.connect("briefing-outdated", changed_pages, priority=priority("citation-numbers-outdated"))
    setup_notes(app)


# -- notes: superscript numbers per page, the notes at the page's end ------------------------------

#: A note's number (docutils' ``label``; named so that the catalog's extractor, for which ``label(…)``
#: is a message, passes it by).
_NOTE_LABEL = nodes.label

#: Opening and closing brackets around a citation, in the scripts the editions write.
_OPEN, _CLOSE = ("(", "\uff08"), (")", "\uff09")
#: What may stand between two citations of one parenthesis ("a, b", "a; b", Japanese 「a、b」).
_BETWEEN = re.compile(r"\s*(?:[,;\u3001\uff0c\uff1b]|and|und|\u3068)\s*")
#: What may follow an opening bracket's citations before the bracket's own words ("(a; see …)"; a
#: Japanese translation may write its full stop, U+3002, in full-width brackets).
_AFTER = re.compile(r"^\s*[;,\u3001\u3002\uff0c\uff1b]\s*")
#: A bracket's own words ending before its citations ("(Tokyo time; a)").
_SEPARATED = re.compile(r"[;,\u3001\u3002\uff0c\uff1b]\s*$")


#: The references that cite a source in the text: the author's ``{source}``, and the citation a ``{q}``
#: phrase carries after its words (which :class:`QuotedPhraseCitations` puts in brackets).
_CITING_CONTEXTS = ("source role", "q role")


def _is_citation(node: nodes.Node) -> bool:
    return (isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "briefing"
            and node.get("reftype") == "source" and node.get("briefing_context") in _CITING_CONTEXTS)


class QuotedPhraseCitations(SphinxPostTransform):
    """A ``{q}`` phrase's citation as the book cites anywhere else: in brackets after the words.

    Authors write their citations in brackets, ``… imports ({source}`article`).``; the ``{q}`` role
    writes its own, so it gives it the same brackets here, and from then on it is a citation in
    brackets like the author's: a label under ``short`` and ``title`` ("far better shape" (BBC)),
    a note under ``notes`` (:class:`CitationNotes`, next), a number keyed to the sources line in the
    leaflet, a label and a footnote in Word. Under ``numeric`` a numbered label is its own bracket
    ("far better shape" [3]); a source without a number (``:no-index:``) takes the brackets.

    A post-transform, not the role's own text: the numbers are known only once every page is read.
    The brackets are the edition's (full-width in Japanese, U+FF08 and U+FF09, from the catalog).
    """

    default_priority = priority("cite-quoted-phrases")

    def run(self, **kwargs: Any) -> None:
        numbered = numbers(self.env) if style(self.env) == "numeric" else {}
        left, right = brackets()
        for phrase in list(self.document.findall(briefing_inline_quote)):
            ref = _phrase_citation(phrase)
            if ref is None or ref["reftarget"] in numbered:
                continue
            parent = ref.parent
            index = _index(parent, ref)
            before = parent[index - 1]
            if isinstance(before, nodes.Text) and not left[:1].isascii() and str(before).endswith(" "):
                # A full-width bracket brings its own room: no space before it (after 」).
                parent[index - 1] = nodes.Text(str(before)[:-1])
            parent.insert(index + 1, nodes.Text(right))
            parent.insert(index, nodes.Text(left))


def _phrase_citation(phrase: briefing_inline_quote) -> addnodes.pending_xref | None:
    """The citation the ``{q}`` role wrote after *phrase* (after the space, and in an edition after the
    translation's note), or None. Found by its place, not by its ``briefing_context``: in a translated
    paragraph Sphinx's Locale transform gives each reference the attributes of the original's last
    reference to the same target, which may be a ``{source}`` of the same source."""
    parent = phrase.parent
    if parent is None or not phrase.get("briefing_source"):
        return None

    def passed_by(node: nodes.Node) -> bool:
        if isinstance(node, nodes.inline):
            return "briefing-quote-note" in node["classes"]
        return isinstance(node, nodes.Text) and not str(node).strip()

    at = _index(parent, phrase) + 1
    while at < len(parent) and passed_by(parent[at]):
        at += 1
    ref = parent[at] if at < len(parent) else None
    if isinstance(ref, addnodes.pending_xref) and _is_citation(ref) and ref["reftarget"] == phrase["briefing_source"]:
        return ref
    return None


class CitationNotes(SphinxPostTransform):
    """Under ``briefing_citation_style = "notes"``: a citation in parentheses becomes a note.

    ``… imports ({source}`article`).`` reads "… imports¹." and the page's notes list, after its
    text, "1. Close collaboration between Germany and Japan. Federal Government of Germany."; the
    bracket's other words stay (``(Tokyo time; {source}`a`)`` reads "(Tokyo time)¹"). A citation
    the sentence needs as a word ("as {source}`x` reports") stays a word: the source's short label.

    Numbers are per page (a unit of the assembled tree in LaTeX and singlehtml), one per source in the
    order of its first citation there: the page alone decides them, so ``-j`` builds, incremental
    builds and the editions (which translate each paragraph, citations in the same order) give the
    same numbers, and a change on another page never renumbers this one. The notes are docutils
    ``footnote`` nodes, so every writer sets them its own way: HTML and EPUB a list at the page's
    end with links back; LaTeX real footnotes (Sphinx's LaTeXFootnoteTransform moves each to its
    first mark); text "[1]" and its note. Runs before the walk (4), so its new references to the
    source entries resolve like the author's. The leaflet has no room for notes on two pages: its
    numbers are keyed to its sources line (:func:`leaflet_notes`, run by outputs/latex/leaflet.py);
    Word keeps its own footnotes (outputs/docx).
    """

    default_priority = priority("citation-notes")

    def run(self, **kwargs: Any) -> None:
        if style(self.env) != "notes":
            return
        builder = builder_of(self.env)
        if builder.name.startswith("briefing-leaflet") or builder.name == "gettext" or builder.format == "docx":
            return
        units: dict[int, tuple[nodes.Element, str, list[list[addnodes.pending_xref]]]] = {}
        taken: set[int] = set()
        unit_of = _units(self.document, self.env.docname)
        for ref in [n for n in self.document.findall(addnodes.pending_xref) if _is_citation(n)]:
            if id(ref) in taken or (group := _bracketed_run(ref)) is None:
                continue
            taken.update(id(r) for r in group)
            unit = unit_of[id(ref)]
            units.setdefault(id(unit[0]), (*unit, []))[2].append(group)
        for unit_node, docname, groups in units.values():
            self._notes_for(unit_node, docname, groups)

    def _notes_for(self, unit: nodes.Element, docname: str, groups: list[list[addnodes.pending_xref]]) -> None:
        html = builder_of(self.env).format == "html"
        slug = re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-") or "page"
        notes: dict[str, nodes.footnote] = {}
        domain = get_domain(self.env)
        for group in groups:
            marks: list[nodes.Node] = []
            for ref in group:
                target = ref["reftarget"]
                record = domain.get("source", target)
                if target not in notes:
                    number = str(len(notes) + 1)
                    notes[target] = self._note(record, ref, f"briefing-note-{slug}-{number}", number, docname)
                note = notes[target]
                count = note["briefing_marks"] = note.get("briefing_marks", 0) + 1
                ref_id = f"{note['ids'][0]}-ref-{count}"
                if not note["backrefs"]:
                    # One link back, to the first mark: a list of eleven back-links reads as noise.
                    note["backrefs"].append(ref_id)
                mark_class = briefing_note_ref if html else nodes.footnote_reference
                mark = mark_class("", note[0].astext(), ids=[ref_id], refid=note["ids"][0],
                                  docname=docname, classes=["briefing-note-ref", "briefing-hover"])
                if html and record is not None and hover_texts_inline(builder_of(self.env)):
                    mark["reftitle"] = domain.tooltip(record)
                elif html and record is not None:  # the text is in the book's hover-text file
                    mark["briefing_hover"] = hover_key(record)
                if marks:
                    marks.append(nodes.inline("", ",", classes=["briefing-note-sep"]))
                marks.append(mark)
            _replace_run(group, marks)
        if not notes:
            return
        where = _last_section(unit)
        if builder_of(self.env).format != "latex":
            # (LaTeX moves each note to its first mark, a footnote at the page's foot: no heading.)
            where += nodes.rubric("", _("Notes"), classes=["briefing-notes-heading"])
        where.extend(notes.values())

    def _note(self, record: Record | None, ref: addnodes.pending_xref, ident: str, number: str,
              docname: str) -> nodes.footnote:
        """One note: the source in full, its title linking to its entry in the source list."""
        target = ref["reftarget"]
        title = (record.get("title") if record else "") or target
        link = addnodes.pending_xref("", nodes.inline("", title), refdomain="briefing", reftype="source",
                                     reftarget=target, refexplicit=True, refwarn=True,
                                     briefing_context="source role", refdoc=docname)
        link.source, link.line = ref.source, ref.line
        text = nodes.paragraph("", "", link)
        details = [v for v in ((record.get("publisher") if record else ""), date_text(record) if record else "") if v]
        text += nodes.Text(". " + ", ".join(details) + "." if details else ".")
        note = nodes.footnote("", _NOTE_LABEL("", number), text, ids=[ident], names=[ident], backrefs=[],
                              docname=docname, classes=["briefing-note"])
        return note


def leaflet_notes(document: nodes.Element) -> list[str]:
    """The leaflet's quiet citations: each citation in brackets becomes a superscript number, one per
    source for the whole leaflet in the order of its first citation, keyed to the leaflet's sources
    line (which lists them in that order); returns the source ids in number order.

    ``… imports ({source}`article`).`` reads "… imports¹."; several in one bracket "¹,³". The marks
    are muted (``briefing-leaflet-note``, briefing-print.sty); a citation the sentence needs as a word
    stays one. No footnotes: they would take the room of the second page's content.
    """
    numbers: dict[str, int] = {}
    taken: set[int] = set()
    for ref in [n for n in document.findall(addnodes.pending_xref) if _is_citation(n)]:
        if id(ref) in taken or (group := _bracketed_run(ref)) is None:
            continue
        taken.update(id(r) for r in group)
        marks = ",".join(str(numbers.setdefault(r["reftarget"], len(numbers) + 1)) for r in group)
        _replace_run(group, [nodes.inline("", "", nodes.superscript("", marks), classes=["briefing-leaflet-note"])])
    return list(numbers)


class briefing_note_ref(nodes.footnote_reference):  # noqa: N801 (docutils names nodes in lower case)
    """HTML only: a note's superscript number carrying the source's full entry as its hover text
    (docutils' footnote reference has no title). Other writers get a plain ``footnote_reference``
    (LaTeX's footnote transform walks by class name)."""


def _html_visit_note_ref(self: Any, node: briefing_note_ref) -> None:
    attributes = {"title": node["reftitle"]} if node.get("reftitle") else {}
    if node.get("briefing_hover"):
        attributes[HOVER_ATTRIBUTE] = node["briefing_hover"]
    self.body.append(self.starttag(node, "a", suffix="", classes=["footnote-reference", "brackets"],
                                   role="doc-noteref", href="#" + node["refid"], **attributes))
    self.body.append('<span class="fn-bracket">[</span>')


def _html_depart_note_ref(self: Any, node: briefing_note_ref) -> None:
    self.depart_footnote_reference(node)


def _merge_texts(parent: nodes.Element) -> None:
    """Join neighbouring Text nodes (MyST keeps each line break as a Text of its own), so that a
    bracket and its citations are seen whatever the lines of the source."""
    merged: list[nodes.Node] = []
    for child in parent.children:
        if isinstance(child, nodes.Text) and merged and isinstance(merged[-1], nodes.Text):
            merged[-1] = nodes.Text(str(merged[-1]) + str(child))
            merged[-1].parent = parent
        else:
            merged.append(child)
    parent.children[:] = merged


def _bracketed_run(first: addnodes.pending_xref) -> list[addnodes.pending_xref] | None:
    """The citations of one bracket starting at *first*, when the bracket holds only citations, or
    its own words before them, or after them following a separator; else None (a word in a sentence)."""
    parent = first.parent
    if parent is None:
        return None
    _merge_texts(parent)
    index = _index(parent, first)
    before = parent[index - 1] if index else None
    run: list[addnodes.pending_xref] = [first]
    i = index + 1
    while i + 1 < len(parent) and isinstance(parent[i], nodes.Text) and _BETWEEN.fullmatch(str(parent[i])) \
            and _is_citation(parent[i + 1]):
        run.append(cast("addnodes.pending_xref", parent[i + 1]))
        i += 2
    after = parent[i] if i < len(parent) else None
    if not isinstance(before, nodes.Text) or not isinstance(after, nodes.Text):
        return None
    left, right = str(before), str(after)
    if left.endswith(_OPEN) and (right.startswith(_CLOSE) or _AFTER.match(right)):
        return run
    # The bracket may have opened before other nodes: "({fact}`x` bilateral trade; {source}`a`)".
    prior = "".join(child.astext() for child in parent.children[:index])
    if _open_brackets(prior) and _SEPARATED.search(left) and right.startswith(_CLOSE):
        return run
    return None


def _open_brackets(text: str) -> int:
    """How many brackets *text* leaves open ("(a (b) c" leaves one)."""
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
    return depth


def _index(parent: nodes.Element, child: nodes.Node) -> int:
    """*child*'s place in *parent* by identity (``Element.index`` compares Text nodes as strings)."""
    return next(i for i, c in enumerate(parent.children) if c is child)


def _replace_run(run: list[addnodes.pending_xref], marks: list[nodes.Node]) -> None:
    """Put *marks* where the bracket's citations were, and mend the bracket around them."""
    parent = run[0].parent
    first, last = _index(parent, run[0]), _index(parent, run[-1])
    left, right = str(parent[first - 1]), str(parent[last + 1])
    if left.endswith(_OPEN):
        if right.startswith(_CLOSE):  # "imports (x)." -> "imports¹."
            left, right = left[:-1].rstrip(), right[1:]
        else:  # "(x; see …)" -> "¹ (see …)"
            bracket = left[-1]
            left, right = left[:-1].rstrip(), " " + bracket + right[_AFTER.match(right).end():]  # type: ignore[union-attr]
    else:  # "(Tokyo time; x)" -> "(Tokyo time)¹"
        left, right = left.rstrip(" \n,;\u3001\u3002\uff0c\uff1b") + right[0], right[1:]
    new = [nodes.Text(left), *marks, nodes.Text(right)]
    for node in new:
        node.parent = parent
    parent.children[first - 1:last + 2] = new
    # MyST keeps a line break as a Text of its own ("Tokyo", "\n", "("): the mark follows the word.
    i = first - 1
    while not str(parent[i]).strip() and i > 0 and isinstance(parent[i - 1], nodes.Text):
        parent[i - 1] = nodes.Text(str(parent[i - 1]).rstrip())
        parent[i] = nodes.Text("")
        i -= 1


def _units(document: nodes.document, docname: str) -> dict[int, tuple[nodes.Element, str]]:
    """Each citation's page: its innermost ``start_of_file`` in an assembled tree (LaTeX,
    singlehtml), else the document. Found from the top down: Sphinx's ``inline_all_toctrees`` moves
    a page's children into its ``start_of_file`` without giving them their new parent."""
    found: dict[int, tuple[nodes.Element, str]] = {
        id(ref): (document, docname) for ref in document.findall(addnodes.pending_xref)}
    for page in document.findall(addnodes.start_of_file):  # (outer pages first, inner ones after)
        for ref in page.findall(addnodes.pending_xref):
            found[id(ref)] = (page, page["docname"])
    return found


def _last_section(unit: nodes.Element) -> nodes.Element:
    """Where a page's notes go: after its text, inside its top section (so the page's own
    navigation and any pages included after it (start_of_file) stay after the notes)."""
    section = next((c for c in unit.children if isinstance(c, nodes.section)), None)
    if section is None:
        return unit
    return section


def setup_notes(app: Sphinx) -> None:
    app.add_post_transform(QuotedPhraseCitations)
    app.add_post_transform(CitationNotes)
    app.add_node(briefing_note_ref, html=(_html_visit_note_ref, _html_depart_note_ref))
