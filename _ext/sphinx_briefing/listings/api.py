"""Listings: placeholders written at read time, filled from the whole book at write time.

A kind declares its listings (:attr:`~sphinx_briefing.core.kinds.Kind.listings`), and
:func:`~sphinx_briefing.core.registry.register_kind` registers their directives with the kind's own, so a
listing can never be set up before its kind. A listing directive (``who-is-who``, ``key-figures`` …)
emits only a :class:`briefing_listing` placeholder. :class:`ListingResolver` replaces it just before cross-references are resolved, so the
references inside listings go through the same Domain code as the authors' own roles. Which pages
hold listings is recorded by the collector (:mod:`~sphinx_briefing.core.collector`); what their
listings read is noted by :class:`ListingContext` while they are built, and the freshness decider
rewrites a listing page when any of it changed (:mod:`~sphinx_briefing.core.reads`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.diagnostics import Problem, warn
from ..core.domain import BriefingDomain, book_order, get_domain, unlisted_docs
from ..core.kinds import NOT_SHOWN
from ..core.model import Record, not_stated
from ..core.nodes import briefing_listing
from ..core.options import OptionSpec, read_options
from ..core.pipeline import priority
from ..core.reads import Key, ListingReads
from ..core.registry import KIND_REGISTERED
from ..core.walk import Walk, add_step
from ..i18n.catalog import _, format_date, parse_date, word

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from ..core.kinds import Kind

Cell = str | nodes.Node | Sequence[nodes.Node]
#: Builds a listing's nodes from the whole book (tables, rubrics, lists); see :class:`ListingContext`.
ListingBuilder = Callable[["ListingContext"], list[nodes.Node]]


@dataclass(frozen=True)
class ListingOption:
    """A filter a listing takes, e.g. ``:country: Japan`` on ``who-is-who``.

    The directive checks it as the object directives check theirs (``unknown-option``,
    ``empty-option``, ``bad-date``; an id is checked at write time like any reference:
    ``unknown-ref`` with a "did you mean" hint, ``wrong-kind``, ``several-ids``).
    """

    name: str
    #: ``text``: matched regardless of case; ``date``: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``,
    #: matching that day, month or year; ``flag``: written alone (``:headline:``), given as ``"yes"``.
    type: Literal["text", "date", "flag"] = "text"
    #: The kind(s) whose id the value names (``person|organisation``), if it is an id.
    link: str = ""
    #: How an empty result names the filter, ``{}`` standing for the value (a linked object's
    #: name): ``"from {}"`` gives "No people from India."
    phrase: str = "with {} as {name}"
    #: One line for the authoring guide.
    doc: str = ""


@dataclass(frozen=True)
class Listing:
    """A listing that takes options: its builder, its filters, and what its entries are called.

    Use it as the value in :attr:`Kind.listings <sphinx_briefing.core.kinds.Kind.listings>` (a plain
    builder takes no options). The builder reads the given filters from :attr:`ListingContext.options`.
    """

    build: ListingBuilder
    options: tuple[ListingOption, ...] = ()
    #: Plural noun for an empty result: "No people from India."
    noun: str = "entries"

    def __call__(self, ctx: ListingContext) -> list[nodes.Node]:
        return self.build(ctx)


def read_listing_options(
    directive: SphinxDirective, declared: Sequence[ListingOption]
) -> dict[str, str]:
    """The options given to a listing directive, checked against *declared* (the one option reader,
    :func:`~sphinx_briefing.core.options.read_options`); warns per problem."""
    by_name = {o.name: o for o in declared}
    domain = get_domain(directive.env)

    def check(name: str, raw: Any) -> str | None:
        value = str(raw).strip()
        option = by_name[name]
        if option.type == "date" and parse_date(value) is None:
            warn(Problem.BAD_DATE, f"{directive.name} directive: option {name!r} must be a date as "
                 f"YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}", directive.get_location())
            return None
        if option.link:
            # The listing shows the object's name: a change to it must rewrite this page.
            domain.note_reference(directive.env.docname, option.link, value)
        return value

    return read_options(directive, by_name, check, flags=[o.name for o in declared if o.type == "flag"])


def date_matches(value: str, wanted: str) -> bool:
    """Whether the date *value* (``2023-03-18``) falls on the day, month or year *wanted*."""
    return bool(value) and (value == wanted or value.startswith(wanted + "-"))


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class _Read(Mapping[str, Any]):
    """A record's ``fields`` or ``originals`` as a listing builder sees them: reading notes the option."""

    __slots__ = ("_key", "_reads", "_values")

    def __init__(self, values: dict[str, Any], key: Key, reads: ListingReads) -> None:
        self._values, self._key, self._reads = values, key, reads

    def __getitem__(self, name: str) -> Any:
        self._reads.note_part(self._key, name)
        return self._values[name]

    def get(self, name: str, default: Any = None) -> Any:
        self._reads.note_part(self._key, name)
        return self._values.get(name, default)

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self._reads.note_part(self._key, name)
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        self._reads.parts[self._key] = None  # every option, whatever is done with them
        return iter(self._values)

    def __len__(self) -> int:
        self._reads.parts[self._key] = None
        return len(self._values)


