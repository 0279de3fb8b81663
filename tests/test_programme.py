"""Organisations and events (tests/roots/test-programme): cards, roles, the organisations listing
grouped by country, and the agenda in time order whatever the order of the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOTS, build_in_process, one

ROOT = ROOTS / "test-programme"


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out, warnings = build_in_process("html", ROOT, tmp_path_factory.mktemp("programme"))
    assert warnings == ""
    return out


def soup(html: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((html / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def rows(table: Tag) -> list[list[str]]:
    # Cells carry their column heading for phones (hidden on wide screens); drop it.
    out = []
    for tr in table.select("tbody tr"):
        cells = []
        for td in tr.select("td"):
            for label in td.select(".briefing-cell-label"):
                label.decompose()
            cells.append(td.get_text(" ", strip=True))
        out.append(cells)
    return out


def test_organisation_role_shows_short_name_and_full_name_on_hover(html: Path) -> None:
    link = one(soup(html, "index"), 'a[href="bodies.html#organisation-agency"]')
    assert link.get_text() == "AfT"
    assert link["title"] == "AfT · Agency for Tests, Atlantis · Source: The Source"
    assert {"briefing-organisation-ref", "briefing-hover", "briefing-object-ref"} <= set(link["class"])


def test_organisation_card(html: Path) -> None:
    page = soup(html, "bodies")
    card = one(page, "#organisation-agency")
    assert {"briefing-object", "briefing-organisation"} <= set(card["class"])
    assert one(card, ".briefing-object-title").get_text() == "Agency for Tests (AfT)"
    text = card.get_text(" ", strip=True)
    assert "Parent : MoE" in text and "Named by the source." in text
    # A Japanese own name is marked as such; a German one is not claimed to be Japanese.
    assert one(card, ".briefing-native-name")["lang"] == "ja"
    union = one(page, "#organisation-union")
    assert not one(union, ".briefing-native-name").has_attr("lang")
    assert "Country : not stated" in union.get_text(" ", strip=True)
    assert union.find("b") is None and "Union of <b>Examples</b>" in union.get_text()


def test_organisations_listing_groups_by_country(html: Path) -> None:
    listing = one(soup(html, "listings"), ".briefing-organisations")
    groups = [r.get_text() for r in listing.select(".briefing-listing-group")]
    assert groups == ["Atlantis", "not stated"]
    tables = listing.select("table")
    assert rows(tables[0]) == [
        ["MoE", "Ministry of Examples", "not stated", "The Source"],
        ["AfT", "Agency for Tests", "MoE", "The Source"],
    ]
    # The full name links to the card (a short name may be missing).
    assert one(tables[0], 'a[href="bodies.html#organisation-agency"]').get_text() == "Agency for Tests"
    assert rows(tables[1]) == [["not stated", "Union of <b>Examples</b>", "not stated", "not stated"]]
