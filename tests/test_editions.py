"""The editions of every book of the shelf: builds, the language switcher, the authoring guide left out,
conf.py's texts translated, the Makefile's paths and the Read the Docs replay of a translation.

Each book's HTML editions are built once per session into the layout ``make`` writes (``html``,
``de/html``, ``ja/html``), so that the switcher's relative links can be followed in files. A shelf
book may translate only some pages: tests of translated text read the pages it has catalogs for.
The PDFs are in tests/test_editions_pdf.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import (
    GERMANY_JAPAN,
    REPO,
    SHELF,
    ShelfBook,
    build,
    copy_root,
    edition_cases,
    parsed_page,
)
from test_rtd import load_script

#: (book, language) for every translated edition of every book of the shelf.
EDITION_CASES = edition_cases()


def _root(base: Path, language: str) -> Path:
    return base / "html" if language == "en" else base / language / "html"


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_translated_html_builds_without_a_warning(editions_html: tuple[Path, dict[str, str]],
                                                  language: str) -> None:
    base, warnings = editions_html
    assert "WARNING" not in warnings[language] and "ERROR" not in warnings[language]
    page = parsed_page(_root(base, language), "index")
    assert page.html is not None and page.html["lang"] == language


#: The theme's navigation words (furo asks Sphinx's "sphinx" catalog; the book's sphinx.po supplies them).
THEME_WORDS = {"de": ("Weiter", "Zurück", "Nach oben"), "ja": ("次へ", "前へ", "ページの先頭へ")}


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_the_themes_navigation_speaks_the_editions_language(editions_html: tuple[Path, dict[str, str]],
                                                            shelf_book: ShelfBook, language: str) -> None:
    """On a page between two others (the leaflet's first page), the theme's Next, Previous and Back to
    top in the edition's language, even where the book translates few pages."""
    base, _ = editions_html
    page = (_root(base, language) / f"{shelf_book.leaflet_pages[0]}.html").read_text(encoding="utf-8")
    for word in THEME_WORDS[language]:
        assert word in page, word
    for english in ("Back to top", ">Next<", ">Previous<"):
        assert english not in page, english


def test_a_book_without_its_own_theme_catalog_still_has_the_themes_words(tmp_path: Path) -> None:
    """A new book's German edition (no sphinx.po of its own) gets furo's navigation words in German
    from the toolkit's catalog; the book's own sphinx.po would come first."""
    src = copy_root("basic", tmp_path)
    assert not list(src.rglob("sphinx.po"))
    built = build(src, "html", confoverrides={"language": "de", "html_theme": "furo"})
    assert built.returncode == 0, built.warnings
    page = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert "Weiter" in page and "Nach oben" in page
    assert ">Next<" not in page and "Back to top" not in page


def _quotations(root: Path) -> dict[str, Tag]:
    """Every quotation card of an edition, by its anchor."""
    found = {}
    for page in sorted(root.rglob("*.html")):
        soup = parsed_page(page)
        for card in soup.select("blockquote.briefing-quote"):
            found[f"{page.relative_to(root)}#{card['id']}"] = card
    return found


#: The mark the toolkit's catalog gives each edition (``Translated from the English original``).
QUOTE_MARKS = {"de": "Übersetzung aus dem englischen Original", "ja": "英語原文からの翻訳"}


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_every_quotation_is_marked_as_a_translation_beside_its_english_original(
        editions_html: tuple[Path, dict[str, str]], shelf_book: ShelfBook, language: str) -> None:
    """The sources quote in English only: no German or Japanese text may pass for the speaker's words.
    Read on the pages the edition translates (a page left in the original shows the original)."""
    base, _ = editions_html
    # The authoring guide's examples are in the English book only.
    english = {k: v for k, v in _quotations(_root(base, "en")).items() if not k.startswith("authoring-guide")}
    translated = _quotations(_root(base, language))
    assert translated.keys() == english.keys()
    assert len(english) >= (6 if shelf_book.id == GERMANY_JAPAN else 1)
    pages = {page.relative_to(_root(base, language)).as_posix()
             for page in shelf_book.translated_html(_root(base, language), language)}
    translated = {where: card for where, card in translated.items() if where.split("#")[0] in pages}
    for where, card in translated.items():
        original_text = " ".join(p.get_text(" ", strip=True) for p in english[where].find_all("p")
                                 if "attribution" not in (p.get("class") or []))
        mark = card.select_one(".briefing-quote-mark")
        assert mark is not None and mark.get_text(strip=True) == QUOTE_MARKS[language], where
        original = card.select_one(".briefing-quote-original")
        assert original is not None and original.get("lang") == "en", where
        assert original.get_text(" ", strip=True) in original_text, where
        shown = " ".join(p.get_text(" ", strip=True) for p in card.find_all("p", recursive=False))
        body = card.find("div")
        assert body is not None
        translation = [p.get_text(strip=True) for p in body.find_all("p", recursive=False)
                       if not set(p.get("class") or []) & {"briefing-quote-mark", "briefing-quote-original-label",
                                                           "attribution"}]
        assert translation and all(t not in original_text for t in translation), (where, shown)


@pytest.mark.parametrize(("shelf_book", "language"), EDITION_CASES, indirect=["shelf_book"])
def test_translated_epub_builds_without_a_warning_and_without_switcher(tmp_path: Path, shelf_book: ShelfBook,
                                                                       language: str) -> None:
    built = build(shelf_book.srcdir, "epub", builddir=tmp_path, options=("-W", "-D", f"language={language}"))
    assert built.returncode == 0, built.warnings
    assert "WARNING" not in built.warnings
    (epub,) = (tmp_path / "epub").glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        pages = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")]
        opf = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".opf"))
    assert pages and not [p for p in pages if "briefing-editions" in p or "hreflang" in p]
    assert f"<dc:language>{language}</dc:language>" in opf
    assert not [n for n in archive.namelist() if "authoring-guide" in n]


