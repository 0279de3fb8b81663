"""Compact citations: ``briefing_citation_style`` numeric, short and title, in HTML, EPUB and LaTeX.

The small book defines source ``alpha`` on page ``a`` and ``beta`` on page ``b`` (so the source list
numbers them 1 and 2), plus an unlisted ``gamma``; page ``b`` cites all three, and quotes a phrase of
``beta`` and one of ``gamma`` with ``{q}``, whose citations read as the style's other citations do, in
every output (HTML, EPUB, LaTeX, Word).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import RootBuilds, ShelfBook, build, hover_text, one, parsed_page

A = """\
# A

```{source} alpha
:title: Alpha report on the consultations
:short: Alpha
:publisher: Alpha Publisher
:date: 1 May 2023
```
"""

B = """\
# B

```{source} beta
:title: Beta release
:short: Beta
:publisher: Beta Ministry
```

```{source} gamma
:title: Gamma example
:short: Gamma
:no-index:
```

Cited: {source}`beta`, then {source}`alpha`, then {source}`gamma`.

Quoted: the release speaks of {q}`a release <beta>`; the example of {q}`an example <gamma>`.
"""


#: The paragraph quoting with ``{q}`` as the reader reads it in each style: the phrase, then its citation
#: as the author's own citations in brackets read (``^n``: a note's superscript number). Under numeric a
#: numbered label is its own bracket; gamma has no number. (Before: "“a release” Beta", bare.)
QUOTED: dict[str | None, str] = {
    "numeric": "Quoted: the release speaks of “a release” [2]; the example of “an example” (Gamma).",
    "short": "Quoted: the release speaks of “a release” (Beta); the example of “an example” (Gamma).",
    "title": "Quoted: the release speaks of “a release” (Beta release); the example of “an example” "
             "(Gamma example).",
    "notes": "Quoted: the release speaks of “a release”^1; the example of “an example”^2.",
}
QUOTED[None] = QUOTED["title"]  # the default


def quoted_html(page: Path) -> tuple[str, list[str]]:
    """The ``{q}`` paragraph of *page* as read (a note mark as ``^n``), and the addresses of its links."""
    para = next(p for p in parsed_page(page, hovers=False, private=True).find_all("p") if p.get_text().startswith("Quoted:"))
    links = [str(a["href"]) for a in para.select("a")]
    for mark in para.select("a.briefing-note-ref"):
        mark.replace_with(f"^{mark.get_text().strip('[]')}")
    return " ".join(para.get_text().split()), links


def quoted_latex(tex: str) -> str:
    """The ``{q}`` paragraph of the LaTeX as the PDF prints it: anchors and link macros dropped, a note
    as ``^n`` (its text left out), TeX's bracket groups (``{[}2{]}``) undone."""
    text = tex[tex.index("Quoted:"):].split("\n\n")[0]
    text = re.sub(r"\\phantomsection\\label\{\\detokenize\{[^{}]*\}\}", "", text)
    text = re.sub(r"\\hyperref\[\\detokenize\{[^{}]*\}\]", "", text)
    text = re.sub(r"%?\n?\\begin\{footnote\}\[(\d+)\].*?\\end\{footnote\}", r"^\1", text, flags=re.S)
    text = re.sub(r"\\(?:sphinxcrossref|DUrole\{[^{}]*\})", "", text)
    return " ".join(text.replace("{", "").replace("}", "").split())


def write_book(srcdir: Path, style: str | None) -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    conf = 'extensions = ["myst_parser", "sphinx_briefing"]\n'
    if style:
        conf += f"briefing_citation_style = {style!r}\n"
    (srcdir / "conf.py").write_text(conf, encoding="utf-8")
    (srcdir / "index.md").write_text("# Book\n\n```{toctree}\na\nb\nsources\n```\n", encoding="utf-8")
    (srcdir / "a.md").write_text(A, encoding="utf-8")
    (srcdir / "b.md").write_text(B, encoding="utf-8")
    (srcdir / "sources.md").write_text("# Sources\n\n```{source-list}\n```\n", encoding="utf-8")
    return srcdir


