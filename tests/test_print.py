"""Print typography on a small root (tests/roots/test-print): complex scripts, attributions, URLs.

Native names in Devanagari, Arabic (right to left) and Hangul are printed by LuaLaTeX and compared, as
images, with the same text shaped by HarfBuzz's own ``hb-view`` in the same font.

Tolerance: both images are cropped to their ink and laid on a 120 x 24 grid; the PDF's rendering
matches when the ink boxes' aspect ratios differ by at most 8 % and the mean absolute difference of
ink per cell is at most 0.15. Measured: 0.04-0.10 for correctly shaped names; an unshaped rendering
(hb-view's fallback shaper: no conjuncts, unjoined Arabic) measures 0.21-0.34 and Arabic set left to
right 0.19, so the check fails on exactly the faults it is there for (see the negative controls).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    BOOK_BUILDS,
    CHROMIUM,
    GERMANY_JAPAN,
    REPO,
    ROOTS,
    SHELF,
    ShelfBook,
    build,
    in_own_browser,
    parsed_page,
    pdftotext,
    require_tool,
    shared,
    shared_build,
)
from glyphimage import Gray, difference, render_pdf_region, render_shaped
from pdfarchive import cjk_subsets

ROOT = ROOTS / "test-print"
TOOLS = ("lualatex", "latexmk", "pdftotext", "pdftoppm", "hb-view", "fc-match")
MAX_ASPECT, MAX_INK = 0.08, 0.15

#: (Latin name as printed before it, native name, the font fonts-lualatex.tex sets it in)
NAMES = [
    ("Narendra Modi", "नरेन्द्र मोदी", "Noto Serif Devanagari:style=Regular"),
    ("Mohammed bin Salman", "محمد بن سلمان", "Noto Naskh Arabic:style=Regular"),
    ("Yoon Suk Yeol", "윤석열", "Noto Serif CJK JP:style=Regular"),
]


@pytest.fixture(scope="module")
def print_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_tool(*TOOLS)
    built = build(ROOT, "latex", builddir=tmp_path_factory.mktemp("print"), options=("-W",))
    assert built.returncode == 0, built.warnings
    out = built.outdir
    make = subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
                           "print.tex"], capture_output=True, text=True, cwd=out, check=False)
    log = (out / "print.log").read_text(encoding="utf-8", errors="replace")
    assert make.returncode == 0, make.stdout[-3000:] + log[-3000:]
    return out / "print.pdf", log


def _font(pattern: str) -> tuple[str, int]:
    out = subprocess.run(["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True,
                         check=True).stdout
    file, index = out.split("|")
    return file, int(index)


def _native_name_image(pdf: Path, latin: str, *, tallest: bool = False) -> Gray:
    """The part of a line right of the Latin words opening it: the native name, as printed.

    The first such line, or with *tallest* the one in the largest type (a heading, not its entry in
    the contents or the running head).
    """
    found: list[tuple[float, int, tuple[float, float, float, float]]] = []
    pages = re.findall(r"<page [^>]*>(.*?)</page>", pdftotext(pdf, "-bbox-layout"), re.S)
    for page, xml in enumerate(pages, start=1):
        for line in re.findall(r"<line (.*?)</line>", xml, re.S):
            words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                               line)
            texts = [w[2] for w in words]
            n = len(latin.split())
            if texts[:n] == latin.split() and len(texts) > n:
                _, y0, x1, y1 = map(float, re.findall(r'[xy]M(?:in|ax)="([\d.]+)"', line)[:4])
                box = (float(words[n - 1][1]) + 1, y0 - 2, x1 + 2, y1 + 2)
                if not tallest:
                    return render_pdf_region(pdf, page, box)
                found.append((y1 - y0, page, box))
    if not found:
        raise AssertionError(f"no line starting with {latin!r} and followed by more text")
    _, page, box = max(found, key=lambda f: f[0])
    return render_pdf_region(pdf, page, box)


def test_the_pdf_compiles_without_missing_characters(print_pdf: tuple[Path, str]) -> None:
    pdf, log = print_pdf
    assert [line for line in log.splitlines() if "Missing character" in line] == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for family in ("NotoSerifDevanagari", "NotoNaskhArabic", "NotoSerifCJK"):
        assert family in fonts, fonts
    # The Hangul comes from the document's own subsets of Noto CJK (outputs/latex/cjk.py), and is
    # shaped as the whole face shapes it (test_native_names_are_shaped_like_harfbuzz compares).
    assert {"NotoSerifCJKjp-Regular", "NotoSansCJKjp-Bold"} <= set(cjk_subsets(log)), log[-3000:]


def test_script_families_are_defined_for_the_scripts_the_document_has(print_pdf: tuple[Path, str]) -> None:
    """fonts-lualatex.tex defines a complex script's HarfBuzz families only when the document has a
    character of it (briefing-fonts.lua decides, from the document as Sphinx wrote it): the root's
    Devanagari and Arabic names get theirs (their Noto fonts are in the PDF,
    test_the_pdf_compiles_without_missing_characters), and Hebrew, which the root lacks, none."""
    pdf, log = print_pdf
    scripts = set(re.findall(r"\\briefingscript\{(\w+)\}", pdf.with_suffix(".tex").read_text(encoding="utf-8")))
    assert scripts == {"deva", "arab"}
    assert "briefing: script fonts defined for: arab, deva" in log


def test_latexmk_repeats_no_pass_for_the_font_lookup_cache(print_pdf: tuple[Path, str]) -> None:
    """The script families look their fonts up by name (\\IfFontExistsTF, fontspec), so luaotfload
    reads its lookup cache, which any LuaLaTeX run on the machine may rewrite: latexmk's record lists
    it with the digest of no content (the latexmkrc the build wrote, outputs/assets.py), as
    test_pdf's test_latexmk_repeats_no_pass_for_a_font_cache checks every cache of the books."""
    pdf, _ = print_pdf
    record = pdf.with_suffix(".fdb_latexmk").read_text(encoding="utf-8")
    caches = dict(re.findall(r'^\s+"([^"]+\.luc)" \S+ \S+ (\S+) ', record, re.M))
    lookup = [path for path in caches if path.endswith("luaotfload-lookup-cache.luc")]
    assert lookup, sorted(caches)
    assert {caches[path] for path in lookup} == {hashlib.md5(b"").hexdigest()}


