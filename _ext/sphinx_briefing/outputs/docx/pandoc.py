"""A resolved, assembled doctree as pandoc's JSON document model (pandoc-api 1.23), for Word.

:class:`PandocWriter` turns docutils nodes into pandoc blocks and inlines, naming a Word style
(:mod:`.styles`) for each briefing element through pandoc's ``custom-style`` attribute:

- sections become headings, with the section's anchor as a Word bookmark; every other anchor (cards,
  targets, pages) becomes a bookmark too, and every internal reference a link to its bookmark;
  links whose bookmark is not in the document keep their text only;
- a citation of a source (``{source}``) keeps its compact label and gets a real footnote with the
  source's full entry (number, title, publisher, date), linked to the numbered source list;
- tables become Word tables (pandoc marks the header row to repeat on every page), images and the
  relationship map (drawn by Graphviz as PNG) carry their text alternative;
- runs and blocks marked with a language (``language-ja``, a quotation's English original) carry it,
  which pandoc writes as ``w:lang`` (the builder adds the East Asian slot).

External links are kept only for http(s) and mailto addresses. Raw content is dropped unless it is
``openxml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from ...core.nodes import ancestors
from . import styles

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ...core.model import Record

logger = logging.getLogger(__name__)

API_VERSION = [1, 23, 1]
Json = dict[str, Any]

#: Paragraph classes -> the Word paragraph style (first match wins).
PARAGRAPH_STYLES: dict[str, styles.Style] = {
    "briefing-object-title": styles.CARD_TITLE,
    "briefing-person-name": styles.CARD_TITLE,
    "briefing-pillar-title": styles.CARD_TITLE,
    "briefing-source-title": styles.CARD_TITLE,
    "briefing-fact-label": styles.CARD_TITLE,
    "sd-card-title": styles.CARD_TITLE,
    "briefing-fact-value": styles.KEY_FIGURE,
    "briefing-person-role": styles.CARD_DETAIL,
    "briefing-fact-meta": styles.CARD_DETAIL,
    "briefing-source-meta": styles.CARD_DETAIL,
    "briefing-status-line": styles.CARD_DETAIL,
    "briefing-quote-mark": styles.TRANSLATION_MARK,
    "briefing-quote-original-label": styles.ORIGINAL_LABEL,
    "briefing-leaflet-sources": styles.SOURCES_LINE,
}
#: Container classes -> the style of the paragraphs inside (a nested style wins).
CONTAINER_STYLES: dict[str, styles.Style] = {
    "briefing-object": styles.CARD,
    "sd-card": styles.CARD,
    "briefing-quote-original": styles.ORIGINAL,
    "briefing-leaflet-sources": styles.SOURCES_LINE,
}
#: Inline classes -> the Word character style.
INLINE_STYLES: dict[str, styles.Style] = {
    "briefing-status-mark": styles.STATUS_MARK,
    "briefing-native-name": styles.NATIVE_NAME,
    "briefing-ref-source": styles.CITATION,
    "briefing-ref-fact": styles.FIGURE_VALUE,
    "briefing-label": styles.FIELD_LABEL,
}
_LANGUAGE_CLASS = re.compile(r"language-([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$")
_SAFE_URL = re.compile(r"(?i)(https?:|mailto:)")
_SPACE = re.compile(r"(\s+)")
#: Runs of CJK script (kana, kanji, CJK punctuation, full-width forms): in a book whose own language is
#: not CJK, such a run is a name in its own script, marked with the book's native-name language.
_CJK = "([\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+)"


@functools.cache
def _cjk() -> re.Pattern[str]:
    # Compiled on first use, by a Word build: the wide classes took 5 ms of every build's import.
    return re.compile(_CJK)


def attr(ident: str = "", classes: Iterable[str] = (), **keys: str) -> list[Any]:
    return [ident, list(classes), [[k.replace("_", "-"), v] for k, v in keys.items() if v]]


def el(tag: str, content: Any = None) -> Json:
    return {"t": tag} if content is None else {"t": tag, "c": content}


def text_inlines(text: str) -> list[Json]:
    """Text as pandoc ``Str`` and ``Space`` (no-break spaces stay inside words)."""
    out: list[Json] = []
    for part in _SPACE.split(text):
        if not part:
            continue
        if part.isspace() and "\u00a0" not in part:
            if not out or out[-1]["t"] != "Space":
                out.append(el("Space"))
        else:
            out.append(el("Str", part))
    return out


def styled_div(style: styles.Style, blocks: list[Json], **keys: str) -> Json:
    return el("Div", [attr(custom_style=style.name, **keys), blocks])


def styled_span(style: styles.Style, inlines: list[Json], **keys: str) -> Json:
    return el("Span", [attr(custom_style=style.name, **keys), inlines])


def plain_text(node: nodes.Node) -> str:
    return " ".join(node.astext().split())


def classes_of(node: nodes.Node) -> list[str]:
    return list(node.get("classes", [])) if isinstance(node, nodes.Element) else []


def ids_in(node: nodes.Node) -> list[str]:
    return list(node.get("ids", [])) if isinstance(node, nodes.Element) else []


def language_of(node: nodes.Element) -> str:
    for cls in classes_of(node):
        if match := _LANGUAGE_CLASS.match(cls):
            return match.group(1)
    return ""


class Bookmarks:
    """Anchors (``docname:id``) -> Word bookmark names: letters, digits and ``_``, at most 40
    characters, starting with a letter (Word drops any other name when it saves the file).

    A card's id is unique in the book, so it names the bookmark alone (``b_person_scholz``); an id
    that another page uses too (a section called "Summary") is qualified by its page, and a name too
    long is shortened with a hash.
    """

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.used: set[str] = set()
        self.defined: set[str] = set()

    def name(self, key: str) -> str:
        if key not in self.names:
            docname, _, ident = key.partition(":")
            for candidate in (ident, f"{docname}_{ident}"):
                name = "b_" + re.sub(r"[^A-Za-z0-9]+", "_", candidate).strip("_")
                if len(name) <= 40 and name != "b_" and name not in self.used:
                    break
            else:
                name = f"{name[:31]}_{sha1(key.encode()).hexdigest()[:8]}"
            self.names[key] = name
            self.used.add(name)
        return self.names[key]

    def define(self, key: str) -> str:
        name = self.name(key)
        self.defined.add(name)
        return name


class PandocWriter:
    """Converts one assembled doctree; :meth:`document` gives pandoc's JSON (a dict).

    *sources* maps a source card's anchor to its record, *numbers* a source id to its number in
    the source list; *render_graph* draws a Graphviz node as PNG and returns its path (or None).
    """

    def __init__(self, builder: Builder, docname: str, *, sources: dict[str, Record],
                 numbers: dict[str, int], source_text: Callable[[Record], str],
                 render_graph: Callable[[nodes.Element], Path | None], cjk_language: str = "") -> None:
        self.builder = builder
        self.docnames = [docname]
        self.sources = sources
        self.numbers = numbers
        self.source_text = source_text
        self.render_graph = render_graph
        self.bookmarks = Bookmarks()
        self.footnotes: dict[str, nodes.footnote] = {}
        self.section_level = 0
        self.skip_title = True  # the root page's title: the title page carries the book's title
        self.in_note = 0
        self.in_heading = 0
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark) for the contents
        self.citations = 0
        #: The language of CJK runs in a non-CJK book (briefing_native_language), or "".
        self.cjk_language = cjk_language

    # -- anchors ------------------------------------------------------------------------------

    @property
    def docname(self) -> str:
        return self.docnames[-1]

    def anchor_key(self, ident: str, docname: str | None = None) -> str:
        return f"{docname if docname is not None else self.docname}:{ident}"

    def link_target(self, node: nodes.Element) -> str | None:
        """``#bookmark`` for an internal reference, the URL for a safe external one, else None."""
        if "refid" in node:
            return "#" + self.bookmarks.name(self.anchor_key(node["refid"]))
        uri = node.get("refuri", "")
        if uri.startswith("%"):  # the builder's target URIs: %docname#anchor
            docname, _, anchor = uri[1:].partition("#")
            return "#" + self.bookmarks.name(self.anchor_key(anchor, docname))
        if uri.startswith("#"):
            return "#" + self.bookmarks.name(self.anchor_key(uri[1:]))
        if _SAFE_URL.match(uri):
            return uri
        return None

    def ids_of(self, node: nodes.Element) -> list[str]:
        return [self.bookmarks.define(self.anchor_key(i)) for i in ids_in(node)]

    def with_ids(self, node: nodes.Element, blocks: list[Json]) -> list[Json]:
        """*blocks* inside one empty-styled Div per anchor of *node* (pandoc writes a bookmark each)."""
        for name in self.ids_of(node):
            blocks = [el("Div", [attr(name), blocks])]
        return blocks

    # -- the document --------------------------------------------------------------------------

    def document(self, tree: nodes.document, meta: Json, before: list[Json]) -> Json:
        for footnote in tree.findall(nodes.footnote):
            for ident in footnote["ids"]:
                self.footnotes[ident] = footnote
        body = self.blocks(tree.children)
        doc = {"pandoc-api-version": API_VERSION, "meta": meta, "blocks": before + body}
        self.drop_dangling_links(doc)
        return doc

    def drop_dangling_links(self, doc: Json) -> None:
        """Links to a bookmark that is not in the document (a page left out) keep their text."""

        def walk(value: Any) -> Any:
            if isinstance(value, list):
                return [walk(v) for v in value]
            if isinstance(value, dict):
                if value.get("t") == "Link":
                    link_attr, content, (target, _title) = value["c"]
                    if target.startswith("#") and target[1:] not in self.bookmarks.defined:
                        return el("Span", [link_attr, walk(content)])
                return {k: walk(v) for k, v in value.items()}
            return value

        doc["blocks"] = walk(doc["blocks"])

    # -- blocks ---------------------------------------------------------------------------------

    def blocks(self, children: Iterable[nodes.Node]) -> list[Json]:
        out: list[Json] = []
        pending: list[Json] = []  # inlines met among blocks (a bare reference or text)
        for child in children:
            converted = self.block(child)
            if converted is None:
                pending.extend(self.inline(child))
                continue
            if pending:
                out.append(el("Para", pending))
                pending = []
            out.extend(converted)
        if pending and any(i["t"] != "Space" for i in pending):
            out.append(el("Para", pending))
        return out

    def block(self, node: nodes.Node) -> list[Json] | None:
        """The blocks of *node*, or None if it is inline content."""
        if isinstance(node, nodes.Text):
            return None if node.strip() else []
        if not isinstance(node, nodes.Element):
            return []
        if isinstance(node, (nodes.comment, nodes.substitution_definition, nodes.footnote, nodes.citation,
                             addnodes.index, addnodes.toctree, nodes.system_message, addnodes.tabular_col_spec,
                             addnodes.only)):
            return []
        if isinstance(node, addnodes.start_of_file):
            self.docnames.append(node["docname"])
            page = self.bookmarks.define(self.anchor_key(""))
            blocks = [el("Div", [attr(page), self.blocks(node.children)])]
            self.docnames.pop()
            return blocks
        if isinstance(node, nodes.section):
            return self.section(node)
        if isinstance(node, nodes.title):
            return [el("Para", [el("Strong", self.inlines(node))])]
        if isinstance(node, nodes.paragraph):
            return self.paragraph(node)
        if isinstance(node, nodes.rubric):
            return self.with_ids(node, [styled_div(styles.RUBRIC, [el("Para", self.inlines(node))])])
        if isinstance(node, nodes.target):
            return self.with_ids(node, []) if node.get("ids") and not node.children else (
                [] if not node.children else None)
        if isinstance(node, nodes.bullet_list):
            return self.with_ids(node, [el("BulletList", [self.blocks(i.children) for i in node.children
                                                          if isinstance(i, nodes.list_item)])])
        if isinstance(node, nodes.enumerated_list):
            start = node.get("start", 1)
            items = [self.blocks(i.children) for i in node.children if isinstance(i, nodes.list_item)]
            return self.with_ids(node, [el("OrderedList", [[start, el("Decimal"), el("Period")], items])])
        if isinstance(node, nodes.definition_list):
            entries = []
            for item in node.children:
                term = [i for c in item.children if isinstance(c, nodes.term) for i in self.inlines(c)]
                definitions = [self.blocks(c.children) for c in item.children if isinstance(c, nodes.definition)]
                entries.append([term, definitions])
            return [el("DefinitionList", entries)]
        if isinstance(node, nodes.field_list):
            return self.with_ids(node, [b for field in node.children for b in self.field(field)])
        if isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            return self.with_ids(node, [el("CodeBlock", [attr(), node.astext()])])
        if isinstance(node, nodes.line_block):
            return [el("LineBlock", [self.inlines(line) for line in node.findall(nodes.line)])]
        if isinstance(node, nodes.block_quote):
            return self.quote(node)
        if isinstance(node, nodes.attribution):
            return [styled_div(styles.ATTRIBUTION, [el("Para", [el("Str", "\u2014"), el("Space"), *self.inlines(node)])])]
        if isinstance(node, nodes.table):
            return self.with_ids(node, self.table(node))
        if isinstance(node, nodes.figure):
            return self.with_ids(node, self.figure(node))
        if isinstance(node, nodes.image):
            image = self.image(node)
            return [el("Para", [image])] if image else []
        if node.tagname in ("graphviz", "briefing_map"):
            return self.graph(node)
        if isinstance(node, nodes.raw):
            return [el("RawBlock", ["openxml", node.astext()])] if node.get("format") == "openxml" else []
        if isinstance(node, nodes.transition):
            return [el("HorizontalRule")]
        if isinstance(node, nodes.Admonition):
            return self.admonition(node)
        if isinstance(node, (nodes.TextElement, nodes.Inline)) and not isinstance(node, nodes.Structural):
            if isinstance(node, (nodes.Inline, nodes.reference, nodes.inline)) or node.tagname in (
                    "pending_xref", "download_reference", "literal_emphasis", "literal_strong"):
                return None
            return [el("Para", self.inlines(node))]
        # containers, compounds, cards, sections' wrappers: their children, styled by class
        return self.container(node)

    def section(self, node: nodes.section) -> list[Json]:
        title = node.next_node(nodes.title) if node.children and isinstance(node[0], nodes.title) else None
        if self.skip_title and title is not None:
            self.skip_title = False
            return self.with_ids(node, self.blocks(node.children[1:]))
        self.section_level += 1
        level = min(self.section_level, 6)
        names = self.ids_of(node)
        out: list[Json] = []
        if title is not None:
            self.in_heading += 1
            inlines = self.inlines(title)
            self.in_heading -= 1
            ident = names[0] if names else self.bookmarks.define(self.anchor_key(f"_h{id(node)}"))
            extra = [el("Span", [attr(n), []]) for n in names[1:]]
            out.append(el("Header", [level, attr(ident), extra + inlines]))
            self.headings.append((level, plain_text(title), ident))
            rest = node.children[1:]
        else:
            rest = node.children
        out.extend(self.blocks(rest))
        self.section_level -= 1
        return out

    def paragraph(self, node: nodes.paragraph) -> list[Json]:
        inlines = self.inlines(node)
        if not inlines:
            return self.with_ids(node, [])
        para = el("Para", inlines)
        style = next((PARAGRAPH_STYLES[c] for c in node["classes"] if c in PARAGRAPH_STYLES), None)
        if style is styles.CARD_TITLE and "briefing-source-title" in node["classes"]:
            number = self.source_number(node.parent)
            if number:
                para = el("Para", [el("Str", f"[{number}]"), el("Space"), *inlines])
        block = styled_div(style, [para], lang=language_of(node)) if style else (
            el("Div", [attr(lang=language_of(node)), [para]]) if language_of(node) else para)
        return self.with_ids(node, [block])

    def source_number(self, card: nodes.Node | None) -> int | None:
        ident = next((i for i in (ids_in(card) if card is not None else []) if i in self.sources), None)
        return self.numbers.get(self.sources[ident].id) if ident else None

    def field(self, field: nodes.Node) -> list[Json]:
        if not isinstance(field, nodes.field) or len(field) < 2:
            return []
        name, body = field[0], field[1]
        label = styled_span(styles.FIELD_LABEL, [*self.inlines(name), el("Str", ":")])
        content = [c for c in body.children if not (isinstance(c, nodes.Text) and not c.strip())]
        if len(content) == 1 and isinstance(content[0], nodes.paragraph):
            value = styled_span(styles.FIELD_VALUE, self.inlines(content[0]))
            return [styled_div(styles.FIELD, [el("Para", [label, el("Space"), value])])]
        return [styled_div(styles.FIELD, [el("Para", [label]), *self.blocks(content)])]

    def quote(self, node: nodes.Element) -> list[Json]:
        body = [c for c in node.children if not isinstance(c, nodes.attribution)]
        attribution = [c for c in node.children if isinstance(c, nodes.attribution)]
        blocks = [styled_div(styles.QUOTATION, self.blocks(body))]
        blocks += [b for a in attribution for b in self.block(a) or []]
        lang = language_of(node)
        return self.with_ids(node, [el("Div", [attr(lang=lang), blocks])] if lang else blocks)

    def container(self, node: nodes.Element) -> list[Json]:
        blocks = self.blocks(node.children)
        style = next((CONTAINER_STYLES[c] for c in classes_of(node) if c in CONTAINER_STYLES), None)
        lang = language_of(node)
        if style is not None:
            blocks = [styled_div(style, blocks, lang=lang)]
        elif lang:
            blocks = [el("Div", [attr(lang=lang), blocks])]
        return self.with_ids(node, blocks)

    def admonition(self, node: nodes.Element) -> list[Json]:
        title = node[0] if len(node) and isinstance(node[0], nodes.title) else None
        heading = plain_text(title) if title is not None else node.tagname.replace("_", " ").capitalize()
        body = self.blocks(node.children[1:] if title is not None else node.children)
        return self.with_ids(node, [styled_div(styles.CARD, [
            styled_div(styles.CARD_TITLE, [el("Para", text_inlines(heading))]), *body])])

    def table(self, node: nodes.table) -> list[Json]:
        group = next((c for c in node.children if isinstance(c, nodes.tgroup)), None)
        if group is None:
            return []
        specs = [c for c in group.children if isinstance(c, nodes.colspec)]
        total = sum(s.get("colwidth", 1) for s in specs) or 1
        explicit = "colwidths-given" in node.get("classes", ())
        colspecs = [[el("AlignDefault"), el("ColWidth", s.get("colwidth", 1) / total) if explicit
                     else el("ColWidthDefault")] for s in specs]

        def rows(part: nodes.Element | None) -> list[Any]:
            out = []
            for row in (part.children if part is not None else ()):
                cells = []
                for entry in row.children:
                    assert isinstance(entry, nodes.Element)
                    cells.append([attr(), el("AlignDefault"), entry.get("morerows", 0) + 1,
                                  entry.get("morecols", 0) + 1, self.blocks(entry.children)])
                out.append([attr(), cells])
            return out

        head = next((c for c in group.children if isinstance(c, nodes.thead)), None)
        body = next((c for c in group.children if isinstance(c, nodes.tbody)), None)
        title = next((c for c in node.children if isinstance(c, nodes.title)), None)
        caption = [None, [el("Plain", self.inlines(title))] if title is not None else []]
        return [el("Table", [attr(), caption, colspecs, [attr(), rows(head)],
                             [[attr(), 0, [], rows(body)]], [attr(), []]])]

    def figure(self, node: nodes.figure) -> list[Json]:
        caption = next((c for c in node.children if isinstance(c, nodes.caption)), None)
        content = [c for c in node.children if not isinstance(c, (nodes.caption, nodes.legend))]
        blocks = self.blocks(content)
        cap = [None, [el("Plain", self.inlines(caption))] if caption is not None else []]
        return [el("Figure", [attr(), cap, blocks])]

    def image(self, node: nodes.Element) -> Json | None:
        uri = node.get("uri", "")
        path = Path(self.builder.srcdir) / uri
        if "://" in uri or not path.is_file() or path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif"):
            alt = node.get("alt", "")
            return el("Str", f"[{alt}]") if alt else None
        alt = node.get("alt", "")
        return el("Image", [attr(), text_inlines(alt), [str(path), alt]])

    def graph(self, node: nodes.Element) -> list[Json]:
        path = self.render_graph(node)
        alt = node.get("alt", "") or "Graph"
        if path is None:
            return [el("Para", text_inlines(alt))]
        # Width in inches as pandoc reads it: the text width of an A4 page with 22 mm margins.
        image = el("Image", [attr(width="16.6cm"), text_inlines(alt), [str(path), alt]])
        return self.with_ids(node, [el("Para", [image])])

    # -- inlines --------------------------------------------------------------------------------

    def inlines(self, node: nodes.Node) -> list[Json]:
        return [i for child in node.children for i in self.inline(child)] if isinstance(node, nodes.Element) else self.inline(node)

    def inline(self, node: nodes.Node) -> list[Json]:
        if isinstance(node, nodes.Text):
            if not self.cjk_language:
                return text_inlines(str(node))
            return [i for n, part in enumerate(_cjk().split(str(node))) if part for i in (
                [el("Span", [attr(lang=self.cjk_language), text_inlines(part)])] if n % 2 else text_inlines(part))]
        if not isinstance(node, nodes.Element):
            return []
        if isinstance(node, (nodes.comment, addnodes.index, nodes.system_message, nodes.substitution_definition)):
            return []
        if isinstance(node, nodes.target):
            spans = [el("Span", [attr(n), []]) for n in self.ids_of(node)]
            return spans + self.inlines(node)
        if isinstance(node, nodes.footnote_reference):
            footnote = self.footnotes.get(node.get("refid", ""))
            if footnote is None or self.in_note or self.in_heading:
                return []
            self.in_note += 1
            blocks = self.blocks([c for c in footnote.children if not isinstance(c, nodes.label)])
            self.in_note -= 1
            return [el("Note", blocks)]
        content = self.inlines(node)
        if isinstance(node, nodes.reference):
            return self.reference(node, content)
        if isinstance(node, (nodes.emphasis, addnodes.literal_emphasis)):
            content = [el("Emph", content)]
        elif isinstance(node, (nodes.strong, addnodes.literal_strong)):
            content = [el("Strong", content)]
        elif isinstance(node, nodes.literal):
            content = [el("Code", [attr(), node.astext()])]
        elif isinstance(node, nodes.subscript):
            content = [el("Subscript", content)]
        elif isinstance(node, nodes.superscript):
            content = [el("Superscript", content)]
        elif isinstance(node, nodes.image):
            image = self.image(node)
            content = [image] if image else []
        elif isinstance(node, nodes.raw):
            content = [el("RawInline", ["openxml", node.astext()])] if node.get("format") == "openxml" else []
        elif isinstance(node, nodes.title_reference):
            content = [el("Emph", content)]
        style = next((INLINE_STYLES[c] for c in classes_of(node) if c in INLINE_STYLES), None)
        lang = language_of(node)
        if style is not None or lang:
            keys = {"lang": lang}
            if style is not None:
                keys["custom_style"] = style.name
            content = [el("Span", [attr(**keys), content])]
        spans = [el("Span", [attr(n), []]) for n in self.ids_of(node)]
        return spans + content

    def reference(self, node: nodes.reference, content: list[Json]) -> list[Json]:
        classes = node.get("classes", ())
        target = self.link_target(node)
        if "briefing-source-ref" in classes and target and target.startswith("#"):
            return self.citation(node, content, target)
        if target is None:
            return content
        return [el("Link", [attr(), content, [target, node.get("reftitle", "")]])]

    def citation(self, node: nodes.reference, content: list[Json], target: str) -> list[Json]:
        """A compact citation: its label (Citation style), and a footnote giving the source in full."""
        anchor = node.get("refid") or node.get("refuri", "").rpartition("#")[2]
        record = self.sources.get(anchor)
        inside_list = any(isinstance(a, nodes.Element) and "briefing-source-citation" in a.get("classes", ())
                          for a in ancestors(node))
        label = [el("Link", [attr(), [styled_span(styles.CITATION, content)], [target, node.get("reftitle", "")]])]
        if record is None or self.in_note or self.in_heading or inside_list:
            return label
        self.citations += 1
        number = self.numbers.get(record.id)
        entry = [el("Link", [attr(), text_inlines(f"[{number}]" if number else self.source_text(record)), [target, ""]])]
        if number:
            entry += [el("Space"), *text_inlines(self.source_text(record))]
        return [*label, el("Note", [el("Para", entry)])]


__all__ = ["API_VERSION", "Bookmarks", "PandocWriter", "text_inlines"]
