"""The shelf (issue 24.5): the one list of the repository's books that every book-level test runs over.

:data:`conftest.SHELF` holds the book in ``docs/`` (``germany-japan``) and every ``books/<id>/conf.py``;
``BRIEFING_BOOKS_DIR`` points the suite at another directory of books. These tests point the
discovery at directories made of test roots, and check what each book tells the tests about itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import (
    BOOKS_DIR,
    DOCS,
    GERMANY_JAPAN,
    REPO,
    ROOTS,
    SHELF,
    ShelfBook,
    discover_shelf,
    edition_cases,
    read_conf,
)


def _shelf_of_roots(tmp_path: Path, **books: str) -> Path:
    """A directory of books, each a copy of a test root (``id="root-name"``), and one directory without
    a conf.py, which is no book."""
    for ident, root in books.items():
        shutil.copytree(ROOTS / f"test-{root}", tmp_path / ident)
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "README.md").write_text("not a book\n", encoding="utf-8")
    return tmp_path


def test_the_shelf_is_docs_and_every_book_directory_sorted(tmp_path: Path) -> None:
    books = _shelf_of_roots(tmp_path, **{"summit": "i18n", "a-visit": "print"})
    shelf = discover_shelf(DOCS, books)
    assert list(shelf) == ["a-visit", GERMANY_JAPAN, "summit"]
    assert shelf[GERMANY_JAPAN].srcdir == DOCS and shelf["summit"].srcdir == books / "summit"
    # What each book declares, read from its own conf.py.
    assert shelf["summit"].conf["extensions"] == read_conf(books / "summit")["extensions"]
    assert shelf[GERMANY_JAPAN].editions == ("en", "de", "ja")


def test_a_book_reports_its_editions_and_the_pages_its_catalogs_translate(tmp_path: Path) -> None:
    books = _shelf_of_roots(tmp_path, summit="i18n")
    conf = books / "summit" / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'briefing_editions = ["en", "de"]\n', encoding="utf-8")
    book = discover_shelf(DOCS, books)["summit"]
    assert book.editions == ("en", "de") and book.translations == ("de",)
    # The root translates every page it has: one catalog per page, and no catalog for conf.py.
    pages = {p.stem for p in (books / "summit").glob("*.md")}
    assert book.catalogs("de") == pages
    # A book that translates only some pages: the others are no translated text.
    (books / "summit" / "locale" / "de" / "LC_MESSAGES" / "people.po").unlink()
    assert book.catalogs("de") == pages - {"people"}
    assert book.catalogs("fr") == set()


def test_translated_html_is_the_pages_with_a_catalog(tmp_path: Path) -> None:
    """The generated pages (index, search) count only when every page is translated: they gather
    the text of all pages."""
    book = ShelfBook("summit", tmp_path, {"locale_dirs": ["locale/"], "briefing_editions": ["en", "de"]})
    messages = tmp_path / "locale" / "de" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    html = tmp_path / "html"
    for name in ("index", "at-a-glance", "people", "genindex", "search", "_static/x"):
        (html / f"{name}.html").parent.mkdir(parents=True, exist_ok=True)
        (html / f"{name}.html").write_text("<html></html>", encoding="utf-8")
    for name in ("index", "at-a-glance", "conf"):
        (messages / f"{name}.po").write_text("", encoding="utf-8")
    names = sorted(p.stem for p in book.translated_html(html, "de"))
    assert names == ["at-a-glance", "index"]
    (messages / "people.po").write_text("", encoding="utf-8")
    names = sorted(p.stem for p in book.translated_html(html, "de"))
    assert names == ["at-a-glance", "genindex", "index", "people", "search"]


def test_edition_cases_give_each_book_its_own_translations() -> None:
    cases = {case.id: case.values for case in edition_cases()}
    assert cases == {f"{book.id}-{language}": (book.id, language)
                     for book in SHELF.values() for language in book.translations}
    assert {"germany-japan-de", "germany-japan-ja"} <= cases.keys()
    assert {case.id for case in edition_cases([GERMANY_JAPAN])} == {"germany-japan-de", "germany-japan-ja"}


def test_this_run_tests_every_book_of_the_repository() -> None:
    """Without BRIEFING_BOOKS_DIR the shelf is docs/ and books/*: nothing of the repository is left out."""
    if BOOKS_DIR != REPO / "books":
        pytest.skip(f"BRIEFING_BOOKS_DIR points the run at {BOOKS_DIR}")
    expected = {GERMANY_JAPAN, *(conf.parent.name for conf in (REPO / "books").glob("*/conf.py"))}
    assert set(SHELF) == expected
    for book in SHELF.values():
        assert book.conf.get("briefing_leaflet"), f"{book.id}: no leaflet (briefing_leaflet)"
        assert book.conf.get("latex_documents"), f"{book.id}: no PDF (latex_documents)"
        assert all(book.catalogs(language) for language in book.translations), f"{book.id}: an edition without catalogs"
