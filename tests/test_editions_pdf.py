"""The translated editions of every book as a reader gets them: PDFs typeset for their language, catalogs
complete, and none of the extension's own English words left in their HTML or PDF.

Each book's translated PDFs are built once per test run (``make latexpdf BOOK=.. LANGUAGE=..``), each
about a minute, and only when a test of this run asks for them; like tests/test_pdf.py they are slow
and required in CI. A shelf book may translate only some pages: tests of translated text read only
the pages its locale has catalogs for (:meth:`conftest.ShelfBook.translated_html`).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    GERMANY_JAPAN,
    REPO,
    SHELF,
    ShelfBook,
    edition_cases,
    lualatex_passes,
    make_book,
    parsed_page,
    pdftotext,
    require_tool,
    shared,
    shared_build,
)
from pdfarchive import cjk_subsets, pdfa_problems, text_layer_problems
from test_i18n import (
    english_left,  # the toolkit's own check: msgids of four letters or more, whole words
)

TOOLKIT_CATALOG = REPO / "_ext" / "sphinx_briefing" / "i18n" / "locale" / "sphinx_briefing.pot"
#: (book, language) for every translated edition of every book of the shelf.
EDITION_CASES = edition_cases()


PDF_TOOLS = ("latexmk", "lualatex", "xindy", "pdftotext", "pdffonts")


def _make_latexpdf(book: ShelfBook, language: str) -> Callable[[Path], dict[str, Any]]:
    """``make latexpdf BOOK=.. LANGUAGE=..`` itself, into the directory it is given."""

    def produce(out: Path) -> dict[str, Any]:
        proc = make_book("latexpdf", f"BOOK={book.srcdir}", f"LANGUAGE={language}", f"BUILDDIR={out}")
        return {"returncode": proc.returncode, "stdout": proc.stdout[-3000:], "stderr": proc.stderr,
                "passes": lualatex_passes(proc.stdout)}

    return produce


#: The Germany-Japan book's own fixtures for its editions (tests of its text: hyphenation, kanji).
_GERMANY_JAPAN_FIXTURES = {"de": "german_pdf", "ja": "japanese_pdf"}

#: Each translated edition's PDFs, made once per run, and only for the tests that ask for that book and
#: language; the Germany-Japan Japanese one (luatexja) is the slowest build of the suite.
EDITION_PDFS = {
    (book.id, language): shared_build(
        f"pdf-{book.id}-{language}", _make_latexpdf(book, language), tools=PDF_TOOLS,
        minutes={"de": 2.5, "ja": 3.0}.get(language, 2.5) if book.id == GERMANY_JAPAN else 1.5,
        fixtures=(f"edition_pdf[shelf_book={book.id},language={language}]",
                  *((_GERMANY_JAPAN_FIXTURES[language],) if book.id == GERMANY_JAPAN else ())))
    for book in SHELF.values() for language in book.translations
}


def _build_pdf(factory: pytest.TempPathFactory, book: ShelfBook, language: str) -> tuple[Path, str, Path]:
    """The edition's book PDF, its LaTeX log, and its leaflet PDF, as ``make latexpdf LANGUAGE=..`` makes them."""
    out, proc = shared(factory, EDITION_PDFS[(book.id, language)])
    assert proc["returncode"] == 0, proc["stdout"] + proc["stderr"][-3000:]
    assert "WARNING" not in proc["stderr"], proc["stderr"]
    pdf = out / language / "latex" / book.pdf_name
    (leaflet,) = (out / language / "leaflet").glob("*-at-a-glance.pdf")
    return pdf, pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"), leaflet


@pytest.fixture(scope="session")
def german_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """The Germany-Japan book's German PDF."""
    return _build_pdf(tmp_path_factory, SHELF[GERMANY_JAPAN], "de")


@pytest.fixture(scope="session")
def japanese_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """The Germany-Japan book's Japanese PDF."""
    return _build_pdf(tmp_path_factory, SHELF[GERMANY_JAPAN], "ja")


