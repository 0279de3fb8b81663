"""The book as data: ``briefing.json`` out, other books' ``briefing.json`` in.

The export lists every object with its fields, document, URL (with anchor) and links, and the
kinds with their options, with sorted keys and no timestamps, so two builds of the same sources give
the same bytes. Its JSON Schema is generated from the book's kinds (:func:`json_schema`) and written
next to it as ``briefing.schema.json``; ``schema/briefing.schema.json`` is the one for the package's
own kinds (a test keeps it equal to the generated one). ``briefing_import`` reads other books' exports so that roles can
refer to their people and facts; those references become external links.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args
from urllib.parse import urljoin

from sphinx.util import logging

from ..core import status
from ..core.conditions import rendered
from ..core.config import conf_location
from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.kinds import OptionType, office_label
from ..core.model import Record
from ..core.objects import safe_url
from ..core.options import FLAG_SET
from ..core.pipeline import priority
from .handling import book_metadata
from .memo import inputs_digest, write_generated
from .typography import educate
from .writers import page_url

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.kinds import Kind

logger = logging.getLogger(__name__)

#: 8: an option may be a ``flag`` (a fact's ``headline``), exported as ``"yes"`` when set.
#: 7: each object's ``origin`` (``sources``, or ``office`` for the office's own objectives and points
#: to make) and ``origin_label`` (their label, "Prepared by the office — not from the sources"); each
#: kind's ``office``.
#: 6: ``book``: handling and preparation (handling line, prepared on and by, reference,
#: information as of).
#: 5: per edition: the book's ``language``; each object's ``translation`` (a quotation as the
#: edition shows it) and ``originals`` (the English values of the options shown translated).
#: 4: a person's ``counterpart`` is a list of ids (several counterparts).
#: 3: every object carries its trust ``status`` and ``status_mark``. (2: the ``kinds`` table; fields
#: typed per kind in the schema. 1: five fixed kinds.)
FORMAT_VERSION = 8
SCHEMA_PATH = Path(__file__).parent / "schema" / "briefing.schema.json"
FILENAME = "briefing.json"
SCHEMA_FILENAME = "briefing.schema.json"


def object_url(builder: Builder, record: Record) -> str:
    """URL of the object relative to the HTML root (HTML builders decide; others use ``.html``)."""
    if builder.format == "html":
        page = page_url(builder, record.docname)
    else:
        page = record.docname + ".html"
    return f"{page}#{record.anchor}"


def export_data(app: Sphinx) -> dict[str, Any]:
    domain = get_domain(app.env)
    base = app.config.html_baseurl or ""
    objects: dict[str, dict[str, Any]] = {}
    links: list[dict[str, str]] = []
    kinds = domain.kinds
    for kind in sorted(kinds):
        entries: dict[str, Any] = {}
        for record in domain.all(kind):
            if not record.listed or not rendered(app.env, record):
                continue
            url = object_url(app.builder, record)
            entries[record.id] = {
                "id": record.id,
                "kind": kind,
                # As the pages show it (smart quotes), so the display text matches the card.
                "display": educate(kinds[kind].display_of(record), app.env, app.builder.name),
                "status": status.status_of(record),
                "status_mark": status.mark_text(app.config, status.status_of(record)),
                # The office's own words are never passed on as sourced fact, in data either.
                "origin": "office" if kinds[kind].office else "sources",
                "origin_label": office_label() if kinds[kind].office else "",
                "fields": record.fields,
                "text": record.text,
                "translation": record.translation,
                "originals": record.originals,
                "docname": record.docname,
                "file": record.file or str(app.env.doc2path(record.docname, False)),
                "line": record.lineno,
                "url": url,
                "absolute_url": urljoin(base, url) if base else None,
            }
            for option, reftype in kinds[kind].links.items():
                for target in record.get_list(option):
                    # An option naming one of several kinds links to the one having the id.
                    found = domain.get(reftype, target)
                    target_kind = found.kind if found else reftype.split("|")[0]
                    links.append(
                        {
                            "from_kind": kind,
                            "from_id": record.id,
                            "via": option,
                            "to_kind": target_kind,
                            "to_id": target,
                        }
                    )
        objects[kind] = entries
    links.sort(key=lambda link: tuple(link.values()))
    return {
        "format_version": FORMAT_VERSION,
        "project": app.config.project,
        "version": app.config.version,
        "language": app.config.language or "en",
        "base_url": base or None,
        "book": book_metadata(app.config),
        "kinds": {name: kind_entry(kind) for name, kind in kinds.items()},
        "objects": objects,
        "links": links,
    }


def kind_entry(kind: Kind) -> dict[str, Any]:
    """A kind as the export describes it: names and options (type, required, link target)."""
    return {
        "label": kind.human,
        "plural": kind.plural_label,
        "directive": kind.directive_label,
        "role": kind.name if kind.role else None,
        "office": kind.office,
        "options": {
            option.name: {
                "type": "ids" if option.many else "id" if option.link else option.type,
                "required": option.required,
                "link": list(option.targets),
                "choices": list(option.choices),
                "doc": option.doc,
            }
            for option in kind.options
        },
    }


def json_schema(kinds: Iterable[Kind]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``briefing.json`` for a book with *kinds*.

    Each kind's objects are checked against its own options: a field is a string, or an array of
    ids for a ``many`` option, and no other field may appear. Values are not checked against their
    type's pattern: a malformed date is kept as written (the build warned about it).
    """
    kinds = sorted(kinds, key=lambda k: k.name)
    names = [k.name for k in kinds]
    via = sorted({o.name for k in kinds for o in k.options if o.link})
    targets = {t for k in kinds for o in k.options for t in o.targets}
    defs: dict[str, Any] = {
        "kind": {"enum": names},
        "option": {
            "type": "object",
            "required": ["type", "required", "link", "choices", "doc"],
            "additionalProperties": False,
            "properties": {
                "type": {"enum": [*get_args(OptionType), "id", "ids"]},  # the declared types, or ids
                "required": {"type": "boolean"},
                # An option may name a kind this book does not load (a quote's organisation).
                "link": {"type": "array", "items": {"enum": sorted({*names, *targets})}},
                "choices": {"type": "array", "items": {"type": "string"}},
                "doc": {"type": "string"},
            },
        },
        "kindEntry": {
            "type": "object",
            "required": ["label", "plural", "directive", "role", "office", "options"],
            "additionalProperties": False,
            "properties": {
                "label": {"type": "string"},
                "plural": {"type": "string"},
                "directive": {"type": "string"},
                "role": {"type": ["string", "null"]},
                "office": {"type": "boolean", "description": "Its objects are the office's own words, "
                           "not from the sources (objectives, points to make)."},
                "options": {"type": "object", "additionalProperties": {"$ref": "#/$defs/option"}},
            },
        },
    }
    for kind in kinds:
        fields = {
            option.name: (
                {"type": "array", "items": {"type": "string"}} if option.many
                # A flag is present, as "yes", only when set (the author wrote ``:headline:``).
                else {"const": FLAG_SET} if option.type == "flag" else {"type": "string"}
            )
            | ({"description": option.doc} if option.doc else {})
            for option in kind.options
        }
        defs[f"object-{kind.name}"] = {
            "type": "object",
            "required": ["id", "kind", "display", "status", "status_mark", "origin", "origin_label", "fields",
                         "text", "translation",
                         "originals", "docname",
                         "file", "line", "url", "absolute_url"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "kind": {"const": kind.name},
                "display": {"type": "string", "description": "What a reference shows."},
                "status": {
                    "enum": list(status.STATUSES),
                    "description": "How sure the sources are of the object (`:status:`; confirmed if not given).",
                },
                "status_mark": {
                    "type": "string",
                    "description": "The mark every mention of the object carries; empty for none.",
                },
                "origin": {
                    "enum": ["office"] if kind.office else ["sources"],
                    "description": "office: the book's authors' own words (an objective, a point to make), "
                    "never sourced fact; sources: taken from the cited sources.",
                },
                "origin_label": {
                    "type": "string",
                    "description": "The label every output gives the office's own objects, in the edition's "
                    "language; empty for sourced objects.",
                } | ({"minLength": 1} if kind.office else {"const": ""}),
                "fields": {
                    "type": "object",
                    "description": "The directive's options, text options as the edition shows them "
                    "(translated; see originals).",
                    "additionalProperties": False,
                    "properties": fields,
                },
                "text": {"type": "string", "description": "The body as plain text, as the author wrote it "
                         "(a quotation verbatim, in the source's language)."},
                "translation": {"type": "string", "description": "The body as this edition shows it "
                                "translated (a quotation's translation, marked as one); empty if shown as written."},
                "originals": {
                    "type": "object",
                    "description": "The author's values of the options this edition shows translated.",
                    "additionalProperties": {"type": "string"},
                },
                "docname": {"type": "string", "description": "The Sphinx document defining it."},
                "file": {
                    "type": "string",
                    "description": "The source file holding the definition, relative to the source "
                    "directory: the document itself, or a file it includes.",
                },
                "line": {"type": "integer", "minimum": 0, "description": "The definition's line in that file."},
                "url": {"type": "string", "description": "URL relative to the HTML root, with anchor."},
                "absolute_url": {"type": ["string", "null"], "description": "base_url joined with url."},
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://briefing.readthedocs.io/schema/briefing.schema.json",
        "title": "briefing.json",
        "description": (
            "Every object of a briefing book, by kind, with the links between them and the kinds "
            "themselves. Written by the sphinx_briefing extension next to the HTML build; sorted "
            "keys, no timestamps. Generated from the book's kinds."
        ),
        "type": "object",
        "required": ["format_version", "project", "version", "language", "base_url", "book", "kinds",
                     "objects", "links"],
        "additionalProperties": False,
        "properties": {
            "format_version": {"const": FORMAT_VERSION, "description": "Version of this file format."},
            "project": {"type": "string", "description": "The book's title (Sphinx `project`)."},
            "version": {"type": "string", "description": "The book's version (Sphinx `version`)."},
            "language": {"type": "string", "description": "The edition's language (Sphinx `language`)."},
            "base_url": {"type": ["string", "null"], "description": "Sphinx `html_baseurl`, if set."},
            "book": {
                "type": "object",
                "description": "Handling and preparation (briefing_handling ...), as the edition writes them; "
                               "an empty string for a setting the book leaves unset.",
                "required": ["handling", "prepared_on", "prepared_by", "reference", "information_as_of"],
                "additionalProperties": False,
                "properties": {key: {"type": "string"} for key in
                               ("handling", "prepared_on", "prepared_by", "reference", "information_as_of")},
            },
            "kinds": {
                "type": "object",
                "required": names,
                "additionalProperties": False,
                "properties": {name: {"$ref": "#/$defs/kindEntry"} for name in names},
            },
            "objects": {
                "type": "object",
                "required": names,
                "additionalProperties": False,
                "properties": {
                    k.name: {
                        "type": "object",
                        "description": k.description or f"{k.plural_label.capitalize()}, by id.",
                        "additionalProperties": {"$ref": f"#/$defs/object-{k.name}"},
                    }
                    for k in kinds
                },
            },
            "links": {
                "type": "array",
                "description": "One entry per id named in an option (a counterpart, a speaker, a source …).",
                "items": {
                    "type": "object",
                    "required": ["from_kind", "from_id", "via", "to_kind", "to_id"],
                    "additionalProperties": False,
                    "properties": {
                        "from_kind": {"$ref": "#/$defs/kind"},
                        "from_id": {"type": "string"},
                        "via": {"enum": via},
                        "to_kind": {"$ref": "#/$defs/kind"},
                        "to_id": {"type": "string"},
                    },
                },
            },
        },
        "$defs": defs,
    }


def dumps(data: dict[str, Any]) -> str:
    """The export's one serialisation: sorted keys, two-space indent, UTF-8 text, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_export(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in app.config.briefing_json_builders:
        return
    # Made again only when a record, the configuration or the package changed (memo.py); written
    # only when its bytes change, so incremental builds leave the file's mtime alone.
    digest = inputs_digest(app)
    write_generated(app, Path(app.outdir) / FILENAME, lambda: dumps(export_data(app)), digest)
    write_generated(app, Path(app.outdir) / SCHEMA_FILENAME,
                    lambda: dumps(json_schema(get_domain(app.env).kinds.values())), digest)


# -- import ---------------------------------------------------------------------------------


def _read(location: str, confdir: Path) -> dict[str, Any]:
    if location.startswith(("https://", "http://")):
        with urllib.request.urlopen(location, timeout=30) as response:
            loaded: dict[str, Any] = json.loads(response.read().decode("utf-8"))
            return loaded
    data: dict[str, Any] = json.loads((confdir / location).read_text(encoding="utf-8"))
    return data


def load_imports(app: Sphinx) -> None:
    """Load ``briefing_import`` into the Domain before reading, replacing the previous import."""
    imported: dict[str, dict[str, tuple[Record, str]]] = {}
    for entry in app.config.briefing_import:
        location, base = (entry, None) if isinstance(entry, str) else entry
        try:
            data = _read(location, Path(app.confdir))
        except (OSError, ValueError) as error:
            warn(
                Problem.BAD_IMPORT,
                f"briefing_import: cannot read {location!r}: {error}",
                conf_location(app, "briefing_import"),
            )
            continue
        base = base or data.get("base_url") or (location if "://" in location else "")
        for kind, entries in data.get("objects", {}).items():
            for ident, entry_data in entries.items():
                record = Record(
                    kind=kind,
                    id=ident,
                    docname="",
                    lineno=entry_data.get("line", 0),
                    fields=entry_data.get("fields", {}),
                    text=entry_data.get("text", ""),
                )
                url = urljoin(base, str(entry_data.get("url", "")))
                if not safe_url(url):
                    # Another project's data is untrusted: only http(s) and relative addresses become
                    # links (as for :url:); references to this object are shown as plain text.
                    warn(
                        Problem.BAD_URL,
                        f"briefing_import: {location!r} gives the {kind} {ident!r} the address {url!r}, "
                        "which is neither http(s) nor relative; references to it are shown as text",
                        conf_location(app, "briefing_import"),
                    )
                    url = ""
                imported.setdefault(kind, {})[ident] = (record, url)
    get_domain(app.env).store.imported = imported


def setup_export(app: Sphinx) -> None:
    # briefing_json_builders and briefing_import are declared and checked in config.py.
    app.connect("builder-inited", load_imports, priority=priority("load-imports"))
    app.connect("build-finished", write_export, priority=priority("write-export"))
