"""The "At a glance" leaflet: the book's summary pages as a PDF of at most two A4 pages.

Modelled on the European Parliament's "At a glance" notes: a title block (occasion, date, venue), then
the summary, key figures, pillars and participants of the pages named by ``briefing_leaflet``, and a
sources line. Nothing is typed twice: the pages are the book's own (their facts, people and pillars come
from the same objects; each pillar they name gets its first key point, taken from its own card), the
title block uses the book's title-page macros (``\\briefingtitle``, ``\\briefingdate``,
``\\briefingvenue`` …, see ``briefing.sty``), and the sources line lists the sources those pages cite.

- ``briefing-leaflet`` is a LaTeX builder writing ``<book>-at-a-glance.tex`` (``<book>`` is the stem of
  the first ``latex_documents`` target) into its own directory, so that the book's LaTeX directory keeps
  one ``.tex`` (Read the Docs runs latexmk with one ``-jobname`` over all of them); ``make latexpdf``
  runs it and puts the PDF next to the book's.
- HTML: the first leaflet page gets a download line pointing at ``_downloads/<book>-at-a-glance.pdf``
  when that file will be there (:func:`leaflet_built`): on Read the Docs, whose ``post_build`` puts it
  there, or where ``make latexpdf`` has written it. Otherwise the line is left out and the build says
  what to build (an info message, so ``make html -W`` on a fresh checkout passes).
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.builders.latex import LaTeXBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging

from ...core import status
from ...core.domain import get_domain
from ...core.internals import builder as builder_of
from ...core.model import Record
from ...core.pipeline import priority
from ...i18n.catalog import _, label, sources_label
from ...kinds import citations
from ...listings.relationship_map import briefing_map_placeholder
from ..writers import to_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

SUFFIX = "-at-a-glance"


def leaflet_name(config: Any) -> str:
    """``briefing-germany-japan-at-a-glance.pdf``: the book's PDF name with ``-at-a-glance``."""
    documents = config.latex_documents
    stem = Path(documents[0][1]).stem if documents else "book"
    return f"{stem}{SUFFIX}.pdf"


def cited_sources(env: BuildEnvironment, docnames: list[str]) -> list[str]:
    """"Title (Publisher)" of every source the pages cite, directly or through their objects, in book order."""
    source = get_domain(env).kinds["source"]
    return [f"{source.display_of(r)} ({r.get('publisher')})" if r.get("publisher") else source.display_of(r)
            for r in cited_records(env, docnames)]


def cited_records(env: BuildEnvironment, docnames: list[str]) -> list[Record]:
    """The sources the pages cite, directly or through their objects, in book order."""
    domain = get_domain(env)
    wanted: dict[str, None] = {}
    for docname in docnames:
        for kind, ident in sorted(domain.references.get(docname, ())):
            record = domain.get(kind, ident)
            if record is None:
                continue
            if kind == "source":
                wanted[ident] = None
            for target_kind, target in domain.kinds[kind].citations(record):
                if target_kind == "source":
                    wanted[target] = None
    return [r for r in domain.all("source") if r.id in wanted]


def numbered_sources_line(env: BuildEnvironment, docnames: list[str], noted: list[str]) -> nodes.paragraph | None:
    """The leaflet's sources line under the ``notes`` citation style: "Sources: ¹ Title, Publisher;
    ² …", numbered as the text's marks (*noted*: source ids in number order, from
    :func:`~...kinds.citations.leaflet_notes`), then the sources the pages cite only through their
    objects (a figure's, a card's), unnumbered. No "(Publisher)" in brackets: the text's citations
    are its numbers. None when nothing is cited."""
    domain = get_domain(env)
    source = domain.kinds["source"]
    records = [r for ident in noted if (r := domain.get("source", ident)) is not None]
    records += [r for r in cited_records(env, docnames) if r.id not in noted]
    if not records:
        return None
    line = nodes.paragraph("", "")
    line += nodes.strong("", sources_label(len(records)))
    for at, record in enumerate(records):
        if at:
            line += nodes.Text("; ")
        if record.id in noted:
            mark = nodes.superscript("", str(noted.index(record.id) + 1))
            line += nodes.inline("", "", mark, classes=["briefing-leaflet-note"])
            line += nodes.Text("\u2009")
        publisher = record.get("publisher")
        line += nodes.Text(f"{source.display_of(record)}, {publisher}" if publisher else source.display_of(record))
    line += nodes.Text(".")
    return line


