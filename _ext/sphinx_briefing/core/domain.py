"""The ``briefing`` Domain: the single store of every briefing object in the book.

It holds plain :class:`~sphinx_briefing.core.model.Record` objects keyed by kind and id, the references each
document makes (so that a changed object can make exactly its dependants outdated), and the documents
that hold listings. Cross-references from roles, options and listings all resolve here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole

from ..i18n.catalog import label as label_text
from ..i18n.catalog import separator, sources_label
from . import status
from .diagnostics import Problem, warn
from .internals import tags
from .kinds import OFFICE_CLASS, Kind, kinds_of, office_label
from .model import Record
from .nodes import briefing_reference
from .reads import Change, Key, ListingReads, changed_parts
from .store import Store, Written, empty_data
from .suggest import did_you_mean, several_ids

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


_T = TypeVar("_T")

#: Separates the lines of a reference's hover text; the hover-card script splits on it.
TOOLTIP_SEPARATOR = " · "


def hover_texts_inline(builder: Builder | None) -> bool:
    """Whether *builder* writes a reference's hover text into the page (the link's ``title``).

    The HTML builders that run the shipped ``briefing.js`` (``html``, ``dirhtml``, ``singlehtml``)
    do not: a link carries only its target's key (:func:`hover_key`) and the book's one hover-text
    file (outputs/hovers.py) gives the text, so a page does not change when a record's hover text
    does (core/freshness.py). Builders whose readers run no script keep it inline: EPUB and the
    help formats (``embedded``), LaTeX, text, Word.
    """
    return builder is None or builder.format != "html" or bool(getattr(builder, "embedded", True))


def hover_key(record: Record) -> str:
    """The key of *record*'s hover text in the hover-text file: ``person:scholz``."""
    return f"{record.kind}:{record.id}"


def hover_reference(ref: nodes.reference, record: Record) -> briefing_reference:
    """*ref* as a link carrying *record*'s key instead of its hover text (see :func:`hover_texts_inline`)."""
    attributes = {name: list(value) if isinstance(value, list) else value for name, value in ref.attributes.items()}
    linked = briefing_reference(ref.rawsource, "", *ref.children, **attributes)
    linked["briefing_hover"] = hover_key(record)
    return linked


class BriefingXRefRole(XRefRole):
    """``{person}`id```, ``{fact}`id``` …: a pending reference that also records the dependency.

    Registered both as ``briefing:person`` (through the Domain) and as plain ``person``, so authors
    need no prefix; either way the reference belongs to this Domain.
    """

    def __init__(self, **kwargs: Any) -> None:
        # An explicit title (``{person}`the Chancellor <scholz>```) is prose, not code: XRefRole's
        # default ``literal`` would set a person's name in monospace.
        kwargs.setdefault("innernodeclass", nodes.inline)
        # Unresolved references warn (once, through warn_missing_reference) even without
        # nitpicky. A class attribute would not do: XRefRole.__init__ sets its own default.
        kwargs.setdefault("warn_dangling", True)
        super().__init__(**kwargs)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "briefing", self.name.rpartition(":")[2]
        self.classes = ["xref", "briefing", f"briefing-{self.reftype}"]
        return self.create_xref_node()

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: nodes.Element,
        is_ref: bool,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = node["reftype"]
        node["briefing_context"] = f"{kind} role"
        domain = get_domain(env)
        domain.note_reference(env.docname, kind, node["reftarget"])
        if kind == "source":
            domain.note_inline_source(env.docname, node["reftarget"])
        return [node], []


def _same(now: tuple[object, ...], last: tuple[object, ...] | None) -> tuple[object, ...]:
    """*now*, or the equal tuple of the last build: the new one is then freed at once, and an
    unchanged record leaves no new object behind for the cycle collector to count and walk."""
    return last if last == now and last is not None else now


