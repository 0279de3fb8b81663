"""The editions' text as their readers read it (issue 23): source labels in the edition's language,
every quotation of the running text marked as a translation beside its English original, German
participants in katakana in the Japanese edition where the supplement's Japanese sources give it, and
no name broken inside a table cell.

The HTML of the editions comes from conftest's shared builds, the PDFs from
tests/test_editions_pdf.py (built once per session each). The quotations of the running text are
checked in every book of the shelf, on the pages each edition translates; the rest reads the
Germany-Japan book's own sources, names and catalogs.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import DOCS, GERMANY_JAPAN, REPO, ShelfBook, edition_cases, parsed_page, pdftotext
from test_editions import _root
from test_editions_pdf import edition_pdf  # noqa: F401 (the edition's PDF for the test's language, a fixture)

TRANSLATED = ("de", "ja")
#: The Germany-Japan book's translated editions, as (shelf_book, language) parameters.
GERMANY_JAPAN_EDITIONS = edition_cases([GERMANY_JAPAN])
#: What marks a translation in running text, beside the English original.
#: The toolkit's own catalogs (the brackets, the separators).
PACKAGE_LOCALE = REPO / "_ext" / "sphinx_briefing" / "i18n" / "locale"
MARK = {"de": "Übersetzung:", "ja": "訳："}  # noqa: RUF001
#: The supplement's Japanese sources write these German participants in katakana (MOFA, NHK, METI,
#: MOD, MIC); the other two have no katakana form there and stay in Latin letters.
KATAKANA = {"scholz": ("ショルツ", "Olaf Scholz"), "lindner": ("リントナー", "Christian Lindner"),
            "habeck": ("ハベック", "Robert Habeck"), "pistorius": ("ピストリウス", "Boris Pistorius"),
            "wissing": ("ヴィッシング", "Volker Wissing")}
LATIN = {"baerbock": "Annalena Baerbock", "faeser": "Nancy Faeser"}


def _short_labels() -> list[str]:
    """The English ``:short:`` labels of the book's sources."""
    return re.findall(r"^:short: (.+)$", (DOCS / "sources.md").read_text(encoding="utf-8"), re.M)


def _kept_as_is(language: str) -> set[str]:
    """Labels whose translation is the label itself (a name such as DW or dggv.de)."""
    with (DOCS / "locale" / language / "LC_MESSAGES" / "sources.po").open("rb") as catalog:
        return {str(m.id) for m in read_po(catalog) if m.id and m.string == m.id}


def _pages(root: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(p, parsed_page(p)) for p in sorted(root.rglob("*.html"))
            if p.name not in ("genindex.html", "search.html") and "_static" not in p.parts]


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_source_label_in_the_edition_html(germany_japan_editions: tuple[Path, dict[str, str]],
                                                     language: str) -> None:
    """The Germany-Japan book's source labels (its sources.po)."""
    base, _ = germany_japan_editions
    english = set(_short_labels()) - _kept_as_is(language)
    assert {"Federal Government", "METI release", "Tani blog"} <= english
    cited = {a.get_text(strip=True) for _, page in _pages(_root(base, language))
             for a in page.select("article a.briefing-source-ref")}
    assert cited and not cited & english, sorted(cited & english)


@pytest.mark.slow
@pytest.mark.parametrize(("shelf_book", "language"), GERMANY_JAPAN_EDITIONS, indirect=["shelf_book"])
def test_no_english_source_label_in_the_edition_pdf(edition_pdf: tuple[Path, str, Path], language: str) -> None:  # noqa: F811
    """The Germany-Japan book's source labels (its sources.po)."""
    pdf, _, _ = edition_pdf
    text = " ".join(pdftotext(pdf).split())
    english = set(_short_labels()) - _kept_as_is(language)
    found = [label for label in english if re.search(rf"[(（]{re.escape(label)}[)）,、;]", text)]  # noqa: RUF001
    assert found == []


#: Opening quotation marks of the editions' typography (English, German, Japanese).
OPENING_MARKS = "\u201c\u201e\u00ab\u00bb\u300c\"'"


def _running_quotations(page: BeautifulSoup) -> list[str]:
    """The words quoted in the English page's running text (not quotation cards, tables, code or
    listings: the quotation index marks its translations itself, as the cards do; nor a card's
    fields, where a reference to a quotation shows its excerpt, marked "(translation)" in an
    edition, with the quotation's own card one click away)."""
    quoted = []
    for paragraph in page.select("article p"):
        if (paragraph.find_parent(["blockquote", "table", "pre"]) or paragraph.find_parent(class_="briefing-listing")
                or paragraph.find_parent(class_="briefing-fields")):
            continue
        # An inline {q} phrase is a quotation object with its own mark: the edition shows the
        # translation first, then "(Übersetzung; englisches Original: “…”)" (test_time_people).
        paragraph = copy.copy(paragraph)  # its own copy: the page's tree is shared (conftest.parsed_page)
        for phrase in paragraph.select(".briefing-inline-quote"):
            phrase.decompose()
        quoted += re.findall(r"“([^”]+)”", paragraph.get_text(" "))
    return quoted