#: The leaflet's builders: the PDF's and the Word leaflet's (outputs/docx), which share its steps.
LEAFLET_BUILDERS = ("briefing-leaflet", "briefing-leaflet-docx")


class LeafletBuilder(LaTeXBuilder):
    """Writes the leaflet's LaTeX: the ``briefing_leaflet`` pages as one short ``howto`` document."""

    name = "briefing-leaflet"
    epilog = "The leaflet's LaTeX files are in %(outdir)s; run 'make' there (or 'make latexpdf') for the PDF."

    def init_document_data(self) -> None:
        pages = [p for p in self.config.briefing_leaflet if p in self.env.all_docs]
        unknown = [p for p in self.config.briefing_leaflet if p not in self.env.all_docs]
        for page in unknown:
            logger.warning("briefing_leaflet names an unknown page %r", page, type="briefing", subtype="leaflet")
        self.titles = []
        self.document_data = []
        if not pages:
            logger.warning("briefing_leaflet names no page: no leaflet is written", type="briefing",
                           subtype="leaflet")
            return
        book = self.config.latex_documents[0] if self.config.latex_documents else None
        title = book[2] if book else self.config.project
        author = book[3] if book else self.config.author
        target = leaflet_name(self.config).replace(".pdf", ".tex")
        self.document_data = [(pages[0], target, title, author, "howto", False)]

    def init_context(self) -> None:
        super().init_context()
        # The leaflet's own title block and no contents; briefing-print.sty defines both.
        self.context["maketitle"] = "\\briefingleaflettitle"
        self.context["tableofcontents"] = ""
        self.context["preamble"] += "\n\\briefingleafletlayout\n"

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        pages = [p for p in self.config.briefing_leaflet if p in self.env.all_docs]
        tree = super().assemble_doctree(indexfile, toctree_only, appendices=pages[1:])
        if citations.style(self.env) == "notes":
            # The text's citations are numbers (LeafletReferences): the line is their key.
            if numbered := numbered_sources_line(self.env, pages, list(tree.get("briefing_leaflet_notes", []))):
                tree += nodes.container("", numbered, classes=["briefing-leaflet-sources"])
        elif sources := cited_sources(self.env, pages):
            line = nodes.paragraph("", "")
            line += nodes.strong("", sources_label(len(sources)))
            line += nodes.Text("; ".join(sources) + ".")
            tree += nodes.container("", line, classes=["briefing-leaflet-sources"])
        # The leaflet's last page is used: the relationship map of the people who met fills the room
        # left after the summary pages, when there is a map to draw and room for it (briefing-print.sty
        # sizes it to the rest of the page, or leaves it out rather than start another page).
        if any(person.get_list("counterpart") for person in get_domain(self.env).all("person")):
            room = nodes.container("", classes=["briefing-leaflet-map"])
            room += nodes.rubric("", _("Who met whom"))
            room += briefing_map_placeholder(
                "", listing="relationship-map", options={"kinds": ["people"]},
                classes=["briefing-listing", "briefing-relationship-map"],
            )
            # Added after Sphinx resolved the assembled tree: resolved here on its own, so that
            # the placeholder becomes the map (the tree's own transforms are not run twice).
            part = new_document(tree.get("source", ""), tree.settings)
            part += room
            self.env.apply_post_transforms(part, pages[0])
            tree.extend(part.children)
        return tree


def pillar_point(env: BuildEnvironment, record: Any) -> nodes.paragraph | None:
    """A pillar's first key point: the first paragraph of the first list item in its card, as written.

    Read from the pillar's own doctree (nothing typed twice); its references are still pending, so the
    leaflet resolves them like its own. A trailing colon (the point introduces a sub-list) is dropped.
    Its own sentences sending the reader to another page of the book are left out (:func:`drop_sentence`).
    ``None`` for a pillar whose body has no list.
    """
    doctree = env.get_doctree(record.docname)
    card = next((n for n in doctree.findall(nodes.Element) if record.anchor in n.get("ids", ())), None)
    items = card.findall(nodes.list_item) if card is not None else iter(())
    item = next(items, None)
    first = item.next_node(nodes.paragraph) if item is not None else None
    if first is None:
        return None
    point = nodes.paragraph("", "", *copy.deepcopy(first.children), classes=["briefing-leaflet-point"])
    last = point[-1] if len(point) else None
    if isinstance(last, nodes.Text) and last.rstrip().endswith(":"):
        point[-1] = nodes.Text(last.rstrip()[:-1].rstrip() + ".")
    return point


