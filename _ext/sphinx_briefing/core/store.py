"""The one declared store: every datum the extension keeps between builds, and its typed accessors.

Everything lives in the ``briefing`` Domain's data (``env.domaindata["briefing"]``), so that Sphinx
pickles it with the environment and discards it with the Domain's ``data_version``. Each datum is
declared once, in :data:`DECLARED`, with its shape and how it follows its pages:

- ``records``: the Domain's records and the duplicates kept aside; a page's records go with it, and
  a duplicate waiting for an id takes it over (the Domain's own rule, :meth:`.BriefingDomain.clear_doc`);
- ``page``: a mapping keyed by docname: the page's entry goes when the page is re-read, and a
  parallel reader's entries for the pages it read are copied in;
- ``page-key``: a mapping keyed by tuples naming the page at position 2 (``(kind, id, docname, …)``),
  cleared and merged like ``page``;
- ``page-set``: a set of docnames, cleared and merged likewise;
- ``book``: whole-book state the main process works out after reading (fingerprints, the book's
  shape, citation numbers, another book's imports); it is never cleared per page nor merged;
- ``written``: a mapping keyed by docname, noted while pages are *written* (what a listing page's
  listings read). Sphinx pickles the environment before it writes, so this datum is not in the
  Domain's data but in a file beside the doctrees, one per builder (:meth:`Store.load_written`,
  :meth:`Store.save_written`); a page's entry goes when the page is re-read, and nothing is merged
  (pages are resolved in the main process, with ``-j`` too).

The Domain clears and merges all of it (:meth:`Store.clear_doc`, :meth:`Store.merge`): no collector
repeats that work. Nothing outside this module touches ``env.domaindata`` or ``Domain.data``; the
rest of the package goes through :class:`Store` (``get_domain(env).store``). Follows sphinx-needs'
``data.py`` (one typed accessor module for stored data); a change to the shape of any datum bumps
:attr:`.BriefingDomain.data_version`, and any change to the package's files rebuilds every page
anyway (``env_version``, :mod:`.fingerprint`).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, NamedTuple, TypeVar, cast

if TYPE_CHECKING:
    from .model import Record
    from .reads import ListingReads

Scope = Literal["records", "page", "page-key", "page-set", "book", "written"]

#: (subtype, message, "path:line"): a warning kept for replay (:mod:`..checks.replay`).
StoredWarning = tuple[str, str, str]


class Datum(NamedTuple):
    """One declared datum: its key in the Domain's data, its shape, how it follows pages, its empty value."""

    # A named tuple, not a frozen dataclass, for the reason core.pipeline.Place gives.

    name: str
    shape: str
    scope: Scope
    empty: Callable[[], Any]
    #: Which module writes it (for the reader of this table; the test checks each is used).
    owner: str


DECLARED: tuple[Datum, ...] = (
    Datum("objects", "kind -> id -> Record", "records", dict, "core.domain"),
    Datum("shadowed", "[Record] that lost their id to an earlier definition", "records", list, "core.domain"),
    Datum("references", "docname -> [(kind, id)] the page refers to, in order of first mention", "page", dict,
          "core.domain"),
    Datum("inline_sources", "docname -> [source id] the page's prose cites with {source}", "page", dict,
          "core.domain"),
    Datum("listing_docs", "{docname} holding a listing placeholder", "page-set", set, "core.collector"),
    Datum("marked_heading_docs", "{docname} whose headings hold a reference the navigation shows resolved",
          "page-set", set, "core.headings"),
    Datum("conditions", "(kind, id, docname) -> [only expression] around that definition", "page-key", dict,
          "core.conditions"),
    Datum("text_templates", "(kind, id, docname, line) -> a record's text with reference markers", "page-key",
          dict, "core.text"),
    Datum("replay_warnings", "docname -> [(subtype, message, 'path:line')] raised while reading it", "page",
          dict, "checks.replay"),
    Datum("prose", "docname -> [Prose] of the page, for the unmarked-copy check (kept only while the book has an "
          "archived source)", "page", dict, "checks.archive"),
    Datum("fingerprints", "(kind, id) -> fingerprint as of the last build", "book", dict, "core.domain"),
    Datum("shown_fingerprints", "(kind, id) -> what a link to it shows (no hover text) as of the last build",
          "book", dict, "core.domain"),
    Datum("conditions_seen", "the conditions as of the last build", "book", dict, "core.conditions"),
    Datum("citation_numbers", "source id -> its number in the source list", "book", dict, "kinds.citations"),
    Datum("citation_numbers_seen", "the citation numbers as of the last build", "book", dict, "kinds.citations"),
    Datum("book_shape", "(root, toctrees, titles) as of the last build, or None before the first", "book",
          lambda: None, "core.structure"),
    Datum("imported", "kind -> id -> (Record, URL) of other books, reloaded at every build", "book", dict,
          "outputs.export"),
    Datum("previous", "the previous edition (its export, label, date, digest), or None; reloaded at every build",
          "book", lambda: None, "changes.previous"),
    Datum("previous_digest", "the previous edition's digest as of the last build", "book", str,
          "changes.previous"),
    Datum("archives_seen", "whether the last check found an archived source, or None before the first", "book",
          lambda: None, "checks.archive"),
    Datum("leaflet_built_seen", "whether the leaflet PDF was there at the last build, or None before the first",
          "book", lambda: None, "outputs.latex.leaflet"),
    Datum("listing_reads", "docname -> ListingReads: what the page's listings read when it was last written",
          "written", dict, "listings.api"),
    Datum("missing_editions_seen", "[language] of the editions not built at the last build, or None before the first",
          "book", lambda: None, "i18n.editions"),
)

