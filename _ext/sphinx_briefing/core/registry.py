"""The registry of kinds: :func:`register_kind` turns one :class:`~.kinds.Kind` into the
directive, roles, object type and node Sphinx needs.

The table of kinds lives in the ``briefing`` Domain's ``object_types`` (each :class:`ObjType`
carries its :class:`~.kinds.Kind`), transplanted per application by Sphinx's registry, so two
projects built in one process never see each other's kinds.

What other layers derive from a kind they do themselves, when they hear of it: the core emits
``briefing-kind-registered`` (the application, the kind) once the kind is in the table, and the
listings register the kind's listing directives on it (:func:`~sphinx_briefing.listings.api.
setup_listings`). So the core names no layer above it, and a kind declares its listings as data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.domains import ObjType
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import is_node_registered

from .domain import BriefingXRefRole
from .objects import BriefingObjectDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .kinds import Kind

logger = logging.getLogger(__name__)

#: Emitted with (app, kind) after :func:`register_kind` has registered *kind*.
KIND_REGISTERED = "briefing-kind-registered"


def register_kind(app: Sphinx, kind: Kind, *, shipped: bool = False) -> None:
    """Register *kind* with the application: directive, role, object type, node and listings.

    Call it from an extension's ``setup(app)`` (a book's own ``conf.py`` extension will do). Loads
    ``sphinx_briefing`` first if needed. A kind registered with ``shipped=True`` (one the package
    added after books could declare their own of that name, such as ``agreement``) gives way to a
    book's kind of the same name, so such a book builds as before; raises :class:`~sphinx.errors.ExtensionError` when another kind of
    that name, or one of its directives, is already registered.
    """
    if "briefing" not in app.registry.domains:
        app.setup_extension("sphinx_briefing")
    # Sphinx has no public call for an object type of another domain than "std"; this is the
    # table its registry transplants into every new Domain instance (create_domains), as it
    # does for the roles added with add_role_to_domain.
    object_types = app.registry.domain_object_types.setdefault("briefing", {})
    # A book's own kind may take over a shipped kind's name: a book that declared its own
    # ``agreement`` before the package shipped one keeps building as it did (its kind wins).
    replacing = kind.name in object_types and object_types[kind.name].attrs.get("shipped", False)
    if kind.name in object_types and not replacing:
        raise ExtensionError(f"sphinx_briefing: the kind {kind.name!r} is already registered")
    if replacing:
        logger.info("sphinx_briefing: the book's own kind %r replaces the shipped kind of that name", kind.name)
    base = kind.directive or BriefingObjectDirective
    directive = type(
        f"{kind.name.title().replace('-', '')}Directive",
        (base,),
        {"kind": kind, "__doc__": base.__doc__, "__module__": base.__module__},
    )
    app.add_directive(kind.directive_label, directive, override=replacing)
    object_types[kind.name] = ObjType(kind.human, *((kind.name,) if kind.role else ()), kind=kind, shipped=shipped)
    if kind.role:
        app.add_role_to_domain("briefing", kind.name, BriefingXRefRole(), override=replacing)
        # Also without the ``briefing:`` prefix, as books use them.
        app.add_role(kind.name, BriefingXRefRole(), override=replacing)
    if not is_node_registered(kind.node):
        # A kind's own node class; its visitors fall back to its docutils parent's (and, for
        # LaTeX, to briefing_object's when it subclasses that).
        app.add_node(kind.node)
    # The listing directives (listings/api.py), and whatever else a layer above derives from it.
    app.emit(KIND_REGISTERED, kind)


def setup_registry(app: Sphinx) -> None:
    """Declare the event before any kind registers (the kinds' setup runs after this)."""
    app.add_event(KIND_REGISTERED)
