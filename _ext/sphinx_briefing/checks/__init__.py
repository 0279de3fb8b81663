"""Checks beyond a single directive's options: archived sources (quotations verbatim, copied runs),
the content-loss check on literal blocks, the uncited-claim check (``briefing.uncited``), and the
replay of a page's warnings on every build.

May import: ``core``, ``listings`` and ``i18n.catalog``.
"""
