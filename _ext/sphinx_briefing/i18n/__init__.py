"""Editions and translation.

:mod:`.catalog` is the extension's own words, dates and numbers in the book's language (Babel) and
translated option values: the one module of this package the core may import. :mod:`.conf_catalog`
translates conf.py's texts through the book's ``conf.po``; :mod:`.editions` links the editions to
one another. ``locale/`` holds the extension's message catalogs.

May import: ``catalog`` only ``core.internals`` (it is below the core); the rest ``core``,
``listings``, ``checks`` and ``kinds`` (the kinds' words: :mod:`.conf_catalog`). :mod:`.extension`
wires the subpackage into Sphinx; this ``__init__`` imports nothing, as the core imports the catalog.
"""
