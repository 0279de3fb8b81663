"""Roles in headings: the navigation shows the heading's words, as the heading itself does.

Sphinx copies a heading into the table of contents and the page title at read time, when a
``{fact}`volume``` is still an unresolved reference holding its target; the copy keeps the target
("Trade reached volume") while the heading, resolved at write time, reads "12.5 billion units".
Every navigation built from those copies (toctrees, furo's "On this page", the HTML ``<title>``,
EPUB ``nav.xhtml`` and ``toc.ncx``) showed the target.

:class:`MarkHeadingReferences` tags the inner node of each implicit-title reference in a heading
with its kind and target before the copies are made (the copy keeps attributes);
:func:`resolve_navigation_titles` writes the object's display text into every tagged copy once
all pages are read, on every build, so a changed value reaches the navigation too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .domain import get_domain
from .pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_MARK = "briefing_heading_ref"


class MarkHeadingReferences(SphinxTransform):
    """Tag ``{kind}`target``` in titles so the navigation copies can be resolved later."""

    default_priority = priority("mark-heading-references")

    def apply(self, **kwargs: Any) -> None:
        for title in self.document.findall(nodes.title):
            for ref in title.findall(addnodes.pending_xref):
                if ref.get("refdomain") == "briefing" and not ref.get("refexplicit") and ref.children:
                    inner = ref.children[0]
                    if isinstance(inner, nodes.Element):
                        inner[_MARK] = f"{ref['reftype']}:{ref['reftarget']}"
                        # The page's navigation copies (toc, title) are the only ones holding it.
                        get_domain(self.env).store.marked_heading_docs.add(self.env.docname)


def display_text(env: BuildEnvironment, kind: str, target: str) -> str | None:
    """What a reference to (kind, target) shows: this book's object, else an imported one."""
    domain = get_domain(env)
    record = domain.get(kind, target)
    if record is None and (imported := domain.imported.get(kind, {}).get(target)):
        record = imported[0]
    kinds = domain.kinds
    return kinds[kind].display_of(record) if record is not None and kind in kinds else None


def _marked(tree: nodes.Node) -> list[nodes.Element]:
    """The elements of *tree* carrying a mark, in document order (``findall``'s order).

    A walk of its own over ``children`` rather than ``findall``: every build walks every page's toc
    and titles, and findall's nested generators took three times as long.
    """
    found: list[nodes.Element] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Element):
            if node.get(_MARK):
                found.append(node)
            stack.extend(reversed(node.children))
    return found


def _resolve(env: BuildEnvironment, tree: nodes.Node) -> None:
    for inner in _marked(tree):
        mark = inner[_MARK]
        kind, _, target = mark.partition(":")
        text = display_text(env, kind, target)
        if text is not None:
            inner.children = []
            inner += nodes.Text(text)


def resolve_navigation_titles(app: Sphinx, env: BuildEnvironment) -> None:
    """Write the display text into the marked copies, on every build, of the pages that have them.

    A page's toc, title and long title are copied from that page alone, so only the pages
    :class:`MarkHeadingReferences` noted (the store's ``marked_heading_docs``, cleared when a page
    is read again) are walked: walking every page's copies cost about 4 ms at 1,000 pages.
    """
    for docname in sorted(get_domain(env).store.marked_heading_docs):
        for store in (env.tocs, env.titles, env.longtitles):
            if (tree := store.get(docname)) is not None:
                _resolve(env, tree)


def setup_headings(app: Sphinx) -> None:
    app.add_transform(MarkHeadingReferences)
    app.connect("env-updated", resolve_navigation_titles, priority=priority("resolve-navigation-titles"))