def test_the_script_ranges_of_the_writer_and_the_font_setup_agree() -> None:
    """The characters for which typesetting.py wraps a run in \\briefingscript{<tag>} are those for
    which briefing-fonts.lua has fonts-lualatex.tex define the script's families: a run of a script
    whose families were left out would keep the current font."""
    from sphinx_briefing.outputs.latex.typesetting import SCRIPTS

    lua = (REPO / "_ext" / "sphinx_briefing" / "outputs" / "latex" / "briefing-fonts.lua").read_text(encoding="utf-8")
    table = re.search(r"^local scripts = \{\n(.*?)^\}", lua, re.M | re.S)
    assert table is not None
    in_lua = {tag: [(int(a, 16), int(b, 16)) for a, b in re.findall(r"\{0x(\w+), 0x(\w+)\}", ranges)]
              for tag, ranges in re.findall(r"^\s*(\w+) = \{(.*)\},$", table[1], re.M)}
    in_python = {tag: [(ord(a), ord(b)) for a, b in re.findall(r"(.)-(.)", chars, re.S)] for tag, chars in SCRIPTS.items()}
    assert in_lua == in_python


@pytest.mark.parametrize(("latin", "native", "font"), NAMES, ids=["devanagari", "arabic", "hangul"])
def test_native_names_are_shaped_like_harfbuzz(print_pdf: tuple[Path, str], latin: str, native: str,
                                               font: str) -> None:
    pdf, _ = print_pdf
    file, index = _font(font)
    printed = _native_name_image(pdf, latin)
    aspect, ink = difference(printed, render_shaped(native, file, index))
    assert (aspect, ink) <= (MAX_ASPECT, 1.0) and ink <= MAX_INK, (aspect, ink)


#: Names inside a chapter title and a rubric (sans bold, briefing-print.sty's headings): the title's
#: Latin words that open the line, the name, the font the heading sets it in. (Contents and running
#: heads open with a number or "Chapter 1.", so the match is the heading itself.)
HEADINGS = [
    ("Visit of", "नरेन्द्र मोदी", "Noto Sans Devanagari:style=Bold"),
    ("Remarks by", "محمد بن سلمان", "Noto Sans Arabic:style=Bold"),
    ("Talks with", "윤석열", "Noto Sans CJK JP:style=Bold"),
]