def citations(page: Path) -> list[tuple[str, str, str]]:
    """(href, hover text, text) of each source reference in the paragraph of *page* that cites; the
    hover text as the reader gets it (the link's title in EPUB, the hover-text file's entry in HTML)."""
    para = next(p for p in parsed_page(page, hovers=False).find_all("p") if p.get_text().startswith("Cited:"))
    return [(str(a["href"]), hover_text(a, page.parent), a.get_text()) for a in para.select("a.briefing-source-ref")]


EXPECTED = {
    "numeric": ["[2]", "[1]", "Gamma"],  # gamma is unlisted: no number, its short label
    "short": ["Beta", "Alpha", "Gamma"],
    "title": ["Beta release", "Alpha report on the consultations", "Gamma example"],
    None: ["Beta release", "Alpha report on the consultations", "Gamma example"],  # the default
}


@pytest.mark.parametrize("style", ["numeric", "short", "title", None])
def test_html_citations(style: str | None, tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", style))
    found = citations(out / "b.html")
    assert [text for _, _, text in found] == EXPECTED[style]
    # Linked to the source entry; title, publisher and date on hover.
    assert [href for href, _, _ in found] == ["#source-beta", "a.html#source-alpha", "#source-gamma"]
    assert found[1][1] == "Alpha report on the consultations · Alpha Publisher · 1 May 2023"
    assert found[0][1] == "Beta release · Beta Ministry"
    listing = (out / "sources.html").read_text(encoding="utf-8")
    if style in ("numeric", "short"):
        # The source list and the entry itself say how each source is cited.
        assert "<p>Cited as</p>" in listing
        a = (out / "a.html").read_text(encoding="utf-8")
        assert re.search(r'Cited as: </span><a class="[^"]*briefing-source-ref[^>]*>.*?'
                         + re.escape(EXPECTED[style][1]), a, re.S)
    else:
        assert "Cited as" not in listing
    # A {q} phrase's citation reads as the others, in brackets or as its own bracket, linked the same way.
    assert quoted_html(out / "b.html") == (QUOTED[style], ["#source-beta", "#source-gamma"])


def test_a_quoted_phrase_becomes_a_note_under_the_notes_style(tmp_path: Path, built_root: RootBuilds) -> None:
    """Under notes a {q} phrase's citation is a note like a citation in brackets: its number after the
    words, the source in full in the page's notes."""
    out = built_root(write_book(tmp_path / "src", "notes"))
    assert quoted_html(out / "b.html") == (QUOTED["notes"], ["#briefing-note-b-1", "#briefing-note-b-2"])
    notes = [" ".join(n.get_text(" ").split()) for n in parsed_page(out / "b.html").select("aside.footnote p")]
    assert notes == ["Beta release . Beta Ministry.", "Gamma example ."], notes


@pytest.mark.parametrize("style", ["numeric", "short", "title", "notes"])
def test_a_quoted_phrase_is_cited_in_the_styles_way_in_latex(style: str, tmp_path: Path,
                                                             built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", style), "latex")
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert quoted_latex(tex) == QUOTED[style]
    if style == "notes":  # real footnotes, giving the source in full
        assert re.search(r"\\begin\{footnote\}\[1\]\\sphinxAtStartFootnote\s*\{\\hyperref\[\\detokenize\{b:source-beta\}\]"
                         r"\{\\sphinxcrossref\{Beta release\}\}\}\. Beta Ministry\.", tex)


@pytest.mark.parametrize("style", ["numeric", "short", "title", "notes"])
def test_a_quoted_phrase_is_cited_in_the_styles_way_in_word(style: str, tmp_path: Path) -> None:
    """Word gives every citation its label and a footnote with the source in full (outputs/docx), under
    notes too: a {q} phrase's citation the same, in the brackets the others have."""
    built = build(write_book(tmp_path / "src", style), "docx", builddir=tmp_path / "build")
    assert built.returncode == 0 and built.warnings == "", built.warnings
    (docx,) = built.outdir.glob("*.docx")
    with zipfile.ZipFile(docx) as archive:
        document = ET.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    para = next(p for p in document.iter(f"{w}p") if "".join(t.text or "" for t in p.iter(f"{w}t")).startswith("Quoted:"))
    read = "".join("^" if e.tag == f"{w}footnoteReference" else e.text or ""
                   for e in para.iter() if e.tag in (f"{w}t", f"{w}footnoteReference"))
    beta, gamma = {"numeric": ("[2]", "Gamma"), "title": ("Beta release", "Gamma example")}.get(style, ("Beta", "Gamma"))
    # (Word keeps a numbered label's own bracket apart: "[2]" in the style's Citation run, then its note.)
    first = f"“a release” {beta}^;" if style == "numeric" else f"“a release” ({beta}^);"
    assert read == f"Quoted: the release speaks of {first} the example of “an example” ({gamma}^)."


@pytest.mark.parametrize("style", ["short", "notes"])
def test_the_leaflets_sources_line(style: str, tmp_path: Path) -> None:
    """The leaflet's sources line says "Source:" before one source, "Sources:" before more; under notes a
    {q} phrase's citation is one of the leaflet's numbers keyed to that line, like a citation in brackets."""
    src = write_book(tmp_path / "src", style)
    (src / "a.md").write_text(A + "\nAlpha says so ({source}`alpha`).\n", encoding="utf-8")
    lines = {}
    for page in ("a", "b"):
        built = build(src, "briefing-leaflet", builddir=tmp_path / page, confoverrides={"briefing_leaflet": [page]})
        assert built.returncode == 0 and built.warnings == "", built.warnings
        lines[page] = tex = next(built.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{Source: }" in lines["a"] and "Sources: " not in lines["a"]
    assert r"\sphinxstylestrong{Sources: }" in lines["b"]
    if style == "notes":
        mark = r"\DUrole{briefing-leaflet-note}{$^{\text{%s}}$}"
        assert "{“a release”}" + mark % 1 in tex and "{“an example”}" + mark % 2 in tex
        assert (r"\sphinxstylestrong{Sources: }" + mark % 1 + "\u2009Beta release, Beta Ministry; " + mark % 2
                + "\u2009Gamma example;") in tex


def test_every_books_quoted_phrases_are_cited_as_its_other_citations(
        shelf_book: ShelfBook, editions_html: tuple[Path, dict[str, str]]) -> None:
    """In every book and edition, a ``{q}`` phrase is followed by its citation in the book's style: its
    label in the edition's brackets (after the translation's own note, in an edition), or its note's
    number under notes; never the bare label ("… on Global Issues" EU statement at the OSCE.)."""
    base, _ = editions_html
    style = shelf_book.conf.get("briefing_citation_style") or "title"
    for language in shelf_book.editions:
        out = shelf_book.html(base, language)
        phrases = 0
        for page in sorted(out.rglob("*.html")):
            for phrase in parsed_page(page, hovers=False).select("span.briefing-inline-quote"):
                phrases += 1
                where = f"{language} {page.relative_to(out)}: {phrase.get_text()}"
                after = phrase.next_sibling
                if isinstance(after, Tag) and "briefing-quote-note" in (after.get("class") or ()):
                    after = after.next_sibling  # an edition's "(translation; English original: …)"
                if style == "notes":
                    assert isinstance(after, Tag) and "briefing-note-ref" in after["class"], where
                    continue
                link = after.next_sibling if after is not None else None
                assert str(after).strip() in ("(", "\uff08"), where
                assert isinstance(link, Tag) and "briefing-source-ref" in link["class"], where
                assert str(link.next_sibling).startswith((")", "\uff09")), where
        if language == shelf_book.editions[0]:  # (an edition may leave out the page quoting: the guide)
            assert phrases, f"{shelf_book.id} quotes no phrase: the test reads nothing"


def test_epub_citations_link_and_hover(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", "numeric"), "epub",
                     confoverrides={"version": "1", "copyright": "2026, test"})
    found = citations(out / "b.xhtml")
    assert [text for _, _, text in found] == ["[2]", "[1]", "Gamma"]
    assert [href for href, _, _ in found] == ["#source-beta", "a.xhtml#source-alpha", "#source-gamma"]
    assert found[1][1] == "Alpha report on the consultations · Alpha Publisher · 1 May 2023"
    assert quoted_html(out / "b.xhtml") == (QUOTED["numeric"], ["#source-beta", "#source-gamma"])


def test_latex_citations_link_to_the_entry(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", "numeric"), "latex")
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    cited = tex[tex.index("Cited:"):].split("\n\n")[0]
    links = re.findall(r"\\hyperref\[\\detokenize\{([^}]+)\}\]\{\\sphinxcrossref\{\\DUrole\{briefing-ref\}"
                       r"\{\\DUrole\{briefing-ref-source\}\{((?:[^{}]|\{[^{}]*\})*)\}\}\}\}", cited)
    assert links == [("b:source-beta", "{[}2{]}"), ("a:source-alpha", "{[}1{]}"), ("b:source-gamma", "Gamma")]
    # ... and each target exists as a label in the document.
    for target, _ in links:
        assert rf"\label{{\detokenize{{{target}}}}}" in tex


def test_numbers_follow_the_source_list_when_a_source_is_added(tmp_path: Path) -> None:
    """Incremental build: a source added before alpha renumbers b's citations, though b is unchanged."""
    srcdir = write_book(tmp_path / "src", "numeric")
    out = build(srcdir, builddir=tmp_path / "build").outdir
    assert [t for _, _, t in citations(out / "b.html")] == ["[2]", "[1]", "Gamma"]
    time.sleep(0.01)
    (srcdir / "a.md").write_text(A.replace("```{source} alpha", "```{source} zero\n:title: Zero\n```\n\n"
                                           "```{source} alpha"), encoding="utf-8")
    out = build(srcdir, builddir=tmp_path / "build", fresh=False).outdir
    assert [t for _, _, t in citations(out / "b.html")] == ["[3]", "[2]", "Gamma"]


def test_an_unknown_style_warns_and_falls_back(tmp_path: Path) -> None:
    built = build(write_book(tmp_path / "src", "footnotes"), builddir=tmp_path / "build")
    out, warnings = built.outdir, built.warnings
    lines = [w for w in warnings.splitlines() if w.strip()]
    assert len(lines) == 1, lines
    assert lines[0].endswith(
        "WARNING: briefing_citation_style: expected one of numeric, short, title, notes, not 'footnotes'; "
        "using the default 'title' [briefing.bad-config]"
    )
    assert [t for _, _, t in citations(out / "b.html")] == EXPECTED["title"]


def test_short_style_without_a_short_label_warns(tmp_path: Path) -> None:
    srcdir = write_book(tmp_path / "src", "short")
    (srcdir / "a.md").write_text(A.replace(":short: Alpha\n", ""), encoding="utf-8")
    built = build(srcdir, builddir=tmp_path / "build")
    out, warnings = built.outdir, built.warnings
    assert [w for w in warnings.splitlines() if w.strip()] == [
        f"{srcdir / 'a.md'}:3: WARNING: source directive: no short label for briefing_citation_style 'short' "
        "(add ':short: <label>'); the title is cited instead [briefing.missing-option]"
    ]
    assert [t for _, _, t in citations(out / "b.html")][1] == \
        "Alpha report on the consultations"


def test_the_book_cites_compactly(germany_japan_html: tuple[Path, str]) -> None:
    """The book cites in notes (test_citation_notes.py): a muted number whose hover gives the source in
    full, the full title once in the page's notes; a citation the sentence needs as a word keeps the
    short label (the Germany-Japan book's citations)."""
    out, _ = germany_japan_html
    glance = (out / "at-a-glance.html").read_text(encoding="utf-8")
    mark = one(parsed_page(out, "at-a-glance"), 'a.briefing-note-ref[href="#briefing-note-at-a-glance-1"]')
    assert mark["title"] == "Close collaboration between Germany and Japan · Federal Government of Germany"
    text = re.sub(r"<[^>]+>", "", glance)
    assert "(Federal Government)" not in text
    # The full title is in the notes, once.
    assert text.count("Close collaboration between Germany and Japan") == 1
