"""Agreements, positions and the office's own (objectives, points to make), from MyST and from rST.

``test-model-kinds-md`` and ``test-model-kinds-rst`` hold the same small book: two governments'
joint statement (text not available) and a planned memorandum, with the four ``agreements``
listings (all, ``:standing:``, ``:party:``, ``:event:``) and the relationship map; the Chancellor's
stated line resting on a quotation and a government's statement, with ``positions`` (all, and
``:country: Germany``, "the German line"); the memorandum and the Chancellor's line are written in the
pillar's body, as a book writes an outcome under its pillar; an objective and two points to make (one "if raised")
gathered by ``pillar-brief``; the leaflet page lists the objectives. The objective's text states a
figure, a date and an act, and repeats the archived article word for word: the roots build clean
with ``briefing_check_uncited`` and the copy check on, because the office's own text is skipped.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import (
    REPO,
    ROOTS,
    RootBuilds,
    build,
    compile_latex,
    copy_root,
    differing_files,
    epub_contents,
    epubcheck,
    one,
    parsed_page,
    pdftotext,
    require_tool,
)
from test_i18n import english_left, reader_text

ROOT_NAMES = ["model-kinds-md", "model-kinds-rst"]
ROOT_MD = ROOTS / "test-model-kinds-md"
SCHEMA = json.loads((REPO / "_ext/sphinx_briefing/outputs/schema/briefing.schema.json").read_text(encoding="utf-8"))
LABEL = "Prepared by the office \u2014 not from the sources"
LABEL_DE = "Vom Büro verfasst \u2013 nicht aus den Quellen"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module", params=ROOT_NAMES)
def root(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def html(root: str, built_root: RootBuilds) -> Path:
    require_tool("dot")
    return built_root(root)


def section(page: BeautifulSoup, ident: str) -> Tag:
    found = page.find("section", id=ident)
    assert isinstance(found, Tag), ident
    return found


def rows(table_holder: Tag) -> list[list[str]]:
    """Each body row's cells as text, without the phone layout's hidden labels."""
    out = []
    for row in copy.copy(table_holder).select("tbody tr"):  # a copy: the page's tree is shared
        for label in row.select(".briefing-cell-label"):
            label.decompose()
        out.append([" ".join(td.get_text().split()) for td in row.find_all("td")])
    return out


# -- agreements ------------------------------------------------------------------------------------


def test_agreement_card_shows_parties_event_place_and_standing(html: Path) -> None:
    card = one(parsed_page(html, "outcomes"), "#agreement-joint-statement")
    assert "briefing-agreement" in card["class"]
    fields = {dt.get_text(strip=True).rstrip(":"): dd.get_text(" ", strip=True) for dt, dd in
              zip(card.select("dl dt"), card.select("dl dd"), strict=True)}
    assert fields == {
        "Form": "joint statement", "Parties": "Federal Government , Government of Japan",
        "Event": "Intergovernmental consultations", "Date": "March 2023", "Place": "Tokyo",
        "Standing": "text not available", "Source": "Consultations in Tokyo",
    }
    memo = one(parsed_page(html, "pillar"), "#agreement-raw-materials-memo")  # in the pillar's body
    link = one(memo, 'a[href="https://example.org/memo"]')
    assert link.get_text() == "https://example.org/memo"


def test_agreements_listing_and_its_filters(html: Path) -> None:
    page = parsed_page(html, "outcomes")
    assert rows(section(page, "agreements-and-outcomes")) == [
        ["Joint statement of the consultations", "Federal Government, Government of Japan",
         "March 2023, Tokyo, Intergovernmental consultations", "text not available"],
        ["Memorandum on raw materials", "Olaf Scholz, Fumio Kishida", "\u2013", "planned"],
    ]
    # The source is the same in every row: said once above the table.
    note = one(section(page, "agreements-and-outcomes"), "p.briefing-table-note")
    assert " ".join(note.get_text().split()) == "Source, in every row: Consultations in Tokyo."
    assert [r[0] for r in rows(section(page, "planned-only"))] == ["Memorandum on raw materials"]
    assert [r[0] for r in rows(section(page, "with-japan"))] == ["Joint statement of the consultations"]
    assert [r[0] for r in rows(section(page, "at-the-consultations"))] == ["Joint statement of the consultations"]


def test_map_draws_the_agreements_parties(html: Path) -> None:
    markup = (html / "outcomes.html").read_text(encoding="utf-8")
    start = markup.index('<section id="who-met-whom">')
    match = re.compile(r"<svg\b.*?</svg>", re.S).search(markup, start)
    assert match is not None
    svg = ET.fromstring(match.group(0))
    names = {a.get("href", ""): a.get("aria-label", "") for a in svg.iter(f"{SVG}a")}
    # The agreement stands between the columns, joined to each party (a government, or a person).
    assert names["#agreement-joint-statement"] == (
        "Joint statement of the consultations, joint statement, March 2023, Tokyo, text not available. "
        "Connected with: Federal Government (party to it); Government of Japan (party to it)"
    )
    assert names["actors.html#person-kishida"].endswith("Memorandum on raw materials (party to it)")
    edges = [g.get("class", "") for g in svg.iter(f"{SVG}g") if "briefing-map-party" in g.get("class", "")]
    assert len(edges) == 4  # two parties of each agreement


def _column_of(svg: ET.Element, href: str) -> str:
    """The label of the country column (a cluster) whose box holds the node linking to *href*."""
    node = next(a for a in svg.iter(f"{SVG}a") if a.get("href") == href)
    x = float(next(node.iter(f"{SVG}text")).get("x", "nan"))
    for cluster in svg.iter(f"{SVG}g"):
        if "cluster" in cluster.get("class", "").split():
            xs = [float(v) for v in re.findall(r"(-?[\d.]+),-?[\d.]+", next(cluster.iter(f"{SVG}path")).get("d", ""))]
            if min(xs) <= x <= max(xs):
                return "".join(t.text or "" for t in cluster.iter(f"{SVG}text"))
    return ""


@pytest.mark.parametrize(("country", "column"), [("European Union", "European Union"), (None, "No country")])
def test_a_party_that_is_no_country_on_the_map(tmp_path: Path, country: str | None, column: str) -> None:
    """The EU as a party: declared with ``:country: European Union`` it has a column of its own beside
    the countries'; without a country it stands under "No country", drawn as a country is."""
    require_tool("dot")
    src = copy_root("model-kinds-md", tmp_path)
    actors = src / "actors.md"
    declared = f":country: {country}\n" if country else ""
    actors.write_text(actors.read_text(encoding="utf-8")
                      + f"\n```{{organisation}} eu\n:name: European Union\n{declared}```\n", encoding="utf-8")
    outcomes = src / "outcomes.md"
    outcomes.write_text(outcomes.read_text(encoding="utf-8").replace(
        ":parties: government-germany, government-japan", ":parties: government-germany, government-japan, eu"),
        encoding="utf-8")
    result = build(src)
    assert result.returncode == 0 and "WARNING" not in result.warnings, result.warnings
    markup = (result.outdir / "outcomes.html").read_text(encoding="utf-8")
    match = re.compile(r"<svg\b.*?</svg>", re.S).search(markup, markup.index('<section id="who-met-whom">'))
    assert match is not None
    svg = ET.fromstring(match.group(0))
    assert _column_of(svg, "actors.html#organisation-eu") == column
    assert _column_of(svg, "actors.html#organisation-government-japan") == "Japan"
    names = {a.get("href", ""): a.get("aria-label", "") for a in svg.iter(f"{SVG}a")}
    assert names["#agreement-joint-statement"].endswith(
        "Federal Government (party to it); Government of Japan (party to it); European Union (party to it)")
    # The listing's party filter takes it as it takes a government.
    page = parsed_page(result.outdir, "outcomes")
    assert rows(section(page, "agreements-and-outcomes"))[0][1] == (
        "Federal Government, Government of Japan, European Union")


