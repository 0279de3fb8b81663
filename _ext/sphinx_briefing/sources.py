"""Sources: the ``source`` directive (a bibliography entry), ``{source}`` and the source list.

Every fact and quote cites a source; the source list shows, for each source, what cites it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from .diagnostics import Problem
from .listings import Cell, ListingContext, register_listing, table
from .model import NOT_STATED, Kind, Record, register_kind
from .nodes import briefing_source
from .objects import BriefingObjectDirective, _text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Only these schemes become links; anything else (``javascript:`` …) is shown as text.
_SAFE_SCHEMES = ("https://", "http://")

KIND = register_kind(
    Kind(
        name="source",
        display=lambda r: r.get("title") or r.id,
        tooltip=lambda r: r.get("publisher"),
    )
)


class SourceDirective(BriefingObjectDirective):
    """``source`` — one entry of the bibliography."""

    kind = "source"
    required = ("title",)
    option_types = {"title": _text, "publisher": _text, "url": _text, "date": _text}

    def check_option(self, option: str, value: Any) -> Any:
        if option == "url" and not value.startswith(_SAFE_SCHEMES):
            self.warn(Problem.BAD_URL, f"{self.name} directive: option 'url' must start with https:// or http://")
        return value

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
                nodes.reference(url, url, refuri=url) if url.startswith(_SAFE_SCHEMES) else nodes.Text(url)
            )
            parts.append(link)
        for i, part in enumerate(parts):
            if i:
                meta += nodes.Text(" · ")
            meta += part
        children: list[nodes.Node] = [title]
        if parts:
            children.append(meta)
        return briefing_source("", *children, *body, classes=["briefing-source"])


def source_list(ctx: ListingContext) -> list[nodes.Node]:
    """Each source with everything (fact, quote, person, pillar) that cites it."""
    # Who cites what, gathered in one pass (kinds in this order, records in book order), rather
    # than scanning every record and every page once per source.
    cited_by: dict[str, list[tuple[str, Record]]] = {}
    for kind in ("fact", "quote", "person", "pillar"):
        for record in ctx.listed(kind):
            for target in dict.fromkeys(i for k, i in record.citations() if k == "source"):
                cited_by.setdefault(target, []).append((kind, record))
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


def setup_sources(app: Sphinx) -> None:
    app.add_directive("source", SourceDirective)
    register_listing("source-list", source_list)