def _plain(text: str) -> str:
    """Whitespace collapsed, apostrophes straight (each edition's typography sets its own)."""
    return " ".join(text.replace("\u2019", "'").split())


@pytest.mark.parametrize(("shelf_book", "language"), edition_cases(), indirect=["shelf_book"])
def test_the_quotation_index_gives_each_quotation_one_aside_in_the_editions_punctuation(
        editions_html: tuple[Path, dict[str, str]], shelf_book: ShelfBook, language: str) -> None:
    """In an edition's quotation index, what follows a quotation (the translation's note, its
    occasion and date, its source) is one aside in the edition's brackets, with the edition's
    separators: „…“ (Übersetzung; englisches Original: “…”; Anlass, Datum; Quelle), and in Japanese
    full-width brackets with no Latin comma or semicolon of its own."""
    base, _ = editions_html
    with (PACKAGE_LOCALE / language / "LC_MESSAGES" / "sphinx_briefing.po").open("rb") as handle:
        catalog = {str(m.id): str(m.string) for m in read_po(handle) if m.id}
    left, right = catalog["({citation})"].split("{citation}")
    items = 0
    for _path, page in _pages(_root(base, language)):
        for item in page.select("article ul.briefing-quote-list > li"):
            items += 1
            # The quotation's own words, the English original and the links (a label may hold
            # brackets of its own: "… (Zuschreibung erschlossen)"): what is left is the punctuation.
            item = copy.copy(item)  # its own copy: the page's tree is shared (conftest.parsed_page)
            for part in item.select(".briefing-quote-text, .briefing-quote-original, a, .briefing-change-mark"):
                part.decompose()
            rest = " ".join(item.get_text("").split())
            aside = rest[:rest.rfind(right) + 1]
            assert aside.count(left) == 1 and aside.strip().startswith(left), (language, rest)
            if language == "ja":
                assert not re.search(r"[;,]", aside), rest
    assert items or shelf_book.id != GERMANY_JAPAN, "the Germany-Japan book lists its quotations"


@pytest.mark.parametrize(("shelf_book", "language"), edition_cases(), indirect=["shelf_book"])
def test_every_quotation_in_running_text_is_marked_as_a_translation(
        editions_html: tuple[Path, dict[str, str]], shelf_book: ShelfBook, language: str) -> None:
    """On every page the edition translates (a page left in the original is the original)."""
    base, _ = editions_html
    translated = {page.relative_to(_root(base, language)) for page in
                  shelf_book.translated_html(_root(base, language), language)}
    checked = 0
    for path, page in _pages(_root(base, "en")):
        quotations = _running_quotations(page)
        if not quotations or path.relative_to(_root(base, "en")) not in translated:
            continue
        edition = _root(base, language) / path.relative_to(_root(base, "en"))
        article = parsed_page(edition, private=True).select_one("article")
        assert article is not None
        # Quotation cards and inline {q} phrases carry their own mark.
        for card in article.select("blockquote, table, pre, .briefing-inline-quote"):
            card.decompose()
        text = _plain(article.get_text(" "))
        for quoted in quotations:
            words = _plain(quoted)
            # The quoted occurrence (after an opening quotation mark), where the same words also
            # stand unquoted in the sentence (an office's abbreviation, "HR/VP", used as a word).
            found = [m.start() for m in re.finditer(re.escape(words), text)]
            at = next((i for i in found if text[max(0, i - 2):i].strip()[-1:] in OPENING_MARKS), found[0] if found else -1)
            assert at >= 0, f"{edition.name}: the English original “{words}” is missing"
            # The mark follows the original's closing quotation mark: “…”（訳：「…」） / „…“ (Übersetzung: „…“)  # noqa: RUF003
            assert MARK[language] in text[at + len(words): at + len(words) + 30], \
                f"{edition.name}: “{words}” is not marked as translated: {text[at:at + len(words) + 40]!r}"
            checked += 1
    assert checked >= (15 if shelf_book.id == GERMANY_JAPAN else 0)


