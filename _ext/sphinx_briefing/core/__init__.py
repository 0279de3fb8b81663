"""The engine: what every kind and every output stands on.

Records (:mod:`.model`), kind and option declarations (:mod:`.kinds`) and their registry
(:mod:`.registry`), the one option reader (:mod:`.options`), the Domain that stores every
record and per-document datum (:mod:`.domain`), the one object directive (:mod:`.objects`), node
classes (:mod:`.nodes`), late text (:mod:`.late_text`, :mod:`.text`, :mod:`.headings`), anchors, conditional content,
the trust status, the book settings (:mod:`.config`), warnings (:mod:`.diagnostics`) and the
collector that keeps generated pages fresh; the one declared store of every datum kept between builds
(:mod:`.store`), the freshness decider the collector asks (:mod:`.freshness`), and the pipeline: the
table of every transform and handler with its priority (:mod:`.pipeline`, which imports nothing of
the package, so every layer may take its priorities from it) and the walks of a page at write
time (:mod:`.walk`: the one walk over its briefing nodes, the resolved walk, the final walk).

May import: :mod:`sphinx_briefing.i18n.catalog` (the extension's words), :mod:`.internals` (the
one reader of Sphinx's private attributes, a layer of its own below the catalog) and itself; the
layers above hear from the core through events (``briefing-kind-registered``,
``briefing-reference-text``). Nothing here names a shipped kind, except ``source`` as the notion of
evidence (``Kind.needs_source``, the hover card's source line; see tests/test_architecture.py).
:mod:`.extension` wires the core into Sphinx; this ``__init__`` imports nothing, as the lower
layers import core modules.
"""