@pytest.fixture
def edition_pdf(tmp_path_factory: pytest.TempPathFactory, shelf_book: ShelfBook, language: str
                ) -> tuple[Path, str, Path]:
    """The PDF of the test's book in the test's *language* parameter: (book PDF, its log, leaflet PDF)."""
    return _build_pdf(tmp_path_factory, shelf_book, language)


@pytest.mark.slow
@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_each_editions_clean_build_drafts_each_documents_first_pass(
    edition_pdf: tuple[Path, str, Path], shelf_book: ShelfBook, language: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """As for the English book (test_pdf's test_a_clean_build_drafts_each_documents_first_pass): the
    edition's book and leaflet take two LuaLaTeX passes each, the first in draft mode (no PDF), the
    Japanese edition's luatexja ones too."""
    pdf, _, leaflet = edition_pdf
    _, made = shared(tmp_path_factory, EDITION_PDFS[(shelf_book.id, language)])
    assert [tuple(p) for p in made["passes"]] == [
        (pdf.stem, "draft"), (pdf.stem, "pdf"), (leaflet.stem, "draft"), (leaflet.stem, "pdf")]


def _printed_date(book: ShelfBook, language: str) -> str | None:
    """The book's date as the edition's title block prints it (Babel: ``18. März 2023``,
    ``2023年3月18日``), or None when ``briefing_date`` is text, which no catalog formats."""
    from babel.dates import format_date

    value = book.conf.get("briefing_date")
    if not hasattr(value, "strftime"):
        return None
    return format_date(value, {"ja": "y年M月d日", "de": "d. MMMM y"}.get(language, "long"), locale=language)


@pytest.mark.slow
def test_german_pdf_is_hyphenated_as_german(german_pdf: tuple[Path, str, Path]) -> None:
    pdf, log, _ = german_pdf
    # babel with ngerman, and the German (reformed orthography) patterns of texlive-lang-german: without
    # them babel falls back silently.
    assert "Language: ngerman" in log and "babel" in log
    assert re.search(r"hyph-de-1996", log), "German hyphenation patterns were not loaded"
    assert "No hyphenation patterns were preloaded for" not in log
    assert "Missing character" not in log
    text = pdftotext(pdf)
    assert "18. März 2023" in text  # the title page's date in German form (Babel)
    assert "Inhaltsverzeichnis" in text


@pytest.mark.slow
def test_japanese_pdf_is_typeset_with_luatexja_and_an_embedded_japanese_font(
    japanese_pdf: tuple[Path, str, Path],
) -> None:
    pdf, log, _ = japanese_pdf
    assert "luatexja.sty" in log
    missing = sorted(set(re.findall(r"Missing character: There is no (\S+)", log)))
    assert missing == [], f"glyphs not drawn: {missing}"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    japanese = [line for line in fonts.splitlines() if "CJKjp" in line]
    assert japanese and all(line.split()[-5] == "yes" for line in japanese), fonts  # emb column
    # luatexja's Japanese fonts and the Latin fonts' fallback come from the document's own subsets of
    # Noto CJK (outputs/latex/cjk.py), a few thousand glyphs each where a face has some 65,000; each
    # subset has a PostScript name of its own (luatexja caches a font's data under it), which the PDF
    # embeds after LuaTeX's subset tag: NotoSerifCJKjp-Regular-ABCDEF.
    subsets = cjk_subsets(log)
    assert set(subsets) == {"NotoSerifCJKjp-Regular", "NotoSerifCJKjp-Bold", "NotoSansCJKjp-Regular",
                            "NotoSansCJKjp-Bold", "NotoSansMonoCJKjp-Regular"}, log[-3000:]
    assert all(glyphs < 5000 for glyphs in subsets.values()), subsets
    assert " in full (" not in log.replace("\n", "")
    embedded = {line.split()[0] for line in japanese}
    for face in ("NotoSerifCJKjp-Regular", "NotoSerifCJKjp-Bold", "NotoSansCJKjp-Regular", "NotoSansCJKjp-Bold"):
        assert any(re.fullmatch(rf"[A-Z]{{6}}\+{face}-[A-Z]{{6}}", name) for name in embedded), (face, fonts)
    text = pdftotext(pdf)
    # (luatexja sets a thin space between Latin digits and kana or kanji; pdftotext prints it)
    squeezed = re.sub(r"\s+", "", text)
    assert "岸田文雄" in squeezed
    assert "2023年3月18日" in squeezed  # the title page's date in Japanese form
    assert "目次" in squeezed and "第1章" in squeezed
    assert "Chapter" not in text and "CHAPTER" not in text


@pytest.mark.slow
@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_the_leaflet_comes_in_each_language(edition_pdf: tuple[Path, str, Path], shelf_book: ShelfBook,
                                            language: str) -> None:
    from pypdf import PdfReader

    _, _, leaflet = edition_pdf
    assert 1 <= len(PdfReader(leaflet).pages) <= 2
    log = leaflet.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    squeezed = re.sub(r"\s+", "", pdftotext(leaflet))
    date = _printed_date(shelf_book, language)
    assert date is None or re.sub(r"\s+", "", date) in squeezed
    if language == "ja":
        assert "luatexja.sty" in log
        # Its Japanese fonts from the leaflet's own subsets (outputs/latex/cjk.py), as the book's.
        assert cjk_subsets(log) and " in full (" not in log.replace("\n", "")
    else:
        assert "Language: ngerman" in log


@pytest.mark.slow
@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_the_leaflets_citations_are_quiet_in_each_language(edition_pdf: tuple[Path, str, Path],
                                                           shelf_book: ShelfBook, language: str) -> None:
    """Under the notes style the translated leaflet, too, cites by superscript numbers keyed to its
    sources line: no source's label left in brackets (ASCII or the full-width ones of Japanese)."""
    _, _, leaflet = edition_pdf
    tex = leaflet.with_suffix(".tex").read_text(encoding="utf-8")
    body = tex.partition(r"\begin{sphinxuseclass}{briefing-leaflet-sources}")[0]
    bracketed = re.findall(r"[(\uff08]\s*(?:\{)*\\DUrole\{briefing-ref\}\{\\DUrole\{briefing-ref-source\}", body)
    marks = re.findall(r"\\DUrole\{briefing-leaflet-note\}\{(?:\\textsuperscript\{|\$\^)", body)
    if shelf_book.conf.get("briefing_citation_style") == "notes":
        assert bracketed == [] and marks
    else:
        assert marks == []


@pytest.mark.slow
@pytest.mark.parametrize("which", ["book", "leaflet"])
@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_each_editions_pdfs_are_pdfa_2b_and_read_as_written(edition_pdf: tuple[Path, str, Path],
                                                             shelf_book: ShelfBook, language: str,
                                                             which: str) -> None:
    """PDF/A-2b in the edition's language, and a text layer without ligature or compatibility code points."""
    book, _, leaflet = edition_pdf
    pdf = book if which == "book" else leaflet
    assert pdfa_problems(pdf, language=language) == []
    assert text_layer_problems(pdf) == []
    if which == "book" and shelf_book.id == GERMANY_JAPAN:  # its Japanese names, in kanji
        assert "岸田文雄" in re.sub(r"\s+", "", pdftotext(pdf))


# -- Catalogs: every page's .po complete, nothing fuzzy ----------------------------------------------------


@pytest.fixture(scope="session")
def book_pots(book_gettext: tuple[Path, str]) -> list[str]:
    """The catalogs each edition needs: one per ``.pot`` of the book's gettext build."""
    out, _ = book_gettext
    return sorted(p.relative_to(out).with_suffix(".po").as_posix() for p in out.rglob("*.pot"))


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_every_catalog_of_the_book_is_fully_translated(book_pots: list[str], shelf_book: ShelfBook,
                                                       language: str) -> None:
    """Every catalog the edition has (and conf.po) is 100% translated and has no fuzzy entry; the
    leaflet's pages have one in every book, every page in the Germany-Japan book.

    Fails until the translators have finished: that is the point.
    """
    require_tool("msgfmt")
    messages = shelf_book.srcdir / "locale" / language / "LC_MESSAGES"
    needed = book_pots if shelf_book.id == GERMANY_JAPAN else [
        name for name in book_pots if name == "conf.po" or name.removesuffix(".po") in shelf_book.leaflet_pages]
    missing = [name for name in needed if not (messages / name).is_file()]
    assert missing == [], f"{language}: no catalog for {missing} (make update-po LANGUAGE={language})"
    incomplete = {}
    # sphinx.po (the theme's words) is kept by hand, beside the catalogs sphinx-intl makes.
    present = [name for name in book_pots if (messages / name).is_file()]
    for name in [*present, *(["sphinx.po"] if (messages / "sphinx.po").is_file() or shelf_book.id == GERMANY_JAPAN
                            else [])]:
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(messages / name)],
                              capture_output=True, text=True, check=False)
        stats = proc.stderr.strip()
        if proc.returncode or "untranslated" in stats or "fuzzy" in stats:
            incomplete[name] = stats
    assert incomplete == {}


