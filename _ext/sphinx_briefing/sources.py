"""Sources: the ``source`` directive (a bibliography entry), ``{source}`` and the source list.

Every fact and quote cites a source; the source list shows, for each source, what cites it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .kinds import Kind, Option, register_kind
from .listings import Cell, ListingContext, table
from .model import NOT_STATED, Record
from .objects import SAFE_SCHEMES, BriefingObjectDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class SourceDirective(BriefingObjectDirective):
    """``source`` — one entry of the bibliography."""

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        title = nodes.paragraph("", "", classes=["briefing-source-title"])
        title += nodes.strong("", record.get("title") or NOT_STATED)
        meta = nodes.paragraph("", "", classes=["briefing-source-meta"])
        parts: list[nodes.Node] = []
        if publisher := record.get("publisher"):
            parts.append(nodes.Text(publisher))
        if date := record.get("date"):
            parts.append(nodes.Text(date))
        if url := record.get("url"):
            link: nodes.Node = (
                nodes.reference(url, url, refuri=url) if url.startswith(SAFE_SCHEMES) else nodes.Text(url)
            )
            parts.append(link)
        for i, part in enumerate(parts):
            if i:
                meta += nodes.Text(" · ")
            meta += part
        children: list[nodes.Node] = [title]
        if parts:
            children.append(meta)
        return self.card(*children, *body)


def source_list(ctx: ListingContext) -> list[nodes.Node]:
    """Each source with everything that cites it: objects of any kind, and pages."""
    # Who cites what, gathered in one pass (kinds in registration order, records in book order),
    # rather than scanning every record and every page once per source.
    cited_by: dict[str, list[tuple[str, Record]]] = {}
    for kind in ctx.domain.kinds.values():
        if kind.name == "source":
            continue
        for record in ctx.listed(kind.name):
            for target in dict.fromkeys(i for k, i in kind.citations(record) if k == "source"):
                cited_by.setdefault(target, []).append((kind.human, record))
    # Pages citing a source inline, with {source}`id`, count as well.
    cited_on: dict[str, list[str]] = {}
    for docname in sorted(ctx.domain.inline_sources, key=ctx.doc_position):
        if docname not in ctx.unlisted_docs:
            for target in ctx.domain.inline_sources[docname]:
                cited_on.setdefault(target, []).append(docname)
    rows: list[list[Cell]] = []
    for source in ctx.listed("source"):
        entries = [(kind, ctx.ref(record)) for kind, record in cited_by.get(source.id, [])]
        entries += [("page", ctx.page_ref(docname)) for docname in cited_on.get(source.id, [])]
        citing: list[nodes.Node] = []
        for label, ref in entries:
            if citing:
                citing.append(nodes.Text("; "))
            citing += [nodes.Text(f"{label}: "), ref]
        rows.append(
            [
                ctx.ref(source),
                source.get("publisher") or NOT_STATED,
                citing or "nothing yet",
            ]
        )
    return [table(["Source", "Publisher", "Cited by"], rows, [34, 20, 46])] if rows else []


KIND = Kind(
    name="source",
    description="Sources: one bibliography entry each; every fact and quotation cites one.",
    options=(
        Option("title", required=True),
        Option("publisher"),
        Option("url", type="url", label="Address"),
        Option("date", doc="As the source dates itself."),
    ),
    display=lambda r: r.get("title") or r.id,
    tooltip=lambda r: r.get("publisher"),
    hover_card=False,
    listings={"source-list": source_list},
    directive=SourceDirective,
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)