def test_the_authoring_guide_is_in_the_english_book_only(germany_japan_editions: tuple[Path, dict[str, str]]) -> None:
    """The Germany-Japan book is the one that carries the guide beside it."""
    base, _ = germany_japan_editions
    assert (_root(base, "en") / "authoring-guide.html").is_file()
    # Its own document beside the book: linked from "About this book", not from the contents.
    assert 'href="authoring-guide.html"' not in (_root(base, "en") / "index.html").read_text(encoding="utf-8")
    assert 'href="authoring-guide.html"' in (_root(base, "en") / "about.html").read_text(encoding="utf-8")
    for language in ("de", "ja"):
        root = _root(base, language)
        assert not (root / "authoring-guide.html").exists()
        linking = [p.relative_to(root).as_posix() for p in root.rglob("*.html")
                   if "authoring-guide" in p.read_text(encoding="utf-8")]
        assert linking == [], f"{language}: pages still link to the authoring guide"


def _switcher_links(page: Path, soup: BeautifulSoup | None = None) -> list[dict[str, str]]:
    """The language switcher's links of *page* (parsed here unless its *soup* is given)."""
    soup = parsed_page(page) if soup is None else soup
    navs = soup.select("nav.briefing-editions")
    assert len(navs) == 1, f"{page}: {len(navs)} language switchers"
    nav = navs[0]
    assert nav.get("aria-label"), f"{page}: the switcher has no label"
    return [{"href": str(a["href"]), "hreflang": str(a["hreflang"]), "lang": str(a["lang"]), "text": a.get_text()}
            for a in nav.select("a")]


