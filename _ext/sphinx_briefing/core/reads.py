"""What changed since the last build, record by record, and what a listing page read to show it.

The freshness decider (:meth:`.BriefingDomain.dependants_of_changes`) compares every record with the
last build's and keeps one :class:`Change` per record that differs. A page citing a record depends
on what its links show; a listing page depends on what its listings *read*, recorded while they were
built (:class:`ListingReads`, filled by :class:`~sphinx_briefing.listings.api.ListingContext`), so a
role edit rewrites the who's-who and not the agenda, and an added event the agenda.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import NamedTuple

#: A record's key: ``(kind, id)``; also ``("page", docname)`` for a page's inline citations.
Key = tuple[str, str]

#: The parts of :meth:`.Record.fingerprint` before its fields, in its order.
RECORD_PARTS = ("docname", "listed", "text", "translation")


class Change(NamedTuple):
    """How one record changed since the last build.

    *shown*: what a link to it shows changed (:meth:`.BriefingDomain.shown_fingerprint`: name,
    page, status), or that of a record its hover or late text names. *parts*: its own parts that
    changed (option names and ``docname``, ``listed``, ``text``, ``translation``); ``None`` when it
    came or went (or is no record: an imported one, a page's citations), empty when only a record it
    links changed (its hover text names that record). *pages*: where its card stands.
    """

    shown: bool
    parts: frozenset[str] | None
    #: The pages holding the record's card now and at the last build (two when it moved), when
    #: the record itself changed; none when only a record it names did.
    pages: frozenset[str] = frozenset()

    def touches(self, read: AbstractSet[str] | None) -> bool:
        """Whether a reader of the parts *read* (``None``: all of it) sees this change."""
        if self.parts is None:
            return True
        return bool(self.parts) and (read is None or not self.parts.isdisjoint(read))


def changed_parts(before: tuple[object, ...] | None, now: tuple[object, ...] | None) -> frozenset[str] | None:
    """The parts of a record that differ between two of its :meth:`.Record.fingerprint` tuples.

    ``None`` when the record came or went, or either tuple is not a record's (an imported record's
    carries its URL first; a page's citations are no record).
    """
    if before is None or now is None or len(before) != len(now) or len(now) != len(RECORD_PARTS) + 1:
        return None
    parts = {name for name, old, new in zip(RECORD_PARTS, before, now, strict=False) if old != new}
    old_fields, new_fields = before[-1], now[-1]
    if not (isinstance(old_fields, tuple) and isinstance(new_fields, tuple)):
        return None
    # Option names and values alternate (:meth:`.Record.fingerprint`).
    old = dict(zip(old_fields[::2], old_fields[1::2], strict=True))
    new = dict(zip(new_fields[::2], new_fields[1::2], strict=True))
    parts.update(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    return frozenset(parts)


_UNREAD: set[str] = set()  # a marker: no part of the record read yet


@dataclass
class ListingReads:
    """What the listings of one page read while they were built (:class:`.ListingContext` notes it).

    A listing page is rewritten when anything here changed (:meth:`stale`); a builder that read the
    book around the context (``ListingContext.domain``) is *untracked*, and its page is rewritten on
    any change, as before this record existed.
    """

    #: kind -> the ids :meth:`.ListingContext.listed` gave, in their order (an object entering,
    #: leaving or moving in the query rewrites the page).
    listed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: (kind, id) -> the parts of the record read (option names, ``text`` …); ``None``: all of it.
    parts: dict[Key, AbstractSet[str] | None] = field(default_factory=dict)
    #: Records linked (:meth:`.ListingContext.ref`): the page shows what a link to them shows.
    links: set[Key] = field(default_factory=set)
    #: (kind, id) looked up by id (:meth:`.ListingContext.get`), found or not.
    lookups: set[Key] = field(default_factory=set)
    #: Whether the pages' inline citations or ``briefing-unlisted`` marks were read (the source list).
    pages: bool = False
    #: Whether the book was read around the context: then every change rewrites the page.
    untracked: bool = False

    def note_part(self, key: Key, part: str) -> None:
        """Note that the part *part* of the record *key* was read."""
        read = self.parts.get(key, _UNREAD)
        if read is _UNREAD:
            self.parts[key] = {part}
        elif isinstance(read, set):
            read.add(part)
        elif read is not None:  # a shared frozenset, loaded from the last build (:meth:`__getstate__`)
            self.parts[key] = {*read, part}

    def __getstate__(self) -> dict[str, object]:
        """The fields as pickled beside the environment (``Store.save_written``), loaded at every build.

        A listing reads the same options of each record it shows: equal sets of parts are written
        once, as one frozenset every record that read them shares, and each key once, shared by
        ``parts``, ``links`` and ``lookups``. Loading then makes a few dozen objects instead of a
        set and up to three tuples per record read: fewer for the cycle collector, which a build
        otherwise runs once more over the whole heap while they load (a thousand records: ~10,000
        objects). The values compare equal to the sets they stand for (:meth:`stale` reads them
        only with ``in`` and ``isdisjoint``).
        """
        keys: dict[Key, Key] = {}
        shared: dict[frozenset[str], frozenset[str]] = {}

        def one(key: Key) -> Key:
            return keys.setdefault(key, key)

        parts = {one(key): None if read is None else shared.setdefault(frozenset(read), frozenset(read))
                 for key, read in self.parts.items()}
        return {**self.__dict__, "parts": parts, "links": {one(key) for key in self.links},
                "lookups": {one(key) for key in self.lookups}}

    def stale(
        self,
        changes: Mapping[Key, Change],
        watched: Callable[[Change], bool],
        listed_now: Callable[[str], tuple[str, ...]],
    ) -> bool:
        """Whether the page shows something that changed.

        *changes*: every changed record (:class:`Change`); *watched*: whether a link shows a change
        (what links show, or all of it where links carry hover texts); *listed_now*: what
        :meth:`.ListingContext.listed` gives now, for a kind.
        """
        if self.untracked:
            return bool(changes)
        for key, change in changes.items():
            if key[0] == "page":
                if self.pages:
                    return True
                continue
            if key in self.parts and change.touches(self.parts[key]):
                return True
            if key in self.links and watched(change):
                return True
            if key in self.lookups and change.parts is None:
                return True
        return any(listed_now(kind) != ids for kind, ids in self.listed.items())
