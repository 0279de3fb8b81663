"""The Word edition: ``docx`` (the book) and ``briefing-leaflet-docx`` (the "At a glance" leaflet).

Each builder assembles the document from the doctree as the LaTeX builder does (the root page and
every page of its toctrees; the leaflet: the ``briefing_leaflet`` pages with the leaflet's own
pillar points and sources line), turns it into pandoc's JSON document model (:mod:`.pandoc`) and
runs the pandoc that ``pypandoc-binary`` ships (the ``docx`` extra: no system pandoc) with a
reference document for the Word styles:

- ``reference.docx`` (beside this module, written by ``scripts/make-reference-docx``) names a style
  for each briefing element (:mod:`.styles`), has A4 pages and a header and footer with the
  handling line and "Page n of m"; ``briefing_docx_reference`` replaces it by a book's own;
- the title page comes from the book settings (title, occasion, date, venue, edition, status,
  compiler, and the handling and preparation settings where the book has them), then a contents
  field (filled in, with links, so LibreOffice shows it too; Word updates its page numbers);
- after pandoc, the header and footer placeholders are filled in, and each run marked Japanese (or
  Chinese, Korean) gets its language in the East Asian slot as Word expects.

Output: ``<outdir>/<book>.docx`` and ``<book>-at-a-glance.docx`` (``<book>``: the stem of the first
``latex_documents`` target, as for the PDF).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import _ as sphinx_
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees

from ...core.config import book_settings, pdf_metadata
from ...core.domain import get_domain
from ...i18n.catalog import _, sources_label
from ..latex.leaflet import SUFFIX, cited_sources
from ..latex.titlepage import title_words

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx

    from ...core.model import Record
    from . import styles
    from .pandoc import PandocWriter

logger = logging.getLogger(__name__)

REFERENCE = Path(__file__).parent / "reference.docx"
#: Languages whose text Word sets in the East Asian font slot, with the region Word tags them with.
_REGIONS = {"ja": "ja-JP", "zh": "zh-CN", "ko": "ko-KR"}
_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def book_stem(config: Any) -> str:
    documents = config.latex_documents
    return Path(documents[0][1]).stem if documents else "book"


def pandoc_path() -> str:
    """The pandoc of ``pypandoc-binary``; a clear error when the ``docx`` extra is not installed."""
    try:
        import pypandoc
    except ImportError as exc:
        raise RuntimeError("the Word edition needs pandoc from pypandoc-binary: "
                           "pip install 'sphinx-briefing[docx]'") from exc
    return str(pypandoc.get_pandoc_path())


def reference_document(confdir: Path, config: Any) -> Path:
    """The book's own reference document (``briefing_docx_reference``), or the shipped one."""
    own = config.briefing_docx_reference
    if own:
        path = Path(confdir) / own
        if path.is_file() and path.suffix.lower() == ".docx":
            return path
        logger.warning("briefing_docx_reference: %s is not a .docx file; using the shipped reference document",
                       own, type="briefing", subtype="bad-config")
    return REFERENCE


def source_text(record: Record) -> str:
    """A source in full, as its footnote gives it: "Title. Publisher, date." (what is known)."""
    from ...kinds.citations import date_text

    title = record.get("title") or record.id
    rest = ", ".join(v for v in (record.get("publisher"), date_text(record)) if v)
    return f"{title}. {rest}." if rest else f"{title}."