# -- positions -------------------------------------------------------------------------------------


def test_position_card_keeps_the_sources_verb(html: Path) -> None:
    card = one(parsed_page(html, "pillar"), "#position-scholz-raw-materials")
    title = one(card, ".briefing-object-title")
    assert " ".join(title.get_text(" ", strip=True).split()) == (
        "Olaf Scholz wants to: work much more closely with Japan on raw materials")
    assert one(title, "em.briefing-position-stance").get_text() == "wants to: "
    assert one(card, 'a[href="#quote-scholz-dependencies"]')
    # Hover text: the statement, the stance as the source words it, the actor, the source.
    ref = one(parsed_page(html, "pillar"), "p a.briefing-position-ref")
    assert ref["title"] == ("work much more closely with Japan on raw materials · Stance: wants to · "
                            "Actor: Olaf Scholz · Source: Consultations in Tokyo")


def test_positions_by_actor_and_the_german_line(html: Path) -> None:
    page = parsed_page(html, "pillar")
    german = section(page, "the-german-line-as-stated-publicly")
    assert [r.get_text(" ", strip=True) for r in german.select("p.rubric")] == ["Olaf Scholz"]
    assert rows(german) == [["wants to: work much more closely with Japan on raw materials",
                             "Economic security", "\u201cWe want to reduce one-sided dependencies\u201d",
                             "Consultations in Tokyo"]]
    everyone = section(page, "all-positions")
    assert [r.get_text(" ", strip=True) for r in everyone.select("p.rubric")] == ["Olaf Scholz", "Government of Japan"]


# -- the office's own ------------------------------------------------------------------------------


