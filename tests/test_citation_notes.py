"""Quiet citations (issue 22.5): ``briefing_citation_style = "notes"`` and first-mention links.

A citation in brackets becomes a muted superscript number, one per source and page in order of first
citation; the page's notes (docutils footnotes) give each source in full after its text, real
footnotes in the PDF. A person or organisation links at its first mention in a section only
(``briefing_first_mention_links``). Read from what a reader gets: the HTML, the LaTeX, the text.

The small book: sources ``alpha`` (page ``a``) and ``beta`` (page ``b``); page ``b`` cites them in
brackets, in a bracket with its own words, and once as a word of the sentence.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import EDITIONS, RootBuilds, build, one, parsed_page

A = """\
# A

```{source} alpha
:title: Alpha report on the consultations
:short: Alpha
:publisher: Alpha Publisher
:date: 2023-05-01
```

```{person} scholz
:name: Olaf Scholz
:role: Federal Chancellor
:status: likely
```

Alpha cites itself ({source}`alpha`).
"""

B = """\
# B

```{source} beta
:title: Beta release
:short: Beta
:publisher: Beta Ministry
```

## One

First: the talks took place ({source}`beta`). Then {person}`scholz` spoke
({source}`alpha`, {source}`beta`). {person}`scholz` spoke again, and {person}`scholz` once more.

It began at 16:30 (Tokyo time; {source}`alpha`). As {source}`beta` reports, the rest followed
({source}`beta`; see the programme).

| Who | Note |
|---|---|
| {person}`scholz` | in a table |

## Two

{person}`scholz` is named again in another section ({source}`alpha`).
"""


def write_book(srcdir: Path, *, first_mention: bool = True, extra_a: str = "") -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    conf = ('extensions = ["myst_parser", "sphinx_briefing"]\nbriefing_citation_style = "notes"\n'
            'briefing_status_marks = {"likely": "likely, single source"}\n')
    if first_mention:
        conf += 'briefing_first_mention_links = ["person", "organisation"]\n'
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.md").write_text("# Book\n\n```{toctree}\na\nb\nsources\n```\n", encoding="utf-8")
    (srcdir / "a.md").write_text(extra_a + A, encoding="utf-8")
    (srcdir / "b.md").write_text(B, encoding="utf-8")
    (srcdir / "sources.md").write_text("# Sources\n\n```{source-list}\n```\n", encoding="utf-8")
    return srcdir


def marks(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(number, the source its note links to) of each superscript mark, in reading order."""
    found = []
    for mark in page.select("a.briefing-note-ref"):
        note = page.find(id=str(mark["href"])[1:])
        assert isinstance(note, Tag), mark
        link = one(note, "a.briefing-source-ref")
        found.append((mark.get_text("", strip=True).strip("[]"), str(link["href"]).rpartition("#")[2]))
    return found


def text_of(node: Tag) -> str:
    return " ".join(node.get_text("", strip=False).split())


