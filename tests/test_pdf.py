"""The PDF edition, as a reader gets it: each book of the shelf built with lualatex and read back from the PDF.

Every test that is about a book runs over every book (``book_pdf``, one per book of ``SHELF``); the
tests of the Germany-Japan book's own text (its kanji, its "likely" minister, its map's names, the
Read the Docs build, which publishes that book alone) take ``germany_japan_pdf``.

The expected names, figures, titles and quotations are not written here: they come from the
``BriefingDomain`` records of the very build that made the PDF (its pickled environment), so the test
follows the book as its content changes. The same holds for the LaTeX-specials root, whose expected
strings are parsed from its own source.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    GERMANY_JAPAN,
    ROOTS,
    SHELF,
    ShelfBook,
    build,
    lualatex_passes,
    make_book,
    parsed_page,
    pdftotext,
    require_tool,
    shared,
    shared_build,
)
from pdfarchive import cjk_subsets, pdfa_problems, text_layer_problems
from pypdf import PdfReader
from sphinx_briefing.outputs.assets import DRAFT_PASS_MARK

TOOLS = ("lualatex", "latexmk", "pdftotext", "pdffonts")
#: Running header and footer sit above y=55pt and below y=790pt on the A4 page (595 x 842pt).
BODY_CROP = ("-x", "0", "-y", "55", "-W", "595", "-H", "735")


@dataclass
class Book:
    pdf: Path
    log: str
    aux: str
    env: Any  # sphinx.environment.BuildEnvironment, unpickled
    #: The book of the shelf it was built from.
    shelf: ShelfBook
    #: Each LuaLaTeX pass of the build, the book's and then the leaflet's (conftest.lualatex_passes).
    passes: list[tuple[str, str]]

    @property
    def leaflet(self) -> Path:
        return self.pdf.with_name(f"{self.pdf.stem}-at-a-glance.pdf")

    def source(self, docname: str) -> str:
        """The Markdown (or reST) the author wrote for *docname*."""
        return next(self.shelf.srcdir.glob(f"{docname}.*")).read_text(encoding="utf-8")

    def records(self, kind: str) -> list[Any]:
        """The book's records of *kind*, without those of orphan pages (the authoring guide's live
        examples), which are in no toctree and so in no PDF."""
        orphans = {doc for doc, meta in self.env.metadata.items() if "orphan" in meta}
        return [r for r in self.env.domaindata["briefing"]["objects"].get(kind, {}).values()
                if r.docname not in orphans]


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def squash(text: str) -> str:
    """Compare text regardless of line breaks, hyphenation, ligatures (ﬁ), spacing and quote style
    (the PDF sets ' as a typographic apostrophe)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def _make_latexpdf(book: ShelfBook) -> Callable[[Path], dict[str, Any]]:
    """`make latexpdf BOOK=..` itself (sphinx-build -M latexpdf -W, then the leaflet), with this Python's Sphinx."""

    def produce(out: Path) -> dict[str, Any]:
        proc = make_book("latexpdf", f"BOOK={book.srcdir}", f"BUILDDIR={out}")
        return {"returncode": proc.returncode, "log": proc.stdout[-3000:] + proc.stderr[-3000:],
                "passes": lualatex_passes(proc.stdout)}

    return produce


#: Each book's PDF and leaflet, once per run; the Germany-Japan book is the longest (about 60 pages).
BOOK_PDFS = {
    ident: shared_build(f"pdf-{ident}", _make_latexpdf(book), tools=TOOLS,
                        minutes=2.5 if ident == GERMANY_JAPAN else 1.5,
                        # (tests/test_map_size.py measures the maps in this PDF)
                        fixtures=(f"book_pdf[shelf_book={ident}]", f"printed[printed={ident}]",
                                  *(("germany_japan_pdf",) if ident == GERMANY_JAPAN else ())))
    for ident, book in SHELF.items()
}


def shelf_pdf(factory: pytest.TempPathFactory, book: ShelfBook) -> Book:
    """*book*'s shared PDF build (:func:`book_pdf`'s), for a test that holds the book by name."""
    out, made = shared(factory, BOOK_PDFS[book.id])
    latex = out / "latex"
    pdf = latex / book.pdf_name
    assert made["returncode"] == 0 and pdf.is_file(), made["log"]
    with (out / "doctrees-latex" / "environment.pickle").open("rb") as f:
        env = pickle.load(f)  # our own build's pickle
    return Book(
        pdf=pdf,
        log=pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"),
        aux=pdf.with_suffix(".aux").read_text(encoding="utf-8", errors="replace"),
        env=env,
        shelf=book,
        passes=[(document, wrote) for document, wrote in made["passes"]],
    )


@pytest.fixture(scope="session")
def book_pdf(shelf_book: ShelfBook, tmp_path_factory: pytest.TempPathFactory) -> Book:
    """Each book as `make latexpdf BOOK=..` builds it (sphinx-build -M latexpdf, -W), once per test run."""
    return shelf_pdf(tmp_path_factory, shelf_book)


@pytest.fixture(scope="session")
def germany_japan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """:func:`book_pdf` of the Germany-Japan book alone, for tests of its own text."""
    return shelf_pdf(tmp_path_factory, SHELF[GERMANY_JAPAN])


@pytest.fixture(scope="session")
def text(book_pdf: Book) -> str:
    return squash(pdftotext(book_pdf.pdf))


@pytest.fixture(scope="session")
def body_text(book_pdf: Book) -> str:
    """The text without running header and footer, so a quotation broken across pages reads whole."""
    return squash(pdftotext(book_pdf.pdf, *BODY_CROP))


# -- Every object is printed -------------------------------------------------------------------


def _strings(book_pdf: Book) -> Iterator[tuple[str, str]]:
    """(what, text) for every person name and native name, fact value, pillar title and quotation."""
    for r in book_pdf.records("person"):
        yield f"person {r.id} name", r.get("name")
        if r.get("native-name"):
            yield f"person {r.id} native name", r.get("native-name")
    for r in book_pdf.records("fact"):
        yield f"fact {r.id} value", " ".join(v for v in (r.get("value"), r.get("unit")) if v)
    for r in book_pdf.records("pillar"):
        yield f"pillar {r.id} title", r.get("title")
    for r in book_pdf.records("quote"):
        yield f"quote {r.id}", r.text


def test_the_book_has_objects_of_every_kind(book_pdf: Book) -> None:
    kinds = {kind: len(book_pdf.records(kind)) for kind in ("person", "fact", "pillar", "quote", "source")}
    assert all(kinds.values()), kinds


def test_every_name_value_title_and_quote_is_in_the_pdf(book_pdf: Book, body_text: str) -> None:
    missing = [f"{what}: {value!r}" for what, value in _strings(book_pdf) if squash(value) not in body_text]
    assert missing == []


def test_japanese_names_print_as_kanji(germany_japan_pdf: Book) -> None:
    """The Germany-Japan book's Japanese names (per card: the kanji right after the name)."""
    book_pdf = germany_japan_pdf
    assert any(r.get("native-name") for r in book_pdf.records("person")), "no native name to check kanji with"
    text = squash(pdftotext(book_pdf.pdf, *BODY_CROP))
    natives = [(r.get("name"), r.get("native-name")) for r in book_pdf.records("person") if r.get("native-name")]
    absent = [n for n in natives if squash(n[0] + n[1]) not in text]
    assert absent == []
    assert "Missing character" not in book_pdf.log


def test_every_font_is_embedded(book_pdf: Book) -> None:
    table = subprocess.run(["pdffonts", str(book_pdf.pdf)], capture_output=True, text=True, check=True).stdout
    rows = table.splitlines()[2:]
    assert rows
    # Columns: name type encoding emb sub uni object ID; the type may hold spaces, so read from the right.
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []


def test_the_kanji_come_from_an_embedded_cjk_font(germany_japan_pdf: Book) -> None:
    """The Germany-Japan book names its Japanese participants in kanji too."""
    table = subprocess.run(["pdffonts", str(germany_japan_pdf.pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert any("CJK" in row.split()[0] for row in table.splitlines()[2:]), table
    # Loaded because the book has kanji (briefing-fonts.lua; a book without any is spared the fallback).
    assert "briefing: Noto CJK fallback loaded (U+" in germany_japan_pdf.log
    # From the book's own subsets of Noto CJK (outputs/latex/cjk.py): a few hundred glyphs per face,
    # where the whole face (some 65,000) cost every font size a copy of its character table.
    subsets = cjk_subsets(germany_japan_pdf.log)
    assert set(subsets) == {"NotoSerifCJKjp-Regular", "NotoSerifCJKjp-Bold", "NotoSansCJKjp-Regular",
                            "NotoSansCJKjp-Bold", "NotoSansMonoCJKjp-Regular"}, germany_japan_pdf.log[-3000:]
    assert all(glyphs < 5000 for glyphs in subsets.values()), subsets


# -- The LaTeX log ------------------------------------------------------------------------------


def test_log_has_no_missing_character(book_pdf: Book) -> None:
    missing = [line for line in book_pdf.log.splitlines() if "Missing character" in line]
    assert missing == []


def test_log_has_no_overfull_box_wider_than_5pt(book_pdf: Book) -> None:
    overfull = [
        (float(m.group(1)), m.group(0))
        for m in re.finditer(r"Overfull \\hbox \(([\d.]+)pt too wide\)[^\n]*", book_pdf.log)
    ]
    assert [line for width, line in overfull if width > 5.0] == []


def test_log_has_no_undefined_reference(book_pdf: Book) -> None:
    assert "There were undefined references" not in book_pdf.log
    assert "multiply defined" not in book_pdf.log


# -- Page design --------------------------------------------------------------------------------


def _printed_date(value: Any) -> str:
    """A ``briefing_*`` date as the English title page prints it (``18 March 2023``), or its text."""
    return f"{value.day} {value:%B %Y}" if hasattr(value, "strftime") else str(value)


def test_title_page(book_pdf: Book) -> None:
    first = squash(pdftotext(book_pdf.pdf, "-f", "1", "-l", "1")).casefold()
    config = book_pdf.env.config
    expected = {
        "occasion": config.briefing_occasion,
        "date": _printed_date(config.briefing_date),
        "venue": config.briefing_venue,
        # (label and value in the two columns of the title page's table)
        "edition label": "Edition",
        "edition": config.release,
        "handling": config.briefing_handling,
        "compiler": config.briefing_prepared_by or config.author,
    }
    assert {k: v for k, v in expected.items() if squash(v).casefold() not in first} == {}


def _keywords(metadata: dict[str, Any]) -> tuple[str, ...]:
    """``briefing_pdf_metadata``'s keywords, given as one comma-separated string or as a list."""
    keywords = metadata.get("keywords") or ()
    return tuple(k.strip() for k in (keywords.split(",") if isinstance(keywords, str) else keywords) if k.strip())


def test_metadata(book_pdf: Book) -> None:
    info = PdfReader(book_pdf.pdf).metadata
    config = book_pdf.env.config
    assert info is not None
    assert info.title == config.project
    assert info.author == config.author
    metadata = config.briefing_pdf_metadata
    assert squash(metadata["subject"]) in squash(info.subject or "")
    assert all(keyword in (info.get("/Keywords") or "") for keyword in _keywords(metadata))


# -- Archival PDF and text layer (issue 26) -------------------------------------------------------


@pytest.mark.parametrize("which", ["book", "leaflet"])
def test_book_and_leaflet_are_pdfa_2b_with_the_book_settings_in_xmp(book_pdf: Book, which: str) -> None:
    config = book_pdf.env.config
    metadata = config.briefing_pdf_metadata
    pdf = book_pdf.pdf if which == "book" else book_pdf.leaflet
    assert pdfa_problems(pdf, language=config.language, title=config.project, author=config.author,
                         subject=metadata["subject"], keywords=_keywords(metadata)) == []


@pytest.mark.parametrize("which", ["book", "leaflet"])
def test_text_layer_has_no_ligature_or_compatibility_code_points(book_pdf: Book, which: str) -> None:
    assert text_layer_problems(book_pdf.pdf if which == "book" else book_pdf.leaflet) == []


def test_search_finds_affairs_and_hayashi_in_the_book_while_ligatures_still_print(germany_japan_pdf: Book) -> None:
    """Two words of the Germany-Japan book that the text layer once garbled."""
    book_pdf = germany_japan_pdf
    text = pdftotext(book_pdf.pdf)
    assert "Affairs" in text and "林芳正" in text
    # The printed glyphs are unchanged: the body font still sets "fi" as one ligature glyph, whose
    # /ToUnicode now reads "fi".
    import pikepdf

    with pikepdf.open(book_pdf.pdf) as doc:
        cmaps = "".join(font.ToUnicode.read_bytes().decode("latin-1")
                        for page in doc.pages[:6] for font in page.Resources.Font.values()
                        if "/ToUnicode" in font and "FreeSerif" in str(font.get("/BaseFont")))
    assert re.search(r"<[0-9A-F]{4}>\s*<00660069>", cmaps), "no fi ligature glyph in the body text"


def test_a4_pages_with_header_and_page_n_of_n(book_pdf: Book) -> None:
    reader = PdfReader(book_pdf.pdf)
    total = len(reader.pages)
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    short_title = squash(book_pdf.env.config.html_title)  # conf.py: html_title = short_title, the header's title
    wrong = []
    for number in range(2, total + 1):  # the title page has neither header nor footer
        page = squash(pdftotext(book_pdf.pdf, "-f", str(number), "-l", str(number)))
        if f"Page{number}of{total}" not in page or (short_title and short_title not in page):
            wrong.append(number)
    assert wrong == []


def test_contents_and_bookmarks_list_every_chapter(book_pdf: Book) -> None:
    reader = PdfReader(book_pdf.pdf)
    top = [item.title or "" for item in reader.outline if not isinstance(item, list)]
    chapters = re.findall(r"\\contentsline \{chapter\}\{\\numberline \{\d+\}(.*?)\}\{\d+\}", _toc(book_pdf))
    assert chapters, "no chapter in the table of contents"
    assert [squash(t) for t in top] == [squash(c) for c in chapters]
    contents_page = squash(pdftotext(book_pdf.pdf, "-f", "2", "-l", "2"))
    assert "Contents" in contents_page
    assert all(squash(c) in contents_page or squash(c) in squash(pdftotext(book_pdf.pdf, "-f", "3", "-l", "3"))
               for c in chapters)


def _toc(book_pdf: Book) -> str:
    return book_pdf.pdf.with_suffix(".toc").read_text(encoding="utf-8")


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


def test_object_references_are_links_to_the_object(book_pdf: Book) -> None:
    reader = PdfReader(book_pdf.pdf)
    destinations = _named_destinations(reader)
    targets = _link_targets(reader)
    domain = book_pdf.env.domaindata["briefing"]
    # Pages in the PDF: those the root's toctrees reach (the manual is a document of its own now).
    env, in_pdf, todo = book_pdf.env, set(), [book_pdf.env.config.root_doc]
    while todo:
        docname = todo.pop()
        if docname not in in_pdf:
            in_pdf.add(docname)
            todo.extend(env.toctree_includes.get(docname, ()))
    referenced = {(kind, ident) for docname, refs in domain["references"].items() if docname in in_pdf
                  for kind, ident in refs if kind in ("person", "fact", "pillar", "source")}
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
        m = re.search(r"^\\newlabel\{" + label + r"\}.*\{([^{}]+)\}\{[^{}]*\}\}\s*$", book_pdf.aux, re.M)
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
        on_page = squash(pdftotext(book_pdf.pdf, "-f", str(page + 1), "-l", str(page + 1)))
        if squash(display[kind](record)) not in on_page:
            problems.append(f"{kind} {ident}: link lands on page {page + 1}, which does not show it")
    assert problems == []


def test_link_and_anchor_names_skip_the_second_conversion(book_pdf: Book) -> None:
    """Under the PDF management (PDF/A) the link and anchor names Sphinx writes are their own PDF
    strings: briefing.sty has briefing-pdfnames.lua check each in one step instead of hyperref's
    conversion one character at a time (about a tenth of a LuaLaTeX pass), and every anchor of the
    .aux is still a named destination of the PDF, every link's target one of them."""
    assert "briefing: link and anchor names checked by briefing-pdfnames.lua" in book_pdf.log
    reader = PdfReader(book_pdf.pdf)
    destinations = set(_named_destinations(reader))
    # \newlabel{<label>}{{<number>}{<page>}{<title>}{<anchor>}{}}
    anchors = set(re.findall(r"^\\newlabel\{[^{}]*\}\{.*\{([^{}]+)\}\{[^{}]*\}\}\s*$", book_pdf.aux, re.M))
    targets = _link_targets(reader)
    assert anchors and targets
    assert anchors - destinations == set()
    assert targets - destinations == set()


def test_status_marks_and_compact_citations_print(germany_japan_pdf: Book) -> None:
    """Every mention of Tani Koichi (likely, in the Germany-Japan book) carries the mark; citations
    print the short label."""
    book_pdf = germany_japan_pdf
    body_text = squash(pdftotext(book_pdf.pdf, *BODY_CROP))
    mark = "(likely, single source)"
    tex = book_pdf.pdf.with_suffix(".tex").read_text(encoding="utf-8")
    links = [ref[:300] for ref in tex.split(r"\hyperref[\detokenize{")[1:] if ref.startswith("delegations/japan:person-tani}")]
    # Each link to his card (roles, Faeser's counterpart, the who-is-who and meetings tables) ...
    assert len(links) >= 5 and all(mark in link for link in links)
    # ... prints the mark right after his name (the quote index's heading is not a link in LaTeX).
    assert body_text.count(squash("Tani Koichi " + mark)) >= len(links)
    assert squash("Status: likely, single source") in body_text  # his card
    # Citations are notes (briefing_citation_style "notes"): real footnotes, numbered per chapter, each
    # giving the source in full once, at the foot of the page of its first mark; no "(Embassy of Japan)".
    assert squash("(Embassy of Japan)") not in body_text
    notes = tex.count(r"\begin{footnote}[")
    marks = notes + tex.count(r"\sphinxfootnotemark[")
    assert notes >= 20 and marks > 2 * notes
    assert body_text.count(squash("Close collaboration between Germany and Japan")) <= notes


# -- sphinx-design degrades without loss ----------------------------------------------------------


def test_grid_cards_keep_their_titles_and_text(book_pdf: Book, text: str) -> None:
    """Every card title of the book's grids is printed, and no raw LaTeX of their containers leaks
    (the Germany-Japan book has grid cards: there the test must find some)."""
    cards = []
    for md in book_pdf.shelf.srcdir.rglob("*.md"):
        if "_build" not in md.parts:
            cards += re.findall(r"^:::+\{grid-item-card\}[ \t]*(.+)$", md.read_text(encoding="utf-8"), re.M)
    assert cards or book_pdf.shelf.id != GERMANY_JAPAN, "the book uses no grid cards any more; drop this test"
    assert [c for c in cards if squash(c) not in text] == []
    raw = pdftotext(book_pdf.pdf)
    assert re.findall(r"\\DUrole|\\sphinx\w*|sphinxuseclass|\\begin\{\w+\}|sd-\w+", raw) == []


def test_latexmk_repeats_no_pass_for_a_font_cache(book_pdf: Book) -> None:
    """luaotfload's and luatexja's caches (``*.luc``), which any LuaLaTeX run on the machine may
    rewrite, are no input of the book: the latexmkrc the build wrote leaves their content out of
    latexmk's change detection (outputs/assets.py), and latexmk's record of the build shows it (each
    cache with the digest of no content), so another run rewriting one costs no pass."""
    rc = (book_pdf.pdf.parent / "latexmkrc").read_text(encoding="utf-8")
    assert "$hash_calc_ignore_pattern{'luc'} = '^';" in rc
    record = book_pdf.pdf.with_suffix(".fdb_latexmk").read_text(encoding="utf-8")
    caches = dict(re.findall(r'^\s+"([^"]+\.luc)" \S+ \S+ (\S+) ', record, re.M))
    assert caches, "latexmk's record lists no font cache"
    # luaotfload's lookup cache is read when a font is looked up by name: by the complex scripts'
    # families, defined only in a book that has such a character (test_print's root has, and
    # test_print checks its record the same way)
    if "briefing: script fonts defined for: none" not in book_pdf.log:
        assert any(path.endswith("luaotfload-lookup-cache.luc") for path in caches), sorted(caches)
    assert set(caches.values()) == {hashlib.md5(b"").hexdigest()}, caches
    # luaotfload's HarfBuzz-mode entries, the book's own CJK subsets' among them (a new one for each
    # new text, written while documents compile), likewise
    entries = dict(re.findall(r'^\s+"([^"]+/fonts/hb/[^"]+\.(?:otf|ttf|ttc):1:nil)" \S+ \S+ (\S+) ', record, re.M))
    for ext in ("otf", "ttf", "ttc"):
        assert f"$hash_calc_ignore_pattern{{'{ext}:1:nil'}} = '^';" in rc
    if "briefing: Noto CJK fallback loaded" in book_pdf.log:  # (the book's subsets were read)
        assert any("briefing-cjk-" in path for path in entries), sorted(entries)
    assert set(entries.values()) <= {hashlib.md5(b"").hexdigest()}, entries


def test_a_clean_build_drafts_each_documents_first_pass(book_pdf: Book) -> None:
    """A clean ``make latexpdf`` typesets the book and then its leaflet twice each, as it always did,
    but the first pass of each in LuaTeX's draft mode (the latexmkrc the build wrote, outputs/assets.py):
    it writes the .aux, .toc and .idx the second pass reads, and no PDF; the second pass writes the
    PDF. (That the PDF is the one two full passes give: test_a_draft_first_pass_leaves_the_pdf_as_it_was.)"""
    book, leaflet = book_pdf.pdf.stem, book_pdf.leaflet.stem
    assert book_pdf.passes == [(book, "draft"), (book, "pdf"), (leaflet, "draft"), (leaflet, "pdf")]


def test_script_fonts_are_defined_for_the_scripts_the_book_has(book_pdf: Book) -> None:
    """A complex script's HarfBuzz families are defined (their fonts loaded) in every LuaLaTeX pass
    only when the book has a character of that script (briefing-fonts.lua, fonts-lualatex.tex): every
    run the writer wrapped has its families, and no script without a character in the book has any."""
    from sphinx_briefing.outputs.latex.typesetting import SCRIPTS

    tex = book_pdf.pdf.with_suffix(".tex").read_text(encoding="utf-8")
    line = re.search(r"^briefing: script fonts defined for: (.*)$", book_pdf.log, re.M)
    assert line is not None, "briefing-fonts.lua wrote no line for the script fonts"
    defined = set() if line[1] == "none" else set(line[1].split(", "))
    assert set(re.findall(r"\\briefingscript\{(\w+)\}", tex)) <= defined
    assert defined <= {tag for tag, chars in SCRIPTS.items() if re.search(f"[{chars}]", tex)}


# -- The Read the Docs build --------------------------------------------------------------------


@pytest.fixture(scope="session")
def rtd_pdf(rtd_replay: tuple[Path, dict[str, Any]]) -> Path:
    """The PDF as Read the Docs builds it: the replay's (conftest's ``rtd_replay``: the LaTeX builder with
    ``-T -W --keep-going``, then latexmk with Sphinx's latexmkrc and ``-jobname=briefing``), whose LaTeX
    log the replay keeps beside it as ``briefing.log``."""
    work, made = rtd_replay
    pdf = work / "output" / "pdf" / "briefing.pdf"
    assert made["returncode"] == 0 and pdf.is_file(), made["tail"]
    return pdf


def test_read_the_docs_style_build_gives_the_same_text(germany_japan_pdf: Book, rtd_pdf: Path) -> None:
    """Read the Docs publishes the Germany-Japan book (.readthedocs.yaml: docs/conf.py)."""
    book_pdf = germany_japan_pdf
    assert pdftotext(rtd_pdf) == pdftotext(book_pdf.pdf)
    assert page_count(rtd_pdf) == page_count(book_pdf.pdf)
    log = (rtd_pdf.parents[2] / "briefing.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    # Read the Docs' own latexmk finds the Noto CJK subsets the LaTeX builder wrote beside the .tex.
    assert cjk_subsets(log) == cjk_subsets(book_pdf.log) != {}


# -- LaTeX specials, long words and empty fields --------------------------------------------------

SPECIALS = ROOTS / "test-latex-specials"
SPECIALS_PROJECT = "latex-specials: 100% & co_1"


def _root_strings() -> list[str]:
    """Option values and body lines of the specials root, as the author wrote them."""
    source = (SPECIALS / "index.md").read_text(encoding="utf-8")
    values = [v.strip() for v in re.findall(r"^:(?:name|short|role|country|native-name|value|unit|"
                                            r"label|title|publisher|url):(.*)$", source, re.M)]
    bodies = re.findall(r"^((?:Body text|We said|Pillar body).*)$", source, re.M)
    return [v for v in values + bodies if v]


@pytest.fixture(scope="module")
def specials_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[tuple[str, str]]]:
    """The specials root's PDF as latexmk makes it with the latexmkrc the build wrote: (PDF, its LaTeX
    log, the LuaLaTeX passes latexmk reported, conftest.lualatex_passes)."""
    require_tool(*TOOLS)
    # (The project's name, which the PDF's title metadata carries, with specials and a hyphen too.)
    built = build(SPECIALS, "latex", builddir=tmp_path_factory.mktemp("specials"),
                  confoverrides={"project": SPECIALS_PROJECT})
    assert built.returncode == 0, built.warnings
    out = built.outdir
    # No -f: any LaTeX error fails latexmk.
    make = subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
                           "specials.tex"], capture_output=True, text=True, cwd=out, check=False)
    log = (out / "specials.log").read_text(encoding="utf-8", errors="replace") if (out / "specials.log").exists() else ""
    assert make.returncode == 0, make.stdout[-3000:] + log[-3000:]
    return out / "specials.pdf", log, lualatex_passes(make.stdout)


def test_specials_root_has_specials_long_words_and_an_empty_field() -> None:
    source = (SPECIALS / "index.md").read_text(encoding="utf-8")
    strings = _root_strings()
    assert all(any(ch in s for s in strings) for ch in "&%$#_{}~^\\")
    assert any(len(word) > 60 for s in strings for word in s.split())
    assert re.search(r"^:unit:\s*$", source, re.M)


def test_the_pdf_title_keeps_hyphens_and_specials(specials_pdf: tuple[Path, str, list[tuple[str, str]]]) -> None:
    """The title a PDF reader shows (document properties, XMP) is the project's name as written: a
    hyphen once vanished there ("Stand-in" read "Standin"), escaped as Sphinx's \\sphinxhyphen."""
    pdf, _, _ = specials_pdf
    info = PdfReader(pdf).metadata
    assert info is not None and info.title == SPECIALS_PROJECT


def test_specials_print_as_written(specials_pdf: tuple[Path, str, list[tuple[str, str]]]) -> None:
    pdf, log, _ = specials_pdf
    assert re.findall(r"^! .*", log, re.M) == []
    text = squash(pdftotext(pdf, *BODY_CROP))
    assert [s for s in _root_strings() if squash(s) not in text] == []
    assert "Missing character" not in log


def _undated(pdf: Path) -> bytes:
    """*pdf*'s bytes without what differs from one run to the next: the dates (Info and XMP), the
    XMP's instance uuid and the trailer's /ID."""
    data = pdf.read_bytes()
    data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)", b"<date>", data)
    data = re.sub(rb"D:\d{14}(?:Z|[+-]\d\d'\d\d')?", b"D:<date>", data)
    data = re.sub(rb"uuid:[0-9a-f-]{36}", b"uuid:<id>", data)
    return re.sub(rb"/ID \[ ?<[0-9A-F]+> ?<[0-9A-F]+> ?\]", b"/ID [<id>]", data)


def test_a_draft_first_pass_leaves_the_pdf_as_it_was(specials_pdf: tuple[Path, str, list[tuple[str, str]]],
                                                     tmp_path: Path) -> None:
    """The first LuaLaTeX pass of a clean build runs in draft mode (the latexmkrc the LaTeX builder
    writes, outputs/assets.py), and the PDF is the one two full passes give: the same bytes but for
    the dates and the IDs, so the same text, fonts and pages. The full passes here are the specials
    root's own LaTeX compiled again with the latexmkrc as it was before the draft pass (the same file
    without that part)."""
    pdf, _, passes = specials_pdf
    assert passes == [("specials", "draft"), ("specials", "pdf")]
    full = tmp_path / "full"
    # The builder's output without what the compile added (specials.aux, .toc, .idx, .log, .pdf …)
    shutil.copytree(pdf.parent, full, ignore=lambda _, names: [n for n in names if n.startswith("specials.")
                                                               and n != "specials.tex"])
    rc = full / "latexmkrc"
    text = rc.read_text(encoding="utf-8")
    rc.write_text(text[: text.index(DRAFT_PASS_MARK)], encoding="utf-8")
    make = subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
                           "specials.tex"], capture_output=True, text=True, cwd=full, check=False)
    assert make.returncode == 0, make.stdout[-3000:]
    assert lualatex_passes(make.stdout) == [("specials", "pdf"), ("specials", "pdf")]
    assert pdftotext(full / "specials.pdf") == pdftotext(pdf)
    assert _undated(full / "specials.pdf") == _undated(pdf)