def _noted(part: str) -> Any:
    """A record's *part* (``text``, ``docname`` …) as a :class:`ReadRecord` gives it: reading it notes it."""

    def read(self: ReadRecord) -> Any:
        data = self.__dict__
        data["_reads"].note_part(data["_key"], part)
        return data[part]

    # A property on the class comes before the value in the instance's __dict__, so only these
    # parts pass through Python code; every other attribute (``fields``, ``get``, ``id``) is read
    # as from any object (a __getattribute__ of its own made every attribute a Python call, and
    # listings read records' attributes tens of thousands of times on a dense book).
    return property(read, doc=f"The record's ``{part}``; reading it notes it.")


class ReadRecord(Record):
    """A record as :class:`ListingContext` hands it to a listing builder: what is read of it is noted.

    It is a :class:`Record` (``get``, ``get_list``, every attribute, equal to the record it shows):
    reading an option (through ``get``, ``get_list``, ``fields`` or ``originals``) or the body, the
    translation, the page or the ``listed`` flag notes that part in the page's
    :class:`~sphinx_briefing.core.reads.ListingReads`.
    """

    # The parts of a record a listing may read besides its options (``Record.fingerprint``'s).
    text = _noted("text")
    translation = _noted("translation")
    docname = _noted("docname")
    listed = _noted("listed")

    def __init__(self, record: Record, reads: ListingReads) -> None:
        object.__setattr__(self, "__dict__", dict(record.__dict__))
        key = (record.kind, record.id)
        self.__dict__["_reads"] = reads
        self.__dict__["_key"] = key
        self.__dict__["fields"] = _Read(record.fields, key, reads)
        self.__dict__["originals"] = _Read(record.originals, key, reads)
        self.__dict__["_record"] = record

    def __eq__(self, other: object) -> bool:
        mine = self.__dict__["_record"]
        theirs = other.__dict__["_record"] if isinstance(other, ReadRecord) else other
        return bool(mine is theirs or mine == theirs)

    __hash__ = None  # type: ignore[assignment]  # as Record: a mutable dataclass

    def fingerprint(self) -> tuple[object, ...]:
        read = self.__dict__["_record"].fingerprint()
        self.__dict__["_reads"].parts[self.__dict__["_key"]] = None
        return read


