"""The one walk: the post-transforms that only look at the extension's own nodes, in one pass.

They used to walk every page once each (placeholders, pending references, cards, messages: ten
walks a page, and ``findall`` alone was a fifth of a reference-dense build). They are now *steps*
of one post-transform, :class:`BriefingWalk`, which finds those nodes in one pass (:class:`Walk`)
and runs the steps in the order of the pipeline table (:mod:`.pipeline`, the ``walk`` rows). A step
that puts new nodes in the page (a listing's table and its references) hands them to the walk
(:meth:`Walk.replace`), so that later steps see them without another pass. Steps connect to the
``briefing-walk`` event with their priority from the table (:func:`add_step`).

The *resolved* walk (:class:`ResolvedWalk`) is one pass over a page once its references have their
text (Sphinx's ``ReferencesResolver``): the mentions in running text (a person's short form, an
organisation spelled out) and the card banners' titles, each of which used to walk the page.
The *final* walk (:class:`FinalWalk`) is the same for the page as it will be written, once every
reference is resolved: one pass finds its text blocks and its links, and the handlers of
``briefing-final-page`` (smart quotes, bare URLs, archive links) work on those lists, where each of
them used to walk the page again (four walks a page: the educator walked it twice).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..i18n.catalog import briefing_messages, keeps_messages
from .internals import application, builder
from .nodes import briefing_listing
from .pipeline import place, priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

_N = TypeVar("_N", bound=nodes.Element)

#: The event the one walk emits for its steps (handlers take ``(app, walk)``).
WALK_EVENT = "briefing-walk"

#: The event the resolved walk emits (handlers take ``(app, page)``, a :class:`ResolvedPage`).
RESOLVED_EVENT = "briefing-resolved-page"

#: The event the final walk emits (handlers take ``(app, page)``, a :class:`FinalPage`).
FINAL_EVENT = "briefing-final-page"


#: Node classes of this extension (and of a book's own kinds): prefixed ``briefing_`` (STYLE.md).
_OWN: dict[type, bool] = {}


def _is_own(cls: type) -> bool:
    own = _OWN.get(cls)
    if own is None:
        own = _OWN[cls] = cls.__name__.startswith("briefing_")
    return own


class Walk:
    """The nodes of one page that the steps look at, found in one pass and kept up to date.

    ``xrefs`` (every ``pending_xref``), ``own`` (every node of a ``briefing_*`` class: cards,
    placeholders, messages), ``tables``, ``only`` (Sphinx's ``only`` blocks) and ``keyed`` (cards
    carrying ``briefing_key``), each in document order; nodes a step adds come after the others
    (:meth:`add`).
    """

    def __init__(self, transform: SphinxPostTransform) -> None:
        self.document: nodes.document = transform.document
        self.env: BuildEnvironment = transform.env
        self.config: Config = transform.config
        # SphinxTransform.app is deprecated in Sphinx 9; internals names the one route (as Sphinx's
        # own ReferencesResolver takes it).
        self.app: Sphinx = application(transform.env)
        self.builder: Builder = builder(transform.env)
        self.xrefs: dict[int, addnodes.pending_xref] = {}
        self.own: dict[int, nodes.Element] = {}
        self.tables: dict[int, nodes.table] = {}
        self.only: dict[int, addnodes.only] = {}
        self.keyed: dict[int, nodes.Element] = {}
        #: What a step keeps for the later steps of this page (the listings' context, listings/api.py).
        self.context: Any = None
        self.add(self.document)

    def of(self, cls: type[_N]) -> list[_N]:
        """The extension's nodes of class *cls* (subclasses included) still in the page."""
        return [node for node in self.own.values() if isinstance(node, cls)]

    @property
    def listings(self) -> list[briefing_listing]:
        return self.of(briefing_listing)

    def add(self, tree: nodes.Node) -> None:
        """Note the wanted nodes of *tree* (preorder, as ``findall`` yields them)."""
        stack = [tree]
        while stack:
            node = stack.pop()
            if not isinstance(node, nodes.Element):
                continue
            if isinstance(node, addnodes.pending_xref):
                self.xrefs[id(node)] = node
            elif _is_own(type(node)):
                self.own[id(node)] = node
            elif isinstance(node, nodes.table):
                self.tables[id(node)] = node
            elif isinstance(node, addnodes.only):
                self.only[id(node)] = node
            if "briefing_key" in node.attributes:
                self.keyed[id(node)] = node
            stack.extend(reversed(node.children))

    def forget(self, tree: nodes.Node) -> None:
        """Drop *tree*'s nodes (it left the page)."""
        stack = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, nodes.Element):
                key = id(node)
                for found in (self.xrefs, self.own, self.tables, self.only, self.keyed):
                    found.pop(key, None)
                stack.extend(node.children)

    def replace(self, node: nodes.Element, new: nodes.Node | Iterable[nodes.Node]) -> None:
        """``node.replace_self(new)``, telling the walk what left and what came."""
        self.forget(node)
        new_nodes = [new] if isinstance(new, nodes.Node) else list(new)
        node.replace_self(new_nodes)
        for tree in new_nodes:
            self.add(tree)

    def remove(self, node: nodes.Element) -> None:
        self.forget(node)
        node.parent.remove(node)

    def insert_after(self, anchor: nodes.Element, new: nodes.Element) -> None:
        anchor.parent.insert(anchor.parent.index(anchor) + 1, new)
        self.add(new)


class BriefingWalk(SphinxPostTransform):
    """One pass over a page's briefing nodes, then every step of the table in order."""

    default_priority = priority("briefing-walk")

    def run(self, **kwargs: Any) -> None:
        self.env.events.emit(WALK_EVENT, Walk(self))