class DocxBuilder(Builder):
    """The book as a Word document, through pandoc's JSON document model."""

    name = "docx"
    format = "docx"
    epilog = "The Word document is in %(outdir)s."
    supported_image_types = ["image/png", "image/jpeg", "image/gif"]

    #: The leaflet builder sets this: a short document, no contents.
    leaflet = False

    def init(self) -> None:
        self.docnames: set[str] = set()
        self.imagedir = "_images"
        self.imgpath = "_images"

    def get_outdated_docs(self) -> str:
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "%" + docname

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # the whole document is written at once (write_documents)

    # -- the document -------------------------------------------------------------------------

    def target(self) -> tuple[str, list[str]] | None:
        """The output file name and the pages (the first one opening the document)."""
        return f"{book_stem(self.config)}.docx", [self.config.root_doc]

    def write_documents(self, docnames: Set[str]) -> None:
        target = self.target()
        if target is None:
            return
        filename, pages = target
        with progress_message(f"assembling {filename}", nonl=False):
            tree = self.assemble_doctree(pages)
        with progress_message("writing"):
            self.write_docx(tree, pages[0], self.outdir / filename)

    def assemble_doctree(self, pages: list[str]) -> nodes.document:
        root = pages[0]
        self.docnames = {root, *pages[1:]}
        tree = self.env.get_doctree(root)
        tree["docname"] = root
        largetree = inline_all_toctrees(self, self.docnames, root, tree, darkgreen, [root])
        largetree["docname"] = root
        for page in pages[1:]:
            appendix = self.env.get_doctree(page)
            appendix["docname"] = page
            largetree.append(appendix)
        self.env.resolve_references(largetree, root, self)
        self.add_extras(largetree, pages)
        return largetree

    def add_extras(self, tree: nodes.document, pages: list[str]) -> None:
        """The leaflet adds its sources line here."""

    def writer(self) -> PandocWriter:
        from .pandoc import PandocWriter

        domain = get_domain(self.env)
        sources = {r.anchor: r for r in domain.all("source")}
        numbers = domain.store.citation_numbers
        own = language(self.config).split("-")[0].lower()
        native = self.config.briefing_native_language
        cjk = native if own not in _REGIONS and native.split("-")[0].lower() in _REGIONS else ""
        return PandocWriter(self, self.config.root_doc, sources=sources, numbers=numbers,
                            source_text=source_text, render_graph=self.render_graph, cjk_language=cjk)

    def write_docx(self, tree: nodes.document, root: str, out: Path) -> None:
        writer = self.writer()
        settings = book_settings(self.config)
        body_doc = writer.document(tree, {}, [])
        front = self.title_page(settings) + ([] if self.leaflet else self.contents(writer))
        doc = {**body_doc, "meta": self.meta(), "blocks": front + body_doc["blocks"]}
        out.parent.mkdir(parents=True, exist_ok=True)
        source = out.with_suffix(".json")
        source.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        command = [pandoc_path(), "--from=json", "--to=docx", f"--output={out}",
                   f"--reference-doc={reference_document(self.confdir, self.config)}",
                   f"--resource-path={self.srcdir}", str(source)]
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"pandoc failed ({proc.returncode}): {proc.stderr.strip()}")
        for line in proc.stderr.splitlines():
            logger.info("pandoc: %s", line)
        source.unlink()
        finish(out, settings, self.config)

    # -- front matter -------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        """Document properties (File > Properties in Word): title, author, subject, keywords, language."""
        from .pandoc import el, text_inlines

        metadata = pdf_metadata(self.config)

        def inlines(value: str) -> dict[str, Any]:
            return el("MetaInlines", text_inlines(value))

        # (Title and author go into docProps/core.xml after pandoc, in finish(): as pandoc metadata
        # they would print a second title block.)
        meta: dict[str, Any] = {"lang": inlines(language(self.config))}
        if "subject" in metadata:
            meta["subject"] = inlines(metadata["subject"])
        if "keywords" in metadata:
            meta["keywords"] = el("MetaList", [inlines(k.strip()) for k in metadata["keywords"].split(",")])
        return meta

    def title_page(self, settings: dict[str, str]) -> list[dict[str, Any]]:
        from . import styles
        from .pandoc import el, text_inlines

        words = title_words()

        def para(style: styles.Style | str, text: str) -> dict[str, Any]:
            name = style if isinstance(style, str) else style.name
            return el("Div", [["", [], [["custom-style", name]]], [el("Para", text_inlines(text))]])

        handling = settings.get("handling") or settings.get("footer_mark", "")
        blocks = []
        if handling:
            blocks.append(para(styles.TITLE_MARK, handling))
        if self.leaflet:
            blocks.append(para(styles.TITLE_MARK, words["briefingleafletname"]))
        blocks.append(para("Title", settings["title"]))
        if settings.get("subtitle"):
            blocks.append(para("Subtitle", settings["subtitle"]))
        if settings.get("occasion"):
            blocks.append(para(styles.TITLE_OCCASION, settings["occasion"]))
        comma = "、" if language(self.config).split("-")[0] in _REGIONS else ", "
        place = comma.join(v for v in (settings.get("date"), settings.get("venue")) if v)
        if place:
            blocks.append(para(styles.TITLE_DETAIL, place))
        if settings.get("edition"):
            edition = settings["edition"]
            blocks.append(para(styles.TITLE_DETAIL, edition if edition.startswith(words["briefingeditionlabel"])
                               else f"{words['briefingeditionlabel']}: {edition}"))
        if settings.get("status") and not self.leaflet:
            blocks.append(para(styles.TITLE_DETAIL, f"{words['briefingstatuslabel']}: {settings['status']}"))
        compiler = settings.get("prepared_by") or self.config.author
        if compiler:
            blocks.append(para(styles.TITLE_DETAIL, f"{words['briefingcompiledbylabel']}: {compiler}"))
        if not self.leaflet:
            blocks.append(el("RawBlock", ["openxml", _PAGE_BREAK]))
        return blocks

    def contents(self, writer: PandocWriter) -> list[dict[str, Any]]:
        """A contents field, filled in with each chapter and section linked to its bookmark."""
        from .pandoc import el

        english = (self.config.language or "en").split("_")[0] == "en"
        heading = sphinx_("Contents") if english else sphinx_("Table of Contents")
        entries = [(level, text, bookmark) for level, text, bookmark in writer.headings if level <= 2]
        paragraphs = []
        for n, (level, text, bookmark) in enumerate(entries):
            begin = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                     '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if n == 0 else ""
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
            paragraphs.append(
                f'<w:p><w:pPr><w:pStyle w:val="TOC{level}"/></w:pPr>{begin}'
                f'<w:hyperlink w:anchor="{bookmark}" w:history="1"><w:r><w:t xml:space="preserve">'
                f'{escape(text)}</w:t></w:r></w:hyperlink>{end}</w:p>')
        if not paragraphs:
            return []
        return [styled_div_named("TOC Heading", heading), el("RawBlock", ["openxml", "".join(paragraphs)]),
                el("RawBlock", ["openxml", _PAGE_BREAK])]

    # -- images -------------------------------------------------------------------------------

    def render_graph(self, node: nodes.Element) -> Path | None:
        """A Graphviz node (the relationship map) as a PNG at 192 dpi, through sphinx.ext.graphviz."""
        from sphinx.ext.graphviz import GraphvizError, render_dot

        code = re.sub(r"\{", "{\n  graph [dpi=192];", node["code"], count=1)

        class _Translator:  # what render_dot reads of a translator
            builder = self
            document = node.document

        try:
            _, outfn = render_dot(_Translator(), code, node.get("options", {}), "png",  # type: ignore[arg-type]
                                  prefix="briefing-map")
        except GraphvizError as exc:
            logger.warning("Graphviz failed: %s", exc, location=node, type="briefing", subtype="no-graphviz")
            return None
        return Path(outfn) if outfn else None

    def finish(self) -> None:
        images = self.outdir / self.imagedir
        if images.is_dir():
            shutil.rmtree(images)  # the PNGs are inside the .docx