class ListingContext:
    """What a listing builder may use: the book's records in book order, and reference makers.

    **What it reads is what it shows.** The context notes, for the page being written, what its
    listings read (:class:`~sphinx_briefing.core.reads.ListingReads`): the kinds a listing asks for
    (:meth:`listed`, in order), the ids it looks up (:meth:`get`, :meth:`refs`), the options and
    parts of each record it reads (records come as :class:`ReadRecord`), the records it links
    (:meth:`ref`: the page shows what a link to them shows) and the pages' inline citations
    (:attr:`inline_sources`, :attr:`unlisted_docs`). On the next build the page is rewritten only
    when one of these changed (core/freshness.py). :attr:`kinds`, :attr:`config` and :attr:`titles`
    need no noting (a change to them rewrites every page anyway).

    :attr:`domain` is the whole book, around the context: a listing that uses it is *untracked*,
    and its page is rewritten whenever anything in the book changes. A listing of a book's own
    should keep to the context's methods, so that its page is rewritten only when it must.
    """

    def __init__(
        self,
        domain: BriefingDomain,
        order: dict[str, int],
        unlisted_docs: frozenset[str] = frozenset(),
        options: dict[str, str] | None = None,
    ) -> None:
        self._domain = domain
        #: docname -> position in reading order (:func:`book_order`).
        self.order = order
        self._unlisted_docs = unlisted_docs
        #: The filters given to the listing being built (``{"country": "Japan"}``), already checked.
        self.options: dict[str, str] = dict(options or {})
        #: What the listings built with this context read (one context a page).
        self.reads = ListingReads()
        # kind -> listed records in book order; records do not change while a page is written, so
        # each kind is sorted once per page rather than on every call (source-list calls this per source).
        self._listed: dict[str, list[Record]] = {}
        self._read: dict[Key, ReadRecord] = {}

    @property
    def domain(self) -> BriefingDomain:
        """The Domain itself: every record of the book, read around the context (untracked)."""
        self.reads.untracked = True
        return self._domain

    @property
    def kinds(self) -> dict[str, Kind]:
        """name -> :class:`~sphinx_briefing.core.kinds.Kind`, in registration order."""
        return self._domain.kinds

    @property
    def config(self) -> Config:
        """The book's configuration (a change to it rebuilds every page)."""
        return self._domain.env.config

    @property
    def titles(self) -> dict[str, nodes.title]:
        """docname -> the page's title node (a changed title rewrites every page: core/structure.py)."""
        return self._domain.env.titles

    @property
    def unlisted_docs(self) -> frozenset[str]:
        """Pages whose metadata says ``briefing-unlisted: true`` (e.g. the authoring guide, whose live
        examples cite sources): listings do not count them as citing pages."""
        self.reads.pages = True
        return self._unlisted_docs

    @property
    def inline_sources(self) -> dict[str, list[str]]:
        """docname -> the source ids the page's prose cites with ``{source}``."""
        self.reads.pages = True
        return self._domain.inline_sources

    def doc_position(self, docname: str) -> tuple[int, str]:
        """Sort key putting pages in reading order."""
        return self.order.get(docname, len(self.order)), docname

    def _noted(self, record: Record) -> ReadRecord:
        key = (record.kind, record.id)
        read = self._read.get(key)
        if read is None or read.__dict__["_record"] is not record:
            read = self._read[key] = ReadRecord(record, self.reads)
        return read

    def listed(self, kind: str) -> list[Record]:
        """The listed records of *kind* the current builder shows, in book order."""
        if kind not in self._listed:
            records = self._domain.listed(kind, self.order)
            self.reads.listed[kind] = tuple(r.id for r in records)
            self._listed[kind] = [self._noted(r) for r in records]
        return list(self._listed[kind])

    def get(self, kind: str, ident: str) -> Record | None:
        """The record *ident* of *kind* (``person|organisation``: the first kind having it), or None."""
        for alternative in kind.split("|"):
            self.reads.lookups.add((alternative, ident))
        record = self._domain.get(kind, ident)
        return self._noted(record) if record is not None else None

    def matches(self, value: str, option: str, original: str = "") -> bool:
        """Whether the text *value* passes the filter *option* (true when it is not given).

        In an edition the author's filter (``:country: Japan``) is English while the value is
        translated ("日本"): the value's *original* (``Record.originals``) matches too.
        """
        wanted = self.options.get(option)
        # Compared as a reader sees the text (NFKC: "Zürich" typed with a combining accent is Zürich).
        return wanted is None or _folded(wanted) in {_folded(value), _folded(original or value)}

    def ref(self, record: Record, text: str | None = None) -> addnodes.pending_xref:
        """A link to *record*, resolved by the Domain like any role (so it shows the same text)."""
        self.reads.links.add((record.kind, record.id))
        return addnodes.pending_xref(
            "",
            nodes.inline("", text or self._domain.kinds[record.kind].display_of(record)),
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
                out.append(nodes.Text(_(", ")))
            record = self.get(kind, ident)
            out.append(self.ref(record) if record else nodes.Text(ident))
        return out


def generic_listing(kind: Kind) -> ListingBuilder:
    """A table of every listed object of *kind*: its name, then one column per option."""
    title = next((o.name for o in kind.options if o.required and not o.link), None)
    # The trust status is no column: its mark follows the object's name (status.py).
    columns = [o for o in kind.options if o.name != title and o.name not in NOT_SHOWN and o.type != "flag"]

    def build(ctx: ListingContext) -> list[nodes.Node]:
        rows: list[list[Cell]] = []
        for record in ctx.listed(kind.name):
            row: list[Cell] = [ctx.ref(record)]
            for option in columns:
                if option.link:
                    row.append(ctx.refs(option.reftype, record.get_list(option.name)) or not_stated())
                elif option.type == "date" and record.get(option.name):
                    row.append(format_date(record.get(option.name)) or record.get(option.name))
                else:
                    row.append(record.get(option.name) or not_stated())
            rows.append(row)
        headings = [word(kind.human.capitalize()), *(o.heading for o in columns)]
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


#: A listing keeps the table's header row, and LaTeX sets the table whole (tabulary, no page break
#: inside), when it has at most this many rows; a longer one is a longtable that breaks across pages.
SHORT_TABLE_ROWS = 5

#: What a cell shows for a value the sources do not give, in a column that has others: a dash,
#: explained once under the table, instead of "not stated" in every row.
MISSING_CELL = "\u2013"


def _missing(content: Cell) -> bool:
    if isinstance(content, str):
        return content in ("", not_stated())
    if isinstance(content, nodes.Node):
        return False
    return not content


def _shown(content: Cell) -> str:
    return content if isinstance(content, str) else _cell(content).astext()


def _same_throughout(cells: Sequence[Cell]) -> bool:
    """Whether every cell of a column shows the same text.

    Each cell's text is worked out only until one differs from the first: a column of links
    ("Cited by" in the source list, a few hundred rows) would otherwise build each cell twice,
    once for this test and once for the table, and the first two rows almost always differ.
    """
    first = _shown(cells[0])
    return all(_shown(cell) == first for cell in cells[1:])


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[int], *,
          economy: bool = True) -> nodes.Element:
    """A real docutils table, so HTML, LaTeX, EPUB and text agree; its columns kept to what the sources give.

    The economy of absence: a column with no value in any row is left out (the last one standing
    stays), and so is a column after the first showing the same value in every row of two or more; one line above the table says, in
    words, what was left out ("Not in our sources: venue." / "Status, for every row: held."). A value
    missing in a column that has others is a dash, explained once under the table. Returns the
    ``nodes.table``, or a ``briefing-table-group`` container holding it with those lines.
    ``economy=False`` sets every column and cell as given: for a table whose empty cells mean
    something of their own (the changes listing's continuation rows).
    """
    rows = [list(row) for row in rows]
    keep: list[int] = []
    absent: list[str] = []
    shared: list[tuple[str, Cell]] = []
    for col, heading in enumerate(headers):
        cells = [row[col] for row in rows]
        if not economy:
            keep.append(col)
            continue
        if rows and all(_missing(c) for c in cells) and len(keep) + len(headers) - col > 1:
            absent.append(heading)
            continue
        if col and len(rows) > 1 and _same_throughout(cells) and not any(_missing(c) for c in cells):
            shared.append((heading, cells[0]))
            continue
        keep.append(col)
    dashes = False
    group = nodes.tgroup(cols=len(keep))
    total = sum(widths[c] for c in keep) or 1
    group += [nodes.colspec(colwidth=max(1, round(widths[c] * 100 / total))) for c in keep]
    head = nodes.thead("", nodes.row("", *(_cell(headers[c]) for c in keep)))
    body = nodes.tbody()
    for row in rows:
        entries = []
        for c in keep:
            if economy and _missing(row[c]):
                dashes = True
                entries.append(nodes.entry("", nodes.paragraph("", MISSING_CELL), classes=["briefing-cell-missing"]))
            else:
                entries.append(_cell(row[c]))
        body += nodes.row("", *entries)
    group += [head, body]
    # "colwidths-given" makes LaTeX use the widths; "longtable" lets a long one break across pages,
    # while a short one is set whole (a two-row table split "continued on next page" reads badly).
    classes = ["briefing-table", "colwidths-given"]
    if len(rows) > SHORT_TABLE_ROWS:
        classes.append("longtable")
    result = nodes.table("", group, classes=classes)
    notes: list[nodes.Node] = []
    if absent:
        notes.append(nodes.paragraph("", _("Not in our sources: {fields}.").format(fields=_(", ").join(absent)),
                                     classes=["briefing-table-note"]))
    for heading, value in shared:
        # The value as the cells showed it (a link stays a link), once.
        shown = _cell(value)
        inline = shown[0].children if len(shown) == 1 and isinstance(shown[0], nodes.paragraph) else shown.children
        note = nodes.paragraph("", _("{field}, in every row:").format(field=heading) + " ",
                               classes=["briefing-table-note"])
        note.extend([child.deepcopy() for child in inline])
        note += nodes.Text(".")
        notes.append(note)
    after: list[nodes.Node] = []
    if dashes:
        after.append(nodes.paragraph("", _("{dash} not in our sources.").format(dash=MISSING_CELL),
                                     classes=["briefing-table-note"]))
    if not notes and not after:
        return result
    return nodes.container("", *notes, result, *after, classes=["briefing-table-group"])