@pytest.mark.parametrize(("latin", "native", "font"), HEADINGS, ids=["title-devanagari", "rubric-arabic",
                                                                    "title-hangul"])
def test_names_in_headings_are_shaped_like_harfbuzz(print_pdf: tuple[Path, str], latin: str, native: str,
                                                    font: str) -> None:
    pdf, _ = print_pdf
    file, index = _font(font)
    printed = _native_name_image(pdf, latin, tallest=True)
    aspect, ink = difference(printed, render_shaped(native, file, index))
    assert aspect <= MAX_ASPECT and ink <= MAX_INK, (aspect, ink)
    # Negative control: the same heading unshaped (what node mode printed) is out of tolerance.
    if "CJK" not in font:  # Hangul was shaped before (the CJK fallback runs in HarfBuzz mode)
        aspect, ink = difference(printed, render_shaped(native, file, index, "--shapers=fallback"))
        assert aspect > MAX_ASPECT or ink > MAX_INK, (aspect, ink)


def test_names_in_headings_reach_contents_and_bookmarks_as_text(print_pdf: tuple[Path, str]) -> None:
    """The heading's script switch is robust: the contents and the PDF outline hold the names as text."""
    from pypdf import PdfReader

    pdf, _ = print_pdf
    outline = [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]
    assert "Visit of नरेन्द्र मोदी" in outline and "Talks with 윤석열" in outline, outline
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for family in ("NotoSansDevanagari-Bold", "NotoSansArabic-Bold", "NotoSansCJKjp-Bold"):
        assert family in fonts, fonts


@pytest.mark.parametrize(("latin", "native", "font", "broken"), [
    (*NAMES[0], ("--shapers=fallback",)),  # no conjuncts, viramas shown
    (*NAMES[1], ("--shapers=fallback",)),  # letters not joined
    (*NAMES[1], ("--direction=ltr",)),  # right-to-left text set left to right
], ids=["devanagari-unshaped", "arabic-unshaped", "arabic-ltr"])
def test_the_comparison_rejects_broken_shaping(print_pdf: tuple[Path, str], latin: str, native: str,
                                               font: str, broken: tuple[str, ...]) -> None:
    """Negative control: what the PDF printed before HarfBuzz shaping is out of tolerance."""
    pdf, _ = print_pdf
    file, index = _font(font)
    printed = _native_name_image(pdf, latin)
    aspect, ink = difference(printed, render_shaped(native, file, index, *broken))
    assert aspect > MAX_ASPECT or ink > MAX_INK, (aspect, ink)


def test_attribution_has_an_em_dash(print_pdf: tuple[Path, str]) -> None:
    pdf, _ = print_pdf
    text = pdftotext(pdf)
    assert "\u2014Narendra Modi" in text
    assert "---" not in text


def test_a_long_url_breaks_in_its_path_only(print_pdf: tuple[Path, str]) -> None:
    pdf, _ = print_pdf
    text = pdftotext(pdf, "-raw")
    url = re.search(r":url:\s*(\S+)", (ROOT / "index.md").read_text(encoding="utf-8"))
    assert url
    # Printed twice (source card, narrow table cell): each time broken only after a "/" of the path.
    lines = [line.strip()[line.find("https:"):] if "https:" in line else line.strip()
             for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line.startswith("https:")]
    assert len(starts) == 2, lines
    for i in starts:
        parts = [lines[i]]
        while "".join(parts) != url.group(1):
            assert url.group(1).startswith("".join(parts)), parts
            assert parts[-1].endswith("/"), parts  # broken after a path separator
            parts.append(lines[i + len(parts)])
        assert parts[0].startswith("https://deccanchronicle.com/"), parts  # scheme and host whole


# -- One typography everywhere --------------------------------------------------------------------

