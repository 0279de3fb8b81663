"""The PDF: title page and running heads (:mod:`.titlepage`), print typesetting
(:mod:`.typesetting`), the language's LaTeX packages (:mod:`.language`), the "At a glance"
leaflet (:mod:`.leaflet`) and the document's own Noto CJK subsets (:mod:`.cjk`). The shipped
``.sty`` files and the LuaLaTeX font set-up live here too.

May import: ``core``, ``listings``, ``i18n`` and ``outputs``.
"""