def test_the_switcher_lands_on_the_same_page_in_every_edition(
    editions_html: tuple[Path, dict[str, str]], shelf_book: ShelfBook,
) -> None:
    base, _ = editions_html
    names = {"en": "English", "de": "Deutsch", "ja": "日本語"}
    editions = shelf_book.editions
    assert len(editions) > 1, f"{shelf_book.id} has no translated edition"
    # Each page parsed once, for its own switcher and for its language as the other editions' target
    # (it was parsed again for each edition linking to it).
    pages: dict[str, list[Path]] = {}
    read: dict[Path, tuple[list[dict[str, str]], str | None]] = {}
    for language in editions:
        pages[language] = [p for p in _root(base, language).rglob("*.html")
                           if p.name not in {"genindex.html", "search.html"}]
        assert len(pages[language]) > 5
        for page in pages[language]:
            soup = parsed_page(page)
            read[page.resolve()] = (_switcher_links(page, soup), None if soup.html is None else str(soup.html["lang"]))
    checked = 0
    for language in editions:
        root = _root(base, language)
        for page in pages[language]:
            rel = page.relative_to(root).as_posix()
            links, _ = read[page.resolve()]
            assert [link["hreflang"] for link in links] == [lang for lang in editions if lang != language]
            for link in links:
                other = link["hreflang"]
                assert link["lang"] == other and link["text"] == names[other]
                target = (page.parent / link["href"]).resolve()
                # The authoring guide is in the original only (test above): its switcher opens the
                # other editions' start pages (issue 21, point 6).
                landing = "index.html" if rel.startswith("authoring-guide") and other != "en" else rel
                assert target == (_root(base, other) / landing).resolve(), f"{language}/{rel} -> {link['href']}"
                assert target.is_file(), f"{language}/{rel}: {link['href']} reaches no file"
                if target not in read:  # (a page the other edition's listing above left out)
                    soup = parsed_page(target)
                    read[target] = ([], None if soup.html is None else str(soup.html["lang"]))
                assert read[target][1] == other
                checked += 1
    assert checked > 10