# -- Print typography (issue 15) ------------------------------------------------------------------


def test_attributions_have_an_em_dash_not_three_hyphens(book_pdf: Book) -> None:
    raw = pdftotext(book_pdf.pdf, *BODY_CROP)
    speakers = {r.get("by") for r in book_pdf.records("quote")}
    names = [p.get("name") for p in book_pdf.records("person") if p.id in speakers]
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


def test_no_page_ends_with_a_heading(book_pdf: Book) -> None:
    """Each page's last line of body text is compared with the outline's headings on that page."""
    reader = PdfReader(book_pdf.pdf)
    headings: dict[int, list[str]] = {}
    for title, page in _outline(reader):
        headings.setdefault(page, []).append(squash(title))
    assert headings
    stranded = []
    for number in range(1, len(reader.pages) + 1):
        lines = [line for line in pdftotext(book_pdf.pdf, "-f", str(number), "-l", str(number),
                                            *BODY_CROP).splitlines() if line.strip()]
        if not lines:
            continue
        # "1.2 Key figures": the number before the title is not part of the bookmark.
        last = re.sub(r"^\d+(\.\d+)*", "", squash(lines[-1]))
        if last and last in headings.get(number, []):
            stranded.append(f"page {number}: {lines[-1].strip()!r}")
    assert stranded == []


