"""The PDF edition, as a reader gets it: the real book built with lualatex and read back from the PDF.

The expected names, figures, titles and quotations are not written here: they come from the
``BriefingDomain`` records of the very build that made the PDF (its pickled environment), so the test
follows the book as its content changes. The same holds for the LaTeX-specials root, whose expected
strings are parsed from its own source.
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import DOCS, REPO, ROOTS, build, pdftotext, require_tool
from pypdf import PdfReader

TOOLS = ("lualatex", "latexmk", "pdftotext", "pdffonts")
SLUG = "briefing-germany-japan"
#: Running header and footer sit above y=55pt and below y=790pt on the A4 page (595 x 842pt).
BODY_CROP = ("-x", "0", "-y", "55", "-W", "595", "-H", "735")


@dataclass
class Book:
    pdf: Path
    log: str
    aux: str
    env: Any  # sphinx.environment.BuildEnvironment, unpickled

    @property
    def leaflet(self) -> Path:
        return self.pdf.with_name(f"{SLUG}-at-a-glance.pdf")

    def records(self, kind: str) -> list[Any]:
        return list(self.env.domaindata["briefing"]["objects"].get(kind, {}).values())


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def squash(text: str) -> str:
    """Compare text regardless of line breaks, hyphenation, ligatures (ﬁ), spacing and quote style
    (the PDF sets ' as a typographic apostrophe)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def _rtd_build(out: Path) -> None:
    """What Read the Docs runs: the LaTeX builder, then latexmk with Sphinx's latexmkrc and a jobname.

    Its outcome goes to ``_background["rtd"]``: (return code, log).
    """
    built = build(DOCS, "latex", builddir=out, subprocess=True, options=("-T",))
    if built.returncode != 0:
        _background["rtd"] = (built.returncode, built.warnings)
        return
    make = subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-jobname=briefing",
                           "-interaction=nonstopmode"], cwd=built.outdir, capture_output=True, text=True,
                          check=False)
    _background["rtd"] = (make.returncode, make.stdout + make.stderr)


