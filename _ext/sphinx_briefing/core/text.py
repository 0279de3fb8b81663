"""An object's plain text (``Record.text``) as the reader sees it, roles included.

The text is taken from the body at read time, when ``{fact}`in-office-since``` is an unresolved
reference whose text is its target; ``briefing.json``, quote excerpts and the quote index showed
"In office since in-office-since". :func:`template_of` keeps each implicit-title reference as a
marker instead; once every page is read (``env-updated``, on every build, so a changed value
reaches the texts that mention it), :func:`resolve_texts` replaces the markers with the object's
display text. The templates are kept beside the records (store.DECLARED ``text_templates``),
cleared and merged with their page by the Domain.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .domain import get_domain
from .headings import display_text
from .pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import Record

# Private-use characters: no author types them, and they never reach any output.
_MARKER = re.compile("\ue000([a-z]+)\ue001([^\ue002]*)\ue002")


def template_of(body: list[nodes.Node]) -> str:
    """The body's text, with each implicit-title briefing reference as a marker."""
    parts = []
    for node in body:
        copy = node.deepcopy()
        for ref in list(copy.findall(addnodes.pending_xref)):
            if ref.get("refdomain") == "briefing" and not ref.get("refexplicit"):
                ref.replace_self(nodes.Text(f"\ue000{ref['reftype']}\ue001{ref['reftarget']}\ue002"))
        parts.append(copy.astext())
    return " ".join(parts).strip()


def _templates(env: BuildEnvironment) -> dict[tuple[str, str, str, int], str]:
    return get_domain(env).store.text_templates


def resolve_texts(app: Sphinx, env: BuildEnvironment) -> None:
    domain = get_domain(env)
    templates = _templates(env)
    records: list[Record] = [r for by_id in domain.objects.values() for r in by_id.values()]
    for record in records + domain.shadowed:
        key = (record.kind, record.id, record.docname, record.lineno)
        if _MARKER.search(record.text):
            templates[key] = record.text
        if key in templates:
            record.text = _MARKER.sub(
                lambda m: display_text(env, m[1], m[2]) or m[2], templates[key]
            )


def setup_text(app: Sphinx) -> None:
    app.connect("env-updated", resolve_texts, priority=priority("resolve-texts"))