class AnyOptions(OptionSpec):
    """Lets every option through to the directive, which checks it (see :func:`read_listing_options`).

    Truthy though empty: docutils and MyST only read a directive's option block when its
    ``option_spec`` is truthy, and would otherwise take ``:country: Japan`` for content.
    """

    def __bool__(self) -> bool:
        return True


def listing_named(domain: BriefingDomain, name: str) -> ListingBuilder | None:
    """The builder (or :class:`Listing`) registered under the listing directive *name*: a kind's,
    or one of several kinds' (:func:`register_listing`)."""
    for kind in domain.kinds.values():
        if name in kind.listings:
            return kind.listings[name] or generic_listing(kind)
    return getattr(domain.directives.get(name), "listing", None)


def register_listing(app: Sphinx, name: str, listing: ListingBuilder) -> None:
    """Register a listing of no single kind (``changes`` lists every kind) under the directive *name*.

    A kind's listings come with the kind (:attr:`Kind.listings`); this is for the others. The
    directive class carries its builder and is also a directive of the ``briefing`` Domain, so that
    the table stays per application (Sphinx's registry gives each Domain instance its directives).
    """
    directive = type(f"{name.title().replace('-', '')}ListingDirective", (ListingDirective,), {"listing": listing})
    app.add_directive(name, directive)
    app.add_directive_to_domain("briefing", name, directive)


