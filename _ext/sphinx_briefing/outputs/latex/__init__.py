"""The PDF: title page and running heads (:mod:`.titlepage`), print typesetting
(:mod:`.typesetting`), the language's LaTeX packages (:mod:`.language`) and the "At a glance"
leaflet (:mod:`.leaflet`). The shipped ``.sty`` files and the LuaLaTeX font set-up live here too.

May import: ``core``, ``listings``, ``i18n`` and ``outputs``.
"""
