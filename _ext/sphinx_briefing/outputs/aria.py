"""Accessible markup Sphinx's HTML lacks: a level for the navigation's caption headings.

Sphinx writes a toctree's caption (the sidebar's "Contents", a book's "Delegations") as
``<p class="caption" role="heading">`` without ``aria-level``. WAI-ARIA 1.2 requires the level on a
heading role (1.1 implied 2), so screen readers may announce it without one and validators and axe
report it as an error on every page (sphinx-doc/sphinx#14030; the fix proposed upstream,
sphinx-doc/sphinx#14437, adds ``aria-level="2"``, which this module does until a Sphinx release does).
Checked against Sphinx 9.0 (``HTML5Translator.visit_title``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

#: What Sphinx writes for a toctree caption, and the same with its level.
_CAPTION = '<p class="caption" role="heading">'
_LEVEL = "2"


def _visit_title(self: HTML5Translator, node: nodes.title) -> None:
    # Sphinx's own visit first (registered visitors shadow the class's method on the instance);
    # then the caption's start tag is written again with its level, the rest left as Sphinx wrote it.
    type(self).visit_title(self, node)
    if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
        for at in range(len(self.body) - 1, max(len(self.body) - 4, -1), -1):
            if self.body[at].startswith(_CAPTION[:-1]) and "aria-level" not in self.body[at]:
                level: dict[str, Any] = {"aria-level": _LEVEL}
                self.body[at] = self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **level)
                break


def _depart_title(self: HTML5Translator, node: nodes.title) -> None:
    type(self).depart_title(self, node)


def setup_aria(app: Sphinx) -> None:
    # The HTML format: html, dirhtml, singlehtml and the EPUB builders (the sidebar is rendered by
    # the page's builder, so the theme's navigation gets it too).
    app.add_node(nodes.title, override=True, html=(_visit_title, _depart_title))
