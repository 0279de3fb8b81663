"""Structural edits rebuild like a clean build: the navigation of every page follows the toctree.

Each page shows the book's shape (the sidebar toctree, "previous" and "next", the page titles in
them), but Sphinx rewrites only the pages whose own sources changed: after a reordered toctree,
an added page or a changed heading, the other pages kept the old navigation, and the listings'
book order was not the clean build's. :class:`StructureCollector` remembers the book's shape
(toctrees and titles, the latter as rendered, so a heading's ``{fact}`` value counts) and makes
every page outdated when it changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .collector import ObservingCollector
from .domain import get_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

_KEY = "book_shape"


def book_shape(env: BuildEnvironment) -> tuple[object, ...]:
    """What every page's navigation shows: the toctrees, in order, and every page's title."""
    return (
        env.config.root_doc,
        tuple(sorted((doc, tuple(children)) for doc, children in env.toctree_includes.items())),
        tuple(sorted((doc, title.astext()) for doc, title in env.titles.items())),
    )


class StructureCollector(ObservingCollector):
    """Makes every page outdated when the book's shape changed since the last build."""

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        data = get_domain(env).data
        shape = book_shape(env)
        previous = data.get(_KEY)
        data[_KEY] = shape
        if previous is None or previous == shape:
            return []  # first build (everything is written anyway), or nothing moved
        return sorted(env.found_docs)


def setup_structure(app: Sphinx) -> None:
    app.add_env_collector(StructureCollector)
