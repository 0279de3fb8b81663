"""Listings: placeholders written at read time, filled from the whole book at write time.

A kind declares its listings (:attr:`~sphinx_briefing.kinds.Kind.listings`), and
:func:`~sphinx_briefing.kinds.register_kind` registers their directives with the kind's own, so a
listing can never be set up before its kind. A listing directive (``who-is-who``, ``key-figures`` …)
emits only a :class:`briefing_listing` placeholder. :class:`ListingResolver` replaces it just before cross-references are resolved, so the
references inside listings go through the same Domain code as the authors' own roles. Which pages
hold listings is recorded by :mod:`briefing.collector`, which makes them outdated on any change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import status
from .conditions import rendered
from .diagnostics import Problem, warn
from .domain import BriefingDomain, get_domain, unlisted_docs
from .model import NOT_STATED, Record
from .nodes import briefing_listing
from .objects import format_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .kinds import Kind

Cell = str | nodes.Node | Sequence[nodes.Node]
#: Builds a listing's nodes from the whole book (tables, rubrics, lists); see :class:`ListingContext`.
ListingBuilder = Callable[["ListingContext"], list[nodes.Node]]


@dataclass
class ListingContext:
    """What a listing builder may use: the Domain's records in book order, and reference makers."""

    domain: BriefingDomain
    order: dict[str, int]
    #: Pages whose metadata says ``briefing-unlisted: true`` (e.g. the authoring guide, whose live
    #: examples cite sources): listings do not count them as citing pages.
    unlisted_docs: frozenset[str] = frozenset()
    #: kind -> listed records in book order; records do not change while a page is written, so each
    #: kind is sorted once per page rather than on every call (source-list calls this per source).
    _listed: dict[str, list[Record]] = field(default_factory=dict, init=False, repr=False)

    def doc_position(self, docname: str) -> tuple[int, str]:
        """Sort key putting pages in reading order."""
        return self.order.get(docname, len(self.order)), docname

    def listed(self, kind: str) -> list[Record]:
        if kind not in self._listed:
            records = [
                r for r in self.domain.objects.get(kind, {}).values()
                if r.listed and rendered(self.domain.env, r)
            ]
            self._listed[kind] = sorted(records, key=lambda r: (*self.doc_position(r.docname), r.lineno))
        return list(self._listed[kind])

    def ref(self, record: Record, text: str | None = None) -> addnodes.pending_xref:
        """A link to *record*, resolved by the Domain like any role (so it shows the same text)."""
        return addnodes.pending_xref(
            "",
            nodes.inline("", text or self.domain.kinds[record.kind].display_of(record)),
            refdomain="briefing",
            reftype=record.kind,
            reftarget=record.id,
            refexplicit=text is not None,
        )

    def page_ref(self, docname: str) -> addnodes.pending_xref:
        """A link to a whole page, showing its title (Sphinx's own ``doc`` reference)."""
        return addnodes.pending_xref(
            "", nodes.inline("", docname), refdomain="std", reftype="doc",
            reftarget="/" + docname, refexplicit=False, refwarn=False,
        )

    def refs(self, kind: str, idents: Sequence[str]) -> list[nodes.Node]:
        """Comma-separated links; ids that match nothing stay as plain text."""
        out: list[nodes.Node] = []
        for ident in idents:
            if out:
                out.append(nodes.Text(", "))
            record = self.domain.get(kind, ident)
            out.append(self.ref(record) if record else nodes.Text(ident))
        return out