#: The Read-the-Docs-style build, run beside `make latexpdf` (2 cores; lualatex uses one).
_rtd: dict[str, tuple[threading.Thread, Path]] = {}
_background: dict[str, tuple[int, str]] = {}


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The real book as `make latexpdf` builds it (sphinx-build -M latexpdf, -W), once per session.

    The Read-the-Docs-style build starts beside it, for ``rtd_pdf``.
    """
    require_tool(*TOOLS)
    rtd_out = tmp_path_factory.mktemp("rtd")
    # A daemon thread: a session that never asks for rtd_pdf does not wait for it at exit.
    thread = threading.Thread(target=_rtd_build, args=(rtd_out,), daemon=True)
    thread.start()
    _rtd["rtd"] = (thread, rtd_out)
    out = tmp_path_factory.mktemp("pdf")
    # `make latexpdf` itself (sphinx-build -M latexpdf -W, then the leaflet), with this Python's Sphinx.
    proc = subprocess.run(
        ["make", "--no-print-directory", "latexpdf", f"BUILDDIR={out}", f"SPHINXBUILD={sys.executable} -m sphinx"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    latex = out / "latex"
    pdf = latex / f"{SLUG}.pdf"
    assert proc.returncode == 0 and pdf.is_file(), proc.stdout[-3000:] + proc.stderr[-3000:]
    with (out / "doctrees" / "environment.pickle").open("rb") as f:
        env = pickle.load(f)  # our own build's pickle
    return Book(
        pdf=pdf,
        log=(latex / f"{SLUG}.log").read_text(encoding="utf-8", errors="replace"),
        aux=(latex / f"{SLUG}.aux").read_text(encoding="utf-8", errors="replace"),
        env=env,
    )


@pytest.fixture(scope="session")
def text(book: Book) -> str:
    return squash(pdftotext(book.pdf))


@pytest.fixture(scope="session")
def body_text(book: Book) -> str:
    """The text without running header and footer, so a quotation broken across pages reads whole."""
    return squash(pdftotext(book.pdf, *BODY_CROP))


# -- Every object is printed -------------------------------------------------------------------


def _strings(book: Book) -> Iterator[tuple[str, str]]:
    """(what, text) for every person name and native name, fact value, pillar title and quotation."""
    for r in book.records("person"):
        yield f"person {r.id} name", r.get("name")
        if r.get("native-name"):
            yield f"person {r.id} native name", r.get("native-name")
    for r in book.records("fact"):
        yield f"fact {r.id} value", " ".join(v for v in (r.get("value"), r.get("unit")) if v)
    for r in book.records("pillar"):
        yield f"pillar {r.id} title", r.get("title")
    for r in book.records("quote"):
        yield f"quote {r.id}", r.text


def test_the_book_has_objects_of_every_kind(book: Book) -> None:
    kinds = {kind: len(book.records(kind)) for kind in ("person", "fact", "pillar", "quote", "source")}
    assert all(kinds.values()), kinds
    assert any(r.get("native-name") for r in book.records("person")), "no native name to check kanji with"


def test_every_name_value_title_and_quote_is_in_the_pdf(book: Book, body_text: str) -> None:
    missing = [f"{what}: {value!r}" for what, value in _strings(book) if squash(value) not in body_text]
    assert missing == []


def test_japanese_names_print_as_kanji(book: Book) -> None:
    # Per card: the kanji stand right after the name, as the card prints them.
    text = squash(pdftotext(book.pdf, *BODY_CROP))
    natives = [(r.get("name"), r.get("native-name")) for r in book.records("person") if r.get("native-name")]
    absent = [n for n in natives if squash(n[0] + n[1]) not in text]
    assert absent == []
    assert "Missing character" not in book.log


def test_cjk_font_is_embedded_and_every_font_is_embedded(book: Book) -> None:
    table = subprocess.run(["pdffonts", str(book.pdf)], capture_output=True, text=True, check=True).stdout
    rows = table.splitlines()[2:]
    assert rows
    # Columns: name type encoding emb sub uni object ID; the type may hold spaces, so read from the right.
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []
    assert any("CJK" in row.split()[0] for row in rows), table


# -- The LaTeX log ------------------------------------------------------------------------------


def test_log_has_no_missing_character(book: Book) -> None:
    missing = [line for line in book.log.splitlines() if "Missing character" in line]
    assert missing == []


def test_log_has_no_overfull_box_wider_than_5pt(book: Book) -> None:
    overfull = [
        (float(m.group(1)), m.group(0))
        for m in re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*", book.log)
    ]
    assert [line for width, line in overfull if width > 5.0] == []


def test_log_has_no_undefined_reference(book: Book) -> None:
    assert "There were undefined references" not in book.log
    assert "multiply defined" not in book.log


# -- Page design --------------------------------------------------------------------------------


def test_title_page(book: Book) -> None:
    first = squash(pdftotext(book.pdf, "-f", "1", "-l", "1")).casefold()
    config = book.env.config
    expected = {
        "occasion": "intergovernmental consultations",
        "date": "18 March 2023",
        "venue": "Tokyo",
        "edition": f"Edition {config.release}",
        "mark": "Briefing book, compiled from public sources",
        "compiler": config.author,
    }
    assert {k: v for k, v in expected.items() if squash(v).casefold() not in first} == {}


def test_metadata(book: Book) -> None:
    info = PdfReader(book.pdf).metadata
    config = book.env.config
    assert info is not None
    assert info.title == config.project
    assert info.author == config.author
    assert "Tokyo" in (info.subject or "")
    assert "Japan" in (info.get("/Keywords") or "")


def test_a4_pages_with_header_and_page_n_of_n(book: Book) -> None:
    reader = PdfReader(book.pdf)
    total = len(reader.pages)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    short_title = squash(book.env.config.html_title)  # conf.py: html_title = short_title, the header's title
    wrong = []
    for number in range(2, total + 1):  # the title page has neither header nor footer
        page = squash(pdftotext(book.pdf, "-f", str(number), "-l", str(number)))
        if f"Page{number}of{total}" not in page or (short_title and short_title not in page):
            wrong.append(number)
    assert wrong == []


def test_contents_and_bookmarks_list_every_chapter(book: Book) -> None:
    reader = PdfReader(book.pdf)
    top = [item.title or "" for item in reader.outline if not isinstance(item, list)]
    chapters = re.findall(r"\\contentsline \{chapter\}\{\\numberline \{\d+\}(.*?)\}\{\d+\}", _toc(book))
    assert chapters, "no chapter in the table of contents"
    assert [squash(t) for t in top] == [squash(c) for c in chapters]
    contents_page = squash(pdftotext(book.pdf, "-f", "2", "-l", "2"))
    assert "Contents" in contents_page
    assert all(squash(c) in contents_page or squash(c) in squash(pdftotext(book.pdf, "-f", "3", "-l", "3"))
               for c in chapters)


def _toc(book: Book) -> str:
    return book.pdf.with_suffix(".toc").read_text(encoding="utf-8")


# -- References are links that land on their object --------------------------------------------


def _named_destinations(reader: PdfReader) -> dict[str, int]:
    pages = {str(name): reader.get_destination_page_number(dest)
             for name, dest in reader.named_destinations.items()}
    return {name: page for name, page in pages.items() if page is not None}


def _link_targets(reader: PdfReader) -> set[str]:
    targets = set()
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            dest = annot.get("/Dest") or (action.get_object().get("/D") if action else None)
            if dest is not None:
                targets.add(str(dest))
    return targets


def test_object_references_are_links_to_the_object(book: Book) -> None:
    reader = PdfReader(book.pdf)
    destinations = _named_destinations(reader)
    targets = _link_targets(reader)
    domain = book.env.domaindata["briefing"]
    referenced = {(kind, ident) for refs in domain["references"].values() for kind, ident in refs
                  if kind in ("person", "fact", "pillar", "source")}
    assert referenced
    # (A compact citation links to the source's entry, which shows the full title.)
    display = {"person": lambda r: r.get("name"), "pillar": lambda r: r.get("title"),
               "fact": lambda r: r.get("value"), "source": lambda r: r.get("title")}
    problems = []
    for kind, ident in sorted(referenced):
        record = domain["objects"][kind].get(ident)
        if record is None:
            continue
        # \newlabel{<doc>:<kind>-<id>}{{<number>}{<page>}{<title>}{<anchor>}{}}
        label = re.escape(f"{record.docname}:{kind}-{ident}")
        m = re.search(r"^\\newlabel\{" + label + r"\}.*\{([^{}]+)\}\{[^{}]*\}\}\s*$", book.aux, re.M)
        if not m:
            problems.append(f"{kind} {ident}: no label in the .aux")
            continue
        anchor = m.group(1)
        if anchor not in targets:
            problems.append(f"{kind} {ident}: no link points to {anchor}")
        page = destinations.get(anchor)
        if page is None:
            problems.append(f"{kind} {ident}: no destination {anchor}")
            continue
        # The destination's page shows the object (its name, title or value).
        on_page = squash(pdftotext(book.pdf, "-f", str(page + 1), "-l", str(page + 1)))
        if squash(display[kind](record)) not in on_page:
            problems.append(f"{kind} {ident}: link lands on page {page + 1}, which does not show it")
    assert problems == []


def test_status_marks_and_compact_citations_print(book: Book, body_text: str) -> None:
    """Every mention of Tani Koichi (likely) carries the mark; citations print the short label."""
    mark = "(likely, single source)"
    tex = (book.pdf.parent / f"{SLUG}.tex").read_text(encoding="utf-8")
    links = [ref[:300] for ref in tex.split(r"\hyperref[\detokenize{")[1:] if ref.startswith("delegations/japan:person-tani}")]
    # Each link to his card (roles, Faeser's counterpart, the who-is-who and meetings tables) ...
    assert len(links) >= 5 and all(mark in link for link in links)
    # ... prints the mark right after his name (the quote index's heading is not a link in LaTeX).
    assert body_text.count(squash("Tani Koichi " + mark)) >= len(links)
    assert squash("Status: likely, single source") in body_text  # his card
    assert squash("(Federal Government)") in body_text and squash("(Embassy of Japan)") in body_text
    # The full title is printed where the source is listed, not at every citation.
    assert body_text.count(squash("Close collaboration between Germany and Japan")) <= 4


# -- sphinx-design degrades without loss ----------------------------------------------------------


def test_grid_cards_keep_their_titles_and_text(book: Book, text: str) -> None:
    """Every card title of the book's grids is printed, and no raw LaTeX of their containers leaks."""
    cards = []
    for md in DOCS.rglob("*.md"):
        cards += re.findall(r"^:::+\{grid-item-card\}[ \t]*(.+)$", md.read_text(encoding="utf-8"), re.M)
    assert cards, "the book uses no grid cards any more; drop this test"
    assert [c for c in cards if squash(c) not in text] == []
    raw = pdftotext(book.pdf)
    assert re.findall(r"\\DUrole|\\sphinx\w*|sphinxuseclass|\\begin\{\w+\}|sd-\w+", raw) == []


