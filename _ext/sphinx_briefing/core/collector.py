"""Keeps generated pages fresh on incremental builds.

sphinx.ext.todo and sphinx-needs leave listing pages stale when an object on another page changes
(sphinx#9706, sphinx-needs#354): only re-read pages are rewritten. This collector notes which pages
hold listings and, after every read, asks the Domain which pages show an object that was added,
changed or removed, so that Sphinx rewrites those too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.environment.collectors import EnvironmentCollector

from .domain import get_domain
from .nodes import briefing_listing

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class ObservingCollector(EnvironmentCollector):
    """A collector that stores nothing of its own: it only observes, to name pages to rewrite.

    Storage, clearing and merging live in the Domain (``clear_doc`` and ``merge_domaindata``), so
    the per-document hooks Sphinx requires are no-ops here; subclasses override
    ``get_updated_docs`` and, where they look at a page, ``process_doc``.
    """

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        pass

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment
    ) -> None:
        pass

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        pass


class BriefingCollector(ObservingCollector):
    """Rewrites the pages that hold listings or references whose objects changed."""

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        if any(doctree.findall(briefing_listing)):
            get_domain(app.env).note_listing(app.env.docname)

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        return sorted(get_domain(env).dependants_of_changes())


def setup_collector(app: Sphinx) -> None:
    app.add_env_collector(BriefingCollector)
