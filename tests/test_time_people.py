"""Issue 25, points 4 to 7: time as the sources give it, people as the sources name them, quotations
inside a sentence, and sources as published, from MyST and from rST.

``test-time-people-md`` and ``test-time-people-rst`` hold the same small state visit: a day whose
year the source does not give (``--12-03``) and its weekday, an evening reception part of the visit,
talks "after" it, a lunch with its time zone, an event known by its weekday only and an evening
dinner declared after it; a duke known by his title alone, a prime minister with honorific, short
form and the source's spelling, typed relations (host, guest, accompanied by, met); two ``{q}``
phrases, one with its speaker; a German report carried by another site, with its title's
translation and access date. The MyST root has a German translation of the paragraph holding the
quotations. ``test-time-people-bad`` holds one of each bad input.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import Tag
from conftest import (
    REPO,
    ROOTS,
    FirstBuild,
    RootBuilds,
    build,
    compile_latex,
    copy_root,
    differing_files,
    epub_contents,
    epubcheck,
    parse_html,
    parsed_page,
    pdftotext,
    require_tool,
)
from test_i18n import english_left, reader_text

ROOT_NAMES = ["time-people-md", "time-people-rst"]
SCHEMA = json.loads(
    (REPO / "_ext/sphinx_briefing/outputs/schema/briefing.schema.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module", params=ROOT_NAMES)
def html(request: pytest.FixtureRequest, built_root: RootBuilds) -> Path:
    require_tool("dot")
    return built_root(request.param)


@pytest.fixture(scope="module")
def german(built_root: RootBuilds) -> Path:
    require_tool("dot")
    return built_root("time-people-md", confoverrides={"language": "de"})


def page_of(outdir: Path, name: str) -> Any:
    """The built page, loosely typed: the tests below read elements they have just asserted."""
    return parsed_page(outdir, name)


def text_of(node: Tag) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def agenda_of(page: Any) -> list[tuple[str, list[list[str]]]]:
    """The agenda as (day heading, rows of its tables), in page order."""
    section = page.find("section", id="agenda")
    assert isinstance(section, Tag)
    days: list[tuple[str, list[list[str]]]] = []
    for element in section.find_all(["p", "table"]):
        if "briefing-listing-group" in (element.get("class") or []):
            days.append((text_of(element), []))
        elif element.name == "table":
            for row in copy.copy(element).select("tbody tr"):  # a copy: the page's tree is shared
                for label in row.select(".briefing-cell-label"):  # the narrow screen's column names
                    label.decompose()
                days[-1][1].append([text_of(td) for td in row.find_all("td")])
    return days


def fields(card: Tag) -> dict[str, str]:
    return {text_of(dt).rstrip(" :"): text_of(dd) for dt, dd in zip(card("dt"), card("dd"), strict=True)}


# -- point 4: time as the sources give it ---------------------------------------------------------


def test_agenda_orders_by_what_is_known(html: Path) -> None:
    days = agenda_of(page_of(html, "programme"))
    assert [day for day, _ in days] == ["Tuesday, 3 December", "Wednesday", "No date in our sources"]
    tuesday = days[0][1]
    # The lunch by its clock time, then the reception by its part of the day; both take the visit's
    # day (they are part of it); the visit itself, which nothing places in the day, apart.
    assert [row[:2] for row in tuesday[:2]] == [["12:30 (London time)", "Lunch"],
                                                ["evening", "Welcome by the Duke"]]
    assert any("State visit" in cell for cell in tuesday[2])
    # The talks: no day, but the order the source gives.
    assert days[2][1] == [["after Welcome by the Duke", "Talks in London"]]
    agenda = text_of(page_of(html, "programme").find("section", id="agenda"))
    assert "not stated" not in agenda


def test_agenda_puts_an_event_after_the_one_it_is_declared_after(html: Path) -> None:
    """A declared order outranks what a part of the day suggests: the evening dinner is declared
    ``:after:`` the press statements, which have no time; the statements come first, and with the
    dinner, not apart among the events nothing places."""
    wednesday = dict(agenda_of(page_of(html, "programme")))["Wednesday"]
    # The statements' time cell is the listing's empty mark (an en dash), as for any cell not given.
    assert [row[:2] for row in wednesday] == [["\u2013", "Press statements"], ["evening", "Farewell dinner"]]


def test_event_card_shows_the_day_as_the_source_gives_it(html: Path) -> None:
    page = page_of(html, "programme")
    visit = fields(page.find(id="event-visit"))
    assert visit["Date"] == "3 December" and visit["Weekday"] == "Tuesday"
    welcome = page.find(id="event-welcome")
    assert fields(welcome)["Part of the day"] == "evening"
    assert welcome.find("a", href="#event-visit") is not None  # part-of is a link
    assert page.find(id="event-talks").find("a", href="#event-welcome") is not None  # so is after


def test_german_edition_gives_the_day_in_its_own_form(german: Path) -> None:
    page = page_of(german, "programme")
    assert [day for day, _ in agenda_of(page)][:2] == ["Dienstag, 3. Dezember", "Mittwoch"]
    # The declared order holds in the edition too: the statements, then the dinner "abends".
    wednesday = dict(agenda_of(page))["Mittwoch"]
    assert [row[:2] for row in wednesday] == [["\u2013", "Press statements"], ["abends", "Farewell dinner"]]
    assert fields(page.find(id="event-welcome"))["Tageszeit"] == "abends"


# -- point 5: people as the sources name them ----------------------------------------------------


def test_person_known_by_title_alone(html: Path) -> None:
    card = page_of(html, "people").find(id="person-duke")
    assert text_of(card.find(class_="briefing-person-name")) == "Duke of Kent"
    assert text_of(card).count("Duke of Kent") == 1  # no "Duke of Kent / Duke of Kent"
    assert "not stated" not in text_of(card)


def test_honorific_short_form_and_spelling(html: Path) -> None:
    page = page_of(html, "people")
    card = page.find(id="person-holm")
    assert text_of(card.find(class_="briefing-person-name")) == "Sir Lars Holm"
    assert fields(card)["Short form"] == "Holm"
    assert fields(card)["Source\u2019s spelling"] == "Lars Holmm"
    para = next(p for p in page.find_all("p") if "spoke first" in p.get_text())
    # Running text: the full name with its honorific first, the short form after it.
    assert [text_of(a) for a in para.select("a.briefing-person-ref")] == ["Sir Lars Holm", "Holm"]
    # Listings keep the one full name.
    quotations = page_of(html, "index").find("section", id="quotations")
    assert "Lars Holm" in text_of(quotations) and "Sir" not in text_of(quotations)


def test_typed_relations_listed_on_cards(html: Path) -> None:
    page = page_of(html, "people")
    berg = fields(page.find(id="person-berg"))
    assert berg["Hosted by"] == "Duke of Kent" and berg["Accompanied by"] == "Per Dahl"
    assert fields(page.find(id="person-holm"))["Met"] == "Anna Berg"
    assert fields(page.find(id="person-duke"))["Host of"] == "Anna Berg"


def test_map_draws_typed_relations_with_their_labels(html: Path) -> None:
    index = (html / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<svg\b.*?</svg>", index, re.S)
    assert match is not None
    svg: Any = parse_html(match.group(0))
    labels = {" ".join(t.get_text() for t in edge.find_all("text")): edge.get("class") for edge in svg.select("g.edge")}
    # The duke and the president are joined once (host and guest say the same); its words are drawn.
    assert labels["met"] == ["edge", "briefing-map-edge", "briefing-map-met"]
    assert labels["accompanied by"] == ["edge", "briefing-map-edge", "briefing-map-accompanied-by"]
    assert {"host of", "hosted by"} & set(labels)
    # Typed relations point from who declares them (an arrowhead); participation stays a plain line.
    for edge in svg.select("g.edge"):
        typed = "briefing-map-participant" not in edge["class"]
        assert (edge.find("polygon") is not None) == typed, edge["class"]


# -- point 6: quotations inside a sentence -------------------------------------------------------


def test_inline_quotation_in_its_sentence_and_the_index(html: Path) -> None:
    page = page_of(html, "people")
    para = next(p for p in page.find_all("p") if "spoke first" in p.get_text())
    quote = para.find(class_="briefing-inline-quote")
    assert text_of(quote) == "“far better shape”" and quote["id"] == "quote-people-inline-0"
    assert quote.find_next("a")["href"] == "sources.html#source-report"  # cited where it stands
    index = page_of(html, "index").find("section", id="quotations")
    items = [text_of(li) for li in index.select("ul.briefing-quote-list li")]
    assert items[0].startswith("“far better shape”")
    assert index.find("a", href="people.html#quote-people-inline-0") is not None
    # Attributed: listed under its speaker; the phrase without one under "not stated".
    assert [text_of(h) for h in index.select(".briefing-listing-group")] == ["Lars Holm", "not stated"]


def test_inline_quotation_marked_as_translation_in_an_edition(german: Path) -> None:
    page = page_of(german, "people")
    para = next(p for p in page.find_all("p") if "sprach zuerst" in p.get_text())
    quote = para.find(class_="briefing-inline-quote")
    assert "briefing-quote-translated" in quote["class"]
    assert text_of(quote) == "„viel besserer Verfassung“"
    note = quote.find_next_sibling(class_="briefing-quote-note")
    assert "Übersetzung" in text_of(note) and note.find(lang="en").get_text() == "“far better shape”"
    data = json.loads((german / "briefing.json").read_text(encoding="utf-8"))
    record = data["objects"]["quote"]["people-inline-0"]
    assert record["text"] == "far better shape" and record["translation"] == "viel besserer Verfassung"


# -- point 7: sources as published ---------------------------------------------------------------


def test_source_as_published(html: Path) -> None:
    card = page_of(html, "sources").find(id="source-report")
    title = card.find(class_="briefing-source-title")
    assert text_of(title) == "Staatsbesuch in London [State visit to London]"
    assert title.find(lang="de").get_text() == "Staatsbesuch in London"
    assert text_of(card.find(class_="briefing-source-meta")) == (
        "Example Agency · via Example Times · 4 December 2024 · accessed 1 December 2026")
    # Its terms, as the publisher states them: a book records each source's origin and terms.
    assert text_of(card.find(class_="briefing-source-terms")) == "Terms: CC BY 4.0"


def test_german_source_line(german: Path) -> None:
    meta = page_of(german, "sources").find(class_="briefing-source-meta")
    assert text_of(meta) == "Example Agency · über Example Times · 4. Dezember 2024 · abgerufen am 1. Dezember 2026"
    # The label is the edition's; the terms stay as the publisher states them.
    assert text_of(page_of(german, "sources").find(class_="briefing-source-terms")) == "Nutzungsbedingungen: CC BY 4.0"


def test_german_edition_gives_the_new_options_words_in_german(german: Path) -> None:
    """The labels and values the toolkit writes for points 4 to 7 come from its German catalog; what
    stays English is the book's own text (this root translates one paragraph only)."""
    people, programme = page_of(german, "people"), page_of(german, "programme")
    assert fields(people.find(id="person-holm")) | fields(people.find(id="person-berg")) == {
        "Kurzform": "Holm", "Schreibweise der Quelle": "Lars Holmm", "Land": "Norway", "Getroffen": "Anna Berg",
        "Empfangen von": "Duke of Kent", "Begleitet von": "Per Dahl", "Quelle": "Staatsbesuch in London"}
    assert fields(people.find(id="person-duke"))["Gastgeber für"] == "Anna Berg"
    assert fields(programme.find(id="event-visit"))["Wochentag"] == "Dienstag"
    assert fields(programme.find(id="event-lunch")) == {
        "Beginn": "12:30", "Zeitzone": "London time", "Teil von": "State visit", "Quelle": "Staatsbesuch in London"}
    assert fields(programme.find(id="event-talks"))["Nach"] == "Welcome by the Duke"
    # The book's own English words the check cannot tell from the catalog's: headings, the project.
    own = {"People", "Sources", "people", "Who met whom"}
    for name in ("people", "programme", "sources", "index"):
        left = set(english_left(reader_text(page_of(german, name)), "de")) - own
        # The index shows a phrase's English original, as such, in its hover text.
        assert left <= ({"evening"} if name == "index" else set()), (name, left)


