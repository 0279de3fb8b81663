"""briefing: Sphinx directives, roles and listings for policy briefing books.

The package is in layers; a module imports only from its own subpackage and the layers below it
(:data:`LAYERS`, checked with every import, those inside functions and ``TYPE_CHECKING`` blocks
included, by ``tests/test_architecture.py``, which also fails on any import circle):

=====  ==========================  ===========================================================
layer  subpackage                  what lives there
=====  ==========================  ===========================================================
0      ``core.internals``          the one place that reads Sphinx's private attributes
0      ``core.pipeline``           the table of every transform and handler's priority (imports nothing)
1      ``i18n.catalog``            the extension's own words, dates and numbers (Babel)
2      ``core``                    records, kind declarations, the registry, the Domain, the
                                   one object directive, late text, anchors, settings, warnings
3      ``listings``                the listing API and its resolver; the relationship map
4      ``checks``                  archive checks, replay of warnings, the nested-fence check
5      ``kinds``                   one module per shipped kind (people, events …) and companions
6      ``i18n``, ``outputs``,      editions and conf.py's texts; what leaves the build (export,
       ``changes``                 writers, typography, ``outputs.latex`` for the PDF); the changes
                                   since the previous edition (listing, marks, ``diff``)
7      ``sphinx_briefing``         this module: :func:`setup` wires the subpackages together
8      ``scaffold``                ``sphinx-briefing new``
=====  ==========================  ===========================================================

The public API for kinds of a book's own (see the authoring guide): :class:`Kind`, :class:`Option`,
:class:`Relation` (a link the relationship map draws) and :func:`register_kind`; a kind's listings are
:class:`Listing` (with its :class:`ListingOption` filters) or plain builders, which use :class:`ListingContext`
and :func:`table`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .changes import setup_changes
from .checks import setup_checks
from .core.extension import setup_core
from .core.fingerprint import env_version
from .core.kinds import Kind, Option, Relation
from .core.objects import BriefingObjectDirective
from .core.registry import register_kind
from .i18n.extension import setup_i18n
from .kinds import setup_kinds
from .listings import setup_listings
from .listings.api import Listing, ListingContext, ListingOption, table
from .outputs import setup_outputs

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
__all__ = [
    "BriefingObjectDirective", "Kind", "Listing", "ListingContext", "ListingOption", "Option", "Relation", "register_kind",
    "setup", "table",
]

#: The layers, lowest first: a module may import from its own unit (the longest entry its dotted
#: name starts with, relative to the package) and from units of lower layers, nothing else. The
#: package itself is ``""``. Read by tests/test_architecture.py; the table above says the same.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core.internals", "core.pipeline"),
    ("i18n.catalog",),
    ("core",),
    ("listings",),
    ("checks",),
    ("kinds",),
    ("i18n", "outputs", "changes"),
    ("",),
    ("scaffold",),
)


def setup(app: Sphinx) -> dict[str, Any]:
    # Layer by layer, from the engine up. Where two subpackages register for the same event or
    # transform priority, each handler's own priority says which runs first; the order of the calls
    # below decides only the remaining ties, as each call's comment says.
    setup_core(app)  # settings (checked at config-inited 400), the Domain, the registry of kinds
    setup_i18n(app)  # the catalog (config-inited 100) before any handler formats a word
    setup_listings(app)  # before the kinds: it listens for each kind's listing directives
    setup_kinds(app)  # the shipped kinds in kinds.SHIPPED order: the order of kinds in "Cited by"
    setup_checks(app)  # archive checks, warning replay, nested fences
    setup_outputs(app)  # what leaves the build works on finished pages
    setup_changes(app)  # the previous edition (builder-inited), the changes listing, marks, leaflet box
    return {
        "version": __version__,
        # Any change to the extension's files (code or assets) rebuilds every page: fingerprint.py.
        "env_version": env_version(),
        # Proven by tests/test_parallel.py (identical -j 1 / -j 2 output, direct merge test).
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
