"""Listings: placeholders written at read time and filled from the whole book at write time.

:mod:`.api` holds the listing API (:class:`~.api.Listing`, :class:`~.api.ListingContext`,
:func:`~.api.table`) and its resolver; :mod:`.relationship_map` is the "who met whom" diagram, a
listing like the others.

May import: ``core`` and ``i18n.catalog``. Listing directives register on the core's
``briefing-kind-registered``; the map draws the relations kinds declare (no kind is named here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .api import setup_listings as setup_listing_api
from .relationship_map import setup_relationship_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_listings(app: Sphinx) -> None:
    """Before the kinds: the listing directives register when a kind does (``briefing-kind-registered``).

    The map's resolver (4) runs before the other listings' (5), which run before references (10).
    """
    setup_listing_api(app)
    setup_relationship_map(app)
