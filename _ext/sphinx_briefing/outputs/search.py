"""Sphinx's search page and the book's objects: each hit lands on its card.

Sphinx's search index stores an object's anchor compressed when it is ``<type>-<name>`` (``"-"``), and
its search page rebuilds it from the name it *shows*, which for the book's objects is the display
name, not the id: a hit for a person linked to ``people.html#person-Kenji Mori`` (or ``#person-森健二``)
instead of ``#person-mori`` (sphinx#10380). After the HTML builders have written ``searchindex.js``,
:func:`uncompress_anchors` writes every anchor of this extension's objects out in full, which the
search page uses as it is.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.search import js_index

from ..core.domain import BriefingDomain, get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def uncompress_anchors(app: Sphinx, exception: BaseException | None) -> None:
    """Rewrite ``searchindex.js`` so that each briefing object's entry carries its full anchor."""
    builder = app.builder
    if exception is not None or builder.format != "html" or getattr(builder, "indexer", None) is None:
        return
    path = Path(app.outdir) / getattr(builder, "searchindex_filename", "searchindex.js")
    if path.suffix != ".js" or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    try:
        data = js_index.loads(text)
    except ValueError:
        return
    docindex = {name: i for i, name in enumerate(data.get("docnames", ()))}
    objtypes = {int(i): name for i, name in data.get("objtypes", {}).items()}
    # (document, type, shown prefix, shown name) -> anchor, split as Sphinx splits the display name.
    anchors: dict[tuple[int, str, str, str], str] = {}
    for _name, shown, typ, docname, anchor, priority in get_domain(app.env).get_objects():
        if priority >= 0 and docname in docindex:
            prefix, _, last = html.escape(shown).rpartition(".")
            anchors[docindex[docname], f"{BriefingDomain.name}:{typ}", prefix, last] = anchor
    changed = False
    for prefix, entries in data.get("objects", {}).items():
        for entry in entries:
            doc, typeindex, _priority, short, last = entry
            full = anchors.get((doc, objtypes.get(typeindex, ""), prefix, last))
            if full is not None and short != full:
                entry[3] = full
                changed = True
    if changed:
        path.write_text(js_index.dumps(data), encoding="utf-8")


def setup_search(app: Sphinx) -> None:
    app.connect("build-finished", uncompress_anchors)