class ListingDirective(SphinxDirective):
    """``{who-is-who}``, ``{key-figures}`` …: no argument, no body; a placeholder for the listing.

    Options are the listing's filters (:class:`ListingOption`); every option reaches :meth:`run`
    (``OptionSpec``), so an unknown one is reported as such, never as content.
    """

    has_content = True  # accepted, so that a stray body is reported rather than fatal
    option_spec: ClassVar[dict[str, Any]] = AnyOptions()

    def run(self) -> list[nodes.Node]:
        if self.content:
            warn(
                Problem.UNEXPECTED_CONTENT,
                f"{self.name} directive: takes no content; the listing is generated from the book",
                self.get_location(),
            )
        listing = listing_named(get_domain(self.env), self.name)
        declared = listing.options if isinstance(listing, Listing) else ()
        node = briefing_listing(
            "", listing=self.name, options=read_listing_options(self, declared),
            classes=["briefing-listing", f"briefing-{self.name}"],
        )
        self.set_source_info(node)
        return [node]


def resolve_listings(walk: Walk) -> None:
    """Walk step: replace each placeholder by its listing, before references are resolved."""
    placeholders = walk.listings
    if not placeholders:
        return
    domain = get_domain(walk.env)
    builders = {
        name: builder or generic_listing(kind)
        for kind in domain.kinds.values()
        for name, builder in kind.listings.items()
    }
    # Listings of their own (register_listing: the changes listing), beside the kinds' listings.
    builders.update(
        (name, directive.listing) for name, directive in domain.directives.items() if hasattr(directive, "listing")
    )
    ctx = page_context(walk)
    for placeholder in placeholders:
        listing = builders[placeholder["listing"]]
        ctx.options = dict(placeholder.get("options", {}))
        declared = listing.options if isinstance(listing, Listing) else ()
        for option in declared:
            if option.link and (value := ctx.options.get(option.name)):
                ctx.get(option.link, value)  # noted: the warning below comes and goes with the id
        check_linked_options(domain, placeholder, declared, ctx.options)
        built = listing(ctx)
        container = nodes.container("", *built, classes=placeholder["classes"])
        if not built:
            container += nodes.paragraph("", empty_text(ctx, listing), classes=["briefing-empty"])
        walk.replace(placeholder, container)


