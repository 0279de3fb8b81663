"""The German and Japanese editions as a reader gets them: PDFs typeset for their language, catalogs
complete, and none of the extension's own English words left in their HTML or PDF.

The two PDFs are built once per test run (``sphinx-build -M latexpdf``, as ``make latexpdf LANGUAGE=..``
does), each about a minute; like tests/test_pdf.py they are slow and required in CI.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    DOCS,
    REPO,
    make_book,
    parsed_page,
    pdftotext,
    require_tool,
    shared,
    shared_build,
)
from pdfarchive import pdfa_problems, text_layer_problems
from test_i18n import (
    english_left,  # the toolkit's own check: msgids of four letters or more, whole words
)

LOCALE = DOCS / "locale"
TOOLKIT_CATALOG = REPO / "_ext" / "sphinx_briefing" / "i18n" / "locale" / "sphinx_briefing.pot"
TRANSLATED = ("de", "ja")


PDF_TOOLS = ("latexmk", "lualatex", "xindy", "pdftotext", "pdffonts")


def _make_latexpdf(language: str) -> Callable[[Path], dict[str, Any]]:
    """``make latexpdf LANGUAGE=..`` itself, into the directory it is given."""

    def produce(out: Path) -> dict[str, Any]:
        proc = make_book("latexpdf", f"LANGUAGE={language}", f"BUILDDIR={out}")
        return {"returncode": proc.returncode, "stdout": proc.stdout[-3000:], "stderr": proc.stderr}

    return produce


#: The editions' PDFs, made once per run; the Japanese one (luatexja) is the slowest build of the suite.
EDITION_PDFS = {
    language: shared_build(f"pdf-{language}", _make_latexpdf(language), tools=PDF_TOOLS, minutes=minutes,
                           fixtures=(f"{fixture}", f"edition_pdf[language={language}]"))
    for language, fixture, minutes in (("de", "german_pdf", 2.5), ("ja", "japanese_pdf", 3.0))
}


def _build_pdf(factory: pytest.TempPathFactory, language: str) -> tuple[Path, str, Path]:
    """The edition's book PDF, its LaTeX log, and its leaflet PDF, as ``make latexpdf LANGUAGE=..`` makes them."""
    out, proc = shared(factory, EDITION_PDFS[language])
    assert proc["returncode"] == 0, proc["stdout"] + proc["stderr"][-3000:]
    assert "WARNING" not in proc["stderr"], proc["stderr"]
    (pdf,) = (out / language / "latex").glob("briefing-germany-japan.pdf")
    (leaflet,) = (out / language / "leaflet").glob("*-at-a-glance.pdf")
    return pdf, pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"), leaflet


@pytest.fixture(scope="session")
def german_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    return _build_pdf(tmp_path_factory, "de")


@pytest.fixture(scope="session")
def japanese_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    return _build_pdf(tmp_path_factory, "ja")


@pytest.fixture
def edition_pdf(tmp_path_factory: pytest.TempPathFactory, language: str) -> tuple[Path, str, Path]:
    """The PDF of the edition in the test's *language* parameter: (book PDF, its log, leaflet PDF)."""
    return _build_pdf(tmp_path_factory, language)


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
    text = pdftotext(pdf)
    # (luatexja sets a thin space between Latin digits and kana or kanji; pdftotext prints it)
    squeezed = re.sub(r"\s+", "", text)
    assert "岸田文雄" in squeezed
    assert "2023年3月18日" in squeezed  # the title page's date in Japanese form
    assert "目次" in squeezed and "第1章" in squeezed
    assert "Chapter" not in text and "CHAPTER" not in text


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_the_leaflet_comes_in_each_language(edition_pdf: tuple[Path, str, Path], language: str) -> None:
    from pypdf import PdfReader

    _, _, leaflet = edition_pdf
    assert 1 <= len(PdfReader(leaflet).pages) <= 2
    log = leaflet.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    squeezed = re.sub(r"\s+", "", pdftotext(leaflet))
    assert {"de": "18.März2023", "ja": "2023年3月18日"}[language] in squeezed
    if language == "ja":
        assert "luatexja.sty" in log
    else:
        assert "Language: ngerman" in log


@pytest.mark.slow
@pytest.mark.parametrize("which", ["book", "leaflet"])
@pytest.mark.parametrize("language", TRANSLATED)
def test_each_editions_pdfs_are_pdfa_2b_and_read_as_written(request: pytest.FixtureRequest, language: str,
                                                             which: str) -> None:
    """PDF/A-2b in the edition's language, and a text layer without ligature or compatibility code points."""
    book, _, leaflet = request.getfixturevalue("german_pdf" if language == "de" else "japanese_pdf")
    pdf = book if which == "book" else leaflet
    assert pdfa_problems(pdf, language=language) == []
    assert text_layer_problems(pdf) == []
    if which == "book":
        assert "岸田文雄" in re.sub(r"\s+", "", pdftotext(pdf))