def test_office_cards_open_with_their_label(html: Path) -> None:
    page = parsed_page(html, "pillar")
    for anchor in ("#objective-secure-supply", "#point-to-make-value-cooperation", "#point-to-make-on-china"):
        card = one(page, anchor)
        assert "briefing-office" in card["class"]
        first = one(card, "p")
        assert first.get_text(strip=True) == LABEL
        assert "briefing-office-label" in first["class"]
    # Sourced cards carry no such label.
    for anchor in ("#position-scholz-raw-materials", "#pillar-economic-security"):
        assert LABEL not in one(page, anchor).get_text()
    # A reference's hover text says it too.
    ref = one(page, "a.briefing-objective-ref")
    assert str(ref["title"]).startswith(f"Agree a working dialogue on raw materials · {LABEL}")
    assert "briefing-office-ref" in ref["class"]


def test_pillar_brief_in_trip_book_order(html: Path) -> None:
    brief = section(parsed_page(html, "pillar"), "the-brief")
    assert [r.get_text(strip=True) for r in brief.select("p.rubric")] == [
        "Objective", "Points to make", "If raised", "Their position"]
    office = brief.select("div.briefing-office-entries")
    assert len(office) == 3 and all(one(block, "p").get_text(strip=True) == LABEL for block in office)
    assert " ".join(one(office[0], "li").get_text(" ", strip=True).split()) == (
        "Agree a working dialogue on raw materials ( Rests on: work much more closely with Japan on raw "
        "materials , Joint statement of the consultations )")
    assert one(office[2], "li").get_text(" ", strip=True) == "Refer to the published strategy"
    # "Their position" is Japan's (:country: Japan), not the Chancellor's.
    assert [r[0] for r in rows(brief)] == ["stated: supply chains were discussed"]