def test_a_page_range_reads_as_pdftotext_prints_it(book_pdf: Book) -> None:
    """conftest's ``pdftotext`` reads each PDF once and cuts a page range (``-f``/``-l``) from the
    whole text: in every text mode the tests use, the cut is what pdftotext itself prints for the
    range, bounded or open-ended."""
    for mode in ((), ("-raw",), ("-layout",), BODY_CROP):
        for pdf, bounds in ((book_pdf.pdf, ("-f", "1", "-l", "1")), (book_pdf.pdf, ("-f", "2", "-l", "3")),
                            (book_pdf.leaflet, ("-f", "2")), (book_pdf.leaflet, ("-l", "1"))):
            own = subprocess.run(["pdftotext", "-enc", "UTF-8", *mode, *bounds, str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout
            assert own.strip(), (pdf.name, mode, bounds)  # a range with text: the comparison means something
            assert pdftotext(pdf, *mode, *bounds) == own, (pdf.name, mode, bounds)


def test_urls_are_never_broken_after_the_scheme(book_pdf: Book) -> None:
    raw = pdftotext(book_pdf.pdf)
    # A scheme at a line's end, the host name at the next line's start.
    assert re.findall(r"\b(?:https?|ftp):/{0,2}[ \t]*\n\s*/{0,2}[\w-]+(?:\.[\w-]+)+", raw) == []
    assert re.findall(r"https?://[\w-]+(?:\.[\w-]+)+/", raw), "no URL printed: nothing checked"


def test_front_matter_leaves_no_page_nearly_empty(germany_japan_pdf: Book) -> None:
    """Every page before the first chapter is at least half full (the title page is full by design):
    the Germany-Japan book's contents and introduction share one page (a shorter book's contents
    page may well stand half empty before its first chapter)."""
    book_pdf = germany_japan_pdf
    reader = PdfReader(book_pdf.pdf)
    first_chapter = min(page for title, page in _outline(reader))
    assert first_chapter <= 3, "contents and introduction should take one page after the title page"
    for number in range(2, first_chapter):
        # -bbox ignores the crop: leave out the running footer (below 790pt) by position.
        boxes = re.findall(r'yMax="([\d.]+)"', pdftotext(book_pdf.pdf, "-f", str(number), "-l", str(number),
                                                         "-bbox"))
        lowest = max(y for y in map(float, boxes) if y < 790)
        assert lowest > 55 + 735 / 2, f"page {number} is less than half full (text ends at {lowest:.0f}pt)"


# -- The "At a glance" leaflet ----------------------------------------------------------------------


def _leaflet_pages(book_pdf: Book) -> list[str]:
    pages = book_pdf.env.config.briefing_leaflet
    assert pages, f"{book_pdf.shelf.srcdir}/conf.py names no leaflet pages (briefing_leaflet)"
    return list(pages)


def test_leaflet_mentions_carry_their_status_marks(germany_japan_pdf: Book) -> None:
    """A person the leaflet names whose status is not confirmed carries the mark, as in the book (the
    Germany-Japan leaflet names one, Tani Koichi)."""
    book_pdf = germany_japan_pdf
    from sphinx_briefing.core.status import mark_text

    text = squash(pdftotext(book_pdf.leaflet))
    doubtful = [p for p in book_pdf.records("person") if p.listed and p.get("status") not in ("", "confirmed")]
    named = [p for p in doubtful if squash(p.get("name")) in text]
    assert named, "the leaflet names no person with a status mark: the check would prove nothing"
    for person in named:
        mark = mark_text(book_pdf.env.config, person.get("status"))
        assert squash(f"{person.get('name')} ({mark})") in text, person.id


def test_leaflet_is_written_next_to_the_book_on_at_most_two_a4_pages(book_pdf: Book) -> None:
    assert book_pdf.leaflet.is_file()
    reader = PdfReader(book_pdf.leaflet)
    assert 1 <= len(reader.pages) <= 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {(595, 842)}
    log = book_pdf.leaflet.with_suffix(".log")
    if not log.exists():  # the leaflet is built in its own directory and copied next to the book
        log = book_pdf.pdf.parent.parent / "leaflet" / log.name
    assert "Missing character" not in log.read_text(encoding="utf-8", errors="replace")


def test_leaflet_holds_the_pillars_figures_people_date_venue_and_sources(book_pdf: Book) -> None:
    text = squash(pdftotext(book_pdf.leaflet))
    domain = book_pdf.env.domaindata["briefing"]
    pages = _leaflet_pages(book_pdf)
    shown = {(kind, ident) for page in pages for kind, ident in domain["references"].get(page, ())}
    facts = [book_pdf.env.domaindata["briefing"]["objects"]["fact"][i] for k, i in shown if k == "fact"]
    people = [domain["objects"]["person"][i] for k, i in shown if k == "person"]
    assert facts and people
    missing = [f"pillar {p.id}: {p.get('title')}" for p in book_pdf.records("pillar") if squash(p.get("title")) not in text]
    missing += [f"fact {f.id}: {f.get('value')}" for f in facts if squash(f.get("value")) not in text]
    missing += [f"person {p.id}: {p.get('name')}" for p in people if squash(p.get("name")) not in text]
    assert missing == []
    # Title block: the occasion's date and the venue, before the summary.
    head = squash(pdftotext(book_pdf.leaflet, "-f", "1", "-l", "1")).split(squash("Summary"))[0]
    config = book_pdf.env.config
    assert squash(_printed_date(config.briefing_date)) in head and squash(config.briefing_venue) in head
    # Sources line: every source the pages cite, directly or through their objects.
    cited = {i for k, i in shown if k == "source"}
    cited |= {r.get("source") for k, i in shown if k in ("fact", "person") for r in [domain["objects"][k][i]]}
    titles = [domain["objects"]["source"][i].get("title") for i in cited if i in domain["objects"]["source"]]
    sources_line = text.split("Sources:")[-1]
    assert "Sources:" in text and [t for t in titles if squash(t) not in sources_line] == []
    # References to other pages print their text, never an object's id.
    raw = pdftotext(book_pdf.leaflet)
    assert [ident for _, ident in shown if "-" in ident and re.search(rf"\b{re.escape(ident)}\b", raw)] == []


def test_at_a_glance_page_links_to_the_leaflet(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    out, _ = book_html
    assert shelf_book.leaflet_pages
    page = out / f"{shelf_book.leaflet_pages[0]}.html"
    soup = parsed_page(page)
    link = soup.select_one("p.briefing-leaflet-download a")
    # A plain HTML build has no leaflet to link to (tests/test_links.py: the link once it is built).
    assert link is None or (out / str(link["href"])).is_file()


def test_leaflet_gives_each_pillar_one_or_two_lines_of_its_first_key_point(book_pdf: Book) -> None:
    """Each pillar's title, then on the next line its first key point (its page's first list item),
    taking one or two lines; the expectation is read from the pillar's Markdown, not from the builder."""
    lines = pdftotext(book_pdf.leaflet, "-layout").splitlines()
    problems = []
    for pillar in [p for p in book_pdf.records("pillar") if p.listed]:  # not the authoring guide's example
        source = book_pdf.source(pillar.docname)
        bullet = re.search(r"^- (.+)$", source, re.MULTILINE)
        assert bullet, pillar.docname
        opening = " ".join(bullet.group(1).replace("**", "").split()[:5])
        # The pillar's own item: the title opens a bullet (the summary above may name it in passing).
        title = squash(pillar.get("title"))
        at = next((i for i, line in enumerate(lines) if squash(line).lstrip("\u2022").startswith(title)),
                  next((i for i, line in enumerate(lines) if title in squash(line)), None))
        # The title's line may run on to a second (a title followed by its standing, "— agreed by …").
        under = [k for k in (1, 2) if at is not None and at + k < len(lines)
                 and squash(lines[at + k]).startswith(squash(opening))
                 and all(not lines[at + j].strip().startswith("\u2022") for j in range(1, k + 1))]
        if not under:
            problems.append(f"{pillar.id}: no line opening {opening!r} under its title")
            continue
        assert at is not None
        taken = 0
        for line in lines[at + under[0]:]:
            if not line.strip() or line.strip().startswith("\u2022"):
                break
            taken += 1
        if taken > 2:
            problems.append(f"{pillar.id}: its point takes {taken} lines")
    assert problems == []


# -- The relationship map ------------------------------------------------------------------------


def test_relationship_map_is_vector_art_in_the_pdf(germany_japan_pdf: Book) -> None:
    """'Who met whom' shows the map (Graphviz's PDF, included as a form: vector, no raster image), read
    on the Germany-Japan book's page and names (tests/test_map_size.py measures every book's map)."""
    book_pdf = germany_japan_pdf
    require_tool("dot", "pdfimages")
    pages = pdftotext(book_pdf.pdf).split("\f")
    after = next(i for i, page in enumerate(pages) if "The map above shows who met whom" in page)
    reader = PdfReader(book_pdf.pdf)
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
    images = subprocess.run(["pdfimages", "-list", "-f", str(index + 1), "-l", str(index + 1), str(book_pdf.pdf)],
                            capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) == 2  # the header only: no raster image
    # The box labels are text of the page (selectable, searchable), in the map's reading order.
    page_text = squash(pages[index])
    # (Takaichi Sanae, with no counterpart in the sources, is left off the map since issue 24.3.)
    for name in ("Germany", "Japan", "OlafScholz", "KishidaFumio", "HayashiYoshimasa"):
        assert name in page_text


# -- The reader's book (issue 22): no manual, handling on every page, typesetter's pagination --------------


def _page_texts(pdf: Path, *args: str) -> list[str]:
    """Each page's text (pdftotext separates pages with a form feed)."""
    return pdftotext(pdf, *args).split("\f")[:-1]


def test_the_book_pdf_holds_no_page_of_the_manual(book_pdf: Book, text: str) -> None:
    assert squash("Authoring guide") not in text
    assert "sphinxbriefingnew" not in text.lower() and "```{person}" not in text


def test_the_handling_line_heads_and_closes_every_page(book_pdf: Book) -> None:
    """Book and leaflet: the handling line at the top and the foot of every page, title page too."""
    handling = squash(book_pdf.env.config.briefing_handling)
    assert handling
    for pdf in (book_pdf.pdf, book_pdf.leaflet):
        pages = _page_texts(pdf, "-layout")
        assert pages
        for number, page in enumerate(pages, 1):
            lines = [squash(line) for line in page.splitlines() if line.strip()]
            assert handling in lines[0], (pdf.name, number, lines[0])
            # (The foot's line may wrap beside "Page n of N", which -layout sets between its lines.)
            foot = re.sub(r"Page\d+of\d+", "", "".join(lines[-3:]))
            assert handling in foot, (pdf.name, number, lines[-3:])


def test_the_title_page_names_each_setting_once(book_pdf: Book) -> None:
    config = book_pdf.env.config
    title_page = squash(_page_texts(book_pdf.pdf)[0])
    body = title_page.replace(squash(config.briefing_handling), "")  # the page's head and foot
    for value in (config.briefing_prepared_on, config.briefing_prepared_by or config.author,
                  config.briefing_reference, config.briefing_information_as_of, config.release):
        assert body.count(squash(value)) >= 1, value
    for label in ("Preparedby", "Preparedon", "Reference", "Informationasof", "Edition"):
        assert body.count(label) == 1, label  # no "Edition — Edition 1.0"


def test_not_stated_at_most_ten_times_in_the_pdf(book_pdf: Book) -> None:
    raw = " ".join(pdftotext(book_pdf.pdf).split())
    assert len(re.findall(r"not stated", raw)) <= 10  # 124 before issue 22


def test_no_box_reaches_the_footer(book_pdf: Book) -> None:
    assert "Overfull \\vbox" not in book_pdf.log


def test_every_card_stands_whole_on_one_page(book_pdf: Book) -> None:
    """A person's card, from its name and office to its source line, on one page."""
    pages = [squash(p) for p in _page_texts(book_pdf.pdf)]
    source_names = {r.id: r for r in book_pdf.records("source")}
    checked = 0
    for person in book_pdf.records("person"):
        if not person.listed:
            continue
        # Named, or known by a title alone; the line under the name is the office (role, else title).
        head = squash(person.get("name") or person.get("title"))
        office = person.get("role") or (person.get("title") if person.get("name") else "")
        role = squash(office)
        source = source_names.get(person.get("source"))
        # The card: the name, then (after a native name, if any) the office. A mention elsewhere (a list
        # of the delegation followed by its notes) is not the card.
        # A running mention ("António Costa, President of the European Council, and …") has a comma
        # between name and office; a card has none (at most a native name).
        def opens_card(page: str, m: re.Match[str], role: str = role, head: str = head) -> bool:
            if not role:  # no office to state (known by a title alone): the card's fields follow at once
                return re.match(r"\w+:", page[m.end():]) is not None
            return (role in page[m.start():m.start() + len(head) + 80]
                    and "," not in page[m.end():page.find(role, m.end())])

        cards = [(i, m.start()) for i, page in enumerate(pages) for m in re.finditer(re.escape(head), page)
                 if opens_card(page, m)]
        assert cards, person.id
        page, start = pages[cards[0][0]], cards[0][1]
        if source is not None:
            assert "Source:" in page[start:], person.id  # its last field is on the same page
            checked += 1
    assert checked > 0


def test_short_tables_are_never_split(book_pdf: Book) -> None:
    """A table of five rows or fewer is not a long table (which may break across pages)."""
    tex = (book_pdf.pdf.with_suffix(".tex")).read_text(encoding="utf-8")
    for table in re.findall(r"\\begin\{longtable\}.*?\\end\{longtable\}", tex, re.S):
        body = table.split("\\endlastfoot", 1)[-1]
        rows = body.count("\\\\")
        assert rows > 5, table[:300]
    assert "continued on next page" not in pdftotext(book_pdf.pdf) or "\\begin{longtable}" in tex


def test_each_pillar_starts_a_new_page(book_pdf: Book) -> None:
    """When the book says "one page each" (``briefing_pillar_pages``)."""
    if not book_pdf.env.config.briefing_pillar_pages:
        pytest.skip(f"{book_pdf.shelf.id} sets its pillars on running pages")
    pages = [squash(p) for p in _page_texts(book_pdf.pdf, *BODY_CROP)]
    for pillar in book_pdf.records("pillar"):
        if not pillar.listed:
            continue  # the guide's examples
        title = squash(pillar.get("title"))
        starts = [i for i, page in enumerate(pages) if title in page[:80]]
        assert starts, f"pillar {pillar.id} does not open a page"


def test_dates_never_break_across_lines(book_pdf: Book) -> None:
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    raw = pdftotext(book_pdf.pdf, "-layout")
    assert not re.search(rf"\b\d{{1,2}}\s*\n\s*({months}) \d{{4}}", raw)
    assert not re.search(rf"\b\d{{1,2}} ({months})\s*\n\s*\d{{4}}\b", raw)


def test_the_leaflet_stands_alone(book_pdf: Book) -> None:
    """No sentence sending the reader to a page he lacks, no "X: X.", the EPRS-style foot."""
    config = book_pdf.env.config
    leaflet = pdftotext(book_pdf.leaflet)
    flat = " ".join(leaflet.split())
    inside = set(_leaflet_pages(book_pdf))
    for docname, title in book_pdf.env.titles.items():
        if docname in inside:
            continue
        name = title.astext()
        assert f"See {name}" not in flat and f"under {name}" not in flat, name
        assert f"{name}: {name}." not in flat, name
    foot = re.sub(r"Page\d+of\d+", "", squash(" ".join(_page_texts(book_pdf.leaflet, "-layout")[0].splitlines()[-3:])))
    # (The settings reach the build as text: "6 December 2026"; the foot gives the month and year.)
    prepared = re.search(r"([^\W\d]+) (\d{4})$", str(config.briefing_prepared_on))
    assert prepared, f"briefing_prepared_on {config.briefing_prepared_on!r}: no month and year"
    for part in (config.briefing_prepared_by or config.author, config.briefing_reference,
                 "".join(prepared.groups()), config.briefing_handling):
        assert squash(part) in foot, part
    # The band names the note; the running head no longer repeats the book's short title there.
    first = _page_texts(book_pdf.leaflet, "-layout")[0].splitlines()
    head = next(line for line in first if line.strip())
    assert squash(config.briefing_short_title) not in squash(head)


def test_the_leaflets_links_stay_in_the_leaflet_or_go_to_the_web(book_pdf: Book) -> None:
    """Issue 22.8: a link in the leaflet lands on a place in the leaflet, or is a web address; never on
    a section of the book the leaflet's reader does not have."""
    reader = PdfReader(book_pdf.leaflet)
    destinations = set(_named_destinations(reader))
    wrong = []
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else {}
            uri = str(action.get("/URI", ""))
            dest = annot.get("/Dest") or action.get("/D")
            if uri:
                if not uri.startswith(("http://", "https://", "mailto:")):
                    wrong.append(f"page {number}: link to {uri!r}")
            elif dest is not None and str(dest) not in destinations:
                wrong.append(f"page {number}: link to {dest!r}, not in the leaflet")
            elif action.get("/S") in ("/GoToR", "/Launch"):
                wrong.append(f"page {number}: link to another file {action!r}")
    assert wrong == []


def test_the_leaflet_uses_both_pages_or_one(book_pdf: Book) -> None:
    """Issue 22.8: one page when the content is short; a second page only when it is used (its text
    reaches at least half-way down the body: the map or the programme fills it when there is room)."""
    pages = page_count(book_pdf.leaflet)
    assert pages in (1, 2)
    if pages == 2:
        boxes = pdftotext(book_pdf.leaflet, "-f", "2", "-l", "2", "-bbox")
        body = [float(y) for y in re.findall(r'<word [^>]*yMax="([\d.]+)"', boxes) if 55 < float(y) < 790]
        assert body, "page 2 of the leaflet is empty"
        assert max(body) > 55 + 735 / 2, f"page 2 of the leaflet ends at {max(body):.0f}pt: not used"


def test_the_leaflet_summary_is_the_authors_summary(book_pdf: Book) -> None:
    """As many summary bullets as the author wrote, with nothing of another object merged into them."""
    source = book_pdf.source(_leaflet_pages(book_pdf)[0])
    written = source.split("## Summary", 1)[1].split("\n## ", 1)[0]
    authored = len(re.findall(r"^- ", written, re.M))
    layout = unicodedata.normalize("NFKC", pdftotext(book_pdf.leaflet, "-layout"))
    summary = layout[layout.index("Summary"):layout.index("Key figures")]
    assert summary.count("\u2022") == authored > 0
    # A pillar's key point is only added under a pillar heading a list item, never into a bullet (a
    # pillar the author's own bullet names prints its title there, as written).
    flat = squash(summary)
    named = set(re.findall(r"\{pillar\}`(?:[^`<]*<)?([^`>]+)>?`", written))
    named |= {p.id for p in book_pdf.records("pillar") if squash(p.get("title")) in squash(written)}  # in its words
    assert not [p.id for p in book_pdf.records("pillar") if squash(p.get("title")) in flat and p.id not in named]
    # Each bullet as written: its own words (between the references, which print their objects' text)
    # stand in the summary.
    missing = []
    for bullet in re.findall(r"^- (.+(?:\n[ \t]+\S.*)*)", written, re.M):
        # A citation in brackets may be a note's number (the notes style): the brackets go with it.
        bullet = re.sub(r"\s*\((?:\{source\}`[^`]*`[\s,;]*)+\)", "|", bullet)
        plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"\{[\w-]+\}`[^`]*`", "|", bullet))
        plain = re.sub(r"[*_]{1,2}", "", plain)
        missing += [run.strip() for run in plain.split("|") if len(run.split()) >= 3 and squash(run) not in flat]
    assert missing == []


# -- Issue 22.4: display type only for the headline figures ---------------------------------------------


def _word_heights(pdf: Path, word: str) -> list[float]:
    """The height (pt) of each box pdftotext -bbox gives *word*: its type size, near enough."""
    return [float(y1) - float(y0) for y0, y1 in
            re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">' + re.escape(word) + "</word>",
                       pdftotext(pdf, "-bbox"))]


