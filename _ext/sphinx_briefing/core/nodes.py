"""Node classes of the briefing extension.

Each subclasses a concrete docutils node, so any builder without a dedicated visitor (text, man,
texinfo, epub …) falls back to the parent's visitor through Sphinx's MRO dispatch. Only LaTeX gets
visitors of its own, because its container and block-quote visitors drop the node ids that the
cross-references point to.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .pipeline import priority

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator


class briefing_object(nodes.container):  # noqa: N801 (docutils names nodes in lower case)
    """The card of any briefing object (person, fact, a book's own kind …).

    It carries the classes ``briefing-<kind>`` and ``briefing-object``: CSS and ``briefing.sty``
    style every card through the shared class, and a kind may add its own look through its own.
    """


class briefing_quote(nodes.block_quote):  # noqa: N801
    """A verbatim quotation with its attribution."""


class briefing_inline_quote(nodes.inline):  # noqa: N801
    """A quoted phrase inside a sentence (the ``{q}`` role), in the edition's quotation marks; every
    writer sets it as an inline with the class ``briefing-inline-quote``."""


class briefing_listing(nodes.container):  # noqa: N801
    """Placeholder for a generated listing; replaced by a table or list before writing."""


class briefing_reference(nodes.reference):  # noqa: N801
    """A link to a briefing object whose hover text is not in the page but in the book's
    hover-text file (``_static/briefing-hovers.js``, outputs/hovers.py).

    ``briefing_hover`` holds the target's key (``person:scholz``); HTML writes it as the link's
    ``data-briefing-hover`` attribute, from which ``briefing.js`` fills the ``title`` and the hover
    card. Only the builders that run that script make this node (``domain.hover_texts_inline``);
    any other writer falls back to the plain reference's visitor.
    """


#: The HTML attribute carrying a :class:`briefing_reference`'s key.
HOVER_ATTRIBUTE = "data-briefing-hover"


def html_start_tag_with_key(self: Any, node: nodes.Element, visit: Any) -> None:
    """Run *visit* (the translator's own visitor for the node's parent class) with the node's
    ``briefing_hover`` key added to the start tag it writes for *node*.

    The key goes through the writer's ``starttag``, which escapes it like any attribute; a theme's
    or another extension's own reference visitor keeps working.
    """
    key = node.get("briefing_hover")
    if not key:
        visit(node)
        return
    own = self.__dict__.get("starttag")
    starttag = self.starttag

    def with_key(tagged: nodes.Element, tagname: str, suffix: str = "\n", empty: bool = False, **atts: Any) -> str:
        if tagged is node:
            atts[HOVER_ATTRIBUTE] = key
        return cast("str", starttag(tagged, tagname, suffix, empty, **atts))

    self.starttag = with_key
    try:
        visit(node)
    finally:
        if own is None:
            del self.starttag
        else:
            self.starttag = own


def _html_visit_reference(self: Any, node: briefing_reference) -> None:
    html_start_tag_with_key(self, node, self.visit_reference)


def _html_depart_reference(self: Any, node: briefing_reference) -> None:
    self.depart_reference(node)


def _latex_visit_container(self: LaTeXTranslator, node: nodes.Element) -> None:
    # The target goes inside the box, with an anchor of its own, so a link lands on the box itself
    # even when briefing.sty moves the box to the next page.
    self.visit_container(node)
    self.body.append(self.hypertarget_to(node, anchor=True))


def _latex_depart_container(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_container(node)


def _latex_visit_inline_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    # The phrase's anchor (the quotation index links to it), which LaTeX's plain inline drops: without
    # it every link to an inline quotation is an undefined reference in the PDF.
    self.body.append(self.hypertarget_to(node, anchor=True))
    self.visit_inline(node)


def _latex_depart_inline_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_inline(node)


def _latex_visit_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    # sphinxuseclass wraps the quote so the shipped .sty can style it like the HTML.
    self.body.append("\n\\begin{sphinxuseclass}{briefing-quote}")
    self.body.append(self.hypertarget_to(node, anchor=True))
    self.visit_block_quote(node)


def _latex_depart_quote(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.depart_block_quote(node)
    self.body.append("\n\\end{sphinxuseclass}")


class briefing_native_name(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """A name in its own script; ``lang`` and ``dir`` hold its language and direction (see
    :func:`native_name`). HTML writes them as attributes, so the name is isolated from the text
    around it (a ``dir`` attribute isolates, HTML's bidi rules) and read in its own language;
    other writers see an inline."""



def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """*node*'s parents, nearest first, up to the document."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent

#: Script -> (language, direction) of a name written in it, for the scripts one language owns or
#: nearly so. Han is shared (Chinese, Japanese), so it takes the book's ``briefing_native_language``.
_SCRIPT_CLASSES: tuple[tuple[str, str, str], ...] = (
    ("[\u3040-\u30ff\uff66-\uff9f]", "ja", "ltr"),  # kana
    ("[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]", "ko", "ltr"),  # Hangul
    ("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe]", "ar", "rtl"),
    ("[\u0590-\u05ff\ufb1d-\ufb4f]", "he", "rtl"),
    ("[\u0700-\u074f]", "syr", "rtl"),
    ("[\u0780-\u07bf]", "dv", "rtl"),
    ("[\u0900-\u097f]", "hi", "ltr"),
    ("[\u0e00-\u0e7f]", "th", "ltr"),
    ("[\u0370-\u03ff]", "el", "ltr"),
    ("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", "", "ltr"),  # Han: the book's
)


@functools.cache
def _scripts() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    # Compiled on first use, by a page with a native name: the ten classes took 7 ms of every
    # build's import before, needed or not.
    return tuple((re.compile(pattern), language, direction) for pattern, language, direction in _SCRIPT_CLASSES)


def native_name(text: str, book_native_language: str, classes: list[str] | None = None, *,
                declared: str = "") -> briefing_native_name:
    """A native name with its own language and direction, told from its script.

    ``السيسي`` is ``lang="ar" dir="rtl"``, ``גלנט`` ``lang="he" dir="rtl"``, ``김정은`` ``lang="ko"``;
    a name in Han characters takes *book_native_language* (``briefing_native_language``, "ja" by
    default). *declared*, the object's ``:native-language:`` (a BCP 47 tag), overrides what the
    script suggests: it is how a name in a script many languages share (Latin, Cyrillic:
    ``Auswärtiges Amt`` is ``de``) gets its language; without it such a name gets no ``lang``, but is
    still isolated (``dir="ltr"``), so it never reorders the text around it.
    """
    language, direction = "", "ltr"
    for pattern, lang, dirn in _scripts():
        if pattern.search(text):
            language, direction = lang or book_native_language, dirn
            break
    language = declared or language
    node = briefing_native_name("", text, classes=["briefing-native-name", *(classes or [])])
    node["lang"], node["dir"] = language, direction
    return node


def _html_visit_native(self: Any, node: nodes.Element) -> None:
    attributes = {"dir": node["dir"], **({"lang": node["lang"]} if node.get("lang") else {})}
    self.body.append(self.starttag(node, "span", "", **attributes))


def _html_depart_native(self: Any, node: nodes.Element) -> None:
    self.body.append("</span>")


def _wrap(node: nodes.Element, classes: list[str]) -> None:
    """Put *node* into a container with *classes* (not replace_self: it would copy the node's ids)."""
    box = nodes.container("", classes=classes)
    node.parent.replace(node, box)
    box += node


class LaTeXClassedParagraphs(SphinxPostTransform):
    """LaTeX only: give classed paragraphs a shape ``briefing.sty`` can style.

    The LaTeX writer drops a paragraph's classes but opens ``sphinxclass<class>`` for a container's,
    so a paragraph such as ``briefing-person-name`` moves into a container carrying its classes.
    """

    default_priority = priority("latex-classed-paragraphs")
    formats = ("latex",)

    def run(self, **kwargs: object) -> None:
        for para in list(self.document.findall(nodes.paragraph)):
            classes = [c for c in para["classes"] if c.startswith("briefing-")]
            if classes:
                _wrap(para, classes)


def setup_nodes(app: Sphinx) -> None:
    # Subclasses of briefing_object (a kind's own node) inherit these through Sphinx's MRO dispatch.
    app.add_node(briefing_object, latex=(_latex_visit_container, _latex_depart_container))
    app.add_node(briefing_quote, latex=(_latex_visit_quote, _latex_depart_quote))
    app.add_node(briefing_listing)
    app.add_node(briefing_reference, html=(_html_visit_reference, _html_depart_reference))
    app.add_node(briefing_inline_quote, latex=(_latex_visit_inline_quote, _latex_depart_inline_quote))
    app.add_node(briefing_native_name, html=(_html_visit_native, _html_depart_native))
    app.add_post_transform(LaTeXClassedParagraphs)
