"""Structural edits rebuild like a clean build: the navigation of every page follows the toctree.

Each page shows the book's shape (the sidebar toctree, "previous" and "next", the page titles in
them), but Sphinx rewrites only the pages whose own sources changed: after a reordered toctree,
an added page or a changed heading, the other pages kept the old navigation, and the listings'
book order was not the clean build's. :func:`changed_pages` remembers the book's shape
(toctrees and titles, the latter as rendered, so a heading's ``{fact}`` value counts) and makes
every page outdated when it changes; the freshness decider (:mod:`.freshness`) asks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


def book_shape(env: BuildEnvironment) -> tuple[object, ...]:
    """What every page's navigation shows: the toctrees, in order, and every page's title."""
    return (
        env.config.root_doc,
        tuple(sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())),
        tuple(sorted((doc, title.astext()) for doc, title in env.titles.items())),
    )


def changed_pages(env: BuildEnvironment) -> set[str]:
    """Freshness input (:mod:`.freshness`): every page when the book's shape changed since the last build."""
    # (Not at the first build: everything is written anyway.)
    moved = get_domain(env).store.since_last_build("book_shape", book_shape(env)).changed
    return set(env.found_docs) if moved else set()
