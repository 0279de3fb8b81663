"""Issue 21, round 3 of the field's edge cases: editions, text, links and input (points 5-14), and the
general rules behind them (every link computed for html, dirhtml and singlehtml; text compared after
Unicode normalisation; every image of an edition localised)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import GERMANY_JAPAN, SHELF, ShelfBook, build, command_here, copy_root, parsed_page


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _local_targets(outdir: Path) -> list[tuple[str, str, Path]]:
    """(page, href, file it reaches) for every relative link and resource of every HTML page."""
    found = []
    for page in outdir.rglob("*.html"):
        soup = parsed_page(page)
        for tag in soup.find_all(["a", "link", "script", "img"]):
            value = tag.get("href") or tag.get("src")
            if not isinstance(value, str) or not value:
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or a place on this page
            target = page.parent / unquote(parts.path)
            if parts.path.endswith("/"):
                target = target / "index.html"
            found.append((page.relative_to(outdir).as_posix(), value, target))
    return found


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_local_link_lands_in_html_dirhtml_and_singlehtml(tmp_path: Path, builder: str) -> None:
    """The rule beyond the case: whatever the builder puts a page at, every relative link and resource
    of every page reaches a file of the output: object references, listings, the archive's text and
    the leaflet's download line (which wrote "_downloads/…" from a dirhtml page one level too high)."""
    src = copy_root("basic", tmp_path)
    (src / "saved").mkdir()
    (src / "saved" / "art.txt").write_text("The text of the article.\n", encoding="utf-8")
    (src / "more").mkdir()
    (src / "more" / "deep.md").write_text(
        "# Deep\n\n```{source} art\n:title: The article\n:archive: /saved/art.txt\n```\n\n"
        "See {person}`scholz` and {fact}`trade`.\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nmore/deep\n", 1),
                     encoding="utf-8")
    _append(src / "conf.py", 'briefing_leaflet = ["facts"]\n')
    # make latexpdf copies the leaflet here; the page links it when it is there (issue 24.2), and the
    # link must reach it
    leaflet = src / "_build" / builder / "_downloads" / "basic-at-a-glance.pdf"
    leaflet.parent.mkdir(parents=True)
    leaflet.write_bytes(b"%PDF")
    built = build(src, builder)
    assert built.returncode == 0, built.warnings
    targets = _local_targets(built.outdir)
    assert any(href.endswith("basic-at-a-glance.pdf") for _, href, _ in targets)
    assert any("_archive/" in href for _, href, _ in targets)
    # (singlehtml: the basic theme's sidebar links the index and search pages that Sphinx's singlehtml
    # builder does not write: Sphinx's template, not the toolkit's links.)
    upstream = {"genindex.html", "search.html"} if builder == "singlehtml" else set()
    missing = [(page, href) for page, href, target in targets if not target.is_file() and href not in upstream]
    assert missing == []


# -- 5. Fuzzy translations: one rule for the pages and conf.po -----------------------------------------

FUZZY_CONF_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, fuzzy
msgid "Testland talks"
msgstr "Testland-Gespräche"

#, fuzzy
msgid "Exampleville"
msgstr "Beispielstadt"
"""


@pytest.mark.parametrize("allow", [True, False])
def test_fuzzy_entries_follow_one_rule_for_the_whole_edition(tmp_path: Path, allow: bool) -> None:
    """Point 5, in a fresh process: with gettext_allow_fuzzy_translations, the fuzzy entries of conf.po
    are used as the pages' are (title, venue and page text all German); without it, none is."""
    src = copy_root("i18n", tmp_path)
    _append(src / "conf.py", "project = 'Testland talks'\nbriefing_venue = 'Exampleville'\n"
            f"gettext_allow_fuzzy_translations = {allow}\n")
    (src / "locale" / "de" / "LC_MESSAGES" / "conf.po").write_text(FUZZY_CONF_PO, encoding="utf-8")
    page_po = src / "locale" / "de" / "LC_MESSAGES" / "index.po"
    page_po.write_text(page_po.read_text(encoding="utf-8").replace(
        'msgid "Editions"', '#, fuzzy\nmsgid "Editions"'), encoding="utf-8")
    built = build(src, "html", subprocess=True, confoverrides={"language": "de"})
    assert built.returncode == 0, built.warnings
    soup = parsed_page(built.outdir, "index")
    heading = soup.find("h1")
    assert heading is not None and soup.title is not None
    german = [heading.get_text().strip("¶ ") == "Ausgaben", "Testland-Gespräche" in soup.title.get_text()]
    assert german == [allow, allow], (heading, soup.title)
    latex = build(src, "latex", builddir=tmp_path / "latex", subprocess=True, confoverrides={"language": "de"})
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (r"\renewcommand\briefingvenue{Beispielstadt}" in tex) is allow