def test_switcher_links_in_the_head_too(germany_japan_editions: tuple[Path, dict[str, str]]) -> None:
    """Read on the Germany-Japan book's pillar overview (the switcher itself: the test above, every book)."""
    base, _ = germany_japan_editions
    page = (_root(base, "de") / "pillars" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="ja" href="../../../ja/html/pillars/index.html" />' in page
    assert '<link rel="alternate" hreflang="en" href="../../../html/pillars/index.html" />' in page


def test_switcher_on_read_the_docs_goes_to_the_translation_project(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """On Read the Docs, translations are served at /<language>/<version>/ under one domain."""
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_VERSION", "v1")
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'briefing_editions = ["en", "de"]\n', encoding="utf-8")
    built = build(src, "html", confoverrides={"language": "de"})
    outdir, warnings = built.outdir, built.warnings
    assert "WARNING" not in warnings
    links = _switcher_links(outdir / "index.html")
    assert links == [{"href": "../../en/v1/index.html", "hreflang": "en", "lang": "en", "text": "English"}]


def test_switcher_css_follows_furo_and_stays_off_paper() -> None:
    css = (REPO / "_ext" / "sphinx_briefing" / "outputs" / "static" / "briefing-editions.css").read_text(encoding="utf-8")
    assert "var(--color-link" in css and "var(--color-foreground-secondary" in css
    assert re.search(r"@media print\s*{\s*\.briefing-editions\s*{\s*display:\s*none", css)


def test_no_switcher_without_editions_and_bad_editions_warn(tmp_path: Path) -> None:
    src = copy_root("basic", tmp_path)
    built = build(src, "html")
    outdir, warnings = built.outdir, built.warnings
    assert "briefing-editions" not in (outdir / "index.html").read_text(encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'briefing_editions = ["en", "de", "en"]\n',
                    encoding="utf-8")
    built = build(src, "html", builddir=tmp_path / "again")
    outdir, warnings = built.outdir, built.warnings
    assert warnings.count("briefing_editions: expected a list of language tags") == 1
    assert "each once" in warnings


# -- conf.py's texts: extracted to conf.pot, translated from conf.po ------------------------------------


def test_gettext_leaves_out_the_authoring_guide_and_extracts_conf(
        germany_japan_gettext: tuple[Path, str]) -> None:
    """The Germany-Japan book's conf.py texts (each book's catalogs: tests/test_editions_pdf.py)."""
    out, warnings = germany_japan_gettext
    assert "WARNING" not in warnings
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pot"))
    assert "authoring-guide.pot" not in names and "index.pot" in names
    assert not [n for n in names if "authoring" in (out / n).read_text(encoding="utf-8").lower()]
    conf = (out / "conf.pot").read_text(encoding="utf-8")
    for text in ("Germany and Japan", "Tokyo", "PUBLIC — compiled from open sources — not an official document "
                 "of either government", "economic security", "likely, single source"):
        assert f'msgid "{text}"' in conf
    assert re.search(r"#: \S*docs/conf\.py:\d+", conf)
    assert 'msgid "March 18, 2023"' not in conf  # a datetime.date: Babel writes it, not translators


CONF_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Testland and Examplia"
msgstr "Testland und Examplien"

msgid "Exampleville"
msgstr "Beispielstadt"

#, fuzzy
msgid "For test use only"
msgstr "Nur zum Test"
"""


def test_conf_texts_are_translated_from_conf_po(tmp_path: Path) -> None:
    import datetime

    src = copy_root("basic", tmp_path)
    settings = {"project": "Testland and Examplia", "briefing_venue": "Exampleville",
                "briefing_footer_mark": "For test use only", "briefing_date": datetime.date(2030, 4, 1),
                "html_title": "Testland and Examplia", "locale_dirs": ["locale/"]}
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + "import datetime\n"
                    + "".join(f"{k} = {v!r}\n" for k, v in settings.items()), encoding="utf-8")
    po = src / "locale" / "de" / "LC_MESSAGES" / "conf.po"
    po.parent.mkdir(parents=True)
    po.write_text(CONF_PO, encoding="utf-8")
    built = build(src, "latex", confoverrides={"language": "de"})
    outdir, warnings = built.outdir, built.warnings
    assert "WARNING" not in warnings
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\renewcommand\briefingtitle{Testland und Examplien}" in tex
    assert r"\renewcommand\briefingvenue{Beispielstadt}" in tex
    assert r"\renewcommand\briefingdate{1. April 2030}" in tex  # Babel, German form
    assert r"\renewcommand\briefingmark{For test use only}" in tex  # a fuzzy entry is not used
    assert "pdftitle={{Testland und Examplien}}" in tex
    built = build(src, "html", builddir=tmp_path / "html", confoverrides={"language": "de"})
    html, _ = built.outdir, built.warnings
    title = parsed_page(html, "index").title
    assert title is not None and "Testland und Examplien" in title.get_text()


# -- The Makefile's paths --------------------------------------------------------------------------------


def _make_n(*args: str, language_env: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "LANGUAGE"}
    if language_env is not None:
        env["LANGUAGE"] = language_env
    proc = subprocess.run(["make", "-n", "--no-print-directory", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False)
    return proc.stdout


@pytest.mark.parametrize(("target", "expected"), [
    ("html", "-D language=de -d _build/de/doctrees-html docs _build/de/html"),
    ("epub", "-M epub docs _build/de "),
    ("latexpdf", "-M latexpdf docs _build/de "),
])
def test_make_language_writes_the_edition_s_own_paths(target: str, expected: str) -> None:
    out = _make_n(target, "LANGUAGE=de")
    assert expected in out + " " and "-D language=de" in out


def test_make_without_language_keeps_the_english_paths() -> None:
    for out in (_make_n("html"), _make_n("html", "LANGUAGE=en"), _make_n("html", language_env="en_US:en")):
        assert "-d _build/doctrees-html docs _build/html" in out and "-D language" not in out
    assert "-D language=ja -d _build/ja/doctrees-html docs _build/ja/html" in _make_n("html", language_env="ja")


def test_make_latexpdf_builds_the_leaflet_per_language() -> None:
    out = _make_n("latexpdf", "LANGUAGE=ja")
    assert "-b briefing-leaflet" in out and "-D language=ja -d _build/ja/doctrees-latex docs _build/ja/leaflet" in out
    # The leaflet reads the doctrees the LaTeX builder has just written, with the same settings: no
    # page is read twice.
    latex = next(line for line in out.splitlines() if "-M latexpdf" in line)
    assert "-d _build/ja/doctrees-latex" in latex
    # (make -n stops at the leaflet's own make -C, whose directory a dry run does not create)
    assert "LEAFLETDIR  := $(OUTDIR)/leaflet" in (REPO / "Makefile").read_text(encoding="utf-8")


# -- The shelf: make BOOK=books/<id> ------------------------------------------------------------------------

#: The shelf's books other than docs/ (the Makefile's default), by id.
SHELF_BOOKS = [book for book in SHELF.values() if book.id != GERMANY_JAPAN]


def _book_arg(book: ShelfBook) -> str:
    """BOOK=..., relative to the repository as the README writes it (an absolute path elsewhere)."""
    return f"BOOK={book.srcdir.relative_to(REPO) if book.srcdir.is_relative_to(REPO) else book.srcdir}"


@pytest.mark.parametrize("book", SHELF_BOOKS, ids=[book.id for book in SHELF_BOOKS])
def test_make_book_writes_a_shelf_book_into_its_own_directory(book: ShelfBook) -> None:
    """Every target an author uses on a shelf book reads that book and writes below _build/<id>/ (the
    real builds run through make too: tests/test_pdf.py, tests/test_editions_pdf.py)."""
    src = _book_arg(book).removeprefix("BOOK=")
    out = f"_build/{book.id}"
    expected = {
        ("html",): f"-d {out}/doctrees-html {src} {out}/html",
        ("html", "LANGUAGE=de"): f"-D language=de -d {out}/de/doctrees-html {src} {out}/de/html",
        ("latexpdf",): f"-M latexpdf {src} {out} ",
        ("latexpdf", "LANGUAGE=de"): f"-D language=de -d {out}/de/doctrees-latex {src} {out}/de/leaflet",
        ("epub",): f"-M epub {src} {out} ",
        ("epub", "LANGUAGE=de"): f"-M epub {src} {out}/de ",
        ("docx",): f"-d {out}/doctrees-docx {src} {out}/docx",
        ("gettext",): f"-d {out}/doctrees-gettext {src} {out}/gettext",
        ("update-po", "LANGUAGE=de"): f"-p {out}/gettext -d {src}/locale -l de",
    }
    wrong = {" ".join(args): out_ for args, want in expected.items()
             if want not in (out_ := _make_n(*args, _book_arg(book)) + " ")}
    assert wrong == {}
    assert " docs " not in _make_n("html", _book_arg(book))


def test_make_book_without_a_conf_py_says_so() -> None:
    proc = subprocess.run(["make", "-n", "--no-print-directory", "html", "BOOK=books/no-such-book"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert proc.returncode != 0 and "BOOK=books/no-such-book has no conf.py" in proc.stderr


def test_the_readme_lists_the_shelf() -> None:
    """README: how to build a shelf book, and each book of the shelf by its directory."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make html BOOK=books/" in readme
    assert [book.id for book in SHELF_BOOKS if book.srcdir.is_relative_to(REPO)
            and f"books/{book.id}" not in readme] == []


# -- Read the Docs: one project per language ---------------------------------------------------------------


def test_rtd_replay_knows_the_translation_projects(tmp_path: Path) -> None:
    rtd = load_script()
    assert rtd.project_slug("en") == "briefing" and rtd.project_slug("de") == "briefing-de"
    assert rtd.canonical_url("ja") == "https://briefing.readthedocs.io/ja/latest/"
    clone, out = tmp_path / "checkout", tmp_path / "output"
    (out / "html").mkdir(parents=True)
    clone.mkdir()
    (out / "html" / "index.html").write_text(
        '<link rel="canonical" href="https://briefing.readthedocs.io/de/latest/index.html">')
    assert rtd.check_outputs(clone, out, [], rtd.canonical_url("de")) == []
    assert rtd.check_outputs(clone, out, [])  # the English project's URL is not the German one's
    proc = subprocess.run([str(REPO / "scripts" / "rtd-build"), "--help"], capture_output=True, text=True,
                          check=True)
    assert "--language {en,de,ja}" in proc.stdout


def test_conf_py_takes_the_language_read_the_docs_passes() -> None:
    proc = subprocess.run(["python3", "-c", "import runpy; print(runpy.run_path('docs/conf.py')['language'])"],
                          cwd=REPO, capture_output=True, text=True, check=True,
                          env={"READTHEDOCS_LANGUAGE": "ja", "PATH": os.environ["PATH"]})
    assert proc.stdout.strip() == "ja"