# -- None of the extension's own English words in the translated editions ----------------------------------


#: English quoted in the text of an edition: the quotations' originals, which stay English on purpose.
_QUOTED = re.compile(r"“[^”]*”")



def _written_by_translators(book: ShelfBook, language: str) -> str:
    """Every translation of the book's own catalogs: words the edition's translators wrote on purpose
    (an English original beside its translation, a German word that is also an English one)."""
    from babel.messages.pofile import read_po

    texts: list[str] = []
    for po in sorted((book.srcdir / "locale" / language / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            texts.extend(str(m.string) for m in read_po(handle) if m.id and m.string)
    return "\n".join(texts)


def _left_in(text: str, book: ShelfBook, language: str) -> list[str]:
    """english_left, less the words the book's own translations use in this edition."""
    own = set(english_left(_written_by_translators(book, language), language))
    return [msgid for msgid in english_left(text, language) if msgid not in own]


def _without_quoted_english(text: str) -> str:
    return " ".join(_QUOTED.sub(" ", text).split())


def _visible_html_text(book: ShelfBook, root: Path, language: str) -> tuple[str, list[str]]:
    """The main text and hover texts of every page the edition translates, without what is English on
    purpose (elements with lang="en", quotations in “…”); and those English originals, to take them
    out of the PDF's text too.
    """
    texts, originals = [], []
    for page in book.translated_html(root, language):
        soup = parsed_page(page, private=True)
        main = soup.select_one('article[role="main"], div.body, [role="main"]') or soup
        for element in main.select('[lang="en"], script, style'):
            if element.name not in {"script", "style"}:
                originals.append(element.get_text(" ", strip=True))
            element.decompose()
        # (A change mark's hover quotes the previous edition's value as it was published: English
        # where no catalog translates it, as the listing's lang="en" cells show it.)
        titles = " ".join(str(e.get("title", "")) for e in main.select("[title]")
                          if "briefing-change-mark" not in e.get_attribute_list("class"))
        texts.append(main.get_text(" ") + " " + titles)
    # Sources' titles as published stay in their own language (English here): in the notes, the
    # source list and hover texts they are the document's name, not the toolkit's words.
    published = _source_titles(root)
    text = " ".join(" ".join(texts).split())
    for title in sorted(published, key=len, reverse=True):
        text = text.replace(title, " ")
    return _without_quoted_english(text), originals + sorted(published)


def _source_titles(root: Path) -> set[str]:
    """Every source's title as the edition's ``briefing.json`` gives it (and its English original)."""
    data = json.loads((root / "briefing.json").read_text(encoding="utf-8"))
    found = set()
    for record in (data.get("objects") or {}).get("source", {}).values():
        for fields in (record.get("fields") or {}, record.get("originals") or {}):
            if isinstance(fields.get("title"), str) and fields["title"].strip():
                title = " ".join(fields["title"].split())
                found |= {title, title.replace("'", "\u2019")}  # as SmartQuotes prints it, too
    return found


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_no_english_toolkit_word_in_the_translated_html(editions_html: tuple[Path, dict[str, str]],
                                                        shelf_book: ShelfBook, language: str) -> None:
    base, _ = editions_html
    require_tool(str(TOOLKIT_CATALOG))
    text, _ = _visible_html_text(shelf_book, shelf_book.html(base, language), language)
    assert text.strip(), "no translated page to read"
    assert _left_in(text, shelf_book, language) == []


@pytest.mark.slow
@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_no_english_toolkit_word_in_the_translated_pdf(edition_pdf: tuple[Path, str, Path],
                                                       editions_html: tuple[Path, dict[str, str]],
                                                       shelf_book: ShelfBook, language: str) -> None:
    """The book and the leaflet; of a book that translates only some pages, the leaflet alone (its
    pages have catalogs; the book's other pages stay English on purpose)."""
    pdf, _, leaflet = edition_pdf
    require_tool(str(TOOLKIT_CATALOG))
    base, _ = editions_html
    root = shelf_book.html(base, language)
    whole = {page.relative_to(root).with_suffix("").as_posix() for page in shelf_book.translated_html(root, language)}
    read = [pdf, leaflet] if "genindex" in whole else [leaflet]
    text = _without_quoted_english(" ".join(pdftotext(document) for document in read))
    for original in _visible_html_text(shelf_book, root, language)[1]:
        text = text.replace(" ".join(original.split()), " ")
    assert _left_in(text, shelf_book, language) == []


@pytest.mark.slow
@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_the_handling_line_heads_and_closes_every_page_of_each_edition(
    edition_pdf: tuple[Path, str, Path], shelf_book: ShelfBook, language: str
) -> None:
    """Book and leaflet of the edition: its handling line, as conf.po translates it (or as written,
    where the book's conf.po does not), twice per page."""
    from babel.messages.pofile import read_po

    pdf, _, leaflet = edition_pdf
    english = shelf_book.conf.get("briefing_handling")
    assert english, "the book sets no briefing_handling"
    handling = english
    conf_po = shelf_book.srcdir / "locale" / language / "LC_MESSAGES" / "conf.po"
    if conf_po.is_file():
        with conf_po.open("rb") as po:
            message = read_po(po).get(english)
        handling = message.string if message is not None and message.string else english
    assert isinstance(handling, str) and handling
    squeezed = re.sub(r"\s+", "", handling)
    for document in (pdf, leaflet):
        # -layout: lines in the order they stand on the page (the default order follows text blocks,
        # and may put the running title, set just below the handling line, first).
        pages = pdftotext(document, "-layout").split("\f")[:-1]
        assert pages
        for number, page in enumerate(pages, 1):
            lines = [re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()]
            assert squeezed in lines[0], (document.name, number, lines[0])
            # The foot's line may wrap beside the page number, which -layout sets between its lines.
            foot = re.sub(r"Seite\d+von\d+|\d+/\d+ページ", "", "".join(lines[-3:]))
            assert squeezed in foot, (document.name, number, lines[-3:])


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_the_editions_leaflet_map_is_legible_and_never_enlarged(edition_pdf: tuple[Path, str, Path]) -> None:
    """The edition's leaflet sets its map as the original's does (test_map_size.check_leaflet_map)."""
    from test_map_size import check_leaflet_map

    print(f"leaflet map {check_leaflet_map(edition_pdf[2])}")