# -- The Read the Docs build --------------------------------------------------------------------


@pytest.fixture(scope="session")
def rtd_pdf(book: Book) -> Path:
    thread, out = _rtd.pop("rtd")
    thread.join(timeout=1800)
    returncode, log = _background.pop("rtd", (-1, "the Read the Docs build did not finish"))
    pdf = out / "latex" / "briefing.pdf"
    assert returncode == 0 and pdf.is_file(), log[-4000:]
    return pdf


def test_read_the_docs_style_build_gives_the_same_text(book: Book, rtd_pdf: Path) -> None:
    assert pdftotext(rtd_pdf) == pdftotext(book.pdf)
    assert page_count(rtd_pdf) == page_count(book.pdf)
    log = rtd_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log


# -- LaTeX specials, long words and empty fields --------------------------------------------------

SPECIALS = ROOTS / "test-latex-specials"


def _root_strings() -> list[str]:
    """Option values and body lines of the specials root, as the author wrote them."""
    source = (SPECIALS / "index.md").read_text(encoding="utf-8")
    values = [v.strip() for v in re.findall(r"^:(?:name|short|role|country|native-name|value|unit|"
                                            r"label|title|publisher|url):(.*)$", source, re.M)]
    bodies = re.findall(r"^((?:Body text|We said|Pillar body).*)$", source, re.M)
    return [v for v in values + bodies if v]


