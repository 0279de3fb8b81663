"""The engine: what every kind and every output stands on.

Records (:mod:`.model`), kind and option declarations (:mod:`.kinds`), the Domain that stores every
record and per-document datum (:mod:`.domain`), the one object directive (:mod:`.objects`), node
classes (:mod:`.nodes`), late text (:mod:`.text`, :mod:`.headings`), anchors, conditional content,
the trust status, the book settings (:mod:`.config`), warnings (:mod:`.diagnostics`) and the
collector that keeps generated pages fresh.

May import: :mod:`sphinx_briefing.i18n.catalog` (the extension's words) and itself. Nothing here
names a shipped kind: kinds come to the core only through their declarations.
"""
