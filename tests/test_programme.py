"""Organisations and events (tests/roots/test-programme): cards, roles, the organisations listing
grouped by country, and the agenda in time order whatever the order of the pages."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import ROOTS, RootBuilds, build, one, parsed_page

ROOT = ROOTS / "test-programme"


@pytest.fixture(scope="module")
def html(built_root: RootBuilds) -> Path:
    return built_root(ROOT)


def rows(table: Tag) -> list[list[str]]:
    # Cells carry their column heading for phones (hidden on wide screens); drop it.
    out = []
    for tr in copy.copy(table).select("tbody tr"):  # a copy: the page's tree is shared (conftest.parsed_page)
        cells = []
        for td in tr.select("td"):
            for label in td.select(".briefing-cell-label"):
                label.decompose()
            cells.append(td.get_text(" ", strip=True).replace(" ,", ","))
        out.append(cells)
    return out


def test_organisation_role_shows_short_name_and_full_name_on_hover(html: Path) -> None:
    # Spelled out at its first mention on a page, its short name after that.
    first, later = parsed_page(html, "index").select('a[href="bodies.html#organisation-agency"]')
    assert first.get_text() == "Agency for Tests (AfT)" and later.get_text() == "AfT"
    link = later
    assert link["title"] == "AfT · Agency for Tests, Atlantis · Source: The Source"
    assert {"briefing-organisation-ref", "briefing-hover", "briefing-object-ref"} <= set(link["class"])


def test_organisation_card(html: Path) -> None:
    page = parsed_page(html, "bodies")
    card = one(page, "#organisation-agency")
    assert {"briefing-object", "briefing-organisation"} <= set(card["class"])
    assert one(card, ".briefing-object-title").get_text() == "Agency for Tests (AfT)"
    text = card.get_text(" ", strip=True)
    assert "Parent : MoE" in text and "Named by the source." in text
    # A Japanese own name is marked as such; a German one is not claimed to be Japanese.
    assert one(card, ".briefing-native-name")["lang"] == "ja"
    union = one(page, "#organisation-union")
    assert not one(union, ".briefing-native-name").has_attr("lang")
    # A body of no country says nothing about one (no "Country: not stated").
    assert "Country" not in union.get_text(" ", strip=True)
    assert union.find("b") is None and "Union of <b>Examples</b>" in union.get_text()


def test_organisations_listing_groups_by_country(html: Path) -> None:
    listing = one(parsed_page(html, "listings"), ".briefing-organisations")
    groups = [r.get_text() for r in listing.select(".briefing-listing-group")]
    assert groups == ["Atlantis", "No country"]  # bodies of no country last, under a plain heading
    tables = listing.select("table")
    # The economy of absence: the source, the same in every row, is said once above the table; a
    # parent the sources do not give is a dash, explained once under it.
    assert [th.get_text() for th in tables[0].select("th")] == ["Name", "Parent"]
    assert rows(tables[0]) == [
        ["Ministry of Examples (MoE)", "\u2013"],
        ["Agency for Tests (AfT)", "MoE"],
    ]
    notes = [p.get_text() for p in listing.select(".briefing-table-note")]
    assert notes[:2] == ["Source, in every row: The Source.", "\u2013 not in our sources."]
    assert one(listing, ".briefing-table-note a").get_text() == "The Source"  # still a link
    # The name links to the card.
    link = one(tables[0], 'a[href="bodies.html#organisation-agency"]')
    assert link.get_text() == "Agency for Tests (AfT)"
    # A body with one name shows it once: no empty or "not stated" short-name cell; columns the
    # sources never fill are left out and named once.
    assert rows(tables[1]) == [["Union of <b>Examples</b>"]]
    assert notes[2] == "Not in our sources: Parent, Source."
    assert "not stated" not in listing.get_text()


def test_agenda_is_chronological_whatever_the_page_order(html: Path) -> None:
    listing = one(parsed_page(html, "listings"), ".briefing-agenda")
    groups = [r.get_text() for r in listing.select(".briefing-listing-group")]
    assert groups == ["17 March 2023", "18 March 2023", "No date in our sources"]
    assert all("rubric" in g["class"] for g in listing.select(".briefing-listing-group"))
    tables = listing.select("table")
    # Only the columns the sources fill; a status the same in every row is said once.
    assert rows(tables[0]) == [["09:00", "Arrival", "held"]]
    assert rows(tables[1]) == [
        ["15:30\u201316:20 (JST)", "Opening meeting", "Hall A", "Mina Minister"],
        ["after 16:30", "Plenary session", "Hall B", "Mina Minister, MoE"],
    ]
    # An event without a time is not slotted in between: it stands apart, unordered, in a table
    # without a time column, whose note says why.
    assert rows(tables[2]) == [["Side talks", "Mina Minister", "held"]]
    assert rows(tables[3]) == [["Next summit", "Union of <b>Examples</b>", "announced"]]
    notes = [p.get_text() for p in listing.select(".briefing-table-note")]
    # (an event's progress is its "Stage": "Status" is only the trust mark, issue 24.4)
    assert "Not in our sources: Time, Venue." in notes and "Stage, in every row: held." in notes
    assert "not stated" not in listing.get_text()


def test_event_card_and_role(html: Path) -> None:
    card = one(parsed_page(html, "earlier"), "#event-opening")
    assert {"briefing-object", "briefing-event"} <= set(card["class"])
    text = card.get_text(" ", strip=True)
    for expected in ("Opening meeting", "Date : 18 March 2023", "Start : 15:30", "End : 16:20",
                     "Time zone : JST", "Venue : Hall A", "Participants : Mina Minister", "Stage : held"):
        assert expected in text
    link = one(parsed_page(html, "index"), 'a[href="earlier.html#event-opening"]')
    assert link.get_text() == "Opening meeting"
    assert link["title"] == "Opening meeting · 18 March 2023, 15:30\u201316:20 (JST), Hall A · Source: The Source"


def test_participants_of_another_kind_are_reported(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# T\n\n```{source} src\n:title: S\n```\n\n"
        "```{event} e\n:title: E\n:participants: src, nobody\n```\n",
        encoding="utf-8",
    )
    built = build(src, builddir=tmp_path / "out")
    warnings = built.warnings
    lines = [line for line in warnings.splitlines() if line.strip()]
    assert lines == [
        f"{src / 'index.md'}:7: WARNING: event directive, option 'participants': 'src' is a source, "
        "not a person or an organisation [briefing.wrong-kind]",
        f"{src / 'index.md'}:7: WARNING: event directive, option 'participants': unknown person or "
        "organisation 'nobody' [briefing.unknown-ref]",
    ]


def test_bodies_of_no_country_come_last_whatever_the_page_order(tmp_path: Path, built_root: RootBuilds) -> None:
    """The G7 defined before any ministry still comes after the countries; an abbreviation-only body
    shows its one name once."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# T\n\n```{organisation} g7\n:name: G7\n```\n\n"
        "```{organisation} bmwk\n:name: BMWK\n:country: Germany\n```\n\n"
        "```{organisation} mofa\n:name: Ministry of Foreign Affairs\n:short: MOFA\n:country: Japan\n```\n\n"
        "```{organisations}\n```\n",
        encoding="utf-8",
    )
    out = built_root(src)
    listing = one(parsed_page(out, "index"), ".briefing-organisations")
    groups = [r.get_text() for r in listing.select(".briefing-listing-group")]
    assert groups == ["Germany", "Japan", "No country"]
    assert [rows(t)[0][0] for t in listing.select("table")] == ["BMWK", "Ministry of Foreign Affairs (MOFA)", "G7"]
    card = one(parsed_page(out, "index"), "#organisation-g7")
    assert "Country" not in card.get_text(" ", strip=True)


