"""The Word edition (issue 26): ``make docx`` in each language, read back as an office reads it.

Each edition's book and leaflet are built once per session with ``make docx LANGUAGE=..`` (the
builders ``docx`` and ``briefing-leaflet-docx``, pandoc from pypandoc-binary), then:

- read back with python-docx and the document's own XML: the styles it uses exist in the shipped
  reference document, each briefing element has its named style, every citation has a footnote that
  names the same source as the numbered source list, internal links are bookmarks, tables repeat
  their header row, the map is a picture with its text alternative, runs carry their language, and
  the book's names and figures are in the text;
- opened by LibreOffice (Debian ``libreoffice-writer-nogui``, headless, a private profile) and
  converted to PDF without an error; the PDF's text holds the key names.

The expected names and figures come from the build's own environment (its pickle), not from here.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    GERMANY_JAPAN,
    REPO,
    ROOTS,
    SHELF,
    ShelfBook,
    build,
    make_book,
    pdftotext,
    require_tool,
    shared,
    shared_build,
)
from docx import Document
from lxml import etree

LANGUAGES = ("en", "de", "ja")
SLUG = "briefing-germany-japan"
REFERENCE = REPO / "_ext" / "sphinx_briefing" / "outputs" / "docx" / "reference.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
BOOKMARK = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")


@dataclass
class Edition:
    language: str
    book: Path
    leaflet: Path
    env: Any  # the build's BuildEnvironment, unpickled
    #: The run's shared directory of this edition's Word build (:data:`WORD_BUILDS`).
    out: Path
    #: What the build recorded (make's exit status and output, LibreOffice's conversion).
    record: dict[str, Any]

    def records(self, kind: str) -> list[Any]:
        return list(self.env.domaindata["briefing"]["objects"].get(kind, {}).values())


def _make_docx(language: str) -> Callable[[Path], dict[str, Any]]:
    """``make docx LANGUAGE=<language>``, then both documents converted to PDF by LibreOffice
    (headless, a private profile directory) where it is installed: one shared build per run."""

    def produce(out: Path) -> dict[str, Any]:
        proc = make_book("docx", f"LANGUAGE={language}", f"BUILDDIR={out}")
        record: dict[str, Any] = {"returncode": proc.returncode, "stdout": proc.stdout[-3000:],
                                  "stderr": proc.stderr[-6000:], "soffice": None}
        base = out if language == "en" else out / language
        if proc.returncode == 0 and shutil.which("soffice"):
            converted = out / "soffice"
            profile = converted / "profile"
            office = subprocess.run(
                ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                 "--convert-to", "pdf", "--outdir", str(converted), str(base / "docx" / f"{SLUG}.docx"),
                 str(base / "docx" / f"{SLUG}-at-a-glance.docx")],
                capture_output=True, text=True, check=False, timeout=600, env={**os.environ, "HOME": str(converted)},
            )
            shutil.rmtree(profile, ignore_errors=True)
            record["soffice"] = {"returncode": office.returncode, "output": office.stdout + office.stderr}
        return record

    return produce


#: The Word edition of the book in each language, made once per run for every worker.
WORD_BUILDS = {language: shared_build(f"docx-{language}", _make_docx(language), fixtures=(f"word[word={language}]",),
                                      minutes=1.0)
               for language in LANGUAGES}


def edition(language: str, tmp_path_factory: pytest.TempPathFactory) -> Edition:
    """``make docx LANGUAGE=<language>``, once per run (:data:`WORD_BUILDS`)."""
    out, record = shared(tmp_path_factory, WORD_BUILDS[language])
    assert record["returncode"] == 0, record["stdout"] + record["stderr"]
    assert "WARNING" not in record["stderr"], record["stderr"]
    base = out if language == "en" else out / language
    with (base / "doctrees-docx" / "environment.pickle").open("rb") as f:
        env = pickle.load(f)  # our own build's pickle
    return Edition(language, base / "docx" / f"{SLUG}.docx", base / "docx" / f"{SLUG}-at-a-glance.docx", env, out,
                   record)


@pytest.fixture(scope="session", params=LANGUAGES)
def word(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Edition:
    return edition(request.param, tmp_path_factory)


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


def parts(docx: Path, pattern: str) -> list[etree._Element]:
    with zipfile.ZipFile(docx) as archive:
        return [etree.fromstring(archive.read(n)) for n in archive.namelist() if re.fullmatch(pattern, n)]


def text_of(element: etree._Element) -> str:
    """The text a reader sees (w:t), not field instructions."""
    return "".join(t.text or "" for t in element.iter(f"{{{W}}}t"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def styles_used(docx: Path) -> set[str]:
    used: set[str] = set()
    for root in parts(docx, r"word/(document|footnotes|header\d*|footer\d*)\.xml"):
        for tag in ("pStyle", "rStyle", "tblStyle"):
            used |= {e.get(f"{{{W}}}val") for e in root.iter(f"{{{W}}}{tag}")}
    return used


def paragraphs_with_style(docx: Path, style_id: str) -> list[str]:
    root = part(docx, "word/document.xml")
    return [text_of(p) for p in root.iter(f"{{{W}}}p")
            if p.find(f"w:pPr/w:pStyle[@w:val='{style_id}']", NS) is not None]


# -- Styles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["book", "leaflet"])
def test_every_style_used_exists_in_the_shipped_reference_document(word: Edition, which: str) -> None:
    reference = {s.style_id for s in Document(str(REFERENCE)).styles}
    used = styles_used(word.book if which == "book" else word.leaflet)
    assert used - reference == set()


def test_each_briefing_element_has_its_named_style(word: Edition) -> None:
    used = styles_used(word.book)
    expected = {"BriefingCard", "BriefingCardTitle", "BriefingCardDetail", "BriefingField", "BriefingFieldLabel",
                "BriefingFieldValue", "BriefingKeyFigure", "BriefingQuotation", "BriefingAttribution",
                "BriefingCitation", "BriefingStatusMark", "BriefingHandlingLine", "BriefingTitleOccasion",
                "BriefingRubric", "Title", "Heading1", "Heading2", "TOC1"}
    if word.language != "en":  # quotations shown in translation, with their English original
        expected |= {"BriefingTranslationMark", "BriefingOriginalLabel", "BriefingOriginal"}
    assert expected - used == set()
    # the reference document defines each with its own look, in Word's style gallery
    reference = Document(str(REFERENCE))
    card_title = reference.styles["Briefing Card Title"]
    assert card_title.font.bold and card_title.paragraph_format.keep_with_next


# -- Title page, contents, header and footer --------------------------------------------------------


def test_title_page_from_the_book_settings_then_a_contents_field(word: Edition) -> None:
    config = word.env.config
    body = part(word.book, "word/document.xml").find("w:body", NS)
    assert body is not None
    first = [text_of(p) for p in body.iter(f"{{{W}}}p")][:12]
    title_page = "\n".join(first)
    assert config.briefing_title in title_page and config.briefing_occasion in title_page
    assert config.briefing_venue in title_page and config.author in title_page
    date = {"en": "18 March 2023", "de": "18. März 2023", "ja": "2023年3月18日"}[word.language]
    assert date in title_page
    instructions = " ".join(e.text or "" for e in body.iter(f"{{{W}}}instrText"))
    assert "TOC" in instructions
    # the field is filled in: one linked entry per chapter, so LibreOffice shows it before an update
    entries = paragraphs_with_style(word.book, "TOC1")
    chapters = [word.env.titles[d].astext() for d in word.env.toctree_includes[config.root_doc]]
    assert [squash(c) for c in chapters] == [squash(e) for e in entries]


#: The shelf's other books: the Germany-Japan book's Word edition is the subject of the whole module.
OTHER_BOOKS = [ident for ident in SHELF if ident != GERMANY_JAPAN]


@pytest.mark.parametrize("shelf_book", OTHER_BOOKS, indirect=True)
def test_every_shelf_book_has_its_word_edition_with_the_handling_line(shelf_book: ShelfBook, tmp_path: Path) -> None:
    """``make docx BOOK=books/<id>``: the book and its leaflet as Word files, without a warning, the
    handling line in every header and footer, and the leaflet's pages' text in the leaflet."""
    proc = make_book("docx", f"BOOK={shelf_book.srcdir}", f"BUILDDIR={tmp_path}")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "WARNING" not in proc.stderr, proc.stderr
    stem = Path(shelf_book.pdf_name).stem
    book, leaflet = tmp_path / "docx" / f"{stem}.docx", tmp_path / "docx" / f"{stem}-at-a-glance.docx"
    handling = shelf_book.conf.get("briefing_handling") or shelf_book.conf.get("briefing_footer_mark")
    assert handling, "the book sets no handling line"
    for docx in (book, leaflet):
        headers, footers = parts(docx, r"word/header\d*\.xml"), parts(docx, r"word/footer\d*\.xml")
        assert headers and footers, docx.name
        assert all(handling in text_of(part) for part in (*headers, *footers)), docx.name
    body = squash(text_of(part(leaflet, "word/document.xml")))
    assert squash(shelf_book.conf["project"]) in body or squash(shelf_book.conf.get("briefing_title", "")) in body


def test_handling_line_in_header_and_footer_with_page_n_of_m(word: Edition) -> None:
    mark = word.env.config.briefing_footer_mark
    for docx in (word.book, word.leaflet):
        headers = parts(docx, r"word/header\d*\.xml")
        footers = parts(docx, r"word/footer\d*\.xml")
        assert headers and footers
        assert all(mark in text_of(h) for h in headers)
        footer = " ".join(text_of(f) for f in footers)
        assert mark in footer and "{" not in footer
        fields = " ".join(e.text or "" for f in footers for e in f.iter(f"{{{W}}}instrText"))
        assert "PAGE" in fields and "NUMPAGES" in fields


# -- Sources: footnotes and the numbered list ------------------------------------------------------------


def _citations(root: etree._Element) -> list[tuple[str, str | None, bool]]:
    """(bookmark the citation links to, footnote id following it or None, inside a "Cited as" line)."""
    out = []
    for paragraph in root.iter(f"{{{W}}}p"):
        in_card_line = paragraph.find(".//w:rStyle[@w:val='BriefingFieldLabel']", NS) is not None
        children = list(paragraph)
        for n, child in enumerate(children):
            if child.tag != f"{{{W}}}hyperlink" or child.find(".//w:rStyle[@w:val='BriefingCitation']", NS) is None:
                continue
            following = children[n + 1] if n + 1 < len(children) else None
            note = following.find("w:footnoteReference", NS) if following is not None else None
            out.append((child.get(f"{{{W}}}anchor"), note.get(f"{{{W}}}id") if note is not None else None,
                        in_card_line))
    return out


def test_every_citation_has_a_footnote_naming_the_same_numbered_source(word: Edition) -> None:
    document = part(word.book, "word/document.xml")
    footnotes = {f.get(f"{{{W}}}id"): f for f in part(word.book, "word/footnotes.xml").iter(f"{{{W}}}footnote")
                 if f.get(f"{{{W}}}type") is None}
    citations = _citations(document)
    assert len(citations) > 50
    # every citation in the text has its footnote; only the source list's own "Cited as" lines have none
    assert [c for c in citations if c[1] is None and not c[2]] == []
    noted = [c for c in citations if c[1] is not None]
    assert len(noted) == len(footnotes) == len(document.findall(".//w:footnoteReference", NS))
    # the footnote links to the same source entry as the citation, and gives its number in the list
    for anchor, note_id, _ in noted:
        note = footnotes[note_id]
        link = note.find(".//w:hyperlink", NS)
        assert link is not None and link.get(f"{{{W}}}anchor") == anchor
        number = re.match(r"\[(\d+)\]", text_of(note).strip())
        assert number, text_of(note)
        assert anchor in _card_bookmarks(document, number.group(0)), (anchor, text_of(note))


def test_footnotes_are_numbered_straight_through(word: Edition) -> None:
    """No section restarts the footnote numbers: LibreOffice applied pandoc's "eachSect" at every
    chapter, so one page read footnote 22, then 1."""
    document = part(word.book, "word/document.xml")
    sections = document.findall(".//w:sectPr", NS)
    assert sections
    assert [r.get(f"{{{W}}}val") for s in sections for r in s.findall(".//w:numRestart", NS)] == []


def _card_bookmarks(document: etree._Element, number: str) -> set[str]:
    """The bookmarks at the card whose title starts with *number* ("[3]"): opened since the paragraph
    before its title, or in the title itself."""
    names: set[str] = set()
    pending: list[str] = []
    for element in document.iter(f"{{{W}}}bookmarkStart", f"{{{W}}}p"):
        if element.tag == f"{{{W}}}bookmarkStart":
            pending.append(element.get(f"{{{W}}}name"))
            continue
        if element.find("w:pPr/w:pStyle[@w:val='BriefingCardTitle']", NS) is not None:
            own = [b.get(f"{{{W}}}name") for b in element.iter(f"{{{W}}}bookmarkStart")]
            if text_of(element).startswith(number):
                names |= set(pending) | set(own)
        pending = []
    return names


def test_the_source_list_is_numbered_in_book_order(word: Edition) -> None:
    titles = [t for t in paragraphs_with_style(word.book, "BriefingCardTitle") if re.match(r"\[\d+\]", t)]
    numbers = [int(re.match(r"\[(\d+)\]", t).group(1)) for t in titles]  # type: ignore[union-attr]
    listed = [r for r in word.records("source") if r.listed]
    assert numbers == list(range(1, len(listed) + 1))


# -- Links, tables, the map -------------------------------------------------------------------------


def test_internal_links_are_word_bookmarks_that_exist(word: Edition) -> None:
    for docx in (word.book, word.leaflet):
        document = part(docx, "word/document.xml")
        bookmarks = {b.get(f"{{{W}}}name") for b in document.iter(f"{{{W}}}bookmarkStart")}
        assert all(BOOKMARK.fullmatch(name) for name in bookmarks), [n for n in bookmarks if not BOOKMARK.fullmatch(n)]
        anchors = [h.get(f"{{{W}}}anchor") for root in parts(docx, r"word/(document|footnotes)\.xml")
                   for h in root.iter(f"{{{W}}}hyperlink") if h.get(f"{{{W}}}anchor")]
        assert set(anchors) - bookmarks == set()
        if docx == word.book:
            assert len(anchors) > 300
    # the people's cards are link targets: every person has a bookmark that some link points to
    document = part(word.book, "word/document.xml")
    linked = {h.get(f"{{{W}}}anchor") for h in document.iter(f"{{{W}}}hyperlink")}
    people = [r for r in word.records("person") if r.listed]
    assert people and all(any(a and r.anchor.replace("-", "_") in a for a in linked) for r in people)


def test_tables_are_word_tables_with_a_repeating_header_row(word: Edition) -> None:
    tables = Document(str(word.book)).tables
    assert len(tables) >= 5
    for table in tables:
        if len(table.rows) == 1:
            continue  # a band of one row (the headline figures side by side): no header to repeat
        first = table.rows[0]._tr
        assert first.find("w:trPr/w:tblHeader", NS) is not None, text_of(first)[:80]


def test_the_relationship_map_is_a_picture_with_its_text_alternative(word: Edition) -> None:
    document = part(word.book, "word/document.xml")
    pictures = list(document.iter(f"{{{NS['wp']}}}docPr"))
    assert pictures
    alternatives = [p.get("descr", "") for p in pictures]
    assert all(alternatives), alternatives
    if word.language == "en":
        assert any(a.startswith("Relationship map:") for a in alternatives)
    with zipfile.ZipFile(word.book) as archive:
        assert any(n.startswith("word/media/") and n.endswith(".png") for n in archive.namelist())


# -- Language of runs ---------------------------------------------------------------------------------------


def test_runs_carry_their_language_and_japanese_its_east_asian_slot(word: Edition) -> None:
    document = part(word.book, "word/document.xml")
    styles = part(word.book, "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults is not None
    fonts, lang = defaults.find("w:rFonts", NS), defaults.find("w:lang", NS)
    assert fonts is not None and lang is not None
    assert fonts.get(f"{{{W}}}eastAsia") == "Noto Serif CJK JP"  # the East Asian font slot
    assert lang.get(f"{{{W}}}eastAsia") == "ja-JP"  # kanji are Japanese, in every edition
    assert lang.get(f"{{{W}}}val") == {"en": "en", "de": "de", "ja": "en-US"}[word.language]
    runs = list(document.iter(f"{{{W}}}r"))
    if word.language != "ja":  # the native names in kanji are marked Japanese in the text
        kanji = [r for r in runs if "岸田文雄" in text_of(r)
                 and r.find("w:rPr/w:rStyle[@w:val='VerbatimChar']", NS) is None]  # not the manual's code
        assert kanji and all(r.find("w:rPr/w:lang[@w:eastAsia='ja-JP']", NS) is not None for r in kanji)
    if word.language != "en":  # the English originals beside the translations
        originals = [p for p in document.iter(f"{{{W}}}p")
                     if p.find("w:pPr/w:pStyle[@w:val='BriefingOriginal']", NS) is not None]
        assert originals
        for p in originals:
            for r in p.iter(f"{{{W}}}r"):
                if text_of(r).strip():
                    assert r.find("w:rPr/w:lang[@w:val='en']", NS) is not None, text_of(p)[:80]


# -- The book's facts are in the text ----------------------------------------------------------------


def test_headings_and_the_books_names_and_figures_are_in_the_text(word: Edition) -> None:
    text = squash("\n".join(text_of(p) for p in part(word.book, "word/document.xml").iter(f"{{{W}}}p")))
    headings = paragraphs_with_style(word.book, "Heading1")
    chapters = [word.env.titles[d].astext() for d in word.env.toctree_includes[word.env.config.root_doc]]
    assert [squash(c) for c in chapters] == [squash(h) for h in headings]
    wanted = [r.get("name") for r in word.records("person")] + [r.get("native-name") for r in word.records("person")]
    if word.language == "en":
        wanted += [" ".join(v for v in (r.get("value"), r.get("unit")) if v) for r in word.records("fact")]
        wanted += [r.get("title") for r in word.records("pillar")] + [r.text for r in word.records("quote")]
    missing = [w for w in wanted if w and squash(w) not in text]
    assert missing == []
    assert "岸田文雄" in text


def test_the_leaflet_holds_its_title_block_figures_and_sources_line(word: Edition) -> None:
    text = squash("\n".join(text_of(p) for p in part(word.leaflet, "word/document.xml").iter(f"{{{W}}}p")))
    config = word.env.config
    assert squash(config.briefing_title) in text and squash(config.briefing_venue) in text
    assert paragraphs_with_style(word.leaflet, "BriefingSourcesLine")
    assert paragraphs_with_style(word.leaflet, "BriefingCard")
    people = {r.id: r.get("name") for r in word.records("person")}  # as this edition writes them
    assert squash(people["scholz"]) in text and "TOC" not in text


# -- LibreOffice opens and converts each one -------------------------------------------------------


@pytest.fixture(scope="session")
def converted(word: Edition, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both documents converted to PDF by LibreOffice (headless, a private profile directory), in the
    edition's shared build (:func:`_make_docx`)."""
    require_tool("soffice", "pdftotext")
    office = word.record["soffice"]
    assert office is not None, "LibreOffice was not there when the Word edition was built"
    assert office["returncode"] == 0, office["output"]
    assert "Error" not in office["output"], office["output"]
    out = word.out / "soffice"
    return {"book": out / f"{SLUG}.pdf", "leaflet": out / f"{SLUG}-at-a-glance.pdf"}