def test_briefing_json_marks_the_office_and_is_valid(html: Path) -> None:
    data = json.loads((html / "briefing.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)
    objects = data["objects"]
    for kind, ident in (("objective", "secure-supply"), ("point-to-make", "on-china")):
        assert objects[kind][ident]["origin"] == "office"
        assert objects[kind][ident]["origin_label"] == LABEL
        assert data["kinds"][kind]["office"] is True
    assert objects["point-to-make"]["on-china"]["fields"]["when"] == "if raised"
    for kind, ident in (("agreement", "joint-statement"), ("position", "scholz-raw-materials")):
        assert (objects[kind][ident]["origin"], objects[kind][ident]["origin_label"]) == ("sources", "")
    assert objects["agreement"]["joint-statement"]["fields"]["parties"] == ["government-germany", "government-japan"]
    assert {"from_kind": "agreement", "from_id": "joint-statement", "via": "parties",
            "to_kind": "organisation", "to_id": "government-japan"} in data["links"]
    # The schema refuses an objective passed off as sourced.
    objects["objective"]["secure-supply"]["origin"] = "sources"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_no_source_check_fires_on_the_office_but_does_on_the_same_words_as_prose(tmp_path: Path) -> None:
    """The roots build clean (built_root), though the objective repeats the archive and states a
    figure, a date and an act; the same sentence as the page's own prose gets both warnings."""
    src = copy_root("model-kinds-md", tmp_path)
    page = src / "pillar.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    office = next(i for i, line in enumerate(lines, 1) if line.startswith("The Chancellor wants to"))
    page.write_text("\n".join([*lines, "", lines[office - 1]]) + "\n", encoding="utf-8")
    prose = len(lines) + 2
    result = build(src)
    found = [w for w in result.warnings.splitlines() if "WARNING" in w]
    assert any(f"pillar.md:{prose}: WARNING: uncited claim:" in w and "[briefing.uncited]" in w for w in found), found
    assert any(f"pillar.md:{prose}: WARNING: " in w and "[briefing.unmarked-copy]" in w for w in found), found
    assert len(found) == 2 and not any(f"pillar.md:{office}:" in w for w in found), found


#: A point to make whose text quotes the Chancellor: rightly ({q}), wrongly ({q}), wrongly (a block).
#: Its own sentence repeats the archive word for word and states a figure and a date, as the
#: objective of the roots does. (line in the block, what it is)
QUOTING = {
    "md": """
````{point-to-make} quoting
:title: Recall the Chancellor's words

In 2023 the Chancellor said that Germany wants to work much more closely with Japan on raw materials and on the security of supply chains in the years ahead.

Recall {q}`We want to reduce one-sided dependencies <article by scholz>`.

Do not say {q}`We must end all dependencies at once <article by scholz>`.

```{briefing-quote}
:by: scholz
:source: article

We want to end every dependency
```
````
""",
    "rst": """
.. point-to-make:: quoting
   :title: Recall the Chancellor's words

   In 2023 the Chancellor said that Germany wants to work much more closely with Japan on raw materials and on the security of supply chains in the years ahead.

   Recall :q:`We want to reduce one-sided dependencies <article by scholz>`.

   Do not say :q:`We must end all dependencies at once <article by scholz>`.

   .. briefing-quote::
      :by: scholz
      :source: article

      We want to end every dependency
""",
}


@pytest.mark.parametrize("syntax", ["md", "rst"])
def test_a_quotation_in_the_offices_text_is_still_checked_verbatim(tmp_path: Path, syntax: str) -> None:
    """The office's own sentence is neither a copy nor an uncited claim (it is the office's, and
    labelled so); a quotation inside it is a quotation from a source, and must be verbatim: the one
    that is builds clean, each of the two that are not gets its warning, at its line."""
    src = copy_root(f"model-kinds-{syntax}", tmp_path)
    page = src / f"pillar.{syntax}"
    before = page.read_text(encoding="utf-8")
    page.write_text(before + QUOTING[syntax], encoding="utf-8")
    start = before.count("\n") + 1  # the added text's first line (blank)
    added = QUOTING[syntax].splitlines()
    inline = start + next(i for i, line in enumerate(added) if "Do not say" in line)
    block = start + next(i for i, line in enumerate(added) if "briefing-quote" in line)
    result = build(src)
    found = sorted(re.sub(r"^.*/pillar\.\w+:", "", w) for w in result.warnings.splitlines() if "WARNING" in w)
    assert found == sorted([
        f"{inline}: WARNING: q role: quotation not found verbatim in source 'article' (archive article.txt): it "
        "differs after \u201cWe\u201d: the quotation has \u201cmust end all dependencies at\u2026\u201d, the source "
        "\u201cwant to reduce one-sided dependencies,\"\u2026\u201d [briefing.quote-not-in-source]",
        f"{block}: WARNING: briefing-quote directive: quotation not found verbatim in source 'article' (archive "
        "article.txt): it differs after \u201cWe want to\u201d: the quotation has \u201cend every dependency\u201d, the "
        "source \u201creduce one-sided dependencies,\" the Chancellor\u2026\u201d [briefing.quote-not-in-source]",
    ]), result.warnings
    card = one(parsed_page(result.outdir, "pillar"), "#point-to-make-quoting")
    assert one(card, "p.briefing-office-label").get_text(strip=True) == LABEL
    assert one(card, ".briefing-inline-quote").get_text() == "\u201cWe want to reduce one-sided dependencies\u201d"


# -- bad input -------------------------------------------------------------------------------------

BAD = """\
# Bad

```{person} scholz
:name: Olaf Scholz
:role: Federal Chancellor
```

```{source} article
:title: Article
:publisher: Example Press
```

```{agreement} pact
:title: Pact
:parties: scholz, nobody
:standing: ratified
:date: March 2023
:text-url: javascript:alert(1)
:source: article
```

```{position} no-actor
:statement: something
:stance: hopes
:source: article
```

```{point-to-make} point
:title: A point
:when: sometimes
```

```{objective} aim
:title: An aim
:rests-on: missing-position
```
"""


def test_bad_input_gets_one_located_warning_each(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\nproject = "bad"\n',
                                      encoding="utf-8")
    (tmp_path / "index.md").write_text(BAD, encoding="utf-8")
    result = build(tmp_path)
    warnings = sorted(line for line in result.warnings.splitlines() if "WARNING" in line)
    assert [re.sub(r"^.*/index\.md", "index.md", w) for w in warnings] == sorted([
        "index.md:13: WARNING: agreement directive: option 'standing' must be one of signed, agreed, announced, planned, "
        "in force, text not available, not 'ratified' [briefing.bad-value]",
        "index.md:13: WARNING: agreement directive: option 'date' must be a date as YYYY-MM-DD, YYYY-MM, YYYY "
        "or --MM-DD (a day without its year), not 'March 2023' [briefing.bad-date]",
        "index.md:13: WARNING: agreement directive: option 'text-url' must start with https:// or http:// "
        "[briefing.bad-url]",
        "index.md:13: WARNING: agreement directive, option 'parties': unknown person or organisation 'nobody' "
        "[briefing.unknown-ref]",
        "index.md:22: WARNING: position directive: missing required option 'actor' [briefing.missing-option]",
        "index.md:28: WARNING: point-to-make directive: option 'when' must be one of proactively, if raised, "
        "not 'sometimes' [briefing.bad-value]",
        "index.md:33: WARNING: objective directive, option 'rests-on': unknown position or fact or agreement "
        "or quote or source 'missing-position' [briefing.unknown-ref]",
    ])
    page = (result.outdir / "index.html").read_text(encoding="utf-8")
    # Nothing is lost: the cards stand, the unsafe address is text, never a link.
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
    assert "something" in one(parsed_page(result.outdir, "index"), "#position-no-actor").get_text()


BAD_RST = """\
Bad
===

.. person:: scholz
   :name: Olaf Scholz
   :role: Federal Chancellor

.. source:: article
   :title: Article
   :publisher: Example Press

.. agreement:: pact
   :title: Pact
   :parties: scholz, nobody
   :source: article

.. position:: no-actor
   :statement: something
   :stance: hopes
   :source: article

.. event:: a
   :title: A
   :date: Dec 3
   :part-of: b
   :source: article

.. event:: b
   :title: B
   :part-of: a
   :source: article
"""


def test_bad_input_from_rst_gets_the_same_located_warnings(tmp_path: Path) -> None:
    """The issue's four bad inputs written in reStructuredText: an unknown party, a partial date the
    parser cannot read, a part-of cycle, a position without an actor; each warned once at its directive."""
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_briefing"]\nproject = "bad"\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(BAD_RST, encoding="utf-8")
    lines = BAD_RST.splitlines()

    def at(directive: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if line.startswith(directive))

    result = build(tmp_path)
    warnings = sorted(re.sub(r"^.*/index\.rst", "index.rst", w) for w in result.warnings.splitlines() if "WARNING" in w)
    assert warnings == sorted([
        f"index.rst:{at('.. agreement:: pact')}: WARNING: agreement directive, option 'parties': unknown person or "
        "organisation 'nobody' [briefing.unknown-ref]",
        f"index.rst:{at('.. position:: no-actor')}: WARNING: position directive: missing required option 'actor' "
        "[briefing.missing-option]",
        f"index.rst:{at('.. event:: a')}: WARNING: event directive: option 'date' must be a date as YYYY-MM-DD, "
        "YYYY-MM, YYYY or --MM-DD (a day without its year), not 'Dec 3' [briefing.bad-date]",
        f"index.rst:{at('.. event:: a')}: WARNING: event directive: option 'part-of' makes a cycle: a \u2192 b \u2192 a "
        "[briefing.bad-value]",
    ]), result.warnings
    # Nothing is lost: the agreement, the position and both events are still shown.
    page = parsed_page(result.outdir, "index")
    for anchor in ("#agreement-pact", "#position-no-actor", "#event-a", "#event-b"):
        one(page, anchor)


# -- every output ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def latex(built_root: RootBuilds, root: str) -> Path:
    return built_root(root, "latex")


def test_latex_styles_the_office_and_the_new_kinds(latex: Path) -> None:
    tex = (latex / "modelkinds.tex").read_text(encoding="utf-8")
    objective = tex.index(r"\begin{sphinxuseclass}{briefing-objective}")
    assert tex[objective:].startswith(
        "\\begin{sphinxuseclass}{briefing-objective}\n\\begin{sphinxuseclass}{briefing-office}\n"
        "\\begin{sphinxuseclass}{briefing-object}\\phantomsection\\label{\\detokenize{pillar:objective-secure-supply}}"
        "\n\\begin{sphinxuseclass}{briefing-office-label}\n\\sphinxAtStartPar\n" + LABEL)
    assert r"\begin{sphinxuseclass}{briefing-agreement}" in tex
    assert r"\begin{sphinxuseclass}{briefing-position}" in tex
    sty = (latex / "briefing.sty").read_text(encoding="utf-8")
    for environment in ("briefing-office", "briefing-office-label", "briefing-agreement", "briefing-position"):
        assert f"\\newenvironment{{sphinxclass{environment}}}" in sty


@pytest.fixture(scope="module")
def markdown_pdf(built_root: RootBuilds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown root's PDF (latexmk, LuaLaTeX), compiled once for the tests that read it."""
    require_tool("latexmk", "lualatex", "pdftotext")
    pdf, _ = compile_latex(built_root(ROOT_NAMES[0], "latex"), tmp_path_factory.mktemp("model-kinds-pdf") / "latex",
                           "modelkinds.tex")
    return pdf


@pytest.fixture(scope="module")
def pdf(latex: Path, root: str, built_root: RootBuilds, markdown_pdf: Path) -> Path:
    """The root's PDF. The two roots' LaTeX output is the same, file for file and byte for byte
    (asserted here for the rST root), and LuaLaTeX prints the same PDF from the same LaTeX: so the
    PDF is compiled once, from the Markdown root's LaTeX, and every assertion on it holds for the
    rST root too (a LuaLaTeX document less per run)."""
    if root != ROOT_NAMES[0]:
        assert differing_files(latex, built_root(ROOT_NAMES[0], "latex")) == []
    return markdown_pdf


def test_pdf_compiles_and_prints_the_label(pdf: Path) -> None:
    work = pdf.parent
    # No character of the root needs the Noto CJK fallback: it is not loaded (briefing-fonts.lua),
    # and no glyph is missing for it.
    log = (work / "modelkinds.log").read_text(encoding="utf-8", errors="replace")
    assert "briefing: Noto CJK fallback not loaded" in log and "Missing character" not in log
    text = subprocess.run(["pdftotext", "-layout", str(work / "modelkinds.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert text.count(LABEL) == 3 + 3 + 2 + 1  # three cards, the brief's three parts, points, the objectives
    assert "Joint statement of the consultations" in text and "text not available" in text
    assert "Olaf Scholz wants to: work much more closely with Japan on raw materials" in " ".join(text.split())


def words_with_boxes(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word of *pdf* as (page, xMin, yMin, xMax, yMax in pt from the top left, text)."""
    xhtml = ET.fromstring(pdftotext(pdf, "-bbox"))
    out = []
    for number, page in enumerate(xhtml.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            x0, y0, x1, y1 = (float(word.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
            out.append((number, x0, y0, x1, y1, word.text or ""))
    return out


def page_pixels(pdf: Path, page: int, work: Path) -> tuple[int, bytes]:
    """Page *page* of *pdf* rendered at 72 dpi (one pixel a point): its width and its RGB bytes."""
    subprocess.run(["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(work / "page")], check=True)
    data = (work / "page.ppm").read_bytes()
    magic, width, height, depth, pixels = data.split(maxsplit=4)
    assert (magic, depth) == (b"P6", b"255") and len(pixels) == int(width) * int(height) * 3
    return int(width), pixels


def test_a_card_inside_a_pillar_keeps_its_frame(latex: Path, pdf: Path, tmp_path: Path) -> None:
    """An agreement or a position written in a pillar's body (the roots' memorandum and the Chancellor's
    line, as the Germany-Japan book writes its BGR-JOGMEC agreement) is a whole framed card in the PDF,
    as at the top level: the pillar's own "no box" (its banner is its box) must not reach the cards
    inside it."""
    require_tool("dot", "pdftotext", "pdftoppm")
    tex = (latex / "modelkinds.tex").read_text(encoding="utf-8")
    pillar = tex.index(r"\begin{sphinxuseclass}{briefing-pillar}")
    pillar_end = tex.index(r"\end{sphinxuseclass}", tex.index(r"\begin{sphinxuseclass}{briefing-pillar-banner}"))
    body = tex[pillar:]
    for kind, label in (("agreement", "raw-materials-memo"), ("position", "scholz-raw-materials")):
        card = body.index(f"\\begin{{sphinxuseclass}}{{briefing-{kind}}}\n\\begin{{sphinxuseclass}}{{briefing-object}}")
        assert pillar + card > pillar_end and label in body[card:card + 300], kind  # inside the pillar's body
    words = words_with_boxes(pdf)
    # The pillar's page: its banner's "Leads:"; the cards follow it on that page (they are short).
    page = next(w[0] for w in words if w[5] == "Leads:")
    # The pillar's own "Source:" line is in its banner, above the cards in its body (after them it
    # read as the last card's source).
    leads_y = next(w[2] for w in words if w[0] == page and w[5] == "Leads:")
    memo_y = min(w[2] for w in words if w[0] == page and w[5] == "Memorandum")
    assert any(w[0] == page and w[5] == "Source:" and leads_y < w[2] < memo_y for w in words), "pillar source"
    width, pixels = page_pixels(pdf, page, tmp_path)
    for title, last in (("Memorandum", "https://example.org/memo"), ("Olaf", "dependencies\u201d")):
        # The card's title (large type: the page's tallest such word) and its last field on the same page.
        _, x0, y0, _, y1, _ = max((w for w in words if w[0] == page and w[5] == title), key=lambda w: w[4] - w[2])
        assert any(w[0] == page and w[2] > y1 and last in w[5] for w in words), f"{title}: the card is split"

        def rgb(x: float, y: float) -> tuple[int, ...]:
            at = (int(y) * width + int(x)) * 3
            return tuple(pixels[at:at + 3])

        # Inside the frame, left of the title, the box's tint (briefingBoxBg #F8F9FB), not the page's white.
        assert rgb(x0 - 4, (y0 + y1) / 2) == (0xF8, 0xF9, 0xFB), title
        if title == "Memorandum":  # the agreement's gold bar (briefingGold #8A6D00) above its title
            column = [rgb(x0 + 10, y) for y in range(int(y0) - 15, int(y0))]
            assert any(r > 0x70 and b < 0x30 and r - b > 0x60 for r, _, b in column), column


@pytest.fixture(scope="module")
def markdown_leaflet_pdf(built_root: RootBuilds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Markdown root's leaflet PDF (latexmk, LuaLaTeX), compiled once for the tests that read it."""
    out = built_root(ROOT_NAMES[0], "briefing-leaflet")
    pdf, _ = compile_latex(out, tmp_path_factory.mktemp("model-kinds-leaflet") / "leaflet", next(out.glob("*.tex")).name)
    return pdf


@pytest.mark.slow
def test_leaflet_shows_the_objectives_with_their_label(built_root: RootBuilds, root: str,
                                                      markdown_leaflet_pdf: Path) -> None:
    """The leaflet's LaTeX lists the objectives under the label, and so does the printed leaflet. The
    two roots' leaflet LaTeX is the same, byte for byte (asserted for the rST root), so the printed
    leaflet is compiled once, from the Markdown root's, and read for both."""
    require_tool("pdftotext")
    out = built_root(root, "briefing-leaflet")
    tex = next(out.glob("*.tex"))
    listing = tex.read_text(encoding="utf-8")
    listing = listing[listing.index(r"\begin{sphinxuseclass}{briefing-objectives}"):]
    assert listing.index(LABEL) < listing.index("Agree a working dialogue on raw materials")
    if root != ROOT_NAMES[0]:
        assert differing_files(out, built_root(ROOT_NAMES[0], "briefing-leaflet")) == []
    # On the printed leaflet: the label, then the objective under it.
    text = " ".join(pdftotext(markdown_leaflet_pdf).split())
    assert text.count(LABEL) == 1
    assert text.index(LABEL) < text.index("Agree a working dialogue on raw materials")


@pytest.mark.slow
def test_epub_passes_epubcheck_and_carries_the_label_and_the_kinds(
        built_root: RootBuilds, root: str, tmp_path: Path) -> None:
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
    pillar = parsed_page(out, "pillar.xhtml")
    for anchor in ("#objective-secure-supply", "#point-to-make-value-cooperation", "#point-to-make-on-china"):
        assert one(one(pillar, anchor), "p.briefing-office-label").get_text(strip=True) == LABEL
    assert len(pillar.select("div.briefing-office-entries p.briefing-office-label")) == 3 + 2  # brief, points
    assert one(pillar, "#position-scholz-raw-materials em.briefing-position-stance").get_text() == "wants to: "
    outcomes = parsed_page(out, "outcomes.xhtml")
    assert "text not available" in one(outcomes, "#agreement-joint-statement").get_text()
    # An e-reader gets the map as its list of pairs: each agreement joined to each party, by its words.
    pairs = [" ".join(li.get_text().split()) for li in outcomes.select("#who-met-whom ul.briefing-map-pairs li")]
    assert "Joint statement of the consultations \u2013 Government of Japan (party to it)" in pairs, pairs
    assert "Memorandum on raw materials \u2013 Fumio Kishida (party to it)" in pairs, pairs


def test_word_edition_labels_the_office(tmp_path: Path) -> None:
    """The Word book and its leaflet: each of the office's cards opens with its label, in the style of
    the card it heads, before its title; each listing of the office's entries is headed by it."""
    require_tool("dot")
    word = {}
    for builder in ("docx", "briefing-leaflet-docx"):
        built = build(ROOT_MD, builder, builddir=tmp_path / builder)
        assert built.returncode == 0 and built.warnings == "", built.warnings
        (word[builder],) = built.outdir.glob("*.docx")
    book = docx_paragraphs(word["docx"])
    labels = [i for i, (_, text) in enumerate(book) if text == LABEL]
    # Three cards, the brief's three parts, the two points-to-make groups, the leaflet page's objectives.
    assert len(labels) == 3 + 3 + 2 + 1, book
    titles = [book[i + 1] for i in labels[:3]]
    assert titles == [("BriefingCardTitle", "Agree a working dialogue on raw materials"),
                      ("BriefingCardTitle", "We value the cooperation on raw materials"),
                      ("BriefingCardTitle", "Refer to the published strategy")]
    assert all(book[i][0] == "BriefingCard" for i in labels[:3])
    # Sourced cards carry no label: the position's title stands without one before it.
    position = next(i for i, (_, text) in enumerate(book) if text.startswith("Olaf Scholz wants to:"))
    assert book[position - 1][1] != LABEL
    leaflet = [text for _, text in docx_paragraphs(word["briefing-leaflet-docx"])]
    assert leaflet.index(LABEL) < next(i for i, t in enumerate(leaflet) if t.startswith("Agree a working dialogue"))


def docx_paragraphs(docx: Path) -> list[tuple[str, str]]:
    """(paragraph style id, text) of each paragraph of a Word document's body, in order."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx) as archive:
        body = ET.fromstring(archive.read("word/document.xml"))
    out = []
    for para in body.iter(f"{w}p"):
        style = para.find(f"{w}pPr/{w}pStyle")
        out.append((style.get(f"{w}val", "") if style is not None else "",
                    "".join(t.text or "" for t in para.iter(f"{w}t"))))
    return out


def test_gettext_extracts_the_text_values(built_root: RootBuilds, root: str) -> None:
    out = built_root(root, "gettext")
    pot = (out / "pillar.pot").read_text(encoding="utf-8") + (out / "outcomes.pot").read_text(encoding="utf-8")
    for text in ("wants to", "work much more closely with Japan on raw materials",
                 "Agree a working dialogue on raw materials", "Refer to the published strategy",
                 "Joint statement of the consultations", "Tokyo"):
        assert f'msgid "{text}"' in pot, text
    # Ids and choices are the extension's words, not the page's.
    assert 'msgid "text not available"' not in pot and 'msgid "if raised"' not in pot


def test_german_build_speaks_german(built_root: RootBuilds) -> None:
    require_tool("dot")
    out = built_root("model-kinds-md", confoverrides={"language": "de"})
    pillar = parsed_page(out, "pillar")
    assert one(one(pillar, "#objective-secure-supply"), "p").get_text(strip=True) == LABEL_DE
    brief = section(pillar, "the-brief")
    assert [r.get_text(strip=True) for r in brief.select("p.rubric")] == [
        "Ziel", "Gesprächspunkte", "Falls angesprochen", "Position der Gegenseite"]
    outcomes = parsed_page(out, "outcomes")
    assert "Text nicht verfügbar" in one(outcomes, "#agreement-joint-statement").get_text()
    data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["objective"]["secure-supply"]["origin_label"] == LABEL_DE
    # The new kinds' option labels and values, from the extension's German catalog.
    assert card_fields(one(outcomes, "#agreement-joint-statement")) == {
        "Form": "gemeinsame Erklärung", "Parteien": "Federal Government , Government of Japan",
        "Termin": "Intergovernmental consultations", "Datum": "März 2023", "Ort": "Tokyo",
        "Stand": "Text nicht verfügbar", "Quelle": "Consultations in Tokyo"}
    assert card_fields(one(pillar, "#agreement-raw-materials-memo"))["Stand"] == "geplant"
    assert [th.get_text(" ", strip=True) for th in outcomes.select("#agreements-and-outcomes thead th")] == [
        "Vereinbarung", "Parteien", "Geschlossen", "Stand"]
    assert card_fields(one(pillar, "#point-to-make-on-china")) == {"Wann": "falls angesprochen"}
    assert list(card_fields(one(pillar, "#objective-secure-supply"))) == ["Stützt sich auf"]
    # The stance is the source's verb, the book's text (its own catalog translates it); its label is German.
    assert one(pillar, "a.briefing-position-ref")["title"] == (
        "work much more closely with Japan on raw materials · Haltung: wants to · Akteur: Olaf Scholz · "
        "Quelle: Consultations in Tokyo")
    # No word of the extension left in English; what the check finds is the book's own (untranslated)
    # text: its headings and sentences ("work much more closely with Japan", "All positions").
    own = {"Actors", "Who met whom", "Agreements", "positions", "with {}", "with {} as a party", "At a glance",
           "Objectives"}
    for name in ("actors", "outcomes", "pillar", "glance"):
        assert set(english_left(reader_text(parsed_page(out, name)), "de")) <= own, name


def card_fields(card: Tag) -> dict[str, str]:
    return {" ".join(dt.get_text(" ", strip=True).split()).rstrip(" :"): " ".join(dd.get_text(" ", strip=True).split())
            for dt, dd in zip(card("dt"), card("dd"), strict=True)}


# -- parallel and incremental ----------------------------------------------------------------------


def _html_files(outdir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    require_tool("dot")
    results = {}
    for jobs in ("1", "2"):
        # -j 1 in this process (the pages sphinx-build writes); -j 2 a sphinx-build process
        proc = build(ROOT_MD, builddir=tmp_path / f"j{jobs}", subprocess=jobs == "2", options=("-n", "-j", jobs),
                     like_subprocess=True)
        assert proc.returncode == 0 and "WARNING" not in proc.warnings, proc.warnings
        results[jobs] = _html_files(tmp_path / f"j{jobs}" / "html")
    assert results["1"] == results["2"]


def test_an_agreement_changed_on_its_page_reaches_the_brief_on_another(tmp_path: Path) -> None:
    """The pillar brief (pillar.md) names the joint statement (outcomes.md) it rests on: changing the
    agreement's title rewrites the brief on the next incremental build, without touching pillar.md."""
    src = copy_root("model-kinds-md", tmp_path)
    first = build(src, builddir=tmp_path / "out")
    assert first.returncode == 0, first.warnings
    outcomes = src / "outcomes.md"
    outcomes.write_text(outcomes.read_text(encoding="utf-8").replace(
        ":title: Joint statement of the consultations", ":title: Tokyo joint statement"), encoding="utf-8")
    second = build(src, builddir=tmp_path / "out", fresh=False)
    brief = section(parsed_page(second.outdir, "pillar"), "the-brief")
    assert "Tokyo joint statement" in brief.get_text() and "of the consultations" not in brief.get_text()