def test_only_the_headline_figures_are_set_in_display_type(germany_japan_pdf: Book) -> None:
    """The two figures the Germany-Japan book marks :headline: (trade volume, trade rank) are set large
    in the book and the leaflet; every other figure, in its card or the key-figures table, at the
    text's size."""
    book_pdf = germany_japan_pdf
    leaflet = book_pdf.leaflet
    for pdf in (book_pdf.pdf, leaflet):
        headline, compact = max(_word_heights(pdf, "45.7")), max(_word_heights(pdf, "6"))
        assert headline >= 1.35 * compact, (pdf.name, headline, compact)
    # The distance (9,000 kilometres) is no headline figure: never larger than a headline figure's unit.
    assert max(_word_heights(book_pdf.pdf, "9,000")) < max(_word_heights(book_pdf.pdf, "45.7")) / 1.3


def _leaflet_tex(book_pdf: Book) -> str:
    (tex,) = (book_pdf.pdf.parent.parent / "leaflet").glob("*-at-a-glance.tex")
    return tex.read_text(encoding="utf-8")


#: A citation left as words in brackets in the leaflet's LaTeX: an opening bracket (ASCII or Japanese
#: full-width) right before a source's label.
_BRACKETED_CITATION = re.compile(r"[(\uff08]\s*(?:\{)*\\DUrole\{briefing-ref\}\{\\DUrole\{briefing-ref-source\}")


