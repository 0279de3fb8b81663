"""Sources: the ``source`` directive (a bibliography entry), ``{source}`` and the source list.

Every fact and quote cites a source; the source list shows, for each source, what cites it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..checks import archive
from ..core.diagnostics import Problem
from ..core.kinds import AS_PUBLISHED, Kind, Option
from ..core.model import Record, not_stated
from ..core.nodes import native_name
from ..core.objects import SAFE_SCHEMES, BriefingObjectDirective, format_date
from ..core.registry import register_kind
from ..i18n.catalog import _, label, word
from ..listings.api import Cell, Listing, ListingContext, ListingOption, table
from . import citations

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class SourceDirective(BriefingObjectDirective):
    """``source`` — one entry of the bibliography."""

    def check_option(self, option: str, value: Any) -> str | list[str] | None:
        if option == "archive":
            return archive.check_archive_option(self, value)
        return super().check_option(option, value)

    def read_options(self) -> dict[str, str | list[str]]:
        fields = super().read_options()
        chosen = self.config.briefing_citation_style
        if chosen in ("short", "notes") and "short" not in self.options:
            self.warn(
                Problem.MISSING_OPTION,
                f"{self.name} directive: no short label for briefing_citation_style {chosen!r} "
                "(add ':short: <label>'); the title is cited instead",
            )
        return fields

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        title = nodes.paragraph("", "", classes=["briefing-source-title", AS_PUBLISHED])
        text = record.get("title") or not_stated()
        if language := record.get("title-language"):
            # The title in the language it was published in, read in that language (lang="ja").
            title += nodes.strong("", "", native_name(text, self.config.briefing_native_language, declared=language))
        else:
            title += nodes.strong("", text)
        if translated := record.get("title-translation"):
            # Beside the title as published, the book's rendering of it, in brackets as in a bibliography.
            title += nodes.Text(" ")
            title += nodes.inline("", f"[{translated}]", classes=["briefing-source-title-translation"])
        meta = nodes.paragraph("", "", classes=["briefing-source-meta", AS_PUBLISHED])
        parts: list[nodes.Node] = []
        if publisher := record.get("publisher"):
            parts.append(nodes.Text(publisher))
        if via := record.get("via"):
            # An agency's report as another site carried it: "Kyodo, via The Japan Times".
            parts.append(nodes.Text(_("via {site}").format(site=via)))
        if date := citations.date_text(record):
            parts.append(nodes.Text(date))
        if url := record.get("url"):
            link: nodes.Node = (
                nodes.reference(url, url, refuri=url) if url.startswith(SAFE_SCHEMES) else nodes.Text(url)
            )
            parts.append(link)
        if accessed := record.get("accessed"):
            parts.append(nodes.Text(_("accessed {date}").format(date=format_date(accessed) or accessed)))
        for i, part in enumerate(parts):
            if i:
                meta += nodes.Text(" · ")
            meta += part
        children: list[nodes.Node] = [title]
        if parts:
            children.append(meta)
        if path := record.get("archive"):
            # The archived text goes out with the HTML, so a reader can check the book's quotations
            # and figures against it: as text, never as the publisher's page (outputs/archives.py
            # publishes it and points this link at it from each page; other builders show the name).
            published = archive.published_name(path)
            name = published.rpartition("/")[2]
            children.append(nodes.paragraph(
                "", "", nodes.inline("", label("Archived text"), classes=["briefing-label"]),
                nodes.reference("", "", nodes.literal(name, name), refuri=published,
                                classes=["briefing-archive"], briefing_archive=path),
                classes=["briefing-source-archive"],
            ))
        if terms := record.get("terms"):
            # What the book may quote or reuse of it, as its publisher states it: a record of the
            # source's origin and terms, which a book built from other people's texts keeps.
            children.append(nodes.paragraph(
                "", "", nodes.inline("", label("Terms"), classes=["briefing-label"]), nodes.Text(terms),
                classes=["briefing-source-terms", AS_PUBLISHED],
            ))
        if record.id and self.config.briefing_citation_style in ("numeric", "short"):
            # How the book cites it; a reference to itself, as the number is known only once
            # every page is read.
            children.append(nodes.paragraph(
                "", "", nodes.inline("", label("Cited as"), classes=["briefing-label"]),
                self.xref("source", record.id, "id"), classes=["briefing-source-citation"],
            ))
        return self.card(*children, *body)


def source_list(ctx: ListingContext) -> list[nodes.Node]:
    """Each source with everything that cites it: objects of any kind, and pages."""
    # Who cites what, gathered in one pass (kinds in registration order, records in book order),
    # rather than scanning every record and every page once per source.
    cited_by: dict[str, list[tuple[str, Record]]] = {}
    for kind in ctx.kinds.values():
        if kind.name == "source":
            continue
        for record in ctx.listed(kind.name):
            for target in dict.fromkeys(i for k, i in kind.citations(record) if k == "source"):
                cited_by.setdefault(target, []).append((word(kind.human), record))
    # Pages citing a source inline, with {source}`id`, count as well.
    cited_on: dict[str, list[str]] = {}
    for docname in sorted(ctx.inline_sources, key=ctx.doc_position):
        if docname not in ctx.unlisted_docs:
            for target in ctx.inline_sources[docname]:
                cited_on.setdefault(target, []).append(docname)
    # (Under "notes" a citation is a page's own number: nothing to look up by.)
    compact = ctx.config.briefing_citation_style in ("numeric", "short")
    rows: list[list[Cell]] = []
    for source in ctx.listed("source"):
        if not ctx.matches(source.get("kind"), "kind", source.originals.get("kind", "")):
            continue
        entries = [(kind, ctx.ref(record)) for kind, record in cited_by.get(source.id, [])]
        entries += [(_("page"), ctx.page_ref(docname)) for docname in cited_on.get(source.id, [])]
        citing: list[nodes.Node] = []
        for kind_label, ref in entries:
            if citing:
                citing.append(nodes.Text("; "))
            citing += [nodes.Text(_("{label}: ").format(label=kind_label)), ref]
        row: list[Cell] = [
            ctx.ref(source, source.get("title") or source.id),
            source.get("publisher") or not_stated(),
            citing or _("nothing yet"),
        ]
        # Compact styles: the citation as printed in the text, first, so a reader can look it up.
        rows.append([ctx.ref(source), *row] if compact else row)
    if not rows:
        return []
    if compact:
        return [table([_("Cited as"), _("Source"), _("Publisher"), _("Cited by")], rows, [12, 30, 18, 40])]
    return [table([_("Source"), _("Publisher"), _("Cited by")], rows, [34, 20, 46])]


KIND = Kind(
    name="source",
    description="Sources: one bibliography entry each; every fact and quotation cites one.",
    options=(
        # The title is bibliographic data: an edition cites the document by the title it was
        # published under, so it never goes to translators. The short label is the book's own
        # words ("Federal Government"), read in every citation: each edition says it in its language.
        Option("title", required=True, translate=False, doc="As published (a citation names the document)."),
        Option("title-language", type="language", label="Language of title",
               doc="The language the source is published in (ja, de) as a BCP 47 tag, where it is not the "
                   "book's: the title is read in it."),
        Option("title-translation", label="Title in translation",
               doc="The title in the book's words, shown in brackets beside the title as published; translated."),
        Option("short", doc="Label printed by {source} under briefing_citation_style 'short'; translated."),
        Option("publisher", doc="Who published it; for an agency's report carried by another site, the agency."),
        Option("via", label="Carried by", translate=False,
               doc="The site that carried another's report (an agency's story on a newspaper's site)."),
        Option("url", type="url", label="Address"),
        Option("date", doc="As the source dates itself: YYYY-MM-DD is shown in the edition's form, other "
                           "text ('Spring 2023') is translated."),
        Option("accessed", type="date", doc="When the book's authors last read it online (YYYY-MM-DD)."),
        Option("archive", translate=False, doc="Path of a copy of the source's text inside the book (plain text or "
               "saved HTML): quotations, values and prose are checked against it."),
        # As the publisher states them (a licence's name is not translated), like the title.
        Option("terms", translate=False,
               doc="The terms it is published under, as its publisher states them ('CC BY 4.0', "
                   "'© Example Press, all rights reserved; quoted under the right of quotation'): "
                   "shown on its card as *Terms*."),
        Option("kind", doc="A category of the book's own, e.g. primary or supplementary; "
                           "source-list's :kind: lists one."),
    ),
    display=lambda r: r.get("title") or r.id,
    # A compact citation ("[2]", a short label) shows title, publisher and date on hover.
    tooltip=citations.tooltip,
    reference=citations.label,
    listings={
        "source-list": Listing(
            source_list,
            (ListingOption("kind", phrase="of kind '{}'", doc="Only the sources of this kind."),),
            noun="sources",
        ),
    },
    directive=SourceDirective,
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)


