"""Listings: placeholders written at read time and filled from the whole book at write time.

:mod:`.api` holds the listing API (:class:`~.api.Listing`, :class:`~.api.ListingContext`,
:func:`~.api.table`) and its resolver; :mod:`.relationship_map` is the "who met whom" diagram, a
listing like the others.

May import: ``core`` and ``i18n.catalog``.
"""
