"""``sphinx-briefing diff OLD NEW``: the changes between two editions, as text, Markdown or JSON.

OLD and NEW are ``briefing.json`` files, or built books (a directory holding ``briefing.json``, such
as ``_build/html``, or a book whose ``_build/html`` holds it). The output is English, as the exports'
originals are; values are shown as the author wrote them, linked objects by name.

- ``--format text`` (default): one line per object, indented lines for its changed values;
- ``--format markdown``: a heading, a summary line and a table per kind, for an e-mail to the
  principal's staff;
- ``--format json``: the comparison as data, valid against ``schema/changes.schema.json`` (shipped
  with the package; ``--schema`` prints it).

Exit status as ``diff``'s: 0 when the editions hold the same objects and values, 1 when they
differ, 2 when a file cannot be read or is not an export.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .compare import (
    TEXT,
    Comparison,
    FieldChange,
    MalformedExportError,
    ObjectChange,
    Value,
    compare,
    display_of,
    link_targets,
)

#: The JSON Schema of ``--format json`` (draft 2020-12), shipped as package data.
SCHEMA_PATH = Path(__file__).parent / "schema" / "changes.schema.json"
#: Version of the ``--format json`` output; bump on any change of its shape.
FORMAT_VERSION = 1
FORMATS = ("text", "markdown", "json")
WORDS = {"added": "new", "removed": "removed", "changed": "changed"}


def field_label(name: str) -> str:
    """``as-of`` -> ``As of``; the body is ``Text``."""
    return "Text" if name == TEXT else name.replace("-", " ").capitalize()


def shown(data: Mapping[str, Any], kind: str, name: str, value: Value) -> str:
    """A value as a reader reads it: linked objects by name, "—" when not given."""
    if value is None or value == "" or value == []:
        return "—"
    targets = link_targets(data, kind, name)
    items = value if isinstance(value, list) else [value]
    if targets:
        return ", ".join(display_of(data, targets, item) for item in items)
    return ", ".join(items)


def edition_name(data: Mapping[str, Any], label: str = "") -> str:
    """``Edition 1.0`` as given, else ``<project> <version>`` from the export, with its date of
    preparation when the export has one (``…, prepared 6 December 2026``)."""
    if label:
        return label
    name = " ".join(str(data.get(k) or "") for k in ("project", "version")).strip() or "?"
    prepared = (data.get("book") or {}).get("prepared_on")
    return f"{name}, prepared {prepared}" if prepared else name


def edition_names(old: Mapping[str, Any], new: Mapping[str, Any], labels: tuple[str, str]) -> tuple[str, str]:
    """The two editions' names (:func:`edition_name`); two drafts of one version that say nothing
    else to tell them apart are "the previous edition" and "this edition"."""
    names = edition_name(old, labels[0]), edition_name(new, labels[1])
    return ("the previous edition", "this edition") if names[0] == names[1] else names


def summary(comparison: Comparison) -> str:
    if comparison.equal:
        return "No changes."
    return (f"{comparison.count('added')} new, {comparison.count('changed')} changed, "
            f"{comparison.count('removed')} removed.")


def _by_kind(comparison: Comparison) -> dict[str, list[ObjectChange]]:
    groups: dict[str, list[ObjectChange]] = {}
    for change in comparison.changes:
        groups.setdefault(change.kind, []).append(change)
    return groups


def _plural(data: Mapping[str, Any], other: Mapping[str, Any], kind: str) -> str:
    entry = (data.get("kinds") or {}).get(kind) or (other.get("kinds") or {}).get(kind) or {}
    return str(entry.get("plural") or kind).capitalize()


def as_text(comparison: Comparison, old: Mapping[str, Any], new: Mapping[str, Any], labels: tuple[str, str]) -> str:
    before_name, after_name = edition_names(old, new, labels)
    lines = [f"Changes from {before_name} to {after_name}: {summary(comparison)}"]
    for kind, changes in _by_kind(comparison).items():
        lines += ["", _plural(new, old, kind)]
        for change in changes:
            sign = {"added": "+", "removed": "-", "changed": "~"}[change.change]
            renamed = f" (id was {change.replaces})" if change.replaces else ""
            lines.append(f"  {sign} {change.display} [{change.id}] {WORDS[change.change]}{renamed}")
            for value in change.fields:
                before, after = shown(old, kind, value.name, value.old), shown(new, kind, value.name, value.new)
                lines.append(f"      {field_label(value.name)}: {before} -> {after}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # A table cell of one line: pipes escaped, line breaks as spaces.
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def as_markdown(comparison: Comparison, old: Mapping[str, Any], new: Mapping[str, Any], labels: tuple[str, str]) -> str:
    before_name, after_name = edition_names(old, new, labels)
    lines = [f"# What changed since {before_name}", "", f"{after_name} compared with {before_name}: "
             f"{summary(comparison)}"]
    for kind, changes in _by_kind(comparison).items():
        lines += ["", f"## {_plural(new, old, kind)}", "",
                  f"| | Change | {_cell(before_name)} | {_cell(after_name)} |", "|---|---|---|---|"]
        for change in changes:
            name = f"**{_cell(change.display)}**"
            if change.change != "changed" or not change.fields:
                what = "renamed" if change.replaces else WORDS[change.change].capitalize()
                lines.append(f"| {name} | {what} | {_cell(change.replaces or '—')} | "
                             f"{_cell(change.id if change.replaces else '—')} |")
            for i, value in enumerate(change.fields):
                before, after = shown(old, kind, value.name, value.old), shown(new, kind, value.name, value.new)
                lines.append(f"| {name if i == 0 else ''} | {field_label(value.name)} | {_cell(before)} | {_cell(after)} |")
    return "\n".join(lines) + "\n"


def _field_json(value: FieldChange) -> dict[str, Any]:
    return {"name": value.name, "old": value.old, "new": value.new}


def as_json(comparison: Comparison, old: Mapping[str, Any], new: Mapping[str, Any], labels: tuple[str, str]) -> dict[str, Any]:
    names = dict(zip(("old", "new"), edition_names(old, new, labels), strict=True))

    def edition(data: Mapping[str, Any], which: str) -> dict[str, Any]:
        return {"label": names[which], "project": str(data.get("project") or ""),
                "version": str(data.get("version") or ""), "language": str(data.get("language") or "en")}

    return {
        "format_version": FORMAT_VERSION,
        "old": edition(old, "old"),
        "new": edition(new, "new"),
        "equal": comparison.equal,
        "summary": {c: comparison.count(c) for c in ("added", "changed", "removed")},
        "changes": [
            {"kind": c.kind, "id": c.id, "change": c.change, "display": c.display,
             "replaces": c.replaces or None, "fields": [_field_json(f) for f in c.fields]}
            for c in comparison.changes
        ],
    }


def load(location: str) -> dict[str, Any]:
    """An export from a ``briefing.json`` path or a built book's directory; OSError/ValueError if not."""
    path = Path(location)
    if path.is_dir():
        candidates = [path / "briefing.json", path / "_build" / "html" / "briefing.json"]
        path = next((c for c in candidates if c.is_file()), candidates[0])
    data = json.loads(path.read_text(encoding="utf-8"))
    objects_ok = isinstance(data, dict)
    if not objects_ok:
        raise MalformedExportError(f"{path}: not a briefing.json export")
    return data