@pytest.mark.slow
def test_libreoffice_converts_each_docx_to_pdf_with_the_key_names(word: Edition, converted: dict[str, Path]) -> None:
    people = {r.id: r.get("name") for r in word.records("person")}  # as this edition writes them
    for which, pdf in converted.items():
        assert pdf.is_file(), f"LibreOffice wrote no PDF for the {which}"
        text = squash(pdftotext(pdf))
        assert squash(people["scholz"]) in text and squash(people["kishida"]) in text
        if which == "book":
            assert "岸田文雄" in text
    pages = subprocess.run(["pdfinfo", str(converted["book"])], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) > 20  # type: ignore[union-attr]


# -- A book's own reference document -----------------------------------------------------------------


def test_a_books_own_reference_document_replaces_the_shipped_styles(tmp_path: Path) -> None:
    own = Document(str(REFERENCE))
    own.styles["Briefing Card Title"].font.size = None
    own.styles["Briefing Card Title"].font.color.rgb = __import__("docx").shared.RGBColor(0x12, 0x34, 0x56)
    path = tmp_path / "office.docx"
    own.save(str(path))
    built = build(ROOTS / "test-basic", "docx", builddir=tmp_path / "build",
                  confoverrides={"briefing_docx_reference": str(path)})
    assert built.returncode == 0 and built.warnings == "", built.warnings
    (docx,) = built.outdir.glob("*.docx")
    styles = Document(str(docx)).styles
    assert str(styles["Briefing Card Title"].font.color.rgb) == "123456"
    bad = build(ROOTS / "test-basic", "docx", builddir=tmp_path / "bad",
                confoverrides={"briefing_docx_reference": "missing.docx"})
    assert "briefing_docx_reference: missing.docx is not a .docx file" in bad.warnings