# -- Catalogs: every page's .po complete, nothing fuzzy ----------------------------------------------------


@pytest.fixture(scope="session")
def book_pots(book_gettext: tuple[Path, str]) -> list[str]:
    """The catalogs each edition needs: one per ``.pot`` of the book's gettext build."""
    out, _ = book_gettext
    return sorted(p.relative_to(out).with_suffix(".po").as_posix() for p in out.rglob("*.pot"))


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_of_the_book_is_fully_translated(book_pots: list[str], language: str) -> None:
    """Every page's catalog (and conf.po) exists, is 100% translated and has no fuzzy entry.

    Fails until the translators have finished: that is the point.
    """
    require_tool("msgfmt")
    messages = LOCALE / language / "LC_MESSAGES"
    missing = [name for name in book_pots if not (messages / name).is_file()]
    assert missing == [], f"{language}: no catalog for {missing} (make update-po LANGUAGE={language})"
    incomplete = {}
    # sphinx.po (the theme's words) is kept by hand, beside the catalogs sphinx-intl makes.
    for name in [*book_pots, "sphinx.po"]:
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(messages / name)],
                              capture_output=True, text=True, check=False)
        stats = proc.stderr.strip()
        if proc.returncode or "untranslated" in stats or "fuzzy" in stats:
            incomplete[name] = stats
    assert incomplete == {}


# -- None of the extension's own English words in the translated editions ----------------------------------


#: English quoted in the text of an edition: the quotations' originals, which stay English on purpose.
_QUOTED = re.compile(r"“[^”]*”")



def _written_by_translators(language: str) -> str:
    """Every translation of the book's own catalogs: words the edition's translators wrote on purpose
    (an English original beside its translation, a German word that is also an English one)."""
    from babel.messages.pofile import read_po

    texts: list[str] = []
    for po in sorted((LOCALE / language / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            texts.extend(str(m.string) for m in read_po(handle) if m.id and m.string)
    return "\n".join(texts)


def _left_in(text: str, language: str) -> list[str]:
    """english_left, less the words the book's own translations use in this edition."""
    own = set(english_left(_written_by_translators(language), language))
    return [msgid for msgid in english_left(text, language) if msgid not in own]


def _without_quoted_english(text: str) -> str:
    return " ".join(_QUOTED.sub(" ", text).split())


def _visible_html_text(root: Path) -> tuple[str, list[str]]:
    """The main text and hover texts of every page, without what is English on purpose (elements with
    lang="en", quotations in “…”); and those English originals, to take them out of the PDF's text too.
    """
    texts, originals = [], []
    for page in sorted(root.rglob("*.html")):
        soup = parsed_page(page)
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
    return _without_quoted_english(" ".join(texts)), originals


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_toolkit_word_in_the_translated_html(editions_html: tuple[Path, dict[str, str]],
                                                        language: str) -> None:
    base, _ = editions_html
    require_tool(str(TOOLKIT_CATALOG))
    text, _ = _visible_html_text(base / language / "html")
    assert _left_in(text, language) == []


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_toolkit_word_in_the_translated_pdf(edition_pdf: tuple[Path, str, Path],
                                                       editions_html: tuple[Path, dict[str, str]],
                                                       language: str) -> None:
    pdf, _, leaflet = edition_pdf
    require_tool(str(TOOLKIT_CATALOG))
    text = _without_quoted_english(pdftotext(pdf) + " " + pdftotext(leaflet))
    base, _ = editions_html
    for original in _visible_html_text(base / language / "html")[1]:
        text = text.replace(" ".join(original.split()), " ")
    assert _left_in(text, language) == []


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATED)
def test_the_handling_line_heads_and_closes_every_page_of_each_edition(
    request: pytest.FixtureRequest, language: str
) -> None:
    """Book and leaflet of the edition: its handling line, as conf.po translates it, twice per page."""
    from babel.messages.pofile import read_po

    pdf, _, leaflet = request.getfixturevalue("german_pdf" if language == "de" else "japanese_pdf")
    conf = DOCS / "conf.py"
    english = re.search(r'^briefing_handling = "(.*)"$', conf.read_text(encoding="utf-8"), re.M)
    assert english
    with (LOCALE / language / "LC_MESSAGES" / "conf.po").open("rb") as po:
        handling = read_po(po)[english.group(1)].string
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