BY_NAME = {datum.name: datum for datum in DECLARED}


def empty_data() -> dict[str, Any]:
    """The Domain's ``initial_data``: every declared datum but the ``written`` ones, empty."""
    return {datum.name: datum.empty() for datum in DECLARED if datum.scope != "written"}


#: Bumped when the shape of a ``written`` datum changes: a file of another version is ignored.
WRITTEN_VERSION = 1


@dataclass
class Written:
    """The ``written`` data of one build (held by the Domain, not pickled with the environment)."""

    data: dict[str, Any] = field(default_factory=lambda: {d.name: d.empty() for d in DECLARED if d.scope == "written"})
    #: Whether anything changed since it was loaded (then :meth:`Store.save_written` writes the file).
    dirty: bool = False


T = TypeVar("T")


class Since(NamedTuple, Generic[T]):
    """A freshness input's value in this build and in the last one (:meth:`Store.since_last_build`)."""

    #: The last build's value: ``None`` (or the datum's empty value) before the first build.
    before: T | None
    now: T

    @property
    def changed(self) -> bool:
        """Whether the value differs from the last build's (not at the first build of a ``None`` datum:
        every page is written then anyway)."""
        return self.before is not None and self.before != self.now

    def changed_keys(self) -> set[Any]:
        """For a mapping: the keys whose value differs from the last build's (added and removed ones too)."""
        before = cast("dict[Any, object]", self.before or {})
        now = cast("dict[Any, object]", self.now)
        return {key for key in before.keys() | now.keys() if before.get(key) != now.get(key)}


def written_file(doctreedir: str | Path, builder: str) -> Path:
    """Where the ``written`` data of *builder* is kept: beside the pickled environment."""
    return Path(doctreedir) / f"briefing-written-{builder}.pickle"


def _page_of(scope: Scope, key: Any) -> str:
    return cast("str", key[2] if scope == "page-key" else key)