def page_context(walk: Walk) -> ListingContext:
    """The one :class:`ListingContext` of the page being resolved, shared by its maps and listings.

    What they read is kept for the next build's freshness decider (store ``listing_reads``), under
    the page being resolved (a LaTeX or single-page document: its root, holding every page).
    """
    if not isinstance(walk.context, ListingContext):
        env = walk.env
        domain = get_domain(env)
        walk.context = ListingContext(domain, book_order(env), unlisted_docs(env))
        domain.store.note_listing_reads(env.docname, walk.context.reads)
    return walk.context


def check_linked_options(
    domain: BriefingDomain, placeholder: nodes.Element, declared: Sequence[ListingOption], given: dict[str, str]
) -> None:
    """Warn, as for any reference, about a filter naming an id that no object of its kind has."""
    from ..core.domain import warn_missing_reference

    for option in declared:
        value = given.get(option.name)
        if option.link and value and domain.get(option.link, value) is None:
            ref = addnodes.pending_xref(
                "", reftype=option.link, reftarget=value,
                briefing_context=f"{placeholder['listing']} directive, option {option.name!r}",
            )
            ref.source, ref.line = placeholder.source, placeholder.line
            warn_missing_reference(None, domain, ref)  # type: ignore[arg-type]


def empty_text(ctx: ListingContext, listing: ListingBuilder) -> str:
    """What an empty listing says: "Nothing to list yet.", or which filter matched nothing."""
    if not ctx.options or not isinstance(listing, Listing):
        return _("Nothing to list yet.")
    phrases = []
    for option in listing.options:
        if (value := ctx.options.get(option.name)) is None:
            continue
        shown = value
        if option.link and (record := ctx.get(option.link, value)) is not None:
            shown = ctx.kinds[record.kind].display_of(record)
        elif option.type == "date":
            shown = format_date(value) or value
        phrase = option.phrase
        if option.type == "date" and len(value) < len("YYYY-MM-DD"):
            phrase = phrase.replace("on {}", "in {}")  # "on 18 March 2023", but "in March 2023"
        phrases.append(_(phrase).format(shown, name=option.name))
    # The noun and the phrases are declared with the listing (Listing.noun, ListingOption.phrase)
    # and come from the extension's catalog like every other word.
    return _("No {entries} {filters}.").format(entries=_(listing.noun), filters=_(" and ").join(phrases))


def label_listing_cells(walk: Walk) -> None:
    """Walk step, HTML only: give every body cell after the first its column's heading.

    On a phone the CSS stacks each listing row into a small card, where the table's header row is
    gone; the labels ("Role: ", "Source: "), hidden by the CSS on wider screens, keep each value
    named. Paper has the header row, so other builders never see the labels.
    """
    for table in walk.tables.values():
        if "briefing-table" not in table["classes"]:
            continue
        headings = [e.astext() for e in next(table.findall(nodes.thead)).findall(nodes.entry)]
        for row in next(table.findall(nodes.tbody)).findall(nodes.row):
            # Every insert asks for the page's root, which docutils finds by climbing the parents
            # from the cell (a fifth of a 250-row listing's cost): the row knows it from here on.
            row.document = walk.document
            for heading, entry in list(zip(headings, row.children, strict=False))[1:]:
                label = nodes.inline("", _("{label}: ").format(label=heading), classes=["briefing-cell-label"])
                first = entry.children[0] if entry.children else None
                if isinstance(first, nodes.paragraph):
                    first.insert(0, label)
                elif isinstance(entry, nodes.Element):
                    entry.insert(0, nodes.paragraph("", "", label))


def add_listing_directives(app: Sphinx, kind: Kind) -> None:
    """Register the listing directives *kind* declares (on ``briefing-kind-registered``)."""
    for listing in kind.listings:
        app.add_directive(listing, ListingDirective)


def setup_listings(app: Sphinx) -> None:
    """The listings' transforms; each listing's directive comes with its kind (core.registry)."""
    app.connect(KIND_REGISTERED, add_listing_directives, priority=priority("add-listing-directives"))
    add_step(app, "listings", resolve_listings)
    add_step(app, "listing-cell-labels", label_listing_cells, formats=("html",))