#: A leaflet note's number in LaTeX (docutils' superscript: ``$^{\text{1}}$``), its numbers caught.
_LEAFLET_NOTE = re.compile(r"\\DUrole\{briefing-leaflet-note\}\{(?:\\textsuperscript\{|\$\^\{\\text\{)([0-9,]+)\}")


def test_leaflet_citations_are_as_quiet_as_the_books(book_pdf: Book) -> None:
    """Under ``briefing_citation_style = "notes"`` the leaflet's citations are superscript numbers keyed
    to its sources line, as the book's are notes (issue 22.5 with 22.8): no "(Federal Government)" in its
    text, every number used has its entry in the line, numbered from 1. A book of another style keeps
    its own (its short labels in brackets)."""
    tex = _leaflet_tex(book_pdf)
    text, _, line = pdftotext(book_pdf.leaflet).partition("Sources:")
    assert line, "the leaflet has no sources line"
    body_tex, _, line_tex = tex.partition(r"\begin{sphinxuseclass}{briefing-leaflet-sources}")
    marks = _LEAFLET_NOTE.findall(body_tex)
    if book_pdf.env.config.briefing_citation_style != "notes":
        assert marks == [] and _BRACKETED_CITATION.search(body_tex)
        return
    assert _BRACKETED_CITATION.findall(body_tex) == []
    sources = book_pdf.env.domaindata["briefing"]["objects"]["source"].values()
    shouting = [f"({s.get('short')})" for s in sources if s.get("short") and squash(f"({s.get('short')})") in squash(text)]
    assert shouting == []
    used = sorted({int(n) for mark in marks for n in mark.split(",")})
    assert used and used == list(range(1, len(used) + 1))
    keyed = _LEAFLET_NOTE.findall(line_tex)
    assert [int(n) for n in keyed] == used  # each number once, in order, in the sources line