#: The root's strings with quotes, apostrophes and a dash; "." stands for whichever character is printed.
TYPO_PATTERNS = {
    "name": r'Anna .Annie. O.Brien',  # card, references, hover cards, listings, quotations page, json
    "quote": r'We.ll say .yes. .{1,2} it.s the ambassador.s view',  # quote card, quotations page, json
    "label": r'The .core. share .{1,2} the ambassador.s estimate',  # fact card, key figures, hover card
}
_L, _R, _APOS, _EN = "\u201c", "\u201d", "\u2019", "\u2013"  # English smart quotes, en dash for "--"
EDUCATED = {
    "name": f"Anna {_L}Annie{_R} O{_APOS}Brien",
    "quote": f"We{_APOS}ll say {_L}yes{_R} {_EN} it{_APOS}s the ambassador{_APOS}s view",
    "label": f"The {_L}core{_R} share {_EN} the ambassador{_APOS}s estimate",
}
RAW = {
    "name": "Anna \"Annie\" O'Brien",
    "quote": "We'll say \"yes\" -- it's the ambassador's view",
    "label": "The \"core\" share -- the ambassador's estimate",
}


def _variants(text: str) -> dict[str, list[str]]:
    text = " ".join(text.replace("&quot;", '"').replace("&#39;", "'").split())
    return {key: re.findall(pattern, text) for key, pattern in TYPO_PATTERNS.items()}


@pytest.mark.parametrize(("builder", "smartquotes", "expected"), [
    ("html", True, EDUCATED),
    ("html", False, RAW),
    ("text", True, RAW),  # Sphinx's smartquotes_excludes leave the text builder straight
], ids=["html-smartquotes", "html-no-smartquotes", "text-builder"])
def test_same_quotes_and_dashes_everywhere(tmp_path: Path, builder: str, smartquotes: bool,
                                           expected: dict[str, str]) -> None:
    from conftest import copy_root

    built = build(copy_root("print", tmp_path), builder,
                  confoverrides={"smartquotes": smartquotes, "briefing_json_builders": ["html", "text"]})
    out, warnings = built.outdir, built.warnings
    assert "WARNING" not in warnings, warnings
    pages = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob(f"*.{'html' if builder == 'html' else 'txt'}")))
    found = _variants(pages)
    display = json.loads((out / "briefing.json").read_text(encoding="utf-8"))["objects"]
    found["name"] += _variants(display["person"]["obrien"]["display"])["name"]
    found["quote"] += [v for q in display["quote"].values() for v in _variants(q["display"])["quote"]]
    assert {key: sorted(set(values)) for key, values in found.items()} == {k: [v] for k, v in expected.items()}
    if builder == "html":
        # Card, reference, its hover title, who-is-who, quotations page (speaker), json display ...
        assert len(found["name"]) >= 6, found["name"]
        # ... quote card, quotations page, its hover title, json display
        assert len(found["quote"]) >= 4, found["quote"]


def test_same_quotes_and_dashes_in_the_pdf(print_pdf: tuple[Path, str]) -> None:
    pdf, _ = print_pdf
    text = pdftotext(pdf)
    found = _variants(text)
    assert {key: sorted(set(values)) for key, values in found.items()} == {k: [v] for k, v in EDUCATED.items()}
    assert len(found["name"]) >= 4  # card, reference, who-is-who, quotations page


# -- HTML pages printed by Chromium ---------------------------------------------------------------

#: Screen furniture that must not be printed (furo's, and the hover card's).
SCREEN_ONLY = ("Skip to content", "On this page", "Made with Sphinx", "Back to top", "Toggle site navigation sidebar",
               "Hide navigation sidebar", "Search")
BOXES = ("div.briefing-object:not(.briefing-pillar)", "div.briefing-person", "div.briefing-fact", "div.briefing-source", "blockquote.briefing-quote",
         "div.sd-card", "div.briefing-pillar-banner")


def _print_pages(html: Path, target: Path, browser: Any) -> dict[str, str]:
    """Every page of the book in *html* printed to PDF by Chromium into *target*: {page: file name}.

    Playwright's ``page.pdf`` is the DevTools call that ``chromium --headless --print-to-pdf`` makes,
    with the print media, the page size and margins of the print stylesheet (``@page``) and no header
    or footer; on all 22 pages of the Germany-Japan book it gave the same text and page count as the
    command line, in one browser instead of one per page.
    """
    printed = {}
    context = browser.new_context()
    page = context.new_page()
    try:
        for source in sorted(html.rglob("*.html")):
            name = source.relative_to(html).as_posix()
            if name.startswith(("_", "search", "genindex")):
                continue
            printed[name] = name.replace("/", "--") + ".pdf"
            page.goto(source.as_uri(), wait_until="load")
            page.pdf(path=str(target / printed[name]), prefer_css_page_size=True)
    finally:
        context.close()
    return printed