# -- 7, 8, 9. The archive checks: text as a reader sees it, omissions, unspaced scripts ---------------

def _archive_warnings(tmp_path: Path, page: str, archive: str) -> tuple[Path, list[str]]:
    from test_archive import build_page

    path, _, warnings = build_page(tmp_path, page, archive=archive)
    return path, warnings


NFC_ARCHIVE = "Die Gespräche im Café in Zürich: Der Handel erreichte 45,7 Milliarden Euro.\n"


def _nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text)


def test_canonically_equal_text_is_verbatim_in_every_check(tmp_path: Path) -> None:
    """Point 7 and its rule: a quotation pasted in NFD, a value in full-width digits, and prose copied
    in NFD compare as a reader sees them, in the quotation, value and copy checks alike."""
    quote = _nfd("Die Gespräche im Café in Zürich")
    page = (f"```{{briefing-quote}}\n:by: pp\n:source: art\n\n{quote}\n```\n\n"
            "```{factbox} volume\n:value: \uff14\uff15,\uff17\n:label: Handel\n:source: art\n```\n\n"
            "Our own words here.\n")
    _, warnings = _archive_warnings(tmp_path / "a", page, NFC_ARCHIVE)
    assert warnings == []
    copied = _nfd("Die Gespräche im Café in Zürich: Der Handel erreichte 45,7 Milliarden Euro")
    path, warnings = _archive_warnings(tmp_path / "b", f"Copied: {copied}.\n", NFC_ARCHIVE)
    assert len(warnings) == 1 and "[briefing.unmarked-copy]" in warnings[0], warnings
    assert warnings[0].startswith(f"{path}:3:")


ELLIPSIS_ARCHIVE = "He said: We want to learn from each other, now and later. And then we will see what comes.\n"


@pytest.mark.parametrize("quote", [
    "We want to learn from each other…. And then we will see",  # the sentence's full stop after …
    "we will see what comes….",
    "We want to learn from each other … and later.",
])
def test_an_ellipsis_with_the_sentences_full_stop_is_an_omission(tmp_path: Path, quote: str) -> None:
    """Point 8: "…." (an omission, then the sentence's full stop) is the guide's form, not a difference."""
    page = f"```{{briefing-quote}}\n:by: pp\n:source: art\n\n{quote}\n```\n"
    _, warnings = _archive_warnings(tmp_path, page, ELLIPSIS_ARCHIVE)
    assert warnings == []


def test_an_ellipsis_does_not_hide_a_real_difference(tmp_path: Path) -> None:
    page = "```{briefing-quote}\n:by: pp\n:source: art\n\nWe want to learn from each other…. And then we shall see\n```\n"
    _, warnings = _archive_warnings(tmp_path, page, ELLIPSIS_ARCHIVE)
    assert len(warnings) == 1 and "shall see" in warnings[0] and "[briefing.quote-not-in-source]" in warnings[0]


JAPANESE_ARCHIVE = (
    "日独政府間協議について\n"
    "両国政府は経済安全保障の分野で緊密に協力し、重要インフラの保護や半導体の供給網の強化に共同で取り組むことで一致した。"
    "また、貿易代表団の相互派遣を拡大し、中小企業の交流を後押しする。\n"
)
#: 57 characters (56 of them letters) of the archive, copied into prose without quotation marks.
COPIED_JA = "両国政府は経済安全保障の分野で緊密に協力し、重要インフラの保護や半導体の供給網の強化に共同で取り組むことで一致した"