class Store:
    """Typed accessors over the Domain's data: the only code that reads or writes it."""

    __slots__ = ("data", "written")

    def __init__(self, data: MutableMapping[str, Any], written: Written | None = None) -> None:
        self.data = data
        self.written = written if written is not None else Written()

    def _get(self, name: str) -> Any:
        # setdefault: an environment pickled before a datum was declared gets it empty.
        datum = BY_NAME[name]
        if name not in self.data:
            self.data[name] = datum.empty()
        return self.data[name]

    # -- per page: cleared when the page is re-read, merged from parallel readers ---------------

    def clear_doc(self, docname: str) -> None:
        """Forget what *docname* contributed to every ``page``, ``page-key`` and ``page-set`` datum."""
        for datum in DECLARED:
            if datum.scope == "page-set":
                self._get(datum.name).discard(docname)
            elif datum.scope == "written":
                if self.written.data[datum.name].pop(docname, None) is not None:
                    self.written.dirty = True
            elif datum.scope in ("page", "page-key"):
                stored = self._get(datum.name)
                for key in [k for k in stored if _page_of(datum.scope, k) == docname]:
                    del stored[key]

    def merge(self, docnames: Iterable[str], other: MutableMapping[str, Any]) -> None:
        """Take over a parallel reader's data for *docnames* (*other*: that reader's Domain data).

        ``written`` data are noted in the main process, which resolves every page: nothing to merge.
        """
        docs = set(docnames)
        for datum in DECLARED:
            theirs = other.get(datum.name)
            if not theirs:
                continue
            if datum.scope == "page-set":
                self._get(datum.name).update(d for d in theirs if d in docs)
            elif datum.scope in ("page", "page-key"):
                self._get(datum.name).update(
                    (k, v) for k, v in theirs.items() if _page_of(datum.scope, k) in docs
                )

    # -- records ---------------------------------------------------------------------------------

    @property
    def objects(self) -> dict[str, dict[str, Record]]:
        return cast("dict[str, dict[str, Record]]", self._get("objects"))

    @property
    def shadowed(self) -> list[Record]:
        return cast("list[Record]", self._get("shadowed"))

    # -- per page --------------------------------------------------------------------------------

    @property
    def references(self) -> dict[str, list[tuple[str, str]]]:
        return cast("dict[str, list[tuple[str, str]]]", self._get("references"))

    @property
    def inline_sources(self) -> dict[str, list[str]]:
        return cast("dict[str, list[str]]", self._get("inline_sources"))

    @property
    def listing_docs(self) -> set[str]:
        return cast("set[str]", self._get("listing_docs"))

    @property
    def marked_heading_docs(self) -> set[str]:
        return cast("set[str]", self._get("marked_heading_docs"))

    @property
    def conditions(self) -> dict[tuple[str, str, str], list[str]]:
        return cast("dict[tuple[str, str, str], list[str]]", self._get("conditions"))

    @property
    def text_templates(self) -> dict[tuple[str, str, str, int], str]:
        return cast("dict[tuple[str, str, str, int], str]", self._get("text_templates"))

    @property
    def replay_warnings(self) -> dict[str, list[StoredWarning]]:
        return cast("dict[str, list[StoredWarning]]", self._get("replay_warnings"))

    @property
    def prose(self) -> dict[str, list[Any]]:
        """docname -> the page's :class:`~sphinx_briefing.checks.archive.Prose` runs."""
        return cast("dict[str, list[Any]]", self._get("prose"))

    # -- noted while writing, kept beside the doctrees -------------------------------------------

    @property
    def listing_reads(self) -> dict[str, ListingReads]:
        """docname -> what the page's listings read when it was last written (:mod:`.reads`)."""
        return cast("dict[str, ListingReads]", self.written.data["listing_reads"])

    def note_listing_reads(self, docname: str, reads: ListingReads) -> None:
        """Keep *reads* (filled in place while the page's listings are built) for the next build."""
        self.listing_reads[docname] = reads
        self.written.dirty = True

    def load_written(self, path: Path) -> None:
        """Take the ``written`` data from *path* (:func:`written_file`), if it is there and of this version.

        A missing, unreadable or older file leaves them empty: the decider is then conservative
        (a listing page with no record is rewritten on any change).
        """
        try:
            with path.open("rb") as f:
                version, data = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return
        if version == WRITTEN_VERSION and isinstance(data, dict) and set(data) == set(self.written.data):
            self.written.data = data

    def save_written(self, path: Path) -> None:
        """Write the ``written`` data to *path* when they changed in this build (atomically)."""
        if not self.written.dirty:
            return
        partial = path.with_suffix(".partial")
        with partial.open("wb") as f:
            pickle.dump((WRITTEN_VERSION, self.written.data), f, pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
        self.written.dirty = False

    # -- the whole book ---------------------------------------------------------------------------

    def since_last_build(self, name: str, now: T) -> Since[T]:
        """Remember *now* as the ``book`` datum *name* (a freshness input's memory of this build) and
        return it with the value it replaces: the one comparison every freshness input makes."""
        if BY_NAME[name].scope != "book":
            raise ValueError(f"{name!r} is not a book datum")
        before = cast("T | None", self._get(name))
        self.data[name] = now
        return Since(before, now)

    @property
    def fingerprints(self) -> dict[tuple[str, str], tuple[object, ...]]:
        return cast("dict[tuple[str, str], tuple[object, ...]]", self._get("fingerprints"))

    @property
    def shown_fingerprints(self) -> dict[tuple[str, str], tuple[object, ...]]:
        return cast("dict[tuple[str, str], tuple[object, ...]]", self._get("shown_fingerprints"))

    @property
    def citation_numbers(self) -> dict[str, int]:
        return cast("dict[str, int]", self._get("citation_numbers"))

    @citation_numbers.setter
    def citation_numbers(self, value: dict[str, int]) -> None:
        self.data["citation_numbers"] = value

    @property
    def imported(self) -> dict[str, dict[str, tuple[Record, str]]]:
        """kind -> id -> (record, absolute URL) of other books' objects (``briefing_import``)."""
        return cast("dict[str, dict[str, tuple[Record, str]]]", self._get("imported"))

    @imported.setter
    def imported(self, value: dict[str, dict[str, tuple[Record, str]]]) -> None:
        self.data["imported"] = value

    @property
    def previous(self) -> Any:
        """The previous edition (``changes.previous.PreviousEdition``), or None without one."""
        return self._get("previous")

    @previous.setter
    def previous(self, value: Any) -> None:
        self.data["previous"] = value

    @property
    def archives_seen(self) -> bool | None:
        return cast("bool | None", self._get("archives_seen"))

    @archives_seen.setter
    def archives_seen(self, value: bool) -> None:
        self.data["archives_seen"] = value
