"""What leaves the build: ``briefing.json`` and its import, intersphinx display names, the single
builders' visitors, typography, static assets, printing; :mod:`.latex` for the PDF (title page,
typesetting, the language's packages, the "At a glance" leaflet).

May import: ``core``, ``listings``, ``kinds``, ``checks`` and ``i18n``.
"""