def test_the_copy_check_finds_a_copied_japanese_run(tmp_path: Path) -> None:
    """Point 9: a run of an unspaced script is compared character by character (a character counts
    half a word), so copied Japanese prose is found; a short common phrase is not a copy."""
    assert len(COPIED_JA) == 57
    path, warnings = _archive_warnings(tmp_path / "a", f"自分の言葉。\n{COPIED_JA}。\n", JAPANESE_ARCHIVE)
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{path}:4: WARNING: 56 consecutive characters copied from source 'art'")
    assert warnings[0].endswith("[briefing.unmarked-copy]")
    _, warnings = _archive_warnings(tmp_path / "b", "両国政府は経済安全保障で話し合った。\n", JAPANESE_ARCHIVE)
    assert warnings == []


def test_a_listing_filter_compares_text_as_a_reader_sees_it(tmp_path: Path) -> None:
    """The rule beyond the archive: a listing's filter typed in NFD (or full width) selects the same
    records as the NFC text the objects were written with."""
    src = copy_root("basic", tmp_path)
    people = src / "people.md"
    people.write_text(people.read_text(encoding="utf-8").replace(":country: Germany", ":country: Österreich"),
                      encoding="utf-8")
    (src / "listings.md").write_text(f"# Listings\n\n```{{who-is-who}}\n:country: {_nfd('Österreich')}\n```\n",
                                     encoding="utf-8")
    built = build(src, "html")
    soup = parsed_page(built.outdir, "listings")
    assert "Olaf Scholz" in soup.get_text()


# -- 11. An unknown language with a datetime.date ----------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_an_unknown_language_warns_and_writes_the_date_in_english(tmp_path: Path, builder: str) -> None:
    """Point 11, in a fresh process: ``language = "xx"`` with a ``datetime.date`` in briefing_date (and a
    conf.po for that language) gives one located warning and the English date, as Sphinx falls back."""
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    _append(conf, "import datetime\nbriefing_date = datetime.date(2030, 4, 1)\nlocale_dirs = ['locale/']\n")
    po = src / "locale" / "xx" / "LC_MESSAGES" / "conf.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "basic"\nmsgstr "basic xx"\n', encoding="utf-8")
    built = build(src, builder, subprocess=True, confoverrides={"language": "xx"})
    assert built.returncode == 0, built.warnings
    assert "Extension error" not in built.warnings and "Traceback" not in built.warnings
    line = conf.read_text(encoding="utf-8").splitlines().index("briefing_date = datetime.date(2030, 4, 1)") + 1
    ours = [w for w in built.warnings.splitlines() if "briefing_date" in w]
    assert ours == [f"{conf}:{line}: WARNING: briefing_date: Babel knows no language 'xx' (the book's language); "
                    "the date is written in English [briefing.bad-config]"]
    if builder == "latex":
        tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\renewcommand\briefingdate{1 April 2030}" in tex


def test_in_process_build_leaves_docutils_languages_to_sphinx(tmp_path: Path) -> None:
    """conftest's in-process build warns as sphinx-build does for a language docutils has no words
    for: not one of docutils' own "Language ... not supported" warnings, which it gave for every page
    (sphinx-build patches docutils' language lookup around its application)."""
    built = build(copy_root("basic", tmp_path), confoverrides={"language": "xx"}, like_subprocess=True)
    assert built.returncode == 0, built.warnings
    assert "[docutils]" not in built.warnings and "not supported" not in built.warnings, built.warnings


# -- 12. The scaffold's printed next step can be pasted --------------------------------------------------