def _label_page(book_pdf: Book, label: str) -> int:
    """The PDF page LaTeX set *label* (``docname:anchor``) on, from the build's .aux."""
    found = re.search(r"\\newlabel\{" + re.escape(label) + r"\}\{\{[^{}]*\}\{(\d+)\}", book_pdf.aux)
    assert found, f"no label {label} in the .aux"
    return int(found.group(1))


def test_a_quoted_phrase_is_cited_as_the_book_cites(book_pdf: Book) -> None:
    """A ``{q}`` phrase's citation reads as the book's other citations do, on the phrase's own page: the
    short label (or title) in brackets, a note number under the notes style ("… on Global Issues" EU
    statement at the OSCE printed the label bare). The page is the one LaTeX set the phrase's anchor on,
    so the quotation index (which lists the phrase with its source in brackets too) cannot stand in."""
    style = book_pdf.env.config.briefing_citation_style
    sources = {s.id: s for s in book_pdf.records("source")}
    phrases = [q for q in book_pdf.records("quote") if q.written_by == "q role" and q.listed]
    for phrase in phrases:
        page = _label_page(book_pdf, f"{phrase.docname}:{phrase.anchor}")
        # (the phrase and its citation may run on to the next page)
        text = squash(pdftotext(book_pdf.pdf, *BODY_CROP, "-f", str(page), "-l", str(page + 1)))
        quoted = squash(f'"{phrase.text}"')
        source = sources[phrase.get("source")]
        if style == "notes":
            assert re.search(re.escape(quoted) + r"\d", text), (phrase.text, page)
            continue
        cited = source.get("title") if style == "title" else source.get("short") or source.get("title")
        # (a source the sources are unsure of keeps its status mark inside the bracket: "(x (likely))")
        assert quoted + squash(f"({cited}") in text, (phrase.text, cited, page)