def _printed_book(book: ShelfBook) -> Callable[[Path], dict[str, Any]]:
    """A *produce* for :func:`conftest.shared_build`: *book*'s shared HTML, printed page by page."""

    def produce(directory: Path) -> dict[str, Any]:
        html = directory.parent / BOOK_BUILDS[book.id][0].key / "html"
        return {"pages": in_own_browser(functools.partial(_print_pages, html, directory))}

    return produce


#: Each book's pages printed by Chromium, once per run (started early, after the book's HTML).
PRINTED = {book.id: shared_build(f"printed-{book.id}", _printed_book(book), tools=(CHROMIUM, "pdftotext"),
                                 fixtures=(f"printed_pages[shelf_book={book.id}]",), needs=(BOOK_BUILDS[book.id][0],),
                                 minutes=0.5 if book.id == GERMANY_JAPAN else 0.3)
           for book in SHELF.values()}


def _squash(text: str) -> str:
    text = re.sub(r"[\s\u00ad]+", "", text)
    return re.sub(r"<https?:[^>]*>", "", text)  # external link targets the print stylesheet writes out


@pytest.fixture(scope="session")
def printed_pages(shelf_book: ShelfBook, book_html: tuple[Path, str],
                  tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each book's pages (but the search page and the index) as Chromium prints them: {page: PDF}."""
    directory, record = shared(tmp_path_factory, PRINTED[shelf_book.id])
    return {name: directory / file for name, file in record["pages"].items()}


@pytest.mark.slow
def test_printed_pages_have_no_sidebar_search_or_navigation(book_html: tuple[Path, str],
                                                            printed_pages: dict[str, Path]) -> None:
    out, _ = book_html
    problems = []
    for name, pdf in printed_pages.items():
        soup = parsed_page(out, name)
        article = soup.select_one("article")
        assert article is not None
        body = " ".join(article.get_text(" ").split())
        printed = " ".join(pdftotext(pdf).split())
        # The sidebar's entries that the article itself does not mention, and the theme's own labels.
        sidebar = [a.get_text(" ", strip=True) for a in soup.select(".sidebar-tree a")]
        leaked = [s for s in (*sidebar, *SCREEN_ONLY) if s and s not in body and s in printed]
        if leaked:
            problems.append(f"{name}: {leaked}")
        # The running line: the book's title and where the page was printed from.
        if not printed.startswith(soup.select_one(".briefing-print-title").get_text()):  # type: ignore[union-attr]
            problems.append(f"{name}: no running line with the book's title at the top")
    assert problems == []


@pytest.mark.slow
def test_printed_cards_are_not_split(book_html: tuple[Path, str], shelf_book: ShelfBook,
                                     printed_pages: dict[str, Path]) -> None:
    """Each box's first and last words print on the same page (every box of the book fits on one)."""
    out, _ = book_html
    checked, split = 0, []
    for name, pdf in printed_pages.items():
        soup = parsed_page(out, name, private=True)
        pages = [_squash(page) for page in pdftotext(pdf, "-raw").split("\f")[:-1]]
        # Sphinx's note brackets ("[1]") are for screen readers and plain text: the page, and so
        # the print, shows the bare number.
        for bracket in soup.select(".fn-bracket"):
            bracket.decompose()
        for box in soup.select(", ".join(BOXES)):
            text = _squash(box.get_text(""))
            if len(text) < 40:
                continue
            head, tail = text[:20], text[-20:]
            on = [i for i, page in enumerate(pages) if head in page and tail in page[page.find(head):]]
            checked += 1
            if not on:
                split.append(f"{name}: {box.get_text(' ', strip=True)[:60]!r}")
    assert checked > (50 if shelf_book.id == GERMANY_JAPAN else 5)
    assert split == []