def test_citations_in_brackets_become_numbered_notes(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"))
    page = parsed_page(out, "b")
    # One number per source on the page, in order of first citation; the same source, the same number.
    assert marks(page) == [("1", "source-beta"), ("2", "source-alpha"), ("1", "source-beta"),
                           ("2", "source-alpha"), ("1", "source-beta"), ("2", "source-alpha")]
    # The bracket goes with its citations; a bracket's own words stay, the number after it.
    body = text_of(one(page, "section"))
    for expected in ("the talks took place[1].", "spoke[2],[1].", "(Tokyo time)[2].",
                     "the rest followed[1] (see the programme)."):
        assert expected in body, (expected, body)
    # A citation the sentence needs as a word stays the source's short label, a link.
    word = [a for a in page.select("p a.briefing-source-ref") if not a.find_parent("aside")]
    assert [a.get_text(strip=True) for a in word] == ["Beta"]
    assert "As Beta reports" in body


def test_the_notes_give_each_source_in_full_after_the_page(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"))
    page = parsed_page(out, "b")
    notes = page.select("aside.briefing-note")
    assert [text_of(n) for n in notes] == [
        "[1] Beta release. Beta Ministry.",
        "[2] Alpha report on the consultations. Alpha Publisher, 1 May 2023.",
    ]
    # The heading, then the notes, close the page's text; each title links to the source's entry.
    heading = page.select_one("p.rubric.briefing-notes-heading")
    assert heading is not None and heading.get_text(strip=True) == "Notes"
    assert [one(n, "a.briefing-source-ref")["href"] for n in notes] == ["#source-beta", "a.html#source-alpha"]
    # The number is muted and shows the full entry on hover (title, publisher, date).
    mark = page.select("a.briefing-note-ref")[1]
    assert mark["title"] == "Alpha report on the consultations · Alpha Publisher · 1 May 2023"
    assert "briefing-hover" in mark["class"]
    # (The page names the source by key; the text is in the book's hover-text file, which briefing.js reads.)
    written = parsed_page(out, "b", hovers=False).select("a.briefing-note-ref")[1]
    assert written["data-briefing-hover"] == "source:alpha" and not written.has_attr("title")
    # Page a numbers its own notes from 1.
    assert marks(parsed_page(out, "a")) == [("1", "source-alpha")]


def test_latex_sets_real_footnotes(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"), "latex")
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    b = tex[tex.index("First: the talks"):tex.index("named again")]
    # The first mark of a source is its footnote, later ones point to it (Sphinx's own footnotes).
    assert re.search(r"took place%?\n?\\begin\{footnote\}\[1\]\\sphinxAtStartFootnote\n*.*Beta release", b, re.S), b
    assert "\\sphinxfootnotemark[1]" in b and "\\begin{footnote}[2]" in b
    assert "Notes" not in b  # no heading: the notes stand at the foot of their pages
    # Page a numbers from 1 again.
    a = tex[tex.index("Alpha cites itself"):][:400]
    assert "\\begin{footnote}[1]" in a


def test_text_builder_numbers_and_lists_the_notes(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"), "text")
    text = (out / "b.txt").read_text(encoding="utf-8")
    assert "took place[1]." in text
    assert re.search(r"\[1\] Beta release\. Beta Ministry\.", text)


def test_numbers_are_the_pages_own_incrementally_and_in_parallel(tmp_path: Path) -> None:
    """A source added on page a (before alpha, renumbering the source list) leaves b's notes as they
    were; and ``-j 2`` gives the numbers ``-j 1`` gives."""
    src = write_book(tmp_path / "src")
    first = build(src, builddir=tmp_path / "inc")
    assert first.returncode == 0, first.warnings
    before = marks(parsed_page(first.outdir, "b"))
    time.sleep(0.01)
    write_book(src, extra_a="```{source} zero\n:title: Zero\n:short: Zero\n```\n\nZero ({source}`zero`).\n\n")
    second = build(src, builddir=tmp_path / "inc", fresh=False)
    assert second.returncode == 0, second.warnings
    assert marks(parsed_page(second.outdir, "b")) == before
    assert marks(parsed_page(second.outdir, "a")) == [("1", "source-zero"), ("2", "source-alpha")]
    results = {}
    for jobs in ("1", "2"):
        # -j 1 in this process, as the builds above (the numbers are the theme's alike); -j 2 needs
        # sphinx-build's own worker processes.
        built = build(src, builddir=tmp_path / f"j{jobs}", subprocess=jobs != "1", options=("-j", jobs))
        assert built.returncode == 0, built.warnings
        results[jobs] = {name: marks(parsed_page(built.outdir, name)) for name in ("a", "b")}
    assert results["1"] == results["2"] == {"a": marks(parsed_page(second.outdir, "a")), "b": before}


def test_a_name_links_at_its_first_mention_in_a_section(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"))
    page = parsed_page(out, "b")
    one, two = page.select("section section")
    prose = [p for p in one.find_all("p") if not p.find_parent("table")]
    links = [a for p in prose for a in p.select("a.briefing-person-ref")]
    plain = [s for p in prose for s in p.select("span.briefing-mention")]
    assert len(links) == 1 and len(plain) == 2
    # A later mention keeps its words and its status mark; only the link goes.
    assert all("Olaf Scholz" in s.get_text() and s.select_one(".briefing-status-mark") for s in plain)
    # A table is looked up, not read: its mention stays a link; a new section links again.
    assert one.select_one("table a.briefing-person-ref") is not None
    assert len(two.select("p a.briefing-person-ref")) == 1


def test_every_mention_links_without_the_setting(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", first_mention=False))
    one = parsed_page(out, "b").select("section section")[0]
    assert len([a for a in one.select("p a.briefing-person-ref") if not a.find_parent("table")]) == 3
    assert not one.select(".briefing-mention")


def test_the_uncited_check_still_sees_citations_in_notes(tmp_path: Path) -> None:
    """The uncited check reports the same sentences whichever the style: a citation made a note
    still counts as one."""
    found = {}
    for style in ("notes", "short"):
        src = write_book(tmp_path / style)
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"briefing_check_uncited = True\nbriefing_citation_style = {style!r}\n")
        (src / "b.md").write_text(B + "\nThe ministers met on 18 March 2023.\n", encoding="utf-8")
        built = build(src, builddir=tmp_path / f"build-{style}")
        found[style] = sorted(w.split(": ", 1)[1] for w in built.warnings.splitlines() if "[briefing.uncited]" in w)
    assert found["notes"] == found["short"]
    assert any("The ministers met on 18 March 2023" in w for w in found["notes"])
    assert not any("took place" in w or "Tokyo time" in w for w in found["notes"])


# -- The book ---------------------------------------------------------------------------------------


def _prose(page: BeautifulSoup) -> list[Tag]:
    """The page's prose paragraphs: not tables, notes, or a card's own lines (its "Sources:" field
    names the sources it rests on, a field rather than a citation in a sentence)."""
    article = page.select_one("article[role=main]") or page
    return [p for p in article.find_all("p") if not p.find_parent(["table", "aside"])
            and not any(str(c).startswith("briefing-") for c in p.get("class") or [])]


def test_the_book_cites_at_most_once_visibly_per_paragraph(germany_japan_html: tuple[Path, str]) -> None:
    """The issue's count: "(Federal Government)"-style visible citations per paragraph <= 1 (before: up
    to 5, 276 in all, 34 paragraphs with more than one); the rest are notes."""
    out, _ = germany_japan_html
    worst, notes = 0, 0
    for path in sorted(out.rglob("*.html")):
        name = path.relative_to(out).as_posix()
        if name.startswith(("_", "genindex", "search", "authoring-guide")):
            continue
        page = parsed_page(path)
        for p in _prose(page):
            visible = [a for a in p.select("a.briefing-source-ref") if "footnote-reference" not in a["class"]]
            worst = max(worst, len(visible))
        notes += len(page.select("a.briefing-note-ref"))
        # Each page's marks point to its own notes, numbered 1, 2, … in order of first citation.
        numbers = [n for n, _ in marks(page)]
        assert [int(n) for n in dict.fromkeys(numbers)] == list(range(1, len(set(numbers)) + 1)), name
    assert worst <= 1
    assert notes > 150  # the book's citations are notes, not gone


def test_the_editions_number_the_notes_as_the_original(germany_japan_editions: tuple[Path, dict[str, str]]) -> None:
    base, _ = germany_japan_editions
    english = base / "html"
    pages = [p.relative_to(english).as_posix() for p in sorted(english.rglob("*.html"))
             if not p.name.startswith(("genindex", "search", "authoring-guide")) and "_" not in p.parts[-1][:1]]
    compared = 0
    for name in pages:
        original = marks(parsed_page(english / name))
        for language in EDITIONS[1:]:
            edition = base / language / "html" / name
            if edition.is_file():
                assert marks(parsed_page(edition)) == original, (language, name)
                compared += bool(original)
    assert compared >= 10


@pytest.mark.parametrize("page", ["at-a-glance", "background", "pillars/supply-chains"])
def test_the_book_cites_in_notes(germany_japan_html: tuple[Path, str], page: str) -> None:
    out, _ = germany_japan_html
    html = parsed_page(out, page)
    assert html.select("a.briefing-note-ref") and html.select("aside.briefing-note")


def test_the_book_links_a_name_once_per_section(germany_japan_html: tuple[Path, str]) -> None:
    """Background names the Chancellor in one section three times: one link, then plain text."""
    out, _ = germany_japan_html
    html = parsed_page(out, "background")
    later = html.select("span.briefing-mention.briefing-person-ref")
    assert later and all(s.find_parent("a") is None for s in later)
    for mention in later:
        section = mention.find_parent("section")
        assert section is not None and section.select_one("a.briefing-person-ref"), "no first, linked mention"