def test_a_note_cited_again_on_a_later_page_is_marked_by_its_number(book_pdf: Book) -> None:
    """A note cited again after the page that printed it is marked by its number alone, as where it was
    first cited: Sphinx's own mark, "Page 10, 5", stood 55 times in the Germany-Japan book, after every
    citation of a card set on the page after its notes (briefing-print.sty)."""
    text = pdftotext(book_pdf.pdf, *BODY_CROP)
    assert re.findall(r"Page \d+, ?\d+", text) == []


def test_the_bgr_jogmec_cards_note_marks_are_numbers(germany_japan_pdf: Book) -> None:
    """The case the marks were seen in: the framed BGR-JOGMEC agreement card, set on the page after the
    notes its sources have on their pillar's page, cites them as 5, 6 and 1."""
    text = squash(pdftotext(germany_japan_pdf.pdf, *BODY_CROP))
    assert "ReportedasagreedinTokyo5,6;" in text
    assert "makesupplychainssecure1.Noneofthesources" in text


def test_a_headline_figures_change_mark_stands_beside_its_value(germany_japan_pdf: Book) -> None:
    """The headline figures are a row of cells: a figure's "changed" mark is set beside its own value,
    not in the margin beside the row (where it stood beside the other figure, issue 27's marks)."""
    reader = PdfReader(germany_japan_pdf.pdf)
    pages = [i for i in range(1, len(reader.pages) + 1)
             if "Bilateral trade volume" in pdftotext(germany_japan_pdf.pdf, "-f", str(i), "-l", str(i))]
    rows = 0
    for number in pages:
        page = pdftotext(germany_japan_pdf.pdf, "-bbox", "-f", str(number), "-l", str(number))
        words = [(float(a), float(b), w) for a, b, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]+)</word>', page)]
        value = next((x, y) for x, y, w in words if w == "45.7")
        if not any(w == "second" and abs(y - value[1]) < 3 for _, y, w in words):
            continue  # the figure's own card (background), whose mark is in the margin as every card's
        rows += 1
        near = [(x, y) for x, y, w in words if w == "changed" and abs(y - value[1]) < 12]
        assert near, f"page {number}: the headline figure 45.7 carries no change mark"
        assert all(value[0] < x < 297 for x, _ in near), (number, value, near)
    assert rows == 2  # the at-a-glance page and the key-figures page