def test_german_participants_in_katakana_with_the_latin_form_once(
        germany_japan_editions: tuple[Path, dict[str, str]]) -> None:
    base, _ = germany_japan_editions
    root = _root(base, "ja")
    mentions: dict[str, set[str]] = {}
    for _, page in _pages(root):
        # Mentions by name (not those with a title of the translator's own, such as 連邦首相).
        for name in page.select("article a.briefing-person-ref > span.briefing-ref-person"):
            link = name.parent
            assert link is not None
            ident = str(link["href"]).rpartition("#person-")[2]
            mentions.setdefault(ident, set()).add(name.get_text(strip=True))
    for ident, (katakana, _) in KATAKANA.items():
        assert mentions.get(ident) == {katakana}, (ident, mentions.get(ident))
    for ident, latin in LATIN.items():
        assert mentions.get(ident) == {latin}, (ident, mentions.get(ident))
    cards = (root / "delegations" / "germany.html").read_text(encoding="utf-8")
    for _, latin in KATAKANA.values():
        assert cards.count(f"ラテン文字表記：{latin}") == 1, latin  # noqa: RUF001
    page = parsed_page(root, "who-is-who")
    shown = {a.get_text(strip=True) for a in page.select("td a.briefing-person-ref")}
    assert {k for k, _ in KATAKANA.values()} <= shown


def test_no_name_breaks_inside_a_japanese_table_cell(germany_japan_editions: tuple[Path, dict[str, str]],
                                                     browser: Any) -> None:
    """HTML: the names in the cells of the Japanese who-is-who are set without a line break, even in
    a cell too narrow for them."""
    base, _ = germany_japan_editions
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    try:
        page.goto((_root(base, "ja") / "who-is-who.html").as_uri())
        styles = page.evaluate(
            "[...document.querySelectorAll('td .briefing-ref-person')]"
            ".map(e => [e.textContent, getComputedStyle(e).whiteSpace, e.getClientRects().length])")
    finally:
        page.close()
    assert len(styles) >= 14
    for name, white_space, lines in styles:
        assert white_space == "nowrap" and lines == 1, (name, white_space, lines)


@pytest.mark.parametrize(("shelf_book", "language"), [case for case in GERMANY_JAPAN_EDITIONS if "ja" in case.values],
                         indirect=["shelf_book"])
def test_no_name_breaks_inside_a_japanese_table_cell_in_the_pdf(edition_pdf: tuple[Path, str, Path],  # noqa: F811
                                                                language: str) -> None:
    """LaTeX: every person's name in the Japanese book's tables is set in a box (briefing.sty's
    \\DUrolebriefing-ref-person is an \\mbox), so the line breaker cannot split it.

    Read from the LaTeX that ``make latexpdf LANGUAGE=ja`` wrote for the Japanese PDF (the shared
    build of tests/test_editions_pdf.py, whose make exit status ``edition_pdf`` asserts): the very
    ``.tex`` and ``briefing.sty`` LuaLaTeX typeset, and no LaTeX build of the edition of its own."""
    pdf, _, _ = edition_pdf
    tex = pdf.with_suffix(".tex").read_text(encoding="utf-8")
    sty = (pdf.parent / "briefing.sty").read_text(encoding="utf-8")
    assert re.search(r"\\@namedef\{DUrolebriefing-ref-person\}#1\{\\mbox\{#1\}\}", sty)
    tables = re.findall(r"\\begin\{(?:tabulary|longtable|tabular)\}.*?\\end\{(?:tabulary|longtable|tabular)\}", tex, re.S)
    names = [n for table in tables for n in re.findall(r"\\DUrole\{briefing-ref-person\}\{([^}]*)\}", table)]
    assert {"ショルツ", "岸田文雄", "Annalena Baerbock"} <= set(names)
    # Every mention of a person by name in a table goes through the boxed role.
    by_name = [m for table in tables for m in re.findall(
        r":person-[a-z-]+\}\]\{\\sphinxcrossref\{\\DUrole\{briefing-ref\}\{(.{0,40})", table)]
    assert len(by_name) >= 14 and all(m.startswith("\\DUrole{briefing-ref-person}") for m in by_name)
    # One flag order per edition: the Japanese title (日本とドイツ) and its flags name Japan first.
    art = re.search(r"\\renewcommand\\briefingtitleart\{(.*)\}", tex)
    assert art is not None and art[1].index("japan.pdf") < art[1].index("germany.pdf")
    # Chapter labels in one form: 第1章 and 第10章 alike, without luatexja's kanji-digit space.
    assert "\\ltjsetparameter{autoxspacing=false}第\\thechapter 章" in tex


@pytest.mark.parametrize(("language", "spelled"), [
    ("en", "Federal Ministry for Economic Affairs and Climate Action (BMWK)"),
    ("de", "Bundesministerium für Wirtschaft und Klimaschutz (BMWK)"),
    ("ja", "連邦経済・気候保護省\uff08BMWK\uff09"),
])
def test_a_ministry_is_spelled_out_at_its_first_mention(germany_japan_editions: tuple[Path, dict[str, str]],
                                                        language: str, spelled: str) -> None:
    base, _ = germany_japan_editions
    page = parsed_page(_root(base, language) / "delegations" / "germany.html")
    mentions = [m.get_text() for m in page.select("article .briefing-ref-organisation")
                if "BMWK" in m.get_text()]
    assert mentions[0] == spelled
    assert all(m == "BMWK" for m in mentions[1:])
