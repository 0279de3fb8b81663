"""What single builders need beyond the generic node fallbacks: singlehtml, texinfo and man.

The object nodes subclass concrete docutils nodes, so every writer renders them; three writers
still get them wrong in ways a reader notices:

- **singlehtml** makes every URI ``#document-<doc>`` and :func:`~sphinx.util.nodes.make_refnode`
  appends ``#<anchor>``, so links read ``#document-people#person-berg`` and land nowhere (Sphinx 9
  no longer repairs double anchors). :class:`SingleHTMLAnchors` turns every such reference into an
  in-page one, and :func:`page_url` gives ``briefing.json`` the real page.
- **texinfo** writes ``@anchor`` only for sections and targets; ids on any other node are written
  as dummy anchors just before ``@bye``, so every link to a card jumped to the end of the manual.
  The object nodes write their own anchors where they stand.
- **man** separates paragraphs only when they are not a first child; a card's first paragraph is,
  so each card ran into the text before it. The object nodes start with vertical space, and
  in-page references (which a manual page cannot follow) print as their text, without the URI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core import nodes as briefing_nodes
from ..core.pipeline import priority

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.util.docutils import SphinxTranslator


def object_node_classes() -> list[type[nodes.Element]]:
    """The node classes of briefing objects (cards and quotes; not the listing placeholder)."""
    return [
        cls
        for name, cls in vars(briefing_nodes).items()
        if name.startswith("briefing_")
        and isinstance(cls, type)
        and issubclass(cls, nodes.Element)
        and cls is not briefing_nodes.briefing_listing
    ]


def page_url(builder: Builder, docname: str) -> str:
    """The file (relative to the output root) in which *docname*'s content ends up."""
    if builder.name == "singlehtml":
        return builder.config.root_doc + builder.out_suffix  # type: ignore[attr-defined]
    return builder.get_target_uri(docname)


def to_root(builder: Builder, docname: str) -> str:
    """The relative path from *docname*'s output file up to the output root: ``""`` or ``"../"`` …

    Computed from the builder's own target URI, so it holds for html (``pillars/energy.html``: one
    level), dirhtml (``pillars/energy/``: two) and singlehtml (every page in the root file: none).
    """
    return "../" * page_url(builder, docname).count("/")


class SingleHTMLAnchors(SphinxPostTransform):
    """singlehtml: ``#document-people#person-berg`` -> ``#person-berg`` for every reference.

    Runs after references are resolved (priority 10), so it repairs Sphinx's own ``{ref}`` links
    as well as this extension's.
    """

    default_priority = priority("singlehtml-anchors")
    builders = ("singlehtml",)

    def run(self, **kwargs: Any) -> None:
        for ref in self.document.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith("#document-") and uri.count("#") > 1:
                ref["refuri"] = "#" + uri.rsplit("#", 1)[1]


class ManInternalReferences(SphinxPostTransform):
    """man: an in-page reference is its text.

    A manual page cannot link; docutils' man writer (0.22) prints every reference's URI after
    its text, so each person read "Olaf Scholz <#person-scholz>". Applies to Sphinx's own
    references as well; links to web addresses keep their URI.
    """

    default_priority = priority("man-internal-references")
    builders = ("man",)

    def run(self, **kwargs: Any) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            if ref.get("refuri", "").startswith("#") or (ref.get("internal") and "refuri" in ref):
                ref.replace_self(nodes.inline("", "", *ref.children, classes=ref["classes"]))


def _base_method(translator: SphinxTranslator, node: nodes.Element, phase: str) -> Callable[..., None]:
    """The visitor of the docutils class the node subclasses (``visit_container`` …)."""
    for cls in type(node).__mro__[1:]:
        method = getattr(translator, f"{phase}_{cls.__name__}", None)
        if method is not None:
            return method
    return lambda node: None


def _texinfo_visit(self: Any, node: nodes.Element) -> None:
    # A blank line first: an @anchor line right after a paragraph would join the card to it.
    self.body.append("\n")
    for ident in node["ids"]:
        self.add_anchor(ident, node)
    _base_method(self, node, "visit")(node)


def _texinfo_depart(self: Any, node: nodes.Element) -> None:
    _base_method(self, node, "depart")(node)


def _man_visit(self: Any, node: nodes.Element) -> None:
    if not self.first_child(node):
        self.ensure_eol()
        self.body.append(".sp\n")
    _base_method(self, node, "visit")(node)


def _man_depart(self: Any, node: nodes.Element) -> None:
    _base_method(self, node, "depart")(node)


def setup_writers(app: Sphinx) -> None:
    """Call after the node classes are registered: adds texinfo and man visitors to them."""
    for cls in object_node_classes():
        app.registry.add_translation_handlers(
            cls, texinfo=(_texinfo_visit, _texinfo_depart), man=(_man_visit, _man_depart)
        )
    app.add_post_transform(SingleHTMLAnchors)
    app.add_post_transform(ManInternalReferences)