class LeafletPillarPoints(SphinxPostTransform):
    """Leaflet only: under each pillar named on its pages (once each), the pillar's first key point.

    The pages name a pillar by its title only; the leaflet gives each one line or two of content.
    Runs before :class:`LeafletReferences`, which then resolves the point's own references.
    """

    default_priority = priority("leaflet-key-points")
    builders = LEAFLET_BUILDERS

    def run(self, **kwargs: Any) -> None:
        add_pillar_points(self.env, self.document, set(self.config.briefing_leaflet))


def add_pillar_points(env: BuildEnvironment, tree: nodes.document, inside: set[str]) -> None:
    """Under a pillar that heads a list item (``- {pillar}`id` …``), its first key point.

    Only there: a pillar named inside a sentence (a summary bullet) is the author's text as written,
    never merged with another object's, so the summary's bullets stay the author's bullets.
    """
    domain = get_domain(env)
    seen: set[str] = set()
    for ref in list(tree.findall(addnodes.pending_xref)):
        if ref.get("refdomain") != "briefing" or ref.get("reftype") != "pillar":
            continue
        record = domain.get("pillar", ref["reftarget"])
        if record is None or record.id in seen or record.docname in inside:
            continue
        paragraph = ref.parent
        if not isinstance(paragraph, nodes.paragraph) or paragraph.index(ref) != 0 \
                or not isinstance(paragraph.parent, nodes.list_item) or paragraph.parent.index(paragraph) != 0:
            continue
        seen.add(record.id)
        if (point := pillar_point(env, record)) is None:
            continue
        paragraph.parent.insert(paragraph.parent.index(paragraph) + 1, point)


# A string, compiled by ``re`` (and kept in its cache) when a leaflet first drops a sentence, not
# at every build's start.
_SENTENCE_END = r"[.!?\u3002\uff0e](?:\s+|$)"


def drop_sentence(ref: nodes.Node) -> bool:
    """Remove the sentence holding *ref* from its paragraph (and the paragraph, or list item, it
    leaves empty). Sentences end with ``.``, ``!``, ``?`` or ``。``; True if anything was removed."""
    paragraph = ref.parent
    if not isinstance(paragraph, nodes.paragraph):
        return False
    children = list(paragraph.children)
    at = children.index(ref)
    # Back to the end of the sentence before (in a text node), else to the paragraph's start.
    start, head = 0, ""
    for i in range(at - 1, -1, -1):
        child = children[i]
        if isinstance(child, nodes.Text):
            ends = list(re.finditer(_SENTENCE_END, str(child)))
            if ends:
                start, head = i, str(child)[:ends[-1].end()]
                break
    # On to the end of this sentence.
    stop, tail = len(children) - 1, ""
    for i in range(at + 1, len(children)):
        child = children[i]
        if isinstance(child, nodes.Text):
            end = re.search(_SENTENCE_END, str(child))
            if end:
                stop, tail = i, str(child)[end.end():]
                break
    kept: list[nodes.Node] = [*children[:start]]
    if head:
        kept.append(nodes.Text(head))
    if tail:
        kept.append(nodes.Text(tail))
    kept += children[stop + 1:]
    paragraph.children = []
    paragraph.extend(kept)
    if not paragraph.astext().strip():
        container = paragraph.parent
        container.remove(paragraph)
        if isinstance(container, nodes.list_item) and not container.children and container.parent is not None:
            container.parent.remove(container)
    return True