def styled_div_named(style: str, text: str) -> dict[str, Any]:
    from .pandoc import el, text_inlines

    return el("Div", [["", [], [["custom-style", style]]], [el("Para", text_inlines(text))]])


def language(config: Any) -> str:
    return (config.language or "en").replace("_", "-")


# -- after pandoc -------------------------------------------------------------------------------

_PLACEHOLDER_RUN = re.compile(r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t(?: [^>]*)?>(\{[a-z_]+\})</w:t></w:r>")
_LANG = re.compile(r'<w:lang w:val="([A-Za-z]{2,3})(-[A-Za-z0-9-]+)?"\s*/>')


def _field(instruction: str, rpr: str) -> str:
    return (f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r>'
            f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>')


def fill_placeholders(xml: str, values: dict[str, str]) -> str:
    """Header and footer: ``{handling}``, ``{short_title}`` as text; ``{page_n_of_n}`` as "Page n of m"
    in the book's language with PAGE and NUMPAGES fields."""

    def run(match: re.Match[str]) -> str:
        rpr, name = match.group(1) or "", match.group(2)
        if name == "{page_n_of_n}":
            parts = re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}"))
            out = []
            for part in parts:
                if part == "{page}":
                    out.append(_field("PAGE", rpr))
                elif part == "{pages}":
                    out.append(_field("NUMPAGES", rpr))
                elif part:
                    out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
            return "".join(out)
        text = values.get(name.strip("{}"), "")
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""

    return _PLACEHOLDER_RUN.sub(run, xml)


def east_asian_language(xml: str) -> str:
    """``<w:lang w:val="ja"/>`` -> the language in the East Asian slot too (Word reads kanji by it)."""

    def repl(match: re.Match[str]) -> str:
        tag = match.group(1) + (match.group(2) or "")
        if match.group(1).lower() in _REGIONS:
            region = _REGIONS[match.group(1).lower()]
            full = tag if match.group(2) else region
            return f'<w:lang w:val="{full}" w:eastAsia="{full}"/>'
        return match.group(0)

    return _LANG.sub(repl, xml)


_DEFAULTS = re.compile(r"(<w:docDefaults>.*?<w:lang\b)([^>]*?)(/?>)", re.DOTALL)


def default_languages(xml: str, config: Any) -> str:
    """styles.xml: the document's East Asian language is the book's (a Japanese edition: ja-JP, with
    Latin text en-US as Japanese Word has it) or else the language of its native names (ja-JP), not
    pandoc's default zh-CN, so that Word sets 岸田文雄 with Japanese glyphs and checks it as Japanese."""
    own = language(config).split("-")[0].lower()
    native = (config.briefing_native_language or "").split("-")[0].lower()
    east_asian = _REGIONS.get(own) or _REGIONS.get(native)
    if not east_asian:
        return xml

    def repl(match: re.Match[str]) -> str:
        attributes = re.sub(r'\s*w:eastAsia="[^"]*"', "", match.group(2))
        return f'{match.group(1)}{attributes} w:eastAsia="{east_asian}"{match.group(3)}'

    return _DEFAULTS.sub(repl, xml, count=1)


def finish(path: Path, settings: dict[str, str], config: Any) -> None:
    """Rewrite the .docx pandoc wrote: header and footer filled in, East Asian languages marked."""
    values = {"handling": settings.get("handling") or settings.get("footer_mark", ""),
              "short_title": settings.get("short_title", "")}
    metadata = pdf_metadata(config)
    with zipfile.ZipFile(path) as archive:
        items = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in items:
            name = info.filename
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                data = fill_placeholders(data.decode("utf-8"), values).encode("utf-8")
            elif name in ("word/document.xml", "word/footnotes.xml"):
                data = east_asian_language(data.decode("utf-8")).encode("utf-8")
            elif name == "word/styles.xml":
                data = default_languages(data.decode("utf-8"), config).encode("utf-8")
            elif name == "docProps/core.xml":  # File > Properties: title and author, as in the PDF
                core = data.decode("utf-8")
                for tag, key in (("dc:title", "title"), ("dc:creator", "author")):
                    core = core.replace(f"<{tag}></{tag}>", f"<{tag}>{escape(metadata.get(key, ''))}</{tag}>")
                data = core.encode("utf-8")
            archive.writestr(info, data)


class LeafletDocxBuilder(DocxBuilder):
    """The "At a glance" leaflet as a Word document: the ``briefing_leaflet`` pages, as for the PDF."""

    name = "briefing-leaflet-docx"
    epilog = "The leaflet's Word document is in %(outdir)s."
    leaflet = True

    def target(self) -> tuple[str, list[str]] | None:
        pages = [p for p in self.config.briefing_leaflet if p in self.env.all_docs]
        if not pages:
            logger.warning("briefing_leaflet names no page: no leaflet is written", type="briefing",
                           subtype="leaflet")
            return None
        return f"{book_stem(self.config)}{SUFFIX}.docx", pages

    def add_extras(self, tree: nodes.document, pages: list[str]) -> None:
        if sources := cited_sources(self.env, pages):
            line = nodes.paragraph("", "")
            line += nodes.strong("", sources_label(len(sources)))
            line += nodes.Text("; ".join(sources) + ".")
            tree += nodes.container("", line, classes=["briefing-leaflet-sources"])


def setup_docx(app: Sphinx) -> None:
    # Only the builder classes are needed to register them: the pandoc writer and the style table
    # (:mod:`.pandoc`, :mod:`.styles`) are imported by the methods that use them, so that every other
    # build (an HTML preview rebuilt after each edit) does not pay for loading them.
    app.add_builder(DocxBuilder)
    app.add_builder(LeafletDocxBuilder)


def __getattr__(name: str) -> Any:
    # ``styled_div`` is re-exported from :mod:`.pandoc`, which is loaded only when asked for.
    if name == "styled_div":
        from .pandoc import styled_div

        return styled_div
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DocxBuilder", "LeafletDocxBuilder", "fill_placeholders", "setup_docx", "styled_div"]