@pytest.mark.parametrize("name", ["my book", "cost $HOME 100%", "Anna's \"R&D\" book", "a;b `x`"])
def test_the_scaffolds_next_step_can_be_pasted_into_a_shell(tmp_path: Path, name: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Point 12: the printed ``cd … && make html`` line, pasted into bash as it is, enters the new book.
    (``sphinx-briefing new`` through its own ``main``, in this process: what it prints is the test.)"""
    import subprocess

    target = tmp_path / name
    proc = command_here(capsys, "new", str(target), "--no-input")
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("Next: "))
    pasted = line.removeprefix("Next: ").split("   (then", 1)[0]
    # "make" stands in for the real one: it reports where the pasted line took the shell.
    shell = subprocess.run(["bash", "-c", f"make() {{ echo \"$PWD|$*\"; }}\n{pasted}"], capture_output=True,
                           text=True, cwd=tmp_path, check=False)
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.strip() == f"{target}|html"


# -- 14. An invisible line end in an option ------------------------------------------------------------

PAGES_WITH_SEPARATOR = {
    "md": "# Page\n\nBefore.\n\n```{{person}} pp\n:name: Anna{sep}Example\n:role: Observer\n:country: Japan\n```\n\nAfter.\n",
    "rst": "Page\n====\n\nBefore.\n\n.. person:: pp\n   :name: Anna{sep}Example\n   :role: Observer\n   :country: Japan\n\nAfter.\n",
}


@pytest.mark.parametrize("ext", ["md", "rst"])
@pytest.mark.parametrize(("sep", "named"), [("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
                                            ("\x85", "U+0085 NEXT LINE")])
def test_a_line_separator_in_an_option_warns_at_its_line(tmp_path: Path, ext: str, sep: str, named: str) -> None:
    """Point 14: one warning at the option's line naming the character; every option stays an option."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Index\n\n```{toctree}\npage\n```\n", encoding="utf-8")
    page = src / f"page.{ext}"
    page.write_text(PAGES_WITH_SEPARATOR[ext].format(sep=sep), encoding="utf-8")
    built = build(src, "html")
    line = 6 if ext == "md" else 7
    assert [w for w in built.warnings.splitlines() if "WARNING" in w] == [
        f"{page}:{line}: WARNING: option 'name' holds {named}, which ends the option block (the options after "
        "it would become body text); it is read as a space: replace it with a space or a line break "
        "[briefing.line-separator]"]
    soup = parsed_page(built.outdir, "page")
    card = soup.find(id="person-pp")
    assert card is not None
    text = " ".join(card.get_text(" ").split())
    assert "Anna Example" in text and "Observer" in text and "Japan" in text
    assert ":role:" not in soup.get_text()


# -- 6. Edition links: only to pages that exist, in every HTML builder -----------------------------------


def _build_editions(tmp_path: Path, builder: str) -> Path:
    """The i18n root in en, de and ja as ``make`` lays them out: <base>/<builder>, <base>/<lang>/<builder>;
    its page ``japan`` is kept in the original edition only."""
    src = copy_root("i18n", tmp_path)
    _append(src / "conf.py", 'briefing_editions = ["en", "de", "ja"]\nbriefing_original_only = ["japan"]\n')
    base = tmp_path / "_build"
    # Twice: the switcher links only to editions already built (issue 24.2), as an author's second
    # round of `make html LANGUAGE=…` finds them.
    for language in ("en", "de", "ja") * 2:
        out = base if language == "en" else base / language
        built = build(src, builder, builddir=out, confoverrides={"language": language})
        assert built.returncode == 0, built.warnings
    return base


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_edition_link_lands_on_a_page_of_that_edition(tmp_path: Path, builder: str) -> None:
    """Point 6 and its rule: the switcher and the hreflang alternates of every page of every edition
    reach an existing file, in html, dirhtml and singlehtml; a page kept in the original only links
    to the other editions' start pages, and has no alternates."""
    base = _build_editions(tmp_path, builder)
    checked = 0
    missing = []
    for page in base.rglob("*.html"):
        soup = parsed_page(page)
        links = [a.get("href") for a in soup.select("nav.briefing-editions a")]
        links += [link.get("href") for link in soup.select("link[rel=alternate][hreflang]")]
        for href in links:
            assert isinstance(href, str)
            path = urlsplit(href).path
            target = page.parent / unquote(path)
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.resolve().is_file():
                missing.append((page.relative_to(base).as_posix(), href))
    assert checked > 0 and missing == []
    if builder == "html":
        only = parsed_page(base / "html", "japan")
        assert only.select("link[rel=alternate][hreflang]") == []
        hrefs = [a["href"] for a in only.select("nav.briefing-editions a")]
        assert hrefs == ["../de/html/index.html", "../ja/html/index.html"]
        assert not (base / "de" / "html" / "japan.html").exists()


def _png() -> bytes:
    """A valid one-pixel PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) \
        + chunk(b"IEND", b"")


def test_every_image_of_an_edition_is_localised(tmp_path: Path) -> None:
    """The rule behind the editions' faults: an edition uses its own version of every image where one
    exists (``figure_language_filename``), the page's figures as Sphinx does and the title page's
    emblems alike; the original edition keeps the originals."""
    import shutil

    src = copy_root("basic", tmp_path)
    emblems = src / "_emblems"
    emblems.mkdir()
    pdf = Path(__file__).parent.parent / "docs" / "_emblems" / "germany.pdf"
    for name in ("crest.pdf", "crest.de.pdf"):
        shutil.copy(pdf, emblems / name)
    for name in ("map.png", "map.de.png"):
        (src / name).write_bytes(_png())
    _append(src / "index.md", "\n```{image} map.png\n:alt: Map\n```\n")
    _append(src / "conf.py", 'briefing_emblems = ["_emblems/crest.pdf"]\n')
    german = build(src, "latex", builddir=tmp_path / "de", confoverrides={"language": "de"})
    tex = next(german.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "{crest.de.pdf}" in tex and "{crest.pdf}" not in tex
    assert (german.outdir / "crest.de.pdf").is_file()
    assert "{{map.de}.png}" in tex  # Sphinx localises the page's image (its LaTeX braces the name)
    english = build(src, "latex", builddir=tmp_path / "en")
    tex = next(english.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "{crest.pdf}" in tex and "crest.de.pdf" not in tex


# -- 10. Native names carry their own language and direction ---------------------------------------------

NATIVE_NAMES = """# Native names

```{person} sisi
:name: Abdel Fattah el-Sisi
:role: President
:native-name: عبد الفتاح السيسي
```

```{person} gallant
:name: Yoav Gallant
:role: Minister
:native-name: יואב גלנט
```

```{person} kishida
:name: Fumio Kishida
:role: Prime Minister
:native-name: 岸田文雄
```

```{organisation} mofa-eg
:name: Ministry of Foreign Affairs of Egypt
:native-name: وزارة الخارجية
```

```{organisation} mofa-jp
:name: Ministry of Foreign Affairs of Japan
:native-name: 外務省
```

```{organisation} aa
:name: Federal Foreign Office
:native-name: Auswärtiges Amt
```

```{organisation} bmf
:name: Federal Ministry of Finance
:native-name: Bundesministerium der Finanzen
:native-language: de
```

```{organisation} mofa-tw
:name: Ministry of Foreign Affairs (Taiwan)
:native-name: 外交部
:native-language: zh-Hant
```

```{who-is-who}
```
"""

#: id -> (lang, dir) each native name must carry; "" for a name whose script no one language owns.
NATIVE_EXPECTED = {"person-sisi": ("ar", "rtl"), "person-gallant": ("he", "rtl"), "person-kishida": ("ja", "ltr"),
                   "organisation-mofa-eg": ("ar", "rtl"), "organisation-mofa-jp": ("ja", "ltr"),
                   "organisation-aa": ("", "ltr"), "organisation-bmf": ("de", "ltr"),
                   "organisation-mofa-tw": ("zh-Hant", "ltr")}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_each_native_name_carries_its_own_language_and_direction(tmp_path: Path, builder: str) -> None:
    """Point 10: an Arabic or Hebrew native name is not tagged with the book's native language (ja);
    each carries its own lang and an isolating dir, on its card and in the who's-who listing."""
    src = copy_root("basic", tmp_path)
    (src / "natives.md").write_text(NATIVE_NAMES, encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nnatives\n", 1), encoding="utf-8")
    built = build(src, builder, confoverrides={"version": "1", "copyright": "t"})
    assert built.returncode == 0, built.warnings
    page = built.outdir / ("natives.xhtml" if builder == "epub" else "natives.html")
    soup = parsed_page(page)
    for anchor, (lang, direction) in NATIVE_EXPECTED.items():
        card = soup.find(id=anchor)
        assert card is not None, anchor
        native = card.select_one(".briefing-native-name")
        assert native is not None, anchor
        assert (native.get("lang") or "", native.get("dir")) == (lang, direction), (anchor, native)
    listed = [n for n in soup.select("table .briefing-native-name")]
    assert {(n.get_text(), n.get("lang"), n.get("dir")) for n in listed} >= {
        ("عبد الفتاح السيسي", "ar", "rtl"), ("יואב גלנט", "he", "rtl"), ("岸田文雄", "ja", "ltr")}


def test_a_malformed_native_language_is_one_located_warning_and_no_lang(tmp_path: Path) -> None:
    """Point 10: ``:native-language:`` takes a language tag; anything else is reported at its
    directive and left out, rather than written into the HTML as a wrong ``lang``."""
    src = copy_root("basic", tmp_path)
    page = src / "natives.md"
    page.write_text("# Natives\n\n```{organisation} aa\n:name: Federal Foreign Office\n"
                    ":native-name: Auswärtiges Amt\n:native-language: German!\n```\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nnatives\n", 1), encoding="utf-8")
    built = build(src, "html", confoverrides={"version": "1", "copyright": "t"})
    assert [w for w in built.warnings.splitlines() if "WARNING" in w] == [
        f"{page}:3: WARNING: organisation directive: option 'native-language' must be a language tag such "
        "as 'de', 'ja' or 'zh-Hant', not 'German!' [briefing.bad-value]"]
    native = parsed_page(built.outdir / "natives.html").select_one("#organisation-aa .briefing-native-name")
    assert native is not None and native.get_text() == "Auswärtiges Amt" and not native.get("lang")


def test_native_names_are_set_right_to_left_in_the_pdf(tmp_path: Path) -> None:
    """Point 10 in LaTeX: the Arabic and Hebrew names go through the right-to-left script runs."""
    src = copy_root("basic", tmp_path)
    (src / "natives.md").write_text(NATIVE_NAMES, encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nnatives\n", 1), encoding="utf-8")
    _append(src / "conf.py", "latex_engine = 'lualatex'\n")
    built = build(src, "latex")
    tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\briefingscript{arab}{عبد الفتاح السيسي}" in tex
    assert r"\briefingscript{hebr}{יואב גלנט}" in tex


# -- 13. Japanese search: the query segmented as the index is ---------------------------------------------


@pytest.fixture
def japanese_book(germany_japan_editions: tuple[Path, dict[str, str]]) -> Path:
    """The book's Japanese edition, HTML, as ``make html LANGUAGE=ja`` builds it (``-W -n``): the
    run's shared build of the edition, which the other edition tests read too."""
    base, _ = germany_japan_editions  # (each edition's build is asserted clean there)
    return SHELF[GERMANY_JAPAN].html(base, "ja")


@pytest.mark.parametrize(("query", "expected_page"), [
    ("貿易代表団", ""), ("経済界代表団", "delegations/germany"), ("経済安全保障", ""), ("政府間協議", ""),
])
def test_a_japanese_compound_query_finds_the_book(japanese_book: Path, browser: object, query: str,
                                                  expected_page: str) -> None:
    """Point 13 in Chromium on the Japanese edition: Sphinx's search page, given a compound word that
    the book's text contains only inside longer runs, lists pages (and the page that has it)."""
    import functools
    import http.server
    import threading
    from urllib.parse import quote

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(japanese_book)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html?q={quote(query)}")
        page.wait_for_function("document.querySelector('#search-results p.search-summary, #search-results h2')",
                               timeout=20000)
        page.wait_for_timeout(500)
        hits = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.getAttribute('href'))")
        assert hits, f"no result for {query}"
        if expected_page:
            assert any(h.split("?")[0].split("#")[0].removesuffix(".html") == expected_page for h in hits), hits
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_the_japanese_splitter_is_sphinxs_own(tmp_path: Path) -> None:
    """The query splitter is the index's: on Sphinx's own test sentences and the book's compounds, the
    page's JavaScript (run in Node) segments exactly as sphinx.search.ja.DefaultSplitter does."""
    import json
    import shutil
    import subprocess

    from conftest import require_tool
    from sphinx.search.ja import DefaultSplitter
    from sphinx_briefing.outputs.search import japanese_splitter_script

    require_tool("node")  # .ci/run installs Node for the HTML validators
    node = shutil.which("node") or "node"
    script = tmp_path / "splitter.js"
    script.write_text(japanese_splitter_script(), encoding="utf-8")
    samples = ["貿易代表団", "経済界代表団", "経済安全保障", "日独政府間協議", "私はその人を常に先生と呼んでいた",
               "ドイツ側は、このほかハイレベルの経済界代表団を伴った", "東京都の岸田文雄総理大臣"]
    proc = subprocess.run([str(node), "-e", f"global.window = global; require({json.dumps(str(script))});"
                           f"console.log(JSON.stringify({json.dumps(samples, ensure_ascii=False)}.map(window.splitQuery)))"],
                          capture_output=True, text=True, check=True)
    splitter = DefaultSplitter({})
    expected = [[w for t in sample.replace("、", " ").split() for w in splitter.split(t) if len(w) > 1]
                for sample in samples]
    assert json.loads(proc.stdout) == expected


def test_a_line_separator_inside_conf_py_does_not_shift_the_warning_line(tmp_path: Path) -> None:
    """Point 14's kind in conf.py: a U+2028 inside a string is no line end for Python, so a later
    setting's warning names the line Python (and the author's editor) counts."""
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    _append(conf, 'briefing_venue = "Tokyo\u2028Kantei"\nbriefing_citation_style = "nope"\n')
    line = conf.read_text(encoding="utf-8").split("\n").index('briefing_citation_style = "nope"') + 1
    built = build(src, "html")
    ours = [w for w in built.warnings.splitlines() if "briefing_citation_style" in w]
    assert len(ours) == 1 and ours[0].startswith(f"{conf}:{line}: WARNING:"), ours


def test_a_native_name_equal_to_the_name_as_read_is_not_repeated(tmp_path: Path) -> None:
    """Point 7's rule for native names: one typed in NFD is the name itself, not shown twice."""
    src = copy_root("basic", tmp_path)
    (src / "natives.md").write_text(
        f"# N\n\n```{{person}} mueller\n:name: Jürgen Müller\n:role: R\n:native-name: {_nfd('Jürgen Müller')}\n```\n",
        encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nnatives\n", 1), encoding="utf-8")
    built = build(src, "html")
    soup = parsed_page(built.outdir, "natives")
    card = soup.find(id="person-mueller")
    assert card is not None and card.select(".briefing-native-name") == []


def test_every_own_name_in_the_book_carries_a_language(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    """Point 10 on every book: no own name is left without a language; in the Germany-Japan book the
    German ministries' own names are ``lang="de"`` (declared with ``:native-language:``), the Japanese
    ones ``ja``."""
    outdir, _ = book_html
    names = {(n.get_text(), n.get("lang")) for page in sorted(outdir.rglob("*.html"))
             for n in parsed_page(page).select(".briefing-native-name")}
    if shelf_book.id == GERMANY_JAPAN:
        assert ("Auswärtiges Amt", "de") in names and ("岸田文雄", "ja") in names
    assert all(lang for _, lang in names), sorted(n for n in names if not n[1])