def generic_listing(kind: Kind) -> ListingBuilder:
    """A table of every listed object of *kind*: its name, then one column per option."""
    title = next((o.name for o in kind.options if o.required and not o.link), None)
    # The trust status is no column: its mark follows the object's name (status.py).
    columns = [o for o in kind.options if o.name not in (title, status.OPTION)]

    def build(ctx: ListingContext) -> list[nodes.Node]:
        rows: list[list[Cell]] = []
        for record in ctx.listed(kind.name):
            row: list[Cell] = [ctx.ref(record)]
            for option in columns:
                if option.link:
                    row.append(ctx.refs(option.reftype, record.get_list(option.name)) or NOT_STATED)
                elif option.type == "date" and record.get(option.name):
                    row.append(format_date(record.get(option.name)) or record.get(option.name))
                else:
                    row.append(record.get(option.name) or NOT_STATED)
            rows.append(row)
        headings = [kind.human.capitalize(), *(o.heading for o in columns)]
        first = 30 if columns else 100
        rest = [(100 - first) // len(columns)] * len(columns) if columns else []
        return [table(headings, rows, [first, *rest])] if rows else []

    return build


def _cell(content: Cell) -> nodes.entry:
    if isinstance(content, str):
        return nodes.entry("", nodes.paragraph("", content))
    if isinstance(content, nodes.Node):
        content = [content]
    if all(isinstance(c, nodes.Body) for c in content):
        return nodes.entry("", *content)
    return nodes.entry("", nodes.paragraph("", "", *content))


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[int]) -> nodes.table:
    """A real docutils table, so HTML, LaTeX (as a page-breaking longtable), EPUB and text agree."""
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=w) for w in widths]
    head = nodes.thead("", nodes.row("", *(_cell(h) for h in headers)))
    body = nodes.tbody("", *(nodes.row("", *(_cell(c) for c in row)) for row in rows))
    group += [head, body]
    # "colwidths-given" makes LaTeX use the widths; "longtable" lets it break across pages.
    return nodes.table("", group, classes=["briefing-table", "colwidths-given", "longtable"])


class ListingDirective(SphinxDirective):
    """``{who-is-who}``, ``{key-figures}`` …: no argument, no body; a placeholder for the listing."""

    has_content = True  # accepted, so that a stray body is reported rather than fatal
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        if self.content:
            warn(
                Problem.UNEXPECTED_CONTENT,
                f"{self.name} directive: takes no content; the listing is generated from the book",
                self.get_location(),
            )
        node = briefing_listing("", listing=self.name, classes=["briefing-listing", f"briefing-{self.name}"])
        self.set_source_info(node)
        return [node]


def book_order(env: BuildEnvironment) -> dict[str, int]:
    """Documents in reading order (depth-first through the toctrees from the root document)."""
    order: dict[str, int] = {}

    def visit(docname: str) -> None:
        if docname in order:
            return
        order[docname] = len(order)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    for docname in sorted(env.found_docs):
        order.setdefault(docname, len(order))
    return order


class ListingResolver(SphinxPostTransform):
    """Replace each placeholder by its listing, before references are resolved (priority 10)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(briefing_listing))
        if not placeholders:
            return
        domain = get_domain(self.env)
        builders = {
            name: builder or generic_listing(kind)
            for kind in domain.kinds.values()
            for name, builder in kind.listings.items()
        }
        ctx = ListingContext(domain, book_order(self.env), unlisted_docs(self.env))
        for placeholder in placeholders:
            built = builders[placeholder["listing"]](ctx)
            container = nodes.container("", *built, classes=placeholder["classes"])
            if not built:
                container += nodes.paragraph("", "Nothing to list yet.", classes=["briefing-empty"])
            placeholder.replace_self(container)


class ListingCellLabels(SphinxPostTransform):
    """HTML only: give every body cell after the first its column's heading.

    On a phone the CSS stacks each listing row into a small card, where the table's header row is
    gone; the labels ("Role: ", "Source: "), hidden by the CSS on wider screens, keep each value
    named. Paper has the header row, so other builders never see the labels.
    """

    default_priority = 6  # after ListingResolver has built the tables
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "briefing-table" not in table["classes"]:
                continue
            headings = [e.astext() for e in next(table.findall(nodes.thead)).findall(nodes.entry)]
            for row in next(table.findall(nodes.tbody)).findall(nodes.row):
                for heading, entry in list(zip(headings, row.children, strict=False))[1:]:
                    label = nodes.inline("", f"{heading}: ", classes=["briefing-cell-label"])
                    first = entry.children[0] if entry.children else None
                    if isinstance(first, nodes.paragraph):
                        first.insert(0, label)
                    elif isinstance(entry, nodes.Element):
                        entry.insert(0, nodes.paragraph("", "", label))


def setup_listings(app: Sphinx) -> None:
    """The listings' transforms; each listing's directive comes with its kind (kinds.register_kind)."""
    app.add_post_transform(ListingResolver)
    app.add_post_transform(ListingCellLabels)
