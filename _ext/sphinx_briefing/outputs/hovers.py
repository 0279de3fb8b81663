"""The book's hover texts in one file, for the HTML builders that run ``briefing.js``.

A reference's hover text (a person's role and country, a fact's label and source, a source's
publisher and date) shows what another page defines. Written into every citing page as the link's
``title``, a changed role would rewrite every page mentioning the person. For the builders that run
the shipped script (:func:`~sphinx_briefing.core.domain.hover_texts_inline` is false: ``html``,
``dirhtml``, ``singlehtml``) a link carries only its target's key (``data-briefing-hover="person:scholz"``)
and this module writes every object's hover text once per build, from the Domain's records, to
``_static/briefing-hovers.js``; ``briefing.js`` fills the ``title`` and the hover card from it
when the link is hovered or focused. The freshness decider (core/freshness.py) then leaves the
citing pages alone when only a hover text changed.

``briefing.js`` loads the file itself, from beside it: a page naming it in a ``<script>`` would
carry Sphinx's checksum of it (``?v=…``) and so change with every hover text of the book. The file
is a script (it loads from ``file://`` too, where a fetched JSON file would not) holding one JSON
object made by :func:`json.dumps`, never HTML: ``<``, ``>``, ``&`` and the line separators
are escaped, so no text of the book can close the script or open a comment, and ``briefing.js``
sets the text with ``textContent`` only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.domain import get_domain, hover_texts_inline
from ..core.pipeline import priority
from .memo import inputs_digest, write_generated
from .typography import educate

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The file, under the HTML output's ``_static``.
HOVERS_FILE = "briefing-hovers.js"
#: The global the file defines and ``briefing.js`` reads: key -> hover text.
GLOBAL = "briefingHovers"

#: What JSON may leave as is but a script inside HTML, or a reader's tool, must not see raw.
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_of(texts: dict[str, str]) -> str:
    """The file's content: ``window.briefingHovers = {...};``, JSON safe inside any script element."""
    data = json.dumps(dict(sorted(texts.items())), ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _ESCAPES.items():
        data = data.replace(raw, escaped)
    return f"/* The briefing book's hover texts (generated; sphinx_briefing.outputs.hovers). */\nwindow.{GLOBAL} = {data};\n"


def write_hover_texts(app: Sphinx, exception: BaseException | None) -> None:
    """build-finished: write every object's hover text, as the pages' links would have shown it."""
    if exception is not None or hover_texts_inline(app.builder):
        return
    env = app.env

    def content() -> str:
        return script_of({key: educate(text, env, app.builder.name)
                          for key, text in get_domain(env).hover_texts().items()})

    # Made again only when a record, the configuration or the package changed (memo.py); unchanged
    # content keeps its file (and its time stamp, for caches and rsync).
    write_generated(app, Path(app.outdir) / "_static" / HOVERS_FILE, content, inputs_digest(app))


def setup_hovers(app: Sphinx) -> None:
    app.connect("build-finished", write_hover_texts, priority=priority("write-hover-texts"))