@pytest.fixture(scope="module")
def specials_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_tool(*TOOLS)
    built = build(SPECIALS, "latex", builddir=tmp_path_factory.mktemp("specials"))
    assert built.returncode == 0, built.warnings
    out = built.outdir
    # No -f: any LaTeX error fails latexmk.
    make = subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
                           "specials.tex"], capture_output=True, text=True, cwd=out, check=False)
    log = (out / "specials.log").read_text(encoding="utf-8", errors="replace") if (out / "specials.log").exists() else ""
    assert make.returncode == 0, make.stdout[-3000:] + log[-3000:]
    return out / "specials.pdf", log


def test_specials_root_has_specials_long_words_and_an_empty_field() -> None:
    source = (SPECIALS / "index.md").read_text(encoding="utf-8")
    strings = _root_strings()
    assert all(any(ch in s for s in strings) for ch in "&%$#_{}~^\\")
    assert any(len(word) > 60 for s in strings for word in s.split())
    assert re.search(r"^:unit:\s*$", source, re.M)


def test_specials_print_as_written(specials_pdf: tuple[Path, str]) -> None:
    pdf, log = specials_pdf
    assert re.findall(r"^! .*", log, re.M) == []
    text = squash(pdftotext(pdf, *BODY_CROP))
    assert [s for s in _root_strings() if squash(s) not in text] == []
    assert "Missing character" not in log


# -- Print typography (issue 15) ------------------------------------------------------------------


def test_attributions_have_an_em_dash_not_three_hyphens(book: Book) -> None:
    raw = pdftotext(book.pdf, *BODY_CROP)
    speakers = {r.get("by") for r in book.records("quote")}
    names = [p.get("name") for p in book.records("person") if p.id in speakers]
    assert names
    # Sphinx's "---" with TeX ligatures off, before a speaker's name.
    assert re.findall(r"--\s*(?:" + "|".join(map(re.escape, names)) + ")", raw) == []
    lines = [line.strip() for line in raw.splitlines()]
    # Every quotation's attribution line starts with the dash, then the speaker's name.
    attributions = [line for line in lines if any(line.lstrip("\u2014").startswith(n) for n in names)
                    and ("\u00b7" in line)]
    assert attributions, "no attribution line found"
    assert [line for line in attributions if not line.startswith("\u2014")] == []


def _outline(reader: PdfReader, items: list[Any] | None = None) -> Iterator[tuple[str, int]]:
    """(title, 1-based page) of every bookmark, at every level."""
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from _outline(reader, item)
        else:
            page = reader.get_destination_page_number(item)
            assert page is not None, item.title
            yield item.title or "", page + 1