@pytest.mark.parametrize(("language", "expected"), [("en", "15:30 (Tokyo time), about 50 minutes"),
                                                    ("de", "15:30 (Tokioter Zeit), etwa 50 Minuten"),
                                                    ("ja", "15:30\uff08東京時間\uff09、約50分")])
def test_a_time_shows_its_zone_in_the_languages_brackets(germany_japan_editions: tuple[Path, dict[str, str]],
                                                         language: str, expected: str) -> None:
    """The programme writes the leaders' meeting's time with its zone in brackets, as each language
    sets them, then its duration (issue 22.4: the programme's item, no longer a key figure); the
    card's "Time zone" field holds the zone's words alone, no brackets (the Germany-Japan book's
    leaders' meeting, Tokyo time)."""
    base, _ = germany_japan_editions
    soup = parsed_page(base / ("html" if language == "en" else f"{language}/html"), "delegations/meetings")
    cells = [" ".join(td.get_text().split()) for td in soup.select("td")]
    assert expected in cells
    card = soup.find(id="event-leaders-meeting")
    assert card is not None
    fields = " ".join(one(card, ".briefing-fields").get_text().split())
    zone = {"en": "Tokyo time", "de": "Tokioter Zeit", "ja": "東京時間"}[language]
    assert zone in fields and f"({zone})" not in fields and f"\uff08{zone}\uff09" not in fields