def add_parser(commands: Any) -> None:
    """The ``diff`` subcommand's arguments, on the ``sphinx-briefing`` parser's subparsers."""
    diff = commands.add_parser(
        "diff",
        help="show what changed between two editions (briefing.json files or built books)",
        description="Compare two editions of a briefing book object by object: new, removed and "
        "changed objects, with each changed value before and after. Exit status 0 when equal, 1 "
        "when they differ, 2 on trouble, as diff's.",
    )
    diff.add_argument("old", metavar="OLD", nargs="?", help="the earlier edition's briefing.json or built book")
    diff.add_argument("new", metavar="NEW", nargs="?", help="the later edition's briefing.json or built book")
    diff.add_argument("--format", choices=FORMATS, default="text", help="text (default), markdown or json")
    diff.add_argument("--old-label", default="", help='name of the earlier edition, e.g. "Edition 1.0"')
    diff.add_argument("--new-label", default="", help='name of the later edition, e.g. "Edition 1.1"')
    diff.add_argument("--schema", action="store_true", help="print the JSON Schema of --format json and exit")


def run(args: argparse.Namespace) -> int:
    """Run ``sphinx-briefing diff``; returns the exit status."""
    if args.schema:
        sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))
        return 0
    if not args.old or not args.new:
        print("sphinx-briefing diff: give OLD and NEW (briefing.json files or built books)", file=sys.stderr)
        return 2
    try:
        old, new = load(args.old), load(args.new)
        comparison = compare(old, new)
    except (OSError, ValueError) as error:
        print(f"sphinx-briefing diff: {error}", file=sys.stderr)
        return 2
    labels = (args.old_label, args.new_label)
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(comparison, old, new, labels), ensure_ascii=False, indent=2,
                                    sort_keys=True) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(as_markdown(comparison, old, new, labels))
    else:
        sys.stdout.write(as_text(comparison, old, new, labels))
    return 0 if comparison.equal else 1
