"""Changes since the previous edition: what is new, what changed, what went.

:mod:`.compare` compares two ``briefing.json`` exports object by object and value by value (no
Sphinx needed: the ``sphinx-briefing diff`` command uses it too); :mod:`.report` writes a comparison
as text, Markdown or JSON (with the schema in ``schema/``) for that command; :mod:`.previous` reads
the book's previous edition (``briefing_previous_edition``: a path, or a URL fetched once per build
and cached); :mod:`.listing` is the ``changes`` listing, the "new"/"changed" marks on cards and
listing rows, and the leaflet's "What's new" box.

May import: ``core``, ``listings`` and ``i18n`` (:mod:`.compare` and :mod:`.report` nothing of the
package, so the command runs them without a build).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_changes(app: Sphinx) -> None:
    """Read the previous edition when the builder starts; the ``changes`` listing, marks, leaflet box."""
    from .listing import setup_listing
    from .previous import setup_previous

    setup_previous(app)
    setup_listing(app)
