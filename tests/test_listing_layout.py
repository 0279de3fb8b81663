"""Listings on a phone: each row stacks into a card whose values carry their column headings.

The labels exist in the HTML only (paper and EPUB readers have the header row) and are hidden on
wide screens; in a 390 px browser the rows stack and the labels show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import RootBuilds, one, parsed_page


def test_html_cells_carry_their_headings_and_latex_does_not(built_root: RootBuilds) -> None:
    soup = parsed_page(built_root("basic", options=("-n",)), "listings")
    table = one(soup, ".briefing-who-is-who table")
    assert table is not None
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        cells = row.find_all("td")
        assert cells[0].select_one(".briefing-cell-label") is None
        labels = [one(c, ".briefing-cell-label").get_text() for c in cells[1:]]
        assert labels == [f"{h}: " for h in headings[1:]]
    tex = next(built_root("basic", "latex", options=("-n",)).glob("*.tex")).read_text(encoding="utf-8")
    assert "Role: " not in tex


@pytest.mark.parametrize("listing", ["who-is-who", "key-figures", "source-list"])
def test_rows_stack_with_labels_on_a_phone_and_not_on_a_desktop(
    reading_page: Callable[..., Any], book_html: tuple[Path, str], listing: str
) -> None:
    """The page of each book that holds the listing (found by its class, wherever the book put it)."""
    # (A listing may also stand as cards alone, as the at-a-glance page's headline figures do.)
    pages = [page for page in sorted(book_html[0].rglob("*.html"))
             if f"briefing-listing briefing-{listing}" in page.read_text(encoding="utf-8")
             and parsed_page(page).select_one(f".briefing-listing.briefing-{listing} table.briefing-table tbody tr")]
    assert pages, f"no {listing} listing in the book"
    url = pages[0].as_uri()
    for width, stacked in ((390, True), (1280, False)):
        page = reading_page(viewport={"width": width, "height": 900})  # kept per width, not one per test
        page.goto(url)
        cell = page.locator(".briefing-listing table.briefing-table tbody tr td").nth(1)
        assert cell.evaluate("td => getComputedStyle(td).display") == ("block" if stacked else "table-cell")
        label = cell.locator(".briefing-cell-label")
        assert label.is_visible() is stacked
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
