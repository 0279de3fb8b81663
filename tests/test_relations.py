"""Several counterparts, figures in prose and the relationship map, from MyST and from rST.

``test-relations-md`` and ``test-relations-rst`` hold the same small book in the two syntaxes: two
countries, a minister with two counterparts, two facts mentioned with and without their unit, and
four maps (the whole book, ``:country:``, ``:participant:``, and a filter matching nothing).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOTS, RootBuilds, build, copy_root, one, parse_html, parsed_page, require_tool
from sphinx_briefing.core.model import Record
from sphinx_briefing.kinds.people import KIND as PERSON
from sphinx_briefing.listings.relationship_map import MapData, Pair, dot_source

ROOT_NAMES = ["relations-md", "relations-rst"]
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
#: Graphviz made unavailable, as on a machine without it.
NO_DOT = {"graphviz_dot": "no-such-dot"}


@pytest.fixture(scope="module", params=ROOT_NAMES)
def html(request: pytest.FixtureRequest, built_root: RootBuilds) -> Path:
    require_tool("dot")
    return built_root(request.param)


def section(page: BeautifulSoup, ident: str) -> Tag:
    found = page.find("section", id=ident)
    assert isinstance(found, Tag), ident
    return found


def svg_of(outdir: Path, ident: str) -> ET.Element:
    """The inline SVG of the map in section *ident* of index.html, parsed as XML."""
    html = (outdir / "index.html").read_text(encoding="utf-8")
    start = html.index(f'<section id="{ident}">')
    match = re.compile(r"<svg\b.*?</svg>", re.S).search(html, start)
    assert match is not None
    return ET.fromstring(match.group(0))


def links(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href", ""): a for a in svg.iter(f"{SVG}a") if a.get("href")}


# -- several counterparts ------------------------------------------------------------------------


def test_card_shows_every_counterpart(html: Path) -> None:
    card = parsed_page(html, "germany").find(id="person-faeser")
    assert isinstance(card, Tag)
    fields = {dt.get_text(" ", strip=True).rstrip(" :"): dd for dt, dd in zip(card("dt"), card("dd"), strict=True)}
    assert "Counterpart" not in fields
    refs = [a["href"] for a in fields["Counterparts"].find_all("a")]
    assert refs == ["japan.html#person-tani", "japan.html#person-matsumoto"]
    assert fields["Counterparts"].get_text(" ", strip=True) == "Koichi Tani , Takeaki Matsumoto"
    single = parsed_page(html, "germany").find(id="person-scholz")
    assert isinstance(single, Tag) and "Counterpart:" in single.get_text("", strip=True).replace(" ", "")


def test_who_is_who_and_hover_show_every_counterpart(html: Path) -> None:
    page = parsed_page(html, "japan")
    row = next(tr for tr in page.select("table.briefing-table tbody tr") if "Nancy Faeser" in tr.get_text())
    assert [a["href"] for a in row("td")[-1].find_all("a")] == ["#person-tani", "#person-matsumoto"]
    # A mention of Faeser (in the map's list or any role) carries both names in its hover text.
    title = next(a["title"] for a in parsed_page(html, "japan").find_all("a") if a.get("href") == "germany.html#person-faeser")
    assert title == (
        "Nancy Faeser · Federal Minister of the Interior and Community, Germany · "
        "Counterparts: Koichi Tani, Takeaki Matsumoto"
    )


def test_export_lists_every_counterpart(html: Path) -> None:
    data = json.loads((html / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["person"]["faeser"]["fields"]["counterpart"] == ["tani", "matsumoto"]
    pairs = {(link["from_id"], link["to_id"]) for link in data["links"] if link["via"] == "counterpart"}
    assert {("faeser", "tani"), ("faeser", "matsumoto")} <= pairs


# -- figures in prose ----------------------------------------------------------------------------


def test_fact_value_shows_the_number_alone_linked_to_the_box(html: Path) -> None:
    para = next(p for p in section(parsed_page(html, "index"), "figures").find_all("p") if "Visas rose" in p.get_text())
    assert " ".join(para.get_text(" ").split()) == (
        "Visas rose from 20,000 to 90,000 visas per year ; the goal is the new figure ."
    )
    anchors = [(a.get_text(strip=True), a["href"], a["title"]) for a in para.find_all("a")]
    assert anchors == [
        ("20,000", "germany.html#fact-visas-before", "20,000 visas per year · Visas before · Source: "
         "Close collaboration between Germany and Japan"),
        ("90,000 visas per year", "germany.html#fact-visas-after", "90,000 visas per year · Visas after · "
         "Source: Close collaboration between Germany and Japan"),
        ("the new figure", "germany.html#fact-visas-after", "90,000 visas per year · Visas after · Source: "
         "Close collaboration between Germany and Japan"),
    ]


@pytest.mark.parametrize("root", ROOT_NAMES)
def test_figures_follow_the_fact_on_an_incremental_build(root: str, tmp_path: Path) -> None:
    require_tool("dot")
    src = copy_root(root, tmp_path)
    ext = root.rpartition("-")[2]
    # (the first build in this process, the environment sphinx-build leaves; the rebuild a process)
    assert build(src, builddir=tmp_path / "out", options=("-n",), fresh=False, like_subprocess=True).returncode == 0
    page = src / f"germany.{ext}"
    page.write_text(page.read_text(encoding="utf-8").replace("20,000", "25,000"), encoding="utf-8")
    proc = build(src, builddir=tmp_path / "out", subprocess=True, options=("-n",), fresh=False)
    assert proc.returncode == 0 and proc.warnings == ""
    index = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert ">25,000<" in index and "20,000" not in index


def test_fact_value_in_latex(tmp_path: Path) -> None:
    built = build(ROOTS / "test-relations-md", "latex", builddir=tmp_path, confoverrides=NO_DOT)
    out = built.outdir
    tex = (out / "relations.tex").read_text(encoding="utf-8")
    assert r"Visas rose from \sphinxhref" not in tex  # internal links, not URLs
    sentence = tex[tex.index("Visas rose from"):tex.index("; the goal is")]
    first, second = sentence.split("}} to ")
    assert r"\hyperref[\detokenize{germany:fact-visas-before}]" in first and "{20,000}" in first
    assert "visas per year" not in first
    assert r"\hyperref[\detokenize{germany:fact-visas-after}]" in second and "{90,000 visas per year}" in second


# -- the map: HTML -------------------------------------------------------------------------------


def test_map_links_land_on_their_cards(html: Path) -> None:
    svg = svg_of(html, "map")
    found = links(svg)
    assert set(found) == {
        "germany.html#person-scholz", "germany.html#person-faeser",
        "japan.html#person-kishida", "japan.html#person-tani", "japan.html#person-matsumoto",
    }
    for href in found:
        target = urlsplit(urljoin("index.html", href))
        card = parsed_page(html, target.path.removesuffix(".html")).find(id=target.fragment)
        assert isinstance(card, Tag) and "briefing-person" in card["class"], href


def test_map_has_accessible_names_and_groups_by_country(html: Path) -> None:
    svg = svg_of(html, "map")
    assert svg.get("role") == "group"
    assert svg.get("aria-label") == "Relationship map: 5 objects, 3 connections"
    assert links(svg)["germany.html#person-faeser"].get("aria-label") == (
        "Nancy Faeser, Federal Minister of the Interior and Community, Germany. Connected with: "
        "Koichi Tani (counterparts); Takeaki Matsumoto (counterparts)"
    )
    # No DOT names ("person-faeser") read out, no ids that could clash with the page's.
    assert not list(svg.iter(f"{SVG}title")) and not [e for e in svg.iter() if e.get("id")]
    clusters = [g for g in svg.iter(f"{SVG}g") if "briefing-map-country" in (g.get("class") or "")]
    assert [next(g.iter(f"{SVG}text")).text for g in clusters] == ["Germany", "Japan"]


def test_map_filters(html: Path) -> None:
    around = set(links(svg_of(html, "around-faeser")))
    assert around == {"germany.html#person-faeser", "japan.html#person-tani", "japan.html#person-matsumoto"}
    empty = section(parsed_page(html, "index"), "nobody-from-india")
    assert one(empty, "p.briefing-empty").get_text() == "No people or organisations with country \u2018India\u2019 to map."
    assert empty.find("svg") is None


def test_uncertain_objects_give_dashed_labelled_edges() -> None:
    def person(ident: str, country: str, **fields: str) -> Record:
        return Record("person", ident, "p", 1, {"name": ident.title(), "country": country, **fields})

    counterparts = PERSON.option("counterpart").relation  # type: ignore[union-attr]
    assert counterparts is not None
    faeser, tani = person("faeser", "Germany"), person("tani", "Japan", status="likely")
    scholz, kishida = person("scholz", "Germany"), person("kishida", "Japan", status="confirmed")
    dot = dot_source(MapData([faeser, tani, scholz, kishida],
                             [Pair(faeser, tani, counterparts), Pair(scholz, kishida, counterparts)],
                             {"person": PERSON}), links=False)
    edges = [line for line in dot.splitlines() if " -- " in line and "invis" not in line]
    assert edges == [
        '  "person-faeser" -- "person-tani" [class="briefing-map-edge briefing-map-counterparts '
        'briefing-map-uncertain", style="dashed", label="likely"];',
        '  "person-scholz" -- "person-kishida" [class="briefing-map-edge briefing-map-counterparts"];',
    ]
    assert "URL=" not in dot
    # User text cannot break out of a DOT string.
    evil = person("x", 'Germ"any\\', name='A "B" \\l')
    assert '"A \\"B\\" \\\\l"' in dot_source(MapData([evil], [], {"person": PERSON}), links=False)


# -- the map elsewhere ---------------------------------------------------------------------------


@pytest.mark.parametrize("builder", ["text", "epub", "man"])
def test_map_is_a_list_of_pairs_in_text_epub_and_man(builder: str, built_root: RootBuilds) -> None:
    out = built_root("relations-rst", builder)
    files = {"text": "index.txt", "epub": "index.xhtml", "man": "relations.1"}
    text = (out / files[builder]).read_text(encoding="utf-8")
    if builder == "epub":
        text = parse_html(text).get_text(" ")
    # The man writer follows each internal link with its target ("\\%<#\\:person-scholz>").
    text = re.sub(r"\\%<[^>]*>", "", text)
    flat = " ".join(text.replace("\\-", "-").replace("\\(en", "\u2013").split())
    for pair in ("Olaf Scholz \u2013 Fumio Kishida (counterparts)",
                 "Nancy Faeser \u2013 Koichi Tani (counterparts)",
                 "Nancy Faeser \u2013 Takeaki Matsumoto (counterparts)"):
        assert pair in flat, builder
    assert "<svg" not in text and "graph " not in text


def test_missing_dot_warns_once_and_lists_the_pairs(tmp_path: Path) -> None:
    built = build(ROOTS / "test-relations-md", builddir=tmp_path, confoverrides=NO_DOT)
    out, warnings = built.outdir, built.warnings
    index = ROOTS / "test-relations-md" / "index.md"
    assert [line for line in warnings.splitlines() if line.strip()] == [
        f"{index}:10: WARNING: relationship-map directive: Graphviz's 'no-such-dot' command was not found, "
        "so maps are shown as lists of pairs (install the Debian package 'graphviz', or set graphviz_dot) "
        "[briefing.no-graphviz]"
    ]
    page = parsed_page(out, "index")
    assert page.find("svg") is None
    items = [" ".join(li.get_text(" ").split()) for li in section(page, "map").select("ul.briefing-map-pairs li")]
    assert items == [
        "Olaf Scholz \u2013 Fumio Kishida (counterparts)",
        "Nancy Faeser \u2013 Koichi Tani (counterparts)",
        "Nancy Faeser \u2013 Takeaki Matsumoto (counterparts)",
    ]


def test_map_in_latex_is_a_vector_pdf_at_most_the_text_width(built_root: RootBuilds) -> None:
    require_tool("dot", "pdfimages")
    out = built_root("relations-md", "latex")
    tex = (out / "relations.tex").read_text(encoding="utf-8")
    # At its own size (\sphinxincludegraphics shrinks it to the line only if wider): test_map_size.py.
    figures = re.findall(r"\\sphinxincludegraphics\{(briefing-map-[0-9a-f]+\.pdf)\}", tex)
    assert len(figures) == 3  # the map, Japan only, around Faeser; the empty one is a sentence
    pdf = out / figures[0]
    assert pdf.read_bytes().startswith(b"%PDF")
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) == 2  # header lines only: no raster image
    assert "No people or organisations with country" in tex and "India" in tex
    assert shutil.which("dot")


# -- quotes as objects ---------------------------------------------------------------------------


def test_quote_role_shows_speaker_and_first_words_and_the_whole_quote_on_hover(html: Path) -> None:
    para = next(p for p in section(parsed_page(html, "index"), "quotes").find_all("p") if "The Chancellor" in p.get_text())
    links = [(a.get_text(), a["href"], a["title"]) for a in para.find_all("a")]
    whole = (
        "“We want to reduce dependencies and increase the resilience of our economies” · "
        "Speaker: Olaf Scholz · Source: Close collaboration between Germany and Japan"
    )
    assert links == [
        ("Olaf Scholz: “We want to reduce dependencies and…”", "germany.html#quote-scholz-dependencies", whole),
        ("his aim", "germany.html#quote-scholz-dependencies", whole),
    ]
    # The id is the quotation's stable anchor, on the quotation itself.
    quote = parsed_page(html, "germany").find(id="quote-scholz-dependencies")
    assert isinstance(quote, Tag) and "briefing-quote" in quote["class"]
    assert "We want to reduce dependencies" in quote.get_text()


def test_quote_index_follows_who_is_who_order_and_filters(html: Path) -> None:
    page = parsed_page(html, "index")

    def speakers(ident: str) -> list[str]:
        return [r.get_text(" ", strip=True) for r in section(page, ident).select("p.rubric")]

    # Kishida is quoted first in the book, but Germany comes first in who is who.
    assert speakers("quotes") == ["Olaf Scholz", "Fumio Kishida"]
    assert speakers("quotes-by-kishida") == ["Fumio Kishida"]
    assert speakers("quotes-in-the-pillar") == ["Olaf Scholz"]
    # The words are no link; the link after them leads to where the quotation stands.
    item = section(page, "quotes-in-the-pillar").select("li")[0]
    assert item.select("a")[-1]["href"] == "germany.html#quote-scholz-dependencies"


def test_listing_filters_and_empty_results_in_words(html: Path) -> None:
    page = parsed_page(html, "index")
    names = [a.get_text() for a in section(page, "japan-s-people").select("tbody tr td:first-child a")]
    assert names == ["Fumio Kishida", "Koichi Tani", "Takeaki Matsumoto"]  # ":country: japan", any case
    assert one(section(page, "nobody-from-india-again"), "p.briefing-empty").get_text() == "No people from India."
    figures = [a.get_text() for a in section(page, "figures-of-the-pillar").select("tbody a.briefing-fact-ref")]
    assert figures == ["90,000 visas per year"]
    empty = one(section(page, "figures-from-the-supplement"), "p.briefing-empty")
    assert empty.get_text() == "No key figures citing Supplementary facts."
    sources = [one(r, "td a").get_text() for r in section(page, "primary-sources").select("tbody tr")]
    assert sources == ["Close collaboration between Germany and Japan"]


def test_quotes_and_filters_in_latex(tmp_path: Path) -> None:
    built = build(ROOTS / "test-relations-rst", "latex", builddir=tmp_path, confoverrides=NO_DOT)
    out = built.outdir
    tex = (out / "relations.tex").read_text(encoding="utf-8")
    assert r"\hyperref[\detokenize{germany:quote-scholz-dependencies}]" in tex
    assert "Olaf Scholz: “We want to reduce dependencies and…”" in tex
    assert r"\label{\detokenize{germany:quote-scholz-dependencies}}" in tex
    assert "No people from India." in tex and "No key figures citing Supplementary facts." in tex


# -- organisations and events: agenda and organisations filters, participation, quotes by a body ----

MEETING_ROOTS = ["meetings-md", "meetings-rst"]


@pytest.fixture(scope="module", params=MEETING_ROOTS)
def meetings(request: pytest.FixtureRequest, built_root: RootBuilds) -> Path:
    require_tool("dot")
    return built_root(request.param)



def test_agenda_and_organisations_filters(meetings: Path) -> None:
    page = parsed_page(meetings, "index")

    def events(ident: str) -> list[str]:
        # (The event's link, wherever its column stands: a table without times has no time column.)
        return [one(tr, 'a[href*="#event-"]').get_text() for tr in section(page, ident).select("tbody tr")]

    assert events("the-day") == ["Talks of the interior ministers"]  # :date: 2023-03-18
    assert events("march") == ["Talks of the interior ministers"]  # :date: 2023-03; the follow-up is April
    assert events("with-the-ministry") == ["Follow-up meeting"]  # :participant: bmi
    assert events("with-the-agency-in-2023") == ["Talks of the interior ministers"]  # both filters
    assert one(section(page, "nothing-in-1999"), "p.briefing-empty").get_text() == "No events in 1999."
    rows = section(page, "german-organisations").select("tbody tr")
    assert [one(r, "td a").get_text() for r in rows] == ["Federal Ministry of the Interior (BMI)"]  # :country: germany
    empty = one(section(page, "no-organisations-from-india"), "p.briefing-empty")
    assert empty.get_text() == "No organisations from India."


def test_quote_by_an_organisation(meetings: Path) -> None:
    page = parsed_page(meetings, "index")
    para = one(section(page, "statement"), "p")
    link = one(para, "a")
    assert (link.get_text(), link["href"]) == ("BMI: \u201cWe want to deepen the cooperation\u2026\u201d",
                                               "#quote-joint-statement")
    quote = page.find(id="quote-joint-statement")
    assert isinstance(quote, Tag)
    speaker = [a for a in quote.find_all("a") if a.get("href") == "#organisation-bmi"]
    assert [a.get_text() for a in speaker] == ["BMI"]
    assert [r.get_text(" ", strip=True) for r in section(page, "quotes-of-the-ministry").select("p.rubric")] == ["BMI"]
    data = json.loads((meetings / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["quote"]["joint-statement"]["fields"]["by"] == "bmi"


def test_map_draws_event_participation_and_kinds(meetings: Path) -> None:
    def names(ident: str) -> dict[str, str]:
        return {href: a.get("aria-label", "") for href, a in links(svg_of(meetings, ident)).items()}

    whole = names("whole-map")
    assert set(whole) == {"#person-faeser", "#person-tani", "#organisation-bmi", "#organisation-npa",
                          "#event-interior-talks", "#event-follow-up"}
    assert whole["#event-interior-talks"] == (
        "Talks of the interior ministers, 18 March 2023, 10:00, Tokyo. Connected with: "
        "Nancy Faeser (took part); Koichi Tani (took part); NPA (took part)"
    )
    assert svg_of(meetings, "whole-map").get("aria-label") == "Relationship map: 6 objects, 5 connections"
    # :kinds: people, organisations — no event boxes, so counterparts only.
    plain = names("people-and-organisations")
    # The two bodies have no line without the events: left out (unconnected boxes are not drawn).
    assert set(plain) == {"#person-faeser", "#person-tani"}
    assert plain["#person-tani"] == (
        "Koichi Tani, Chairman of the National Public Safety Commission, Japan. Connected with: "
        "Nancy Faeser (counterparts)"
    )
    # :participant: npa keeps the events it took part in and who else took part.
    assert set(names("around-the-agency")) == {"#organisation-npa", "#event-interior-talks",
                                               "#person-faeser", "#person-tani"}
    empty = one(section(parsed_page(meetings, "index"), "around-the-agency-without-events"), "p.briefing-empty")
    assert empty.get_text() == "No people or organisations connected with \u2018npa\u2019 to map."
    for href in whole:
        card = parsed_page(meetings, "index").find(id=href[1:])
        assert isinstance(card, Tag), href


def test_participation_as_a_list_of_pairs_in_text(built_root: RootBuilds) -> None:
    out = built_root("meetings-rst", "text")
    flat = " ".join((out / "index.txt").read_text(encoding="utf-8").split())
    assert "Talks of the interior ministers \u2013 NPA (took part)" in flat
    assert "Nancy Faeser \u2013 Koichi Tani (counterparts)" in flat
    assert "No events in 1999." in flat and "No organisations from India." in flat


def test_meetings_in_latex(built_root: RootBuilds) -> None:
    require_tool("dot")
    out = built_root("meetings-md", "latex")
    tex = (out / "meetings.tex").read_text(encoding="utf-8")
    assert len(re.findall(r"\\sphinxincludegraphics\{briefing-map-", tex)) == 3  # the fourth map matches nothing: a sentence
    assert "No events in 1999." in tex and "No organisations from India." in tex
    assert r"\hyperref[\detokenize{index:quote-joint-statement}]" in tex