def test_no_page_ends_with_a_heading(book: Book) -> None:
    """Each page's last line of body text is compared with the outline's headings on that page."""
    reader = PdfReader(book.pdf)
    headings: dict[int, list[str]] = {}
    for title, page in _outline(reader):
        headings.setdefault(page, []).append(squash(title))
    assert len(headings) > 10
    stranded = []
    for number in range(1, len(reader.pages) + 1):
        lines = [line for line in pdftotext(book.pdf, "-f", str(number), "-l", str(number),
                                            *BODY_CROP).splitlines() if line.strip()]
        if not lines:
            continue
        # "1.2 Key figures": the number before the title is not part of the bookmark.
        last = re.sub(r"^\d+(\.\d+)*", "", squash(lines[-1]))
        if last and last in headings.get(number, []):
            stranded.append(f"page {number}: {lines[-1].strip()!r}")
    assert stranded == []


def test_urls_are_never_broken_after_the_scheme(book: Book) -> None:
    raw = pdftotext(book.pdf)
    # A scheme at a line's end, the host name at the next line's start.
    assert re.findall(r"\b(?:https?|ftp):/{0,2}[ \t]*\n\s*/{0,2}[\w-]+(?:\.[\w-]+)+", raw) == []
    assert re.findall(r"https?://[\w-]+(?:\.[\w-]+)+/", raw), "no URL printed: nothing checked"


def test_front_matter_leaves_no_page_nearly_empty(book: Book) -> None:
    """Every page before the first chapter is at least half full (the title page is full by design)."""
    reader = PdfReader(book.pdf)
    first_chapter = min(page for title, page in _outline(reader))
    assert first_chapter <= 3, "contents and introduction should take one page after the title page"
    for number in range(2, first_chapter):
        # -bbox ignores the crop: leave out the running footer (below 790pt) by position.
        boxes = re.findall(r'yMax="([\d.]+)"', pdftotext(book.pdf, "-f", str(number), "-l", str(number),
                                                         "-bbox"))
        lowest = max(y for y in map(float, boxes) if y < 790)
        assert lowest > 55 + 735 / 2, f"page {number} is less than half full (text ends at {lowest:.0f}pt)"


# -- The "At a glance" leaflet ----------------------------------------------------------------------


def _leaflet_pages(book: Book) -> list[str]:
    pages = book.env.config.briefing_leaflet
    assert pages, "docs/conf.py names no leaflet pages (briefing_leaflet)"
    return list(pages)


def test_leaflet_mentions_carry_their_status_marks(book: Book) -> None:
    """A person the leaflet names whose status is not confirmed carries the mark, as in the book."""
    from sphinx_briefing.core.status import mark_text

    text = squash(pdftotext(book.leaflet))
    doubtful = [p for p in book.records("person") if p.listed and p.get("status") not in ("", "confirmed")]
    named = [p for p in doubtful if squash(p.get("name")) in text]
    assert named, "the leaflet names no person with a status mark: the check would prove nothing"
    for person in named:
        mark = mark_text(book.env.config, person.get("status"))
        assert squash(f"{person.get('name')} ({mark})") in text, person.id


def test_leaflet_is_written_next_to_the_book_on_at_most_two_a4_pages(book: Book) -> None:
    assert book.leaflet.is_file()
    reader = PdfReader(book.leaflet)
    assert 1 <= len(reader.pages) <= 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    log = book.leaflet.with_suffix(".log")
    if not log.exists():  # the leaflet is built in its own directory and copied next to the book
        log = book.pdf.parent.parent / "leaflet" / log.name
    assert "Missing character" not in log.read_text(encoding="utf-8", errors="replace")