class ResolvedPage:
    """A page whose references have their text: its inlines and paragraphs, found in one pass.

    ``inlines`` (every ``inline``: a reference's words are one) and ``paragraphs``, in document
    order. Handlers change the words inside them; one that takes a paragraph out runs last.
    """

    def __init__(self, transform: SphinxPostTransform) -> None:
        self.document: nodes.document = transform.document
        self.env: BuildEnvironment = transform.env
        self.inlines: list[nodes.inline] = []
        self.paragraphs: list[nodes.paragraph] = []
        for node in self.document.findall(nodes.Element):
            if isinstance(node, nodes.inline):
                self.inlines.append(node)
            elif isinstance(node, nodes.paragraph):
                self.paragraphs.append(node)

    def mentions(self, kind: str) -> Iterator[nodes.inline]:
        """The words of the page's references to records of *kind*, in document order: the
        ``briefing-ref-<kind>`` inlines the Domain writes, where they hold plain text (a link text
        the author marked up is the author's, and no handler rewords it)."""
        words = f"briefing-ref-{kind}"
        return (text for text in self.inlines if words in text["classes"] and text.next_node(nodes.Element) is None)

    @staticmethod
    def reword(text: nodes.inline, words: str) -> None:
        """Have a reference's words (one of :meth:`mentions`) read *words*."""
        text[:] = [nodes.Text(words)]


class ResolvedWalk(SphinxPostTransform):
    """One pass over a page whose references have their text, for the ``briefing-resolved-page`` handlers."""

    default_priority = priority("resolved-walk")

    def run(self, **kwargs: Any) -> None:
        self.env.events.emit(RESOLVED_EVENT, ResolvedPage(self))


#: What Sphinx's smart-quotes educator can change in a text (quotes, backticks, ``--``/``---``,
#: ``...``/``. . .``, ``&quot;``): a block whose text nodes hold none of these comes out of it
#: unchanged (it educates token by token, so a ``--`` split over two text nodes stays as it is).
EDUCABLE = re.compile(r"['\"`]|--|\.\.\.|\. \. \.|&quot;")


def _educable(text: nodes.Text) -> bool:
    # A backslash escape (docutils keeps it as a NUL) is read as the educator reads it: unescaped.
    return EDUCABLE.search(text.astext() if "\x00" in text else text) is not None


class FinalPage:
    """A resolved page as it will be written: its text blocks and its links, found in one pass.

    ``blocks``: the outermost text elements (paragraphs, titles, table cells' paragraphs …: each a
    ``TextElement`` whose parent is not one), the units SmartQuotes educates; ``educable``: those of
    them holding a text the educator could change (:data:`EDUCABLE`); ``references``: every
    ``reference`` (a link, resolved or written so), all in document order. A handler that takes a
    link out of the page (an archive link in a PDF) does so last (see the pipeline table).
    """

    def __init__(self, transform: SphinxPostTransform) -> None:
        self.document: nodes.document = transform.document
        self.env: BuildEnvironment = transform.env
        self.builder: Builder = builder(transform.env)
        self.docname: str = transform.env.docname
        self.blocks: list[nodes.TextElement] = []
        self.references: list[nodes.reference] = []
        educable: set[int] = set()
        # One pass in document order (as findall), each node with the blocks it lies in (usually
        # one): the texts are tested here rather than by an ``astext()`` of every block, which
        # walked each block a second time (the educator's check was its whole cost on most pages).
        stack: list[tuple[nodes.Node, tuple[nodes.TextElement, ...]]] = [(self.document, ())]
        while stack:
            node, within = stack.pop()
            if isinstance(node, nodes.Text):
                if within and id(within[-1]) not in educable and _educable(node):
                    educable.update(id(block) for block in within)
                continue
            if isinstance(node, nodes.TextElement):
                if isinstance(node, nodes.reference):
                    self.references.append(node)
                if not isinstance(node.parent, nodes.TextElement):
                    self.blocks.append(node)
                    within = (*within, node)
            stack.extend((child, within) for child in reversed(node.children))
        self.educable: list[nodes.TextElement] = [block for block in self.blocks if id(block) in educable]


class FinalWalk(SphinxPostTransform):
    """One pass over a resolved page's text blocks and links, for the ``briefing-final-page`` handlers."""

    default_priority = priority("final-walk")

    def run(self, **kwargs: Any) -> None:
        self.env.events.emit(FINAL_EVENT, FinalPage(self))


def add_step(
    app: Sphinx,
    name: str,
    step: Callable[[Walk], None],
    *,
    builders: tuple[str, ...] = (),
    formats: tuple[str, ...] = (),
) -> None:
    """Run *step* in the one walk, at its place in :data:`PIPELINE`; only for *builders* / *formats*
    when given (as :class:`SphinxPostTransform`'s attributes of the same names)."""
    if place(name).stage != "walk":
        raise ValueError(f"{name!r} is not a walk step in the pipeline table")

    def handler(app: Sphinx, walk: Walk) -> None:
        if builders and walk.builder.name not in builders:
            return
        if formats and walk.builder.format not in formats:
            return
        step(walk)

    handler.__name__ = handler.__qualname__ = f"walk step {name}"
    app.connect(WALK_EVENT, handler, priority=priority(name))


def _drop_messages(walk: Walk) -> None:
    """Translator messages (i18n.catalog) stay only in pages for the gettext builders."""
    if not keeps_messages(walk.env):
        for node in walk.of(briefing_messages):
            walk.remove(node)


def setup_pipeline(app: Sphinx) -> None:
    app.add_event(WALK_EVENT)
    app.add_post_transform(BriefingWalk)
    app.add_event(RESOLVED_EVENT)
    app.add_post_transform(ResolvedWalk)
    app.add_event(FINAL_EVENT)
    app.add_post_transform(FinalWalk)
    add_step(app, "drop-messages", _drop_messages)
