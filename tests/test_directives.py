"""Every directive, role and listing, written in MyST and in reStructuredText, as a reader sees it.

``test-objects-md`` and ``test-objects-rst`` hold the same book in the two syntaxes; each HTML
assertion runs on both, and one test requires the two to render identical page bodies.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import RootBuilds, one, parsed_page

ROOT_NAMES = ["objects-md", "objects-rst"]
PAGES = ["index", "people", "pillars", "listings"]


@pytest.fixture(scope="module", params=ROOT_NAMES)
def html(request: pytest.FixtureRequest, built_root: RootBuilds) -> Path:
    return built_root(request.param)


def body(soup: BeautifulSoup) -> Tag:
    found = one(soup, "div.body")
    assert found is not None
    return found


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def link(container: Tag, href: str) -> Tag:
    links = [a for a in container.find_all("a") if a.get("href") == href]
    assert links, f"no link to {href} in {text(container)[:200]}"
    return links[0]


# -- objects -------------------------------------------------------------------------------


def test_person_card(html: Path) -> None:
    card = one(parsed_page(html, "people"), "#person-scholz")
    assert card is not None and "briefing-person" in card["class"]
    assert one(card, ".briefing-person-name strong").get_text() == "Olaf Scholz"
    assert one(card, ".briefing-person-role").get_text() == "Federal Chancellor"
    fields = {text(dt).rstrip(" :"): text(dd) for dt, dd in zip(card("dt"), card("dd"), strict=True)}
    assert fields == {
        "Country": "Germany",
        "Organisation": "Federal Government",
        "Counterpart": "Fumio Kishida",
        "Source": "Close collaboration between Germany and Japan",
    }
    counterpart = link(card, "#person-kishida")
    # The hover text (title) shows who the counterpart is.
    assert "Prime Minister, Japan" in counterpart["title"]
    assert "Led the German delegation of six ministers & a business delegation." in text(card)

    kishida = one(parsed_page(html, "people"), "#person-kishida")
    native = one(kishida, ".briefing-native-name")
    assert native.get_text() == "岸田文雄"
    assert "Organisation" not in text(kishida)  # an option not given is not shown


def test_source_entry(html: Path) -> None:
    entry = one(parsed_page(html, "people"), "#source-article")
    assert "briefing-source" in entry["class"]
    assert one(entry, ".briefing-source-title strong").get_text() == (
        "Close collaboration between Germany and Japan"
    )
    meta = one(entry, ".briefing-source-meta")
    # An ISO date is written in the book's form, as every other date.
    assert text(meta).startswith("Federal Government (Press & Information Office) · 18 March 2023 · ")
    url = "https://www.bundesregierung.de/breg-en/news/german-japanese-consultations-2173130"
    assert link(meta, url).get_text() == url
    assert "The government’s report on the consultations." in text(entry)  # noqa: RUF001


def test_factbox(html: Path) -> None:
    box = one(parsed_page(html, "pillars"), "#fact-trade")
    assert "briefing-fact" in box["class"]
    assert one(box, ".briefing-fact-number").get_text() == "45.7"
    assert one(box, ".briefing-fact-unit").get_text() == "billion euros"
    assert one(box, ".briefing-fact-label").get_text() == "Bilateral trade volume"
    meta = one(box, ".briefing-fact-meta")
    assert text(meta) == "As of: March 2023 · Source: Close collaboration between Germany and Japan"
    assert link(meta, "people.html#source-article")
    assert "second largest Asian trading partner" in text(box)


def test_pillar(html: Path) -> None:
    pillar = one(parsed_page(html, "pillars"), "#pillar-economic-security")
    assert "briefing-pillar" in pillar["class"]
    assert one(pillar, ".briefing-pillar-title").get_text() == "Economic security & trade routes"
    leads = one(pillar, ".briefing-pillar-leads")
    assert text(leads) == "Leads: Olaf Scholz , Fumio Kishida"
    assert link(leads, "people.html#person-scholz") and link(leads, "people.html#person-kishida")
    figures = one(pillar, ".briefing-pillar-facts")
    assert link(figures, "#fact-trade").get_text() == "45.7 billion euros"
    assert "Reduce dependencies in critical areas." in text(pillar)
    # The pillar's own source heads it, in the banner, before the body and any card in it.
    source = one(pillar, ".briefing-source-line")
    assert link(source, "people.html#source-article")
    assert source.find_parent(class_="briefing-pillar-banner") is not None


def test_quote(html: Path) -> None:
    quote = one(parsed_page(html, "people"), "blockquote.briefing-quote")
    assert quote["id"] == "quote-people-0"
    assert one(quote, "p").get_text() == (
        "We want to reduce dependencies and increase the resilience of our economies"
    )
    attribution = one(quote, ".attribution")
    assert text(attribution) == "— Olaf Scholz · Close collaboration between Germany and Japan"
    assert "Federal Chancellor, Germany" in link(attribution, "#person-scholz")["title"]
    assert link(attribution, "#source-article")


# -- roles ---------------------------------------------------------------------------------

ROLE_TARGETS = {
    # role -> (href, text shown by the implicit form, start of the hover text, explicit title)
    "person": ("people.html#person-scholz", "Olaf Scholz", "Federal Chancellor, Germany",
               "the Chancellor"),
    "pillar": ("pillars.html#pillar-economic-security", "Economic security & trade routes",
               "Policy pillar", "the first pillar"),
    "fact": ("pillars.html#fact-trade", "45.7 billion euros", "Bilateral trade volume",
             "the trade figure"),
    "source": ("people.html#source-article", "Close collaboration between Germany and Japan",
               "Federal Government (Press & Information Office)", "the article"),
}


@pytest.mark.parametrize("role", ROLE_TARGETS)
def test_roles_implicit_and_explicit(html: Path, role: str) -> None:
    href, shown, hover, explicit = ROLE_TARGETS[role]
    paragraphs = body(parsed_page(html, "index")).find_all("p")
    implicit_par = next(p for p in paragraphs if text(p).startswith("Implicit:"))
    explicit_par = next(p for p in paragraphs if text(p).startswith("Explicit:"))
    for par, label in ((implicit_par, shown), (explicit_par, explicit)):
        ref = link(par, href)
        assert ref.get_text() == label
        assert f"briefing-{role}-ref" in ref["class"]
        assert hover in ref["title"]
        # Names and titles are prose: never set in a code font.
        assert ref.find("code") is None


# -- listings ------------------------------------------------------------------------------


def table_rows(table: Tag) -> list[list[str]]:
    # The per-cell column headings exist for phones only (test_listing_layout.py covers them); they
    # are taken out of a copy (the page's tree is shared: conftest.parsed_page).
    table = copy.copy(table)
    for label in table.select(".briefing-cell-label"):
        label.decompose()
    return [[text(cell) for cell in row(["td", "th"])] for row in table("tr")]


def listing(html: Path, name: str) -> Tag:
    found = one(parsed_page(html, "listings"), f"div.briefing-{name}")
    assert found is not None, name
    return found


def test_who_is_who(html: Path) -> None:
    who = listing(html, "who-is-who")
    assert [text(r) for r in who.select(".rubric")] == ["Germany", "Japan"]
    germany, japan = who("table")
    assert table_rows(germany) == [
        ["Name", "Role", "Organisation", "Counterpart"],
        ["Olaf Scholz", "Federal Chancellor", "Federal Government", "Fumio Kishida"],
    ]
    # No organisation for anyone in Japan: the column is left out and said once.
    assert table_rows(japan)[1] == ["Fumio Kishida 岸田文雄", "Prime Minister", "Olaf Scholz"]
    assert "Not in our sources: Organisation." in text(who)
    assert "Federal Chancellor" in link(germany, "people.html#person-scholz")["title"]


def test_key_figures(html: Path) -> None:
    figures = listing(html, "key-figures")
    assert table_rows(one(figures, "table")) == [
        ["Figure", "Value", "As of", "Source"],
        ["Bilateral trade volume", "45.7 billion euros", "March 2023",
         "Close collaboration between Germany and Japan"],
    ]
    assert link(figures, "pillars.html#fact-trade")


def test_pillar_overview(html: Path) -> None:
    overview = listing(html, "pillar-overview")
    assert table_rows(one(overview, "table")) == [
        ["Pillar", "Leads", "Key figures"],
        ["Economic security & trade routes", "Olaf Scholz , Fumio Kishida", "45.7 billion euros"],
    ]
    assert link(overview, "pillars.html#pillar-economic-security")


def test_quote_index(html: Path) -> None:
    quotes = listing(html, "quote-index")
    assert text(one(quotes, ".rubric")) == "Olaf Scholz"
    item = one(quotes, "ul.briefing-quote-list li")
    assert text(item) == (
        "“We want to reduce dependencies and increase the resilience of our economies” "
        "( Close collaboration between Germany and Japan ) \u2013 People"
    )
    # The words themselves are no link (set in the body's colour); the page's title after them is.
    assert one(item, ".briefing-quote-text").find_parent("a") is None
    assert link(item, "people.html#quote-people-0")


def test_source_list(html: Path) -> None:
    sources = listing(html, "source-list")
    rows = table_rows(one(sources, "table"))
    assert rows[0] == ["Source", "Publisher", "Cited by"]
    assert rows[1][:2] == ["Close collaboration between Germany and Japan",
                           "Federal Government (Press & Information Office)"]
    cited = rows[1][2]
    for citing in ("fact: 45.7 billion euros", "quote: “We want", "person: Olaf Scholz",
                   "person: Fumio Kishida", "pillar: Economic security & trade routes"):
        assert citing in cited


# -- the two syntaxes agree ----------------------------------------------------------------


@pytest.fixture(scope="module")
def both_html(built_root: RootBuilds) -> dict[str, Path]:
    return {name: built_root(name) for name in ROOT_NAMES}


@pytest.mark.parametrize("name", PAGES)
def test_myst_and_rst_render_the_same(both_html: dict[str, Path], name: str) -> None:
    md, rst = (str(body(parsed_page(both_html[root], name))) for root in ROOT_NAMES)
    assert "briefing-" in md
    assert md == rst


# -- LaTeX ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def latex(built_root: RootBuilds) -> dict[str, str]:
    out = {}
    for name in ROOT_NAMES:
        tex = (built_root(name, "latex") / "objects.tex").read_text(encoding="utf-8")
        out[name] = tex[tex.index(r"\chapter{People}"):]
    return out


ANCHORS = ["people:source-article", "people:person-scholz", "people:person-kishida",
           "people:quote-people-0", "pillars:fact-trade", "pillars:pillar-economic-security"]


@pytest.mark.parametrize("name", ROOT_NAMES)
def test_latex_targets_references_and_escaping(latex: dict[str, str], name: str) -> None:
    tex = latex[name]
    for anchor in ANCHORS:
        assert tex.count(rf"\label{{\detokenize{{{anchor}}}}}") == 1, anchor
    # Cross-references from cards, roles and listings become working PDF links.
    for anchor in ANCHORS:
        assert rf"\hyperref[\detokenize{{{anchor}}}]" in tex, anchor
    assert r"Economic security \& trade routes" in tex
    assert r"Federal Government (Press \& Information Office)" in tex
    assert not re.search(r"[^\\]&", tex.split(r"\chapter{Listings}")[0])  # every & escaped in prose
    # Listings are real tables; short ones (at most five rows) are set whole, not as long tables
    # that would break across pages.
    listings = tex[tex.index(r"\chapter{Listings}"):]
    assert listings.count(r"\sphinxattablestart") == 5  # two countries, figures, pillars, sources
    assert r"\begin{longtable}" not in listings
    assert "Bilateral trade volume" in listings and "March 2023" in listings


def test_latex_myst_and_rst_agree(latex: dict[str, str]) -> None:
    assert latex["objects-md"] == latex["objects-rst"]


# -- other builders degrade gracefully -----------------------------------------------------


@pytest.mark.parametrize("builder", ["text", "man", "epub", "texinfo", "singlehtml"])
@pytest.mark.parametrize("name", ROOT_NAMES)
def test_other_builders(builder: str, name: str, built_root: RootBuilds) -> None:
    out = built_root(name, builder)
    if builder == "text":
        people = (out / "people.txt").read_text(encoding="utf-8")
        assert "Olaf Scholz" in people and "岸田文雄" in people
        listings = (out / "listings.txt").read_text(encoding="utf-8")
        assert "45.7 billion euros" in listings and "Economic security & trade routes" in listings
    elif builder == "man":
        man = next(out.glob("*.1")).read_text(encoding="utf-8")
        assert "Olaf Scholz" in man and "Bilateral trade volume" in man
    elif builder == "epub":
        assert (out / "objects.epub").stat().st_size > 0
    elif builder == "texinfo":
        texi = (out / "objects.texi").read_text(encoding="utf-8")
        assert "Olaf Scholz" in texi and "45.7 billion euros" in texi


def test_basic_root_builds_cleanly_and_roles_resolve(built_root: RootBuilds) -> None:
    """The small root builds without a warning, and its roles show the names they link to."""
    index = parsed_page(built_root("basic"), "index")
    assert link(body(index), "people.html#person-scholz").get_text() == "Olaf Scholz"
    assert link(body(index), "people.html#person-kishida").get_text() == "the PM"
