"""The book as data: ``briefing.json`` out, other books' ``briefing.json`` in.

The export lists every object with its fields, document, URL (with anchor) and links, with sorted
keys and no timestamps, so two builds of the same sources give the same bytes. The schema ships in
``schema/briefing.schema.json``. ``briefing_import`` reads other books' exports so that roles can
refer to their people and facts; those references become external links.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.util import logging

from .diagnostics import Problem, warn
from .domain import get_domain
from .model import KINDS, Record

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schema" / "briefing.schema.json"
FILENAME = "briefing.json"


def object_url(builder: Builder, record: Record) -> str:
    """URL of the object relative to the HTML root (HTML builders decide; others use ``.html``)."""
    if builder.format == "html":
        page = builder.get_target_uri(record.docname)
    else:
        page = record.docname + ".html"
    return f"{page}#{record.anchor}"


def export_data(app: Sphinx) -> dict[str, Any]:
    domain = get_domain(app.env)
    base = app.config.html_baseurl or ""
    objects: dict[str, dict[str, Any]] = {}
    links: list[dict[str, str]] = []
    for kind in sorted(KINDS):
        entries: dict[str, Any] = {}
        for record in domain.all(kind):
            if not record.listed:
                continue
            url = object_url(app.builder, record)
            entries[record.id] = {
                "id": record.id,
                "kind": kind,
                "display": KINDS[kind].display(record),
                "fields": record.fields,
                "text": record.text,
                "docname": record.docname,
                "line": record.lineno,
                "url": url,
                "absolute_url": urljoin(base, url) if base else None,
            }
            for option, target_kind in KINDS[kind].links.items():
                for target in record.get_list(option):
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
        "base_url": base or None,
        "objects": objects,
        "links": links,
    }


def write_export(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in app.config.briefing_json_builders:
        return
    text = json.dumps(export_data(app), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    target = Path(app.outdir) / FILENAME
    # Rewrite only on change, so incremental builds leave the file's mtime alone.
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


# -- import ---------------------------------------------------------------------------------


def _read(location: str, confdir: Path) -> dict[str, Any]:
    if location.startswith(("https://", "http://")):
        with urllib.request.urlopen(location, timeout=30) as response:
            loaded: dict[str, Any] = json.loads(response.read().decode("utf-8"))
            return loaded
    data: dict[str, Any] = json.loads((confdir / location).read_text(encoding="utf-8"))
    return data


def _conf_location(app: Sphinx) -> nodes.Node:
    """conf.py, at the line setting ``briefing_import`` when there is one, as a warning location."""
    conf = Path(app.confdir) / "conf.py"
    lines = conf.read_text(encoding="utf-8").splitlines() if conf.exists() else []
    line = next(
        (n for n, text in enumerate(lines, 1) if text.lstrip().startswith("briefing_import")), None
    )
    node = nodes.Element()
    node.source, node.line = str(conf), line
    return node


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
                _conf_location(app),
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
                imported.setdefault(kind, {})[ident] = (record, urljoin(base, entry_data["url"]))
    get_domain(app.env).data["imported"] = imported


def setup_export(app: Sphinx) -> None:
    app.add_config_value(
        "briefing_json_builders", ["html", "dirhtml", "singlehtml"], "", types=[list]
    )
    app.add_config_value("briefing_import", [], "env", types=[list])
    app.connect("builder-inited", load_imports)
    app.connect("build-finished", write_export)