class LeafletReferences(SphinxPostTransform):
    """Leaflet only: a reference to a page that is not in the leaflet prints as text, not as an id.

    (The LaTeX writer can link only within its document; unresolved, a role would print its target,
    e.g. ``consultations-date`` instead of the date.) Objects print their display text, pages their title.
    """

    default_priority = priority("leaflet-references")
    builders = LEAFLET_BUILDERS

    def run(self, **kwargs: Any) -> None:
        inside = set(self.config.briefing_leaflet)
        domain = get_domain(self.env)
        if citations.style(self.env) == "notes" and builder_of(self.env).name == LeafletBuilder.name:
            # Quiet citations, as in the book, keyed to the sources line (the pillars' key points,
            # added at 3, included); Word's leaflet keeps its footnotes (outputs/docx).
            self.document["briefing_leaflet_notes"] = citations.leaflet_notes(self.document)
        for ref in list(self.document.findall(addnodes.pending_xref)):
            if not _attached(ref, self.document):
                continue  # in a sentence left out already
            text: str | None = None
            marks: list[nodes.Node] = []
            classes = ["briefing-ref"]
            if ref.get("refdomain") == "briefing":
                record = domain.get(ref["reftype"], ref["reftarget"])
                if record is None or record.docname in inside:
                    continue
                text = ref.astext() if ref.get("refexplicit") else domain.kinds[record.kind].reference_of(record, self.env)
                classes.append(f"briefing-ref-{record.kind}")  # styled as in the book (a fact's value bold)
                marks = status.mark_node(self.config, record)  # "likely, …" travels here too
            elif ref.get("refdomain") == "std" and ref.get("reftype") == "doc":
                docname = docname_join(ref.get("refdoc", ""), ref["reftarget"])
                if docname in inside or docname not in self.env.titles:
                    continue
                # The leaflet stands alone: a sentence sending the reader to a page of the book he
                # does not hold ("See Background.", "Who met whom: Who met whom.") is left out.
                if drop_sentence(ref):
                    continue
                text = ref.astext() if ref.get("refexplicit") else self.env.titles[docname].astext()
            if text is not None:
                ref.replace_self([nodes.inline(text, text, classes=classes), *marks])


def _attached(node: nodes.Node, document: nodes.document) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is document
def leaflet_built(app: Sphinx) -> bool:
    """Whether the leaflet PDF will be at ``<html>/_downloads/`` when the HTML is published: on Read
    the Docs (the ``post_build`` job copies it there), or when it is there already or beside the
    book's PDF (``<html>/../latex/``, whence ``make html`` copies it: the Makefile's leaflet-download)."""
    if os.environ.get("READTHEDOCS"):
        return True
    name = leaflet_name(app.config)
    outdir = Path(app.outdir)
    return (outdir / "_downloads" / name).is_file() or (outdir.parent / "latex" / name).is_file()


def _download_line(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On the first leaflet page of an HTML build: a line linking to the leaflet PDF, if it is built."""
    pages = app.config.briefing_leaflet
    # Not in an EPUB: it holds no file outside the book.
    if app.builder.format != "html" or app.builder.name.startswith("epub") or not pages:
        return
    page: nodes.Element | None = doctree if docname == pages[0] else None
    if page is None and app.builder.name == "singlehtml":
        # One tree for the whole book: the leaflet page is the part Sphinx marks as its file.
        page = next((n for n in doctree.findall(addnodes.start_of_file) if n.get("docname") == pages[0]), None)
    if page is None:
        return
    name = leaflet_name(app.config)
    if not leaflet_built(app):
        # No link to a file that is not there; not a warning: a fresh `make html -W` must pass.
        logger.info("briefing: %s: no link to the leaflet %s yet: it is not built (run 'make latexpdf', "
                    "then 'make html' again)", docname, name)
        return
    # From the page's own output file: dirhtml writes "at-a-glance/index.html", one level deeper.
    uri = to_root(app.builder, docname) + f"_downloads/{name}"
    line = nodes.paragraph("", "", classes=["briefing-leaflet-download"])
    line += nodes.Text(label("This page on two printed pages"))
    line += nodes.reference("", _("At a glance (PDF, A4)"), refuri=uri, classes=["briefing-download"])
    section = next(page.findall(nodes.section), None)
    title = section[0] if section is not None and len(section) and isinstance(section[0], nodes.title) else None
    if title is not None:
        title.parent.insert(title.parent.index(title) + 1, line)
    else:
        page.insert(0, line)


def _leaflet_outdated(app: Sphinx, env: BuildEnvironment) -> tuple[str, list[str]]:
    """Freshness input (``briefing-outdated``): the page with the download line, when the leaflet
    PDF appeared or went since the last build (the line is added at write time, so a rewrite does)."""
    pages = app.config.briefing_leaflet
    if app.builder.format != "html" or not pages:
        return ("leaflet", [])
    came_or_went = get_domain(env).store.since_last_build("leaflet_built_seen", leaflet_built(app)).changed
    return ("leaflet", [pages[0]] if came_or_went else [])


def setup_leaflet(app: Sphinx) -> None:
    app.connect("briefing-outdated", _leaflet_outdated, priority=priority("leaflet-outdated"))
    app.add_builder(LeafletBuilder)
    app.add_post_transform(LeafletPillarPoints)
    app.add_post_transform(LeafletReferences)
    app.connect("doctree-resolved", _download_line, priority=priority("leaflet-download-line"))
