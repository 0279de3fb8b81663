"""Compare two editions of a book, object by object and value by value, from their ``briefing.json``.

Objects are matched by kind and id; an object whose id was renamed names its old id in its
``:replaces:`` option, and is then matched with the old object of that id (the old id must be gone
from the newer edition). Values are compared as the author wrote them, in English: an edition's
export carries its translated values in ``fields`` and the English ones in ``originals``, so a German
edition compared with an English one shows no change where only the language differs.

Works on the parsed JSON alone (no Sphinx), for the build's ``changes`` listing and marks as for the
``sphinx-briefing diff`` command. Exports of every format version are read (older ones lack
``originals`` and ``status``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

#: The option through which an object names the id it had in the previous edition.
REPLACES = "replaces"
#: The pseudo-field for an object's body (a quotation's text, a card's summary).
TEXT = "text"
#: The trust status, compared with its default filled in (``confirmed`` when not given).
STATUS = "status"

Value = str | list[str] | None
Change = Literal["added", "removed", "changed"]


class MalformedExportError(ValueError):
    """The data is not a ``briefing.json`` export (no ``objects`` table of kinds and ids)."""


@dataclass(frozen=True)
class FieldChange:
    """One value that differs: an option (``role``, ``as-of``), ``status`` or ``text`` (the body)."""

    name: str
    #: The English value in the older edition; None when the option was not given there.
    old: Value
    #: The English value now; None when the option is no longer given.
    new: Value


@dataclass(frozen=True)
class ObjectChange:
    """One object that is new, gone, or has changed values (or only its id: a rename)."""

    kind: str
    #: The id in the newer edition (in the older one for a removed object).
    id: str
    change: Change
    #: What a reference to it shows (the newer edition's, else the older one's).
    display: str
    #: The id it had in the older edition, when it was renamed (``:replaces:``); else "".
    replaces: str = ""
    fields: tuple[FieldChange, ...] = ()
    #: The entry of the newer export (None for a removed object) and of the older (None for a new one).
    new_entry: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    old_entry: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id


@dataclass(frozen=True)
class Comparison:
    """Every difference between two exports, in a stable order (kind, then position in the book)."""

    changes: tuple[ObjectChange, ...]

    @property
    def equal(self) -> bool:
        return not self.changes

    def count(self, change: Change) -> int:
        return sum(1 for c in self.changes if c.change == change)

    def of(self, kind: str, ident: str) -> ObjectChange | None:
        """The change of the object *kind* / *ident* (its newer id), if it is new or changed."""
        return next((c for c in self.changes if c.key == (kind, ident) and c.change != "removed"), None)


def objects_of(data: Mapping[str, Any]) -> dict[str, dict[str, Mapping[str, Any]]]:
    """kind -> id -> entry of an export; :class:`MalformedExportError` if it has no such table."""
    objects = data.get("objects") if isinstance(data, Mapping) else None
    if not isinstance(objects, Mapping) or not all(
        isinstance(entries, Mapping) and all(isinstance(e, Mapping) for e in entries.values())
        for entries in objects.values()
    ):
        raise MalformedExportError("not a briefing.json export: no 'objects' table of kinds and ids")
    return {str(kind): {str(i): e for i, e in entries.items()} for kind, entries in objects.items()}


def english_values(entry: Mapping[str, Any]) -> dict[str, Value]:
    """An entry's values as the author wrote them (the English originals over the edition's words)."""
    values: dict[str, Value] = {}
    for name, value in (entry.get("fields") or {}).items():
        values[name] = list(value) if isinstance(value, list) else str(value)
    for name, value in (entry.get("originals") or {}).items():
        if name != TEXT and name in values:
            values[name] = str(value)
    values.setdefault(STATUS, str(entry.get("status") or "confirmed"))
    values.pop(REPLACES, None)
    text = " ".join(str(entry.get("text") or "").split())
    if text:
        values[TEXT] = text
    return values


def body_is_value(data: Mapping[str, Any], kind: str) -> bool:
    """Whether an object's body is what it states (a quotation's words), so a changed body is a
    changed value; otherwise the body is commentary around named fields (a person's card, a
    pillar's key points) and is not compared: its references are rendered differently as the
    toolkit evolves, and a reader asks what changed in the fields.

    True for a kind with no required text option (nothing but the body names it), read from the
    export's ``kinds`` table; never for an export without one (format 1), which says nothing of it.
    """
    options = ((data.get("kinds") or {}).get(kind) or {}).get("options")
    if not isinstance(options, Mapping):
        return False
    return not any(
        isinstance(o, Mapping) and o.get("required") and not o.get("link") and o.get("type") not in ("id", "ids")
        for o in options.values()
    )


def _as_ids(value: Value) -> Value:
    return [item for item in re.split(r"[\s,]+", value) if item] if isinstance(value, str) else value


def _names(data: Mapping[str, Any], kind: str, name: str, value: Value) -> list[str]:
    """What an option's value shows: a linked option's objects by name (``bmwk`` -> ``BMWK``)."""
    targets = link_targets(data, kind, name)
    if targets:
        return [display_of(data, targets, ident) for ident in _as_ids(value) or []]
    return [value] if isinstance(value, str) else list(value or [])


def _differences(
    old_data: Mapping[str, Any], old: Mapping[str, Any], new_data: Mapping[str, Any], new: Mapping[str, Any], kind: str
) -> tuple[FieldChange, ...]:
    before, after = english_values(old), english_values(new)
    if not (body_is_value(new_data, kind) and body_is_value(old_data, kind)):
        before.pop(TEXT, None)
        after.pop(TEXT, None)
    for name in set(before) & set(after):
        if bool(link_targets(old_data, kind, name)) != bool(link_targets(new_data, kind, name)):
            # An option that became a link (a person's organisation, first as text, then an id):
            # the same name shown is the same value.
            if _names(old_data, kind, name, before[name]) == _names(new_data, kind, name, after[name]):
                after[name] = before[name]
        elif isinstance(before[name], list) != isinstance(after[name], list):
            # An option that became a list of ids (one counterpart, then several) compares as one.
            before[name], after[name] = _as_ids(before[name]), _as_ids(after[name])
    names = list(after) + [n for n in before if n not in after]
    # Options in the order the newer entry gives them (sorted keys in the export), the body last.
    names.sort(key=lambda n: (n == TEXT, n))
    return tuple(FieldChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n))


def _position(entry: Mapping[str, Any]) -> tuple[str, int]:
    return str(entry.get("docname", "")), int(entry.get("line", 0) or 0)


def compare(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    kind_order: list[str] | None = None,
) -> Comparison:
    """The differences from the export *old* to the export *new*.

    Kinds come in *kind_order* (default: by name), then any other kind by name; within a kind, the
    new and changed objects in the newer book's order, then the removed ones in the older book's.
    Raises :class:`MalformedExportError` when either is not an export.
    """
    before, after = objects_of(old), objects_of(new)
    order = list(kind_order or [])
    kinds = order + sorted((set(before) | set(after)) - set(order))
    changes: list[ObjectChange] = []
    for kind in kinds:
        old_entries, new_entries = before.get(kind, {}), after.get(kind, {})
        matched: set[str] = set()
        found: list[ObjectChange] = []
        for ident, entry in sorted(new_entries.items(), key=lambda item: _position(item[1])):
            replaces = str((entry.get("fields") or {}).get(REPLACES) or "")
            previous_id = ident if ident in old_entries else ""
            if not previous_id and replaces in old_entries and replaces not in new_entries:
                previous_id = replaces
            display = str(entry.get("display") or ident)
            if not previous_id:
                found.append(ObjectChange(kind, ident, "added", display, new_entry=entry))
                continue
            matched.add(previous_id)
            previous = old_entries[previous_id]
            differences = _differences(old, previous, new, entry, kind)
            renamed = previous_id if previous_id != ident else ""
            if differences or renamed:
                found.append(ObjectChange(kind, ident, "changed", display, renamed, differences, entry, previous))
        for ident, entry in sorted(old_entries.items(), key=lambda item: _position(item[1])):
            if ident not in matched:
                found.append(ObjectChange(kind, ident, "removed", str(entry.get("display") or ident), old_entry=entry))
        changes.extend(found)
    return Comparison(tuple(changes))


def display_of(data: Mapping[str, Any], kind: str, ident: str) -> str:
    """What a reference to *ident* showed in the export *data* (any kind when *kind* has several,
    ``person|organisation``); the id itself if the export has no such object."""
    objects = data.get("objects") or {}
    for alternative in kind.split("|"):
        entry = (objects.get(alternative) or {}).get(ident)
        if isinstance(entry, Mapping):
            return str(entry.get("display") or ident)
    return ident


def link_targets(data: Mapping[str, Any], kind: str, option: str) -> str:
    """The kind(s) an option of *kind* names by id (``person``), from the export's ``kinds`` table;
    "" for a text option."""
    declared = ((data.get("kinds") or {}).get(kind) or {}).get("options", {}).get(option) or {}
    return "|".join(declared.get("link") or ())


def option_type(data: Mapping[str, Any], kind: str, option: str) -> str:
    """``text``, ``date``, ``time``, ``url``, ``choice``, ``id`` or ``ids`` (``text`` if unknown)."""
    declared = ((data.get("kinds") or {}).get(kind) or {}).get("options", {}).get(option) or {}
    return str(declared.get("type") or "text")
