"""The reader's book (issue 22), read back from the built HTML, EPUB and the manual's own build.

What a policy officer hands a principal: no toolkit manual in the briefing, a handling line and who
prepared the book on every page, no wall of "not stated", the map first on "Who met whom", inline
figures in the body's type. The PDF side of the same points is in ``test_pdf.py`` (its ``book``
fixture builds the PDF once per session). Every test runs over every book of the shelf, save those
of the guide (which stands beside the Germany-Japan book) and of that book's own tables and map.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from conftest import (
    DOCS,
    GERMANY_JAPAN,
    ShelfBook,
    build,
    copy_root,
    make_book,
    parsed_page,
    require_tool,
)
from pdfarchive import cjk_subsets, pdfa_problems, text_layer_problems

#: The guide's own docname (an orphan page beside the book).
GUIDE = "authoring-guide"


def _conf() -> dict[str, Any]:
    """docs/conf.py as Sphinx reads it (the book's settings, written once there)."""
    namespace: dict[str, Any] = {"__file__": str(DOCS / "conf.py"), "tags": _NoTags()}
    exec(compile((DOCS / "conf.py").read_text(encoding="utf-8"), str(DOCS / "conf.py"), "exec"), namespace)
    return namespace


class _NoTags:
    def has(self, tag: str) -> bool:
        return False


def _printed(value: Any) -> str:
    """A date setting as the English book prints it (``6 December 2026``), or its text."""
    return f"{value.day} {value:%B %Y}" if hasattr(value, "strftime") else str(value)


def _pages(root: Path) -> list[Path]:
    """The book's own pages (not Sphinx's search and index pages, not the guide)."""
    return [p for p in sorted(root.rglob("*.html"))
            if "_static" not in p.parts and p.name not in {"search.html", "genindex.html"}
            and p.stem != GUIDE]


def _article(page: Path, *, private: bool = False) -> Any:
    soup = parsed_page(page, private=private)
    return soup.select_one("article") or soup


# -- 1. The manual leaves the book ------------------------------------------------------------------


def test_the_guide_is_in_no_navigation_of_the_book(germany_japan_html: tuple[Path, str]) -> None:
    """Not in the contents, the sidebar, the index page or search; linked once, from "About" (of the
    Germany-Japan book, which carries the guide beside it)."""
    root, _ = germany_japan_html
    assert (root / f"{GUIDE}.html").is_file()  # its own HTML entry point, beside the book
    linking = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8").count(f'{GUIDE}.html')
               for p in _pages(root)}
    assert {page: n for page, n in linking.items() if n} == {"about.html": 1}
    index = (root / "genindex.html").read_text(encoding="utf-8")
    assert f"{GUIDE}.html" not in index
    # Search: Sphinx keeps the page's name but neither its title nor any of its words.
    search = (root / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(search[search.index("(") + 1:search.rindex(")")])
    position = data["docnames"].index(GUIDE)
    assert data["titles"][position] == ""
    assert not any(position == p or (isinstance(p, list) and position in p) for p in data["terms"].values())


def test_the_epub_holds_no_page_of_the_guide(book_epub: tuple[Path, str], shelf_book: ShelfBook) -> None:
    epub, _ = book_epub
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        pages = " ".join(archive.read(n).decode("utf-8") for n in names if n.endswith((".xhtml", ".opf", ".ncx")))
    assert not [n for n in names if GUIDE in n]
    assert GUIDE not in pages and "Authoring guide" not in pages
    # EPUB carries the handling and preparation as metadata.
    conf = shelf_book.conf
    opf = next(n for n in names if n.endswith(".opf"))
    with zipfile.ZipFile(epub) as archive:
        metadata = archive.read(opf).decode("utf-8")
    assert conf["briefing_handling"] in metadata and conf["briefing_reference"] in metadata


def test_the_guide_builds_on_its_own_as_a_pdf(tmp_path: Path) -> None:
    """`make manual`: the guide is the LaTeX root, with its own title and none of the book's pages."""
    require_tool("lualatex", "latexmk", "pdftotext")
    out = tmp_path / "manual"
    proc = make_book("manual", f"BUILDDIR={tmp_path}")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    pdf = out / "latex" / "sphinx-briefing-authoring-guide.pdf"  # (beside it: the map's own PDF)
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "authoring guide" in text.lower() and "sphinx-briefing new" in text
    assert _conf()["briefing_handling"] not in text  # the book's handling line is the book's
    # A PDF this project makes, so archival and searchable as the book's is (issue 26).
    assert pdfa_problems(pdf, language="en") == []
    assert text_layer_problems(pdf) == []
    # The guide's kanji examples come from its own subsets of Noto CJK (outputs/latex/cjk.py), and
    # none is missing.
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "NotoSerifCJKjp-Regular" in cjk_subsets(log) and "Missing character" not in log


# -- 2. Handling and preparation on every HTML page ------------------------------------------------------


def test_navigation_captions_are_headings_with_a_level(book_html: tuple[Path, str]) -> None:
    """Every page's navigation captions (the sidebar's toctree captions) are headings a screen reader
    can place: ``role="heading"`` with ``aria-level`` (Sphinx writes the role alone, which WAI-ARIA 1.2
    does not allow; sphinx-doc/sphinx#14030)."""
    root, _ = book_html
    captions = 0
    for page in [*_pages(root), root / "search.html", root / "genindex.html"]:
        for heading in parsed_page(page, hovers=False).select('[role="heading"]'):
            captions += 1
            assert heading.get("aria-level") == "2", (page.name, str(heading)[:120])
    assert captions, "no caption heading: the test reads nothing"


def test_every_page_carries_the_handling_line_top_and_foot(book_html: tuple[Path, str],
                                                          shelf_book: ShelfBook) -> None:
    root, _ = book_html
    conf = shelf_book.conf
    handling = conf["briefing_handling"]
    guide = [root / f"{GUIDE}.html"] if shelf_book.id == GERMANY_JAPAN else []
    for page in [*_pages(root), *guide]:
        article = _article(page, private=True)
        lines = [p.get_text(strip=True) for p in article.select(".briefing-handling")]
        assert lines == [handling, handling], page
        # The top one comes before the page's heading, the other after its last word (the print
        # header, hidden on screen, aside).
        for hidden in article.select(".briefing-print-header"):
            hidden.decompose()
        text = article.get_text(" ", strip=True)
        assert text.startswith(handling) and text.endswith(handling), page
        preparation = article.select_one(".briefing-preparation").get_text(strip=True)
        assert conf["briefing_reference"] in preparation and _printed(conf["briefing_prepared_on"]) in preparation
        assert (conf.get("briefing_prepared_by") or conf["author"]) in preparation
        assert _printed(conf["briefing_information_as_of"]) in preparation


def test_briefing_json_carries_the_book_settings(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    data = json.loads((book_html[0] / "briefing.json").read_text(encoding="utf-8"))
    conf = shelf_book.conf
    assert data["book"] == {
        "handling": conf["briefing_handling"],
        "prepared_on": _printed(conf["briefing_prepared_on"]),
        "prepared_by": conf.get("briefing_prepared_by") or conf["author"],
        "reference": conf["briefing_reference"],
        "information_as_of": _printed(conf["briefing_information_as_of"]),
    }


# -- 3. An economy of absence ----------------------------------------------------------------------------


def test_not_stated_at_most_five_times_on_any_page(book_html: tuple[Path, str]) -> None:
    root, _ = book_html
    counts = {p.relative_to(root).as_posix(): len(re.findall(r"not\s+stated", _article(p).get_text(" "), re.I))
              for p in _pages(root)}
    assert max(counts.values()) <= 5, counts
    # Before issue 22 "Who met whom" said it 49 times and the book 127 times.
    assert sum(counts.values()) <= 10, counts


#: Notes the review of 6 December 2026 found addressed to the book's editor rather than its reader
#: (issue 23, point 3): conventions of wording, of spelling, of how the book was made.
EDITOR_NOTES = (r"the card says so", r"article writes", r"words? (a title )?differently", r"the British way",
                r"not stated in the source", r"fact sheet gives", r"not computed from",
                r"every build is checked")


def test_no_page_speaks_to_the_editor(book_html: tuple[Path, str]) -> None:
    """The briefing's pages (not the manual) read as a reader's text: none of the editor's notes the
    review found comes back; how the book was made is said once, in "About this book". ("What
    changed" is left out: it shows the previous edition's words beside the new ones.)"""
    root, _ = book_html
    # Each page's words once (they were parsed again for each of the notes).
    texts = {p.relative_to(root).as_posix(): " ".join(_article(p).get_text(" ").split())
             for p in _pages(root) if p.stem != "changes"}
    found = {(page, m.group(0)) for page, text in texts.items()
             for pattern in EDITOR_NOTES for m in re.finditer(pattern, text, re.I)}
    assert found == set()


def test_listings_drop_empty_and_constant_columns(germany_japan_html: tuple[Path, str]) -> None:
    """Read on the Germany-Japan book's tables, whose empty and constant columns are known."""
    root, _ = germany_japan_html
    who = _article(root / "who-is-who.html")
    # No Japanese minister's organisation is in the sources: the column goes, said once.
    japan = who.select("table")[1]
    assert [th.get_text(strip=True) for th in japan.select("th")] == ["Name", "Role", "Counterpart"]
    assert "Not in our sources: Organisation." in who.get_text(" ", strip=True)
    meetings = _article(root / "delegations" / "meetings.html")
    headers = [[th.get_text(strip=True) for th in t.select("th")] for t in meetings.select(".briefing-agenda table")]
    assert "Stage" not in headers[0] and "Time" not in headers[1]  # (an event's progress: "Stage", issue 24.4)
    assert "Stage, in every row: held." in meetings.get_text(" ", strip=True)


def test_a_card_shows_only_the_fields_the_sources_give(book_html: tuple[Path, str]) -> None:
    root, _ = book_html
    for page in _pages(root):
        for card in _article(page).select(".briefing-object"):
            fields = [dd.get_text(" ", strip=True) for dd in card.select("dd")]
            assert "not stated" not in fields, (page.name, card.get("id"))


# -- 4. Inline figures in the body's type ----------------------------------------------------------------


def test_an_inline_figure_is_set_in_the_body_type(tmp_path: Path, browser: Any) -> None:
    root = copy_root("relations-md", tmp_path)
    built = build(root, builddir=tmp_path / "b")
    assert built.returncode == 0, built.warnings
    page = browser.new_page()
    try:
        page.goto((built.outdir / "index.html").as_uri())
        sizes = page.eval_on_selector_all(
            "p .briefing-ref-fact",
            "els => els.map(e => [getComputedStyle(e).fontSize, getComputedStyle(e.closest('p')).fontSize,"
            " getComputedStyle(e).color, getComputedStyle(e.closest('p')).color])",
        )
    finally:
        page.close()
    assert sizes, "the root holds no inline figure: the check would prove nothing"
    assert all(size == parent for size, parent, _, _ in sizes), sizes


# -- 7. Who met whom, map first ---------------------------------------------------------------------------


def test_who_met_whom_opens_with_the_map_and_shows_each_meeting_once(germany_japan_html: tuple[Path, str]) -> None:
    """The Germany-Japan book's meetings page, its map's names and offices."""
    root, _ = germany_japan_html
    article = _article(root / "delegations" / "meetings.html")
    section = article.select_one("section")
    first = next(c for c in section.find_all(recursive=False) if c.name not in {"h1", "span", "p"}
                 or "briefing-map" in " ".join(c.get("class") or []))
    assert "briefing-map" in " ".join(first.get("class") or []) or first.select_one(".briefing-map"), first
    # Each box names the person's office under the name.
    svg = article.select_one(".briefing-map svg")
    text = " ".join(svg.get_text(" ").split())
    assert "Olaf Scholz" in text and "Federal Chancellor" in text and "Prime Minister" in text
    # One programme table per date group, and no second table of the same meetings.
    # (Other tables may follow it: the agreements made, whose rows are agreements, not meetings.)
    tables = [t for t in article.select("table") if not t.find_parent(class_="briefing-agenda")]
    assert not [t for t in tables if t.select('td:first-child a[href*="#event-"]')], "a meeting outside the programme"