class BriefingDomain(Domain):
    name = "briefing"
    label = "Briefing"
    # Bump whenever the shape of ``data`` or of Record changes, so old pickles are discarded.
    # 5: every datum declared in store.DECLARED (conditions, text templates, replay warnings,
    # prose, the book's shape and citation numbers joined the records). 6: a record's fingerprint
    # holds its fields flat (Record.fingerprint).
    data_version = 6
    # Filled per application by core.registry.register_kind (Sphinx's registry transplants object types
    # and roles into each new Domain instance), so the Domain names no kind itself.
    object_types: ClassVar[dict[str, ObjType]] = {}
    roles: ClassVar[dict[str, Any]] = {}
    _kinds: dict[str, Kind] | None = None
    _store: Store | None = None
    #: What this process noted while writing, and loaded from the last build (store ``written``).
    _written: Written | None = None
    #: What the freshness decider said in this build, input by input (freshness.decide).
    last_freshness: dict[str, set[str]] | None = None
    #: Hover texts by (kind, id) while pages are written (see :meth:`start_writing`); None before.
    _tooltips: dict[tuple[str, str], str] | None = None
    #: :meth:`get_objects`' answer, kept from its first call after writing started; None before.
    _objects: list[tuple[str, str, str, str, str, int]] | None = None
    #: Per page being read, its list of noted references and a set of the same (:meth:`note_reference`).
    _noted: dict[str, tuple[list[tuple[str, str]], set[tuple[str, str]]]] | None = None
    #: One (kind, id) tuple per record for this build (:meth:`_key`); None before the first.
    _keys: dict[Key, Key] | None = None
    #: What a reference to a record shows, by (kind, id), while pages are written (:meth:`_ref_text`).
    _reference_texts: dict[tuple[str, str], str] | None = None
    #: What :meth:`while_writing` worked out in this build's writing, by name; None before.
    _while_writing: dict[str, Any] | None = None
    #: The page being resolved (builder's id, docname) and its relative URIs by target page (:meth:`_relative_uri`).
    _uris: tuple[tuple[int, str], dict[str, str]] | None = None
    #: Every datum the extension keeps, declared once in store.DECLARED (shape, clearing, merging).
    initial_data: ClassVar[dict[str, Any]] = empty_data()

    # -- the kinds ------------------------------------------------------------------------

    @property
    def kinds(self) -> dict[str, Kind]:
        """name -> :class:`~sphinx_briefing.core.kinds.Kind`, in registration order."""
        if self._kinds is None:
            self._kinds = kinds_of(self.object_types)
        return self._kinds

    # -- the store (store.py: the only way the rest of the package touches ``data``) ------

    @property
    def store(self) -> Store:
        """Typed access to every datum the extension keeps (:mod:`.store`)."""
        if self._written is None:
            self._written = Written()
        if self._store is None or self._store.data is not self.data:
            self._store = Store(self.data, self._written)
        return self._store

    @property
    def conditions(self) -> dict[tuple[str, str, str], list[str]]:
        """(kind, id, docname) -> the ``only`` expressions around that definition (conditions.py)."""
        return self.store.conditions

    def rendered(self, record: Record) -> bool:
        """Whether the current builder shows *record* (False inside an ``only`` it excludes)."""
        expressions = self.conditions.get((record.kind, record.id, record.docname))
        if not expressions:
            return True
        builder_tags = tags(self.env)  # the builder's tags, as Sphinx's own OnlyNodeTransform uses them
        return all(builder_tags.eval_condition(expression) for expression in expressions)

    @property
    def objects(self) -> dict[str, dict[str, Record]]:
        return self.store.objects

    @property
    def references(self) -> dict[str, list[tuple[str, str]]]:
        return self.store.references

    @property
    def inline_sources(self) -> dict[str, list[str]]:
        return self.store.inline_sources

    @property
    def shadowed(self) -> list[Record]:
        return self.store.shadowed

    @property
    def listing_docs(self) -> set[str]:
        return self.store.listing_docs

    @property
    def fingerprints(self) -> dict[tuple[str, str], tuple[object, ...]]:
        return self.store.fingerprints

    def shown_fingerprint(self, record: Record) -> tuple[object, ...]:
        """What a reference to *record* shows in a page when its hover text lives elsewhere.

        The link's target (page, listed), its text (the kind's display and reference text, and a
        late text's words: a quotation's body, a translation) and its status mark. Names of linked
        objects a late text shows (a quotation's speaker) are followed through ``hover_links`` in
        :meth:`dependants_of_changes`.
        """
        kind = self.kinds.get(record.kind)
        texts: tuple[str, ...] = ()
        if kind:
            # Kind.reference_of is the display text unless the kind words its references itself:
            # worked out once (a figure's value is formatted through Babel) for every record per build.
            display = kind.display_of(record)
            texts = (display, kind.reference(record, self.env) if kind.reference else display)
        return (record.docname, record.listed, record.text, record.translation, *texts, status.status_of(record))

    @property
    def imported(self) -> dict[str, dict[str, tuple[Record, str]]]:
        """kind -> id -> (record, absolute URL) of other books' objects (``briefing_import``)."""
        return self.store.imported

    def get(self, kind: str, ident: str) -> Record | None:
        """The record of *kind* (or of the first of ``person|organisation`` having it) named *ident*."""
        objects = self.objects
        if "|" not in kind:  # one kind, as every reference asks (three times per reference while writing)
            return objects.get(kind, {}).get(ident)
        for alternative in kind.split("|"):
            if (record := objects.get(alternative, {}).get(ident)) is not None:
                return record
        return None

    def all(self, kind: str) -> list[Record]:
        """Records of one kind in a stable order (document, then line)."""
        return sorted(self.objects.get(kind, {}).values(), key=lambda r: (r.docname, r.lineno))

    def listed(self, kind: str, order: dict[str, int]) -> list[Record]:
        """The records of *kind* a listing shows, in book order (*order*: docname -> position,
        :func:`book_order`): listed, shown by the current builder."""
        records = [r for r in self.objects.get(kind, {}).values() if r.listed and self.rendered(r)]
        last = len(order)
        return sorted(records, key=lambda r: (order.get(r.docname, last), r.docname, r.lineno))

    # -- recording ---------------------------------------------------------------------

    def add(self, record: Record) -> tuple[Record, Record] | None:
        """Store *record*; on a clash return (owner, duplicate), as a serial build decides it.

        The definition that comes first in reading order (document, then line) owns the id, even
        when its page is re-read after the other one; the duplicate is kept aside (``shadowed``).
        """
        by_id = self.objects.setdefault(record.kind, {})
        existing = by_id.get(record.id)
        if existing is None:
            by_id[record.id] = record
            return None
        owner, duplicate = sorted([existing, record], key=_position)
        by_id[record.id] = owner
        self.shadowed.append(duplicate)
        return owner, duplicate

    def note_reference(self, docname: str, kind: str, ident: str) -> None:
        refs = self.references.setdefault(docname, [])
        # The list keeps the page's order; a set beside it answers "noted already?" (a dense page
        # notes hundreds of references: a test on the list was quadratic in them). The set belongs
        # to this very list: a page read again (or merged from a worker) starts a new one.
        if self._noted is None:
            self._noted = {}
        noted = self._noted.get(docname)
        if noted is None or noted[0] is not refs or len(noted[1]) != len(refs):
            noted = self._noted[docname] = (refs, set(refs))
        seen = noted[1]
        for alternative in kind.split("|"):
            if (alternative, ident) not in seen:
                key = self._key(alternative, ident)
                seen.add(key)
                refs.append(key)

    def _key(self, kind: str, ident: str) -> Key:
        """The one ``(kind, ident)`` tuple of this build, shared by every page's references and the
        fingerprint tables (the last build's, as loaded, to begin with).

        Equal tuples either way; one object rather than one per page citing the record means one
        tuple in the pickled environment, not a dozen, to load and for the cycle collector to count.
        """
        if self._keys is None:
            self._keys = {key: key for key in self.store.fingerprints}
        key = (kind, ident)
        return self._keys.setdefault(key, key)

    def note_inline_source(self, docname: str, ident: str) -> None:
        cited = self.inline_sources.setdefault(docname, [])
        if ident not in cited:
            cited.append(ident)

    def note_listing(self, docname: str) -> None:
        self.listing_docs.add(docname)

    def clear_doc(self, docname: str) -> None:
        self.shadowed[:] = [r for r in self.shadowed if r.docname != docname]
        for kind, by_id in self.objects.items():
            for ident in [i for i, r in by_id.items() if r.docname == docname]:
                del by_id[ident]
                # The next definition in reading order takes the id over (its page keeps its
                # anchor in the doctree; DropShadowedAnchors only hides it while it is shadowed).
                waiting = [r for r in self.shadowed if r.kind == kind and r.id == ident]
                if waiting:
                    heir = min(waiting, key=_position)
                    self.shadowed.remove(heir)
                    by_id[ident] = heir
        # Everything else a page contributed, as store.DECLARED says for each datum.
        self.store.clear_doc(docname)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        docs = set(docnames)
        for by_id in otherdata["objects"].values():
            for record in by_id.values():
                # A clash across processes is reported where the same clash would be in a
                # serial build: the later document warns, the earlier one keeps the id.
                if record.docname in docs and (clash := self.add(record)):
                    report_duplicate(self.env, clash[1], clash[0])
        # Duplicates the other process already reported: keep them aside, as it did.
        self.shadowed.extend(r for r in otherdata.get("shadowed", []) if r.docname in docs)
        # Everything else the other process read for its pages, as store.DECLARED says.
        self.store.merge(docs, otherdata)

    # -- incremental builds -------------------------------------------------------------

    def dependants_of_changes(self, hover_inline: bool = True) -> set[str]:
        """Documents to rewrite because something they show was added, changed or removed.

        Compares every record with its fingerprints from the previous build (:meth:`changes`), then
        remembers the new ones. A page citing a record depends on everything of it when its links
        carry the record's hover text (*hover_inline*, see :func:`hover_texts_inline`), else on what
        a link shows (:meth:`shown_fingerprint`). A listing page depends on what its listings read
        when it was last written (:class:`~.reads.ListingReads`); one with no such record (written
        before, or by a listing that read the book around its context) on every change.
        """
        changes = self.changes()
        if not changes:
            return set()
        # The page that now holds a changed object's anchor, and the one that held it, when they
        # differ (a duplicate taking over from a removed definition). Not the page of an object that
        # only names a changed one in its hover text: that text is in the link, not on the card.
        dependants: set[str] = set().union(*(change.pages for change in changes.values()))

        # Pages citing an object: all it shows when links carry hover texts, else what links show.
        def watched(change: Change) -> bool:
            return hover_inline or change.shown

        seen = {key for key, change in changes.items() if watched(change)}
        for docname, refs in self.references.items():
            if seen.intersection(refs):
                dependants.add(docname)
        # Objects citing a changed object show its name (a counterpart, a lead, a source), through
        # links like any other: what a link shows, with its hover text where the page carries it.
        for kind, by_id in self.objects.items():
            for record in by_id.values():
                if seen.intersection(self.kinds[kind].citations(record)):
                    dependants.add(record.docname)
        dependants |= self._stale_listing_docs(changes, watched)
        return dependants & self.env.found_docs

    def changes(self) -> dict[Key, Change]:
        """What changed since the last build, record by record; remembers this build's fingerprints.

        Keys are records' ``(kind, id)`` (this book's and imported ones) and ``("page", docname)``
        for a page's inline citations (the source list names the pages citing a source). A record
        whose hover or late text names a changed record (a counterpart, a quotation's speaker)
        changes with it (:attr:`.Kind.hover_links`), as far as that record's change goes.
        """
        current: dict[Key, tuple[object, ...]] = {}
        shown_now: dict[Key, tuple[object, ...]] = {}
        last, shown_last = self.store.fingerprints, self.store.shown_fingerprints
        for kind, by_id in self.objects.items():
            for ident, record in by_id.items():
                # One key for both tables and the pages' references (:meth:`_key`).
                key = self._key(kind, ident)
                current[key] = _same(record.fingerprint(), last.get(key))
                shown_now[key] = _same(self.shown_fingerprint(record), shown_last.get(key))
        unlisted = unlisted_docs(self.env)
        for docname, cited in self.inline_sources.items():
            current[("page", docname)] = (tuple(sorted(cited)), docname in unlisted)
        # Another book's objects count too: its export may change between builds of this one.
        current.update(
            ((kind, ident), (url, *record.fingerprint()))
            for kind, by_id in self.imported.items()
            for ident, (record, url) in by_id.items()
            if (kind, ident) not in current
        )
        previous = self.store.since_last_build("fingerprints", current).before or {}
        # What links show is remembered in every build, whatever the builder, so that the next
        # build compares with this one's.
        shown_before = self.store.since_last_build("shown_fingerprints", shown_now).before or {}
        changes: dict[Key, Change] = {}
        for key in current.keys() | previous.keys():
            before, now = previous.get(key), current.get(key)
            # What a link shows may change alone (a source's citation number moved).
            shown = shown_now.get(key) != shown_before.get(key)
            if before != now:
                # An imported record or a page's citations have no shown fingerprint: all of it shows.
                pages = frozenset(f[0] for f in (before, now)
                                  if key[0] in self.kinds and f and isinstance(f[0], str))
                changes[key] = Change(shown or key not in shown_now, changed_parts(before, now), pages)
            elif shown:
                changes[key] = Change(True, frozenset())
        if not changes:
            return changes
        for kind, by_id in self.objects.items():
            links = self.kinds[kind].links
            hover_links = self.kinds[kind].hover_links
            if not hover_links:
                continue
            for record in by_id.values():
                hits = [changes[key] for o in hover_links for i in record.get_list(o)
                        for target in links[o].split("|") if (key := (target, i)) in changes]
                if hits:
                    own = changes.get((record.kind, record.id))
                    shown = any(h.shown for h in hits) or (own is not None and own.shown)
                    changes[record.kind, record.id] = (Change(shown, own.parts, own.pages) if own
                                                       else Change(shown, frozenset()))
        return changes

    def _stale_listing_docs(self, changes: dict[Key, Change], watched: Callable[[Change], bool]) -> set[str]:
        """The listing pages showing something in *changes* (see :class:`~.reads.ListingReads`)."""
        reads: dict[str, ListingReads] = self.store.listing_reads
        order: dict[str, int] | None = None
        listed: dict[str, tuple[str, ...]] = {}

        def listed_now(kind: str) -> tuple[str, ...]:
            nonlocal order
            if kind not in listed:
                order = order if order is not None else book_order(self.env)
                listed[kind] = tuple(r.id for r in self.listed(kind, order))
            return listed[kind]

        return {doc for doc in self.listing_docs
                if (read := reads.get(doc)) is None or read.stale(changes, watched, listed_now)}

    # -- resolving ----------------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        # (An imported object whose URL was unsafe resolves to text: an inline, not a reference.)
        record = self.get(typ, target)
        if record is None and (imported := self.imported.get(typ, {}).get(target)):
            return self._external_ref(node, contnode, *imported, builder=builder)  # type: ignore[return-value]
        if record is None:
            # Unresolved: Sphinx now asks intersphinx (missing-reference), then, if nothing
            # answers, calls warn_missing_reference below for the one warning.
            return None
        if not self.rendered(record):
            # Inside an ``only`` block this output drops: the object exists, but not here.
            return cast("nodes.reference", self._ref_text(record, node, contnode))
        # Every mention carries the object's status mark (status.py), inside the link.
        content = [self._ref_text(record, node, contnode), *status.mark_node(env.config, record)]
        if hover_texts_inline(builder):
            refnode = self._link(nodes.reference, builder, fromdocname, record)
            if title := self.tooltip(record):
                refnode["reftitle"] = title
        else:
            # The link carries its target's key, not its hover text (a briefing_reference).
            refnode = self._link(briefing_reference, builder, fromdocname, record)
            refnode["briefing_hover"] = hover_key(record)
        refnode += content
        return refnode

    def _link(
        self, cls: type[nodes.reference], builder: Builder, fromdocname: str, record: Record
    ) -> nodes.reference:
        """An empty link of class *cls* to *record*'s card, as Sphinx's ``make_refnode`` makes it.

        Made in one go rather than by ``make_refnode`` and a copy into a ``briefing_reference``
        (once per reference, 24,000 in a dense book), and with the page's address of each target
        page worked out once per page (:meth:`_relative_uri`) rather than once per reference.
        """
        refnode = cls("", "", internal=True)
        if fromdocname == record.docname and record.anchor:
            refnode["refid"] = record.anchor
        else:
            uri = self._relative_uri(builder, fromdocname, record.docname)
            refnode["refuri"] = f"{uri}#{record.anchor}" if record.anchor else uri
        refnode["classes"] += self._ref_classes(record.kind)
        return refnode

    def _relative_uri(self, builder: Builder, fromdocname: str, todocname: str) -> str:
        """``builder.get_relative_uri(fromdocname, todocname)``, kept for the page being resolved.

        A page's references point to a few dozen pages; the address of each is the same for all of
        them. Only the current page's are kept (pages are resolved one after another).
        """
        page = (id(builder), fromdocname)
        if self._uris is None or self._uris[0] != page:
            self._uris = (page, {})
        uris = self._uris[1]
        if (uri := uris.get(todocname)) is None:
            uri = uris[todocname] = builder.get_relative_uri(fromdocname, todocname)
        return uri

    def _ref_classes(self, typ: str) -> list[str]:
        # briefing-object-ref styles every reference alike; briefing-hover asks for a hover card.
        hover = ["briefing-hover"] if self.kinds[typ].hover_card else []
        office = [f"{OFFICE_CLASS}-ref"] if self.kinds[typ].office else []
        return ["briefing-object-ref", f"briefing-{typ}-ref", *office, *hover]

    def start_writing(self) -> None:
        """From here on no record changes: a record's hover text is worked out once per build.

        A book mentions each object many times (ten references per object in the benchmarks), and
        every mention carries the same hover text; reading is over when writing starts.
        """
        self._tooltips = {}
        self._reference_texts = {}
        self._uris = None
        self._while_writing = {}
        self._objects = None

    def while_writing(self, name: str, make: Callable[[BriefingDomain], _T]) -> _T:
        """``make(domain)``, worked out once per build from ``write-started`` on (records are final
        then), rather than once per page; before writing starts, each time. *name* says what it is:
        a kind's lookup table of its records by the words a reference shows, for example."""
        if self._while_writing is None:
            return make(self)
        if name not in self._while_writing:
            self._while_writing[name] = make(self)
        return cast("_T", self._while_writing[name])

    def tooltip(self, record: Record) -> str:
        """Hover text, one fact per line: the kind's own (a role, a label), then the source.

        It is the ``title`` of the link, so it reaches readers without JavaScript; the hover card
        script lays the same lines out as a card.
        """
        if self._tooltips is None:
            return self._tooltip(record)
        key = (record.kind, record.id)
        if (cached := self._tooltips.get(key)) is None or self.get(*key) is not record:
            cached = self._tooltips[key] = self._tooltip(record)
        return cached

    def _tooltip(self, record: Record) -> str:
        kind = self.kinds[record.kind]
        # The name comes first: an explicit link text ("the Chancellor") does not say who it is.
        lines = [kind.display_of(record), kind.tooltip(record), status.tooltip_line(self.env.config, record)]
        if kind.office:  # never read as sourced fact, on hover either
            lines.insert(1, office_label())
        for option, label in kind.hover_links.items():
            names = [self._name(kind.links[option], i) for i in record.get_list(option)]
            if names:
                # "Counterparts" is a msgid of its own (plurals differ between languages).
                lines.append(label_text(f"{label}s" if len(names) > 1 else label) + separator().join(names))
        sources = [found for found in (self.get("source", i) or self.imported.get("source", {}).get(i, (None,))[0]
                                       for i in (record.get_list("source") if record.kind != "source" else []))
                   if found is not None]
        if sources:
            lines.append(sources_label(len(sources)) + separator().join(self.kinds["source"].display_of(s) for s in sources))
        # Docutils flattens newlines in attributes, so lines are joined with a middle dot.
        return TOOLTIP_SEPARATOR.join(line for line in lines if line)

    def _name(self, reftype: str, ident: str) -> str:
        """The display name of the object *ident* (of this book or an imported one), else the id."""
        record = self.get(reftype, ident) or next(
            (self.imported[k][ident][0] for k in reftype.split("|") if ident in self.imported.get(k, {})), None
        )
        return self.kinds[record.kind].display_of(record) if record and record.kind in self.kinds else ident

    def _ref_text(self, record: Record, node: pending_xref, contnode: nodes.Element) -> nodes.Node:
        if node.get("refexplicit"):
            return contnode
        typ = record.kind
        kind = self.kinds[typ]
        # A kind may word its references by the build (a source's citation number or short label):
        # fixed once writing started, so worked out once per record, not once per reference.
        if self._reference_texts is None:
            text = kind.reference_of(record, self.env)
        else:
            key = (typ, record.id)
            cached = self._reference_texts.get(key)
            if cached is None or self.get(typ, record.id) is not record:
                cached = self._reference_texts[key] = kind.reference_of(record, self.env)
            text = cached
        return nodes.inline("", text, classes=["briefing-ref", f"briefing-ref-{typ}"])

    def _external_ref(
        self, node: pending_xref, contnode: nodes.Element, record: Record, url: str, *, builder: Builder | None
    ) -> nodes.Element:
        """A reference to an object of another book (``briefing_import``); text if its URL was unsafe."""
        if not url:
            return nodes.inline("", "", self._ref_text(record, node, contnode), classes=["briefing-external"])
        ref = nodes.reference(
            "", "", self._ref_text(record, node, contnode), *status.mark_node(self.env.config, record),
            refuri=url, internal=False, classes=[*self._ref_classes(record.kind), "briefing-external"],
        )
        if hover_texts_inline(builder):
            ref["reftitle"] = self.tooltip(record)
            return ref
        return hover_reference(ref, record)

    def hover_texts(self) -> dict[str, str]:
        """:func:`hover_key` -> hover text of every object a reference can name (this book's and
        imported ones), for the builders that keep hover texts out of the pages (outputs/hovers.py)."""
        texts = {hover_key(r): self.tooltip(r) for by_id in self.objects.values() for r in by_id.values()}
        for by_id in self.imported.values():
            for record, _url in by_id.values():
                texts.setdefault(hover_key(record), self.tooltip(record))
        return {key: text for key, text in texts.items() if text}

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for typ in self.roles:
            if self.get(typ, target) is not None:
                ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
                if ref is not None:
                    results.append((f"briefing:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        """Feed ``objects.inv`` (intersphinx) and search: name, dispname, type, doc, anchor, priority."""
        if self._objects is not None:
            # Asked three times per build once writing has started (inventory, search index, and
            # the search index's anchors, outputs/search.py), when no record changes any more.
            yield from self._objects
            return
        found = [
            (record.id, kind.index_name_of(record), name, record.docname, record.anchor, 1)
            for name, kind in self.kinds.items() if kind.role
            for record in self.all(name) if record.listed and self.rendered(record)
        ]
        if self._tooltips is not None:
            self._objects = found
        yield from found


def warn_missing_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """The single warning for a reference nothing could resolve, worded for authors."""
    if domain is None or domain.name != BriefingDomain.name:
        return None
    briefing = cast("BriefingDomain", domain)
    typ, target = node["reftype"], node["reftarget"]
    context = node.get("briefing_context", f"{typ} role")
    kinds = briefing.kinds
    wanted = typ.split("|")
    other = next((k for k in kinds if k not in wanted and briefing.get(k, target)), None)
    if other:
        # An option may name a kind the book does not load (organisation): say it all the same.
        expected = " or ".join(
            kinds[k].with_article if k in kinds else f"{'an' if k[:1] in 'aeiou' else 'a'} {k}" for k in wanted
        )
        warn(Problem.WRONG_KIND, f"{context}: {target!r} is {kinds[other].with_article}, not {expected}", node)
    elif parts := several_ids(target):
        listed = ", ".join(repr(p) for p in parts)
        what = " or ".join(wanted)
        warn(Problem.SEVERAL_IDS, f"{context}: one {what} id is allowed here, but {len(parts)} are given ({listed})", node)
    else:
        known = [i for k in wanted for i in (*briefing.objects.get(k, {}), *briefing.imported.get(k, {}))]
        hint = did_you_mean(target, known)
        warn(Problem.UNKNOWN_REF, f"{context}: unknown {' or '.join(wanted)} {target!r}{hint}", node)
    return True


def _position(record: Record) -> tuple[str, int]:
    return record.docname, record.lineno


def report_duplicate(env: BuildEnvironment, record: Record, first: Record) -> None:
    # The file the author must open: the document's own, or the file it includes.
    where = f"{first.file or env.doc2path(first.docname, False)}:{first.lineno}"
    location: tuple[str, int] | str = (record.docname, record.lineno)
    if record.file:
        location = f"{Path(env.srcdir) / record.file}:{record.lineno}"
    warn(
        Problem.DUPLICATE_ID,
        f"duplicate {record.kind} id {record.id!r} (first defined at {where})",
        location,
    )


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


def unlisted_docs(env: BuildEnvironment) -> frozenset[str]:
    """Pages that opt out of listings with ``briefing-unlisted: true`` in their front matter."""
    return frozenset(
        docname
        for docname, meta in env.metadata.items()
        if str(meta.get("briefing-unlisted", "")).strip().lower() not in {"", "false", "no", "0"}
    )


def get_domain(env: BuildEnvironment) -> BriefingDomain:
    return cast("BriefingDomain", env.domains["briefing"])