def test_leaflet_holds_the_pillars_figures_people_date_venue_and_sources(book: Book) -> None:
    text = squash(pdftotext(book.leaflet))
    domain = book.env.domaindata["briefing"]
    pages = _leaflet_pages(book)
    shown = {(kind, ident) for page in pages for kind, ident in domain["references"].get(page, ())}
    facts = [book.env.domaindata["briefing"]["objects"]["fact"][i] for k, i in shown if k == "fact"]
    people = [domain["objects"]["person"][i] for k, i in shown if k == "person"]
    assert facts and people
    missing = [f"pillar {p.id}: {p.get('title')}" for p in book.records("pillar") if squash(p.get("title")) not in text]
    missing += [f"fact {f.id}: {f.get('value')}" for f in facts if squash(f.get("value")) not in text]
    missing += [f"person {p.id}: {p.get('name')}" for p in people if squash(p.get("name")) not in text]
    assert missing == []
    # Title block: the occasion's date (the page's own fact) and the venue, before the summary.
    head = squash(pdftotext(book.leaflet, "-f", "1", "-l", "1")).split(squash("Summary"))[0]
    date = next(f for f in facts if f.id == "consultations-date")
    assert squash(date.get("value")) in head and "Tokyo" in head
    # Sources line: every source the pages cite, directly or through their objects.
    cited = {i for k, i in shown if k == "source"}
    cited |= {r.get("source") for k, i in shown if k in ("fact", "person") for r in [domain["objects"][k][i]]}
    titles = [domain["objects"]["source"][i].get("title") for i in cited if i in domain["objects"]["source"]]
    sources_line = text.split("Sources:")[-1]
    assert "Sources:" in text and [t for t in titles if squash(t) not in sources_line] == []
    # References to other pages print their text, never an object's id.
    assert not re.search(r"consultations-date|german-ministers|trade-volume", pdftotext(book.leaflet))


def test_at_a_glance_page_links_to_the_leaflet(book_html: tuple[Path, str]) -> None:
    from bs4 import BeautifulSoup

    out, _ = book_html
    page = out / "at-a-glance.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("p.briefing-leaflet-download a")
    # A plain HTML build has no leaflet to link to (tests/test_links.py: the link once it is built).
    assert link is None or (out / str(link["href"])).is_file()


def test_leaflet_gives_each_pillar_one_or_two_lines_of_its_first_key_point(book: Book) -> None:
    """Each pillar's title, then on the next line its first key point (its page's first list item),
    taking one or two lines; the expectation is read from the pillar's Markdown, not from the builder."""
    lines = pdftotext(book.leaflet, "-layout").splitlines()
    problems = []
    for pillar in [p for p in book.records("pillar") if p.listed]:  # not the authoring guide's example
        source = (DOCS / f"{pillar.docname}.md").read_text(encoding="utf-8")
        bullet = re.search(r"^- (.+)$", source, re.MULTILINE)
        assert bullet, pillar.docname
        opening = " ".join(bullet.group(1).replace("**", "").split()[:5])
        at = next((i for i, line in enumerate(lines) if squash(pillar.get("title")) in squash(line)), None)
        if at is None or at + 1 >= len(lines) or not squash(lines[at + 1]).startswith(squash(opening)):
            problems.append(f"{pillar.id}: no line opening {opening!r} under its title")
            continue
        taken = 0
        for line in lines[at + 1:]:
            if not line.strip() or line.strip().startswith("\u2022"):
                break
            taken += 1
        if taken > 2:
            problems.append(f"{pillar.id}: its point takes {taken} lines")
    assert problems == []


# -- The relationship map ------------------------------------------------------------------------


def test_relationship_map_is_vector_art_in_the_pdf(book: Book) -> None:
    """'Who met whom' shows the map (Graphviz's PDF, included as a form: vector, no raster image)."""
    require_tool("dot", "pdfimages")
    pages = pdftotext(book.pdf).split("\f")
    after = next(i for i, page in enumerate(pages) if "The map above shows who met whom" in page)
    reader = PdfReader(book.pdf)
    forms = []
    for index in (after - 1, after):  # the map stands above its explanation, maybe a page before
        resources = reader.pages[index].get("/Resources", {})
        for ref in resources.get("/XObject", {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                forms.append((index, xobject))
    assert forms, "no included PDF (the map) on the 'Who met whom' page or the one before"
    index, form = forms[0]
    width = float(form["/BBox"][2]) - float(form["/BBox"][0])
    assert width > 100  # a drawing, not a stray rule
    images = subprocess.run(["pdfimages", "-list", "-f", str(index + 1), "-l", str(index + 1), str(book.pdf)],
                            capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) == 2  # the header only: no raster image
    # The box labels are text of the page (selectable, searchable), in the map's reading order.
    page_text = squash(pages[index])
    for name in ("Germany", "Japan", "OlafScholz", "KishidaFumio", "TakaichiSanae"):
        assert name in page_text