@pytest.mark.parametrize("root", ROOT_NAMES)
def test_gettext_extracts_the_text_the_sources_give(root: str, built_root: RootBuilds) -> None:
    out = built_root(root, "gettext")
    pot = "".join(path.read_text(encoding="utf-8") for path in sorted(out.glob("*.pot")))
    msgids = set(re.findall(r'^msgid "(.*)"$', pot, re.M))
    # A title that stands for a name, an honorific and a short form, event titles, a time zone as the
    # source names it, a title's translation; the paragraph with its {q} phrases, whole.
    assert {"Duke of Kent", "Sir", "Holm", "Welcome by the Duke", "Talks in London", "London time",
            "State visit to London"} <= msgids
    role = "{q}" if root.endswith("-md") else ":q:"
    assert any(f"{role}`far better shape <report by holm>`" in m for m in msgids), msgids
    # Never to translators: the title as published, the source's spelling, the carrying site, and
    # what the toolkit writes in each edition's form (a weekday, a part of the day, a date).
    assert not {"Staatsbesuch in London", "Lars Holmm", "Example Times", "Tuesday", "evening", "--12-03",
                "CC BY 4.0"} & msgids


# -- every output ----------------------------------------------------------------------------------


def test_json_is_valid_and_keeps_what_the_sources_give(html: Path) -> None:
    data = json.loads((html / "briefing.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    events = data["objects"]["event"]
    assert events["visit"]["fields"]["date"] == "--12-03" and events["visit"]["fields"]["weekday"] == "Tuesday"
    assert events["welcome"]["fields"]["part-of"] == "visit" and events["talks"]["fields"]["after"] == "welcome"
    assert data["objects"]["person"]["duke"]["display"] == "Duke of Kent"
    assert data["objects"]["source"]["report"]["fields"]["via"] == "Example Times"
    assert data["objects"]["source"]["report"]["fields"]["terms"] == "CC BY 4.0"
    assert "terms" in SCHEMA["$defs"]["object-source"]["properties"]["fields"]["properties"]
    links = {(link["from_id"], link["via"], link["to_id"]) for link in data["links"]}
    assert {("berg", "host", "duke"), ("holm", "met", "berg"), ("welcome", "part-of", "visit")} <= links
    assert data["objects"]["quote"]["people-inline-0"]["text"] == "far better shape"


@pytest.mark.parametrize("root", ROOT_NAMES)
def test_latex(root: str, built_root: RootBuilds) -> None:
    require_tool("dot")
    tex = (built_root(root, "latex") / "timeandpeople.tex").read_text(encoding="utf-8")
    assert "Tuesday, 3 December" in tex and "(London time)" in tex
    assert r"\DUrole{briefing-inline-quote}" in tex and "far better shape" in tex
    assert r"via Example Times · \mbox{4 December 2024} · accessed \mbox{1 December 2026}" in tex
    assert "Hosted by" in tex and "Duke of Kent" in tex


@pytest.fixture(scope="module")
def markdown_pdf(built_root: RootBuilds, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The Markdown root's PDF and LaTeX log (latexmk, LuaLaTeX), compiled once per run."""
    require_tool("dot", "pdftotext")
    return compile_latex(built_root(ROOT_NAMES[0], "latex"), tmp_path_factory.mktemp("time-people-pdf") / "latex",
                         "timeandpeople.tex")


@pytest.mark.slow
@pytest.mark.parametrize("root", ROOT_NAMES)
def test_pdf_compiles_and_prints_what_the_sources_give(root: str, built_root: RootBuilds,
                                                       markdown_pdf: tuple[Path, str]) -> None:
    """The PDF, as a reader of paper sees it: every glyph set (the quotation marks and the apostrophe
    of "Source's spelling" included), the days and times as the source gives them, the person known
    by a title once, the typed relations on the cards and on the map, the quoted phrases in their
    sentence and in the index, the source as published.

    The two roots' LaTeX output is the same, file for file and byte for byte (asserted for the rST
    root), and LuaLaTeX prints the same PDF from the same LaTeX: the PDF is compiled once, from the
    Markdown root's LaTeX, and every assertion below holds for both syntaxes."""
    require_tool("dot", "pdftotext")
    if root != ROOT_NAMES[0]:
        assert differing_files(built_root(root, "latex"), built_root(ROOT_NAMES[0], "latex")) == []
    pdf, log = markdown_pdf
    assert "Missing character" not in log, re.findall(r"Missing character.*", log)
    text = " ".join(pdftotext(pdf, "-layout").split())
    for shown in (
        # point 4: the agenda by day, clock time with its zone, part of the day, declared order
        "Tuesday, 3 December", "Time Event 12:30 (London time) Lunch", "evening Welcome by the Duke",
        "Wednesday", "No date in our sources", "after Welcome by the Duke Talks in London",
        "Date: 3 December Weekday: Tuesday", "Part of the day: evening Part of: State visit",
        # point 5: the title alone, honorific and short form, spelling, typed relations
        "Duke of Kent Country: United Kingdom Host of: Anna Berg",
        "Sir Lars Holm Prime Minister Short form: Holm Source\u2019s spelling: Lars Holmm",
        "Hosted by: Duke of Kent Accompanied by: Per Dahl", "Met: Anna Berg",
        # point 6: the phrases in their sentence, each cited, and in the index under the speaker
        "Sir Lars Holm spoke first; later Holm said relations were in “far better shape” "
        "(Staatsbesuch in London).",
        "Lars Holm • “far better shape” (Staatsbesuch in London)",
        # point 7: the title as published with its translation, agency via site, dates
        "Staatsbesuch in London [State visit to London] Example Agency · via Example Times · "
        "4 December 2024 · accessed 1 December 2026 Archived text: report.txt Terms: CC BY 4.0",
    ):
        assert shown in text, shown
    assert "not stated Date" not in text and "Duke of Kent / Duke of Kent" not in text
    # The map's typed relations keep their words on paper (the chapter "Who met whom").
    drawn = text[text.index("CHAPTER 4 Who met whom"):text.index("CHAPTER 5")]
    assert all(word in drawn for word in ("host of", "met", "accompanied by")), drawn


@pytest.mark.slow
@pytest.mark.parametrize("root", ROOT_NAMES)
def test_epub_passes_epubcheck_and_holds_each_point(root: str, built_root: RootBuilds, tmp_path: Path) -> None:
    """Each syntax's EPUB passes EPUBCheck: the Markdown root's is checked, and the reStructuredText
    root's holds the same files, byte for byte but the build time (:func:`conftest.epub_contents`),
    so EPUBCheck's verdict is the same for it, without a second JVM. Every other assertion reads
    each syntax's own EPUB."""
    require_tool("dot")
    out = built_root(root, "epub", options=("-n",))
    (epub,) = out.glob("*.epub")
    if root == ROOT_NAMES[0]:
        assert epubcheck(epub, tmp_path / "epubcheck.json") == []
    else:
        (checked,) = built_root(ROOT_NAMES[0], "epub", options=("-n",)).glob("*.epub")
        assert epub_contents(epub) == epub_contents(checked)
    people = parsed_page(out, "people.xhtml")
    quote = one_of(people, ".briefing-inline-quote")
    assert text_of(quote) == "“far better shape”" and quote["id"] == "quote-people-inline-0"
    assert text_of(one_of(people, "#person-duke .briefing-person-name")) == "Duke of Kent"
    assert fields(one_of(people, "#person-berg"))["Hosted by"] == "Duke of Kent"
    programme = parsed_page(out, "programme.xhtml")
    assert [day for day, _ in agenda_of(programme)] == ["Tuesday, 3 December", "Wednesday", "No date in our sources"]
    meta = one_of(parsed_page(out, "sources.xhtml"), "#source-report .briefing-source-meta")
    assert text_of(meta) == "Example Agency · via Example Times · 4 December 2024 · accessed 1 December 2026"
    assert text_of(one_of(parsed_page(out, "sources.xhtml"), "#source-report .briefing-source-terms")) == (
        "Terms: CC BY 4.0")


def one_of(page: Any, selector: str) -> Tag:
    found = page.select_one(selector)
    assert isinstance(found, Tag), selector
    return found


# -- inline quotations, incremental and in parallel -----------------------------------------------


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes()
            for p in sorted([*outdir.rglob("*.html"), outdir / "briefing.json"])}


def _written(status: str) -> set[str]:
    return {line.rsplit("] ", 1)[1].strip() for line in status.splitlines() if line.startswith("writing output... [")}


def _phrase(src: Path) -> None:
    page = src / "people.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "{q}`far better shape <report by holm>`", "{q}`far better shape than a year ago <report by holm>`"),
        encoding="utf-8")


def _archive(src: Path) -> None:
    archive = src / "_archive/report.txt"
    archive.write_text(archive.read_text(encoding="utf-8").replace("far better", "much better"), encoding="utf-8")


@pytest.fixture(scope="module")
def md_first(tmp_path_factory: pytest.TempPathFactory) -> FirstBuild:
    """``test-time-people-md`` built once (``-n``, ``-j 1``, in this process as sphinx-build builds it:
    :class:`~conftest.FirstBuild`): the start of
    each inline-quotation incremental test and the serial side of the MyST root's parallel test,
    which made this same build three times."""
    require_tool("dot")
    base = tmp_path_factory.mktemp("time-people-first")
    return FirstBuild(copy_root("time-people-md", base), base / "incremental", options=("-n",))


@pytest.mark.parametrize(("change", "rewritten", "shown", "warned"), [
    # The quoted phrase edited on its page: the page and the quotation index on another are rewritten.
    (_phrase, {"people", "index"}, "far better shape than a year ago", ""),
    # The archived source edited, no page touched: the verbatim check runs again and names the phrase.
    (_archive, set(), "far better shape",
     # The paragraph's line: a role is placed by the line its paragraph starts on.
     "people.md:37: WARNING: q role: quotation not found verbatim in source 'report' (archive "
     "_archive/report.txt): its first words “far better shape” are not in the source "
     "[briefing.quote-not-in-source]"),
], ids=["phrase", "archive"])
def test_inline_quotation_incremental_equals_clean(md_first: FirstBuild, tmp_path: Path, change: Any,
                                                     rewritten: set[str], shown: str, warned: str) -> None:
    first = md_first.first
    assert first.returncode == 0 and "WARNING" not in first.warnings, first.warnings
    src, out = md_first.restored()
    change(src)
    again = build(src, builddir=out, subprocess=True, options=("-n",), fresh=False)
    assert rewritten <= _written(again.status), again.status
    assert [w.replace(f"{src}/", "") for w in again.warnings.splitlines()] == ([warned] if warned else [])
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(clean_src, builddir=tmp_path / "clean-out", options=("-n",), like_subprocess=True)
    assert [w.replace(f"{clean_src}/", "") for w in clean.warnings.splitlines()] == ([warned] if warned else [])
    got, want = _outputs(out / "html"), _outputs(tmp_path / "clean-out" / "html")
    assert sorted(got) == sorted(want)
    assert [page for page in want if got[page] != want[page]] == []
    index = one_of(parsed_page(out / "html", "index"), "section#quotations")
    assert text_of(one_of(index, "ul.briefing-quote-list li")).startswith(f"“{shown}”")
    para = next(p for p in parsed_page(out / "html", "people").find_all("p") if "spoke first" in p.get_text())
    assert text_of(one_of(para, ".briefing-inline-quote")) == f"“{shown}”"


@pytest.mark.parametrize("root", ROOT_NAMES)
def test_parallel_build_equals_serial(root: str, md_first: FirstBuild, tmp_path: Path) -> None:
    """-j 2 reads the pages in two processes: the inline quotations (numbered per page), the
    quotation index, the agenda's order and the typed relations come out as -j 1 writes them."""
    require_tool("dot")
    results = {}
    for jobs in ("1", "2"):
        if jobs == "1" and root == "time-people-md":
            # -j 1 of the MyST root: the module's first build, same sources and options (-n).
            proc = md_first.first
            results[jobs] = _outputs(md_first.kept()[1] / "html")
        else:
            # -j 1 in this process (the pages sphinx-build writes); -j 2 a sphinx-build process
            proc = build(ROOTS / f"test-{root}", builddir=tmp_path / f"j{jobs}", subprocess=jobs == "2",
                         options=("-n", "-j", jobs), like_subprocess=True)
            results[jobs] = _outputs(tmp_path / f"j{jobs}" / "html")
        assert proc.returncode == 0 and "WARNING" not in proc.warnings, proc.warnings
    assert results["1"] == results["2"]


# -- bad input: one located warning each -----------------------------------------------------------


def test_bad_input_warnings(tmp_path: Path) -> None:
    built = build(ROOTS / "test-time-people-bad", builddir=tmp_path)
    assert built.returncode == 0
    where = "index.md"
    expected = [
        (8, "event directive: option 'date' must be a date as YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD "
            "(a day without its year), not 'Dec 3' [briefing.bad-date]"),
        (8, "event directive: option 'part-of' makes a cycle: a → b → a [briefing.bad-value]"),
        (19, "person directive: missing required option 'name' (or ':title:') [briefing.missing-option]"),
        (23, "person directive, option 'host': unknown person or organisation 'nobody-here' [briefing.unknown-ref]"),
        (29, "q role: unknown speaker 'holm' (no person or organisation has this id) [briefing.unknown-ref]"),
        (29, "q role: quotation not found verbatim in source 'report' (archive _archive/report.txt): its first "
             "words “much better shape” are not in the source [briefing.quote-not-in-source]"),
        (31, "q role: give the words and their source, as {q}`words <source-id>` or "
             "{q}`words <source-id by speaker-id>`, not 'with no source' [briefing.no-source]"),
    ]
    lines = built.warnings.splitlines()
    for line, message in expected:
        assert sum(entry.endswith(f"{where}:{line}: WARNING: {message}") for entry in lines) == 1, (line, message, lines)
    assert len(lines) == len(expected), lines
    # Nothing is lost: the event, the person and the phrases are still shown.
    page = page_of(built.outdir, "index")
    assert page.find(id="event-a") is not None and page.find(id="person-nameless") is not None
    assert "much better shape" in page.get_text() and "with no source" in page.get_text()
