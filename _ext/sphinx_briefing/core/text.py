"""An object's plain text (``Record.text``) as the reader sees it, roles included.

The text is taken from the body at read time, when ``{fact}`in-office-since``` is an unresolved
reference whose text is its target; ``briefing.json``, quote excerpts and the quote index showed
"In office since in-office-since". :func:`template_of` keeps each implicit-title reference as a
marker instead; once every page is read (``env-updated``, on every build, so a changed value
reaches the texts that mention it), :func:`resolve_texts` replaces the markers with the object's
display text. The templates are kept beside the records, cleared with their page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector

from .domain import get_domain
from .headings import display_text

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .model import Record

# Private-use characters: no author types them, and they never reach any output.
_MARKER = re.compile("\ue000([a-z]+)\ue001([^\ue002]*)\ue002")
_KEY = "text_templates"


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
    return cast("dict[tuple[str, str, str, int], str]", get_domain(env).data.setdefault(_KEY, {}))


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


class TextCollector(EnvironmentCollector):
    """Drops a page's templates with its records (the records arrive anew, with fresh ones)."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        templates = _templates(env)
        for key in [k for k in templates if k[2] == docname]:
            del templates[key]

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        pass  # records from other processes still hold their markers; resolve_texts files them

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass


def setup_text(app: Sphinx) -> None:
    app.connect("env-updated", resolve_texts)
    app.add_env_collector(TextCollector)
