"""Hover cards in a real browser, on the Germany-Japan book's pages: a {person} or {fact} reference shows a card on hover and
keyboard focus. The page names the target by key (``data-briefing-hover``); briefing.js loads the book's hover-text file
(``_static/briefing-hovers.js``) and fills the link's title from it, which the card lays out and gives back when it goes.
(EPUB, whose readers run no script, writes the title into the page: tests/test_citation_styles.py, test_freshness.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import parse_html, write_artifact


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def _open(page: Any, germany_japan_html: tuple[Path, str], name: str) -> None:
    page.goto((germany_japan_html[0] / name).as_uri())
    page.wait_for_load_state("load")
    # briefing.js loads the hover texts beside it (from file:// too).
    page.wait_for_function("() => window.briefingHovers !== undefined")


def hover_text_of(page: Any, link: Any) -> str:
    """The hover text the book's hover-text file gives for *link*'s key (what briefing.js shows)."""
    key = link.get_attribute("data-briefing-hover")
    assert key, "the link names its target's hover text by key"
    return str(page.evaluate("k => window.briefingHovers[k]", key))


def test_person_reference_shows_card_on_hover(page: Any, germany_japan_html: tuple[Path, str]) -> None:
    _open(page, germany_japan_html, "at-a-glance.html")
    link = page.locator("a.briefing-person-ref").first
    assert link.get_attribute("title") is None, "the page carries the key, not the text"
    title = hover_text_of(page, link)
    assert title, "the role is in the book's hover-text file"
    link.hover()
    card = page.locator("#briefing-card")
    card.wait_for(state="visible")
    lines = card.locator("strong, span").all_inner_texts()
    assert lines == title.split(" · ")
    # The card names the person even where the link text is the author's own wording.
    name = page.evaluate("el => el.getAttribute('href')", link.element_handle())
    assert name.endswith("#person-scholz")
    assert lines[0] == "Olaf Scholz"
    assert lines[1] == "Federal Chancellor, Germany"
    assert lines[2] == "Counterpart: Kishida Fumio"  # names, not ids, and every one of them
    assert lines[3].startswith("Source: ")
    assert link.get_attribute("aria-describedby") == "briefing-card"
    write_artifact("screenshots/hovercard-person.png", page.screenshot())
    page.mouse.move(1, 1)
    card.wait_for(state="hidden")
    assert link.get_attribute("title") == title, "the title comes back when the card goes"


def test_fact_reference_shows_value_label_and_source_on_focus(page: Any, germany_japan_html: tuple[Path, str]) -> None:
    _open(page, germany_japan_html, "background.html")
    html = (germany_japan_html[0] / "background.html").read_text(encoding="utf-8")
    first = parse_html(html).select_one("a.briefing-fact-ref")
    assert first is not None
    # Tab through the page until keyboard focus reaches the first fact reference.
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.briefing-fact-ref')"):
            break
    else:
        pytest.fail("no fact reference is reachable with the keyboard")
    card = page.locator("#briefing-card")
    card.wait_for(state="visible")
    lines = card.locator("strong, span").all_inner_texts()
    value = page.evaluate("document.activeElement.textContent.trim()")
    assert lines[0] == value, "the value (the link text of an implicit {fact})"
    assert len(lines) == 3 and lines[2].startswith("Source: "), lines
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    # The same card on hover, for the screenshot a reviewer looks at.
    link = page.locator("a.briefing-fact-ref").nth(1)
    link.scroll_into_view_if_needed()
    link.hover()
    card.wait_for(state="visible")
    write_artifact("screenshots/hovercard-fact.png", page.screenshot())


def test_card_text_is_never_parsed_as_html(page: Any, germany_japan_html: tuple[Path, str]) -> None:
    _open(page, germany_japan_html, "at-a-glance.html")
    link = page.locator("a.briefing-person-ref").first
    page.evaluate(
        "el => el.setAttribute('title', '<img src=x onerror=window.pwned=1> · <b>bold</b>')",
        link.element_handle(),
    )
    link.hover()
    card = page.locator("#briefing-card")
    card.wait_for(state="visible")
    assert card.locator("img, b").count() == 0
    assert "<img src=x onerror=window.pwned=1>" in card.inner_text()
    assert page.evaluate("window.pwned === undefined")


def test_status_and_citation_cards(page: Any, germany_japan_html: tuple[Path, str]) -> None:
    """A likely person's card says so; a compact citation's card gives title and publisher."""
    _open(page, germany_japan_html, "delegations/germany.html")
    tani = page.locator('a.briefing-person-ref[href$="#person-tani"]').first
    assert "(likely, single source)" in tani.inner_text()
    tani.scroll_into_view_if_needed()
    tani.hover()
    card = page.locator("#briefing-card")
    card.wait_for(state="visible")
    assert card.locator("strong, span").all_inner_texts()[:3] == [
        "Tani Koichi", "Chairman of the National Public Safety Commission, Japan", "Status: likely, single source",
    ]
    assert card.locator("span.briefing-card-status").inner_text() == "Status: likely, single source"
    write_artifact("screenshots/hovercard-status.png", page.screenshot())
    page.mouse.move(1, 1)
    card.wait_for(state="hidden")
    _open(page, germany_japan_html, "at-a-glance.html")
    # A citation is a note's number (citation style "notes"); its hover gives the source in full.
    citation = page.locator("p a.briefing-note-ref").first
    assert citation.inner_text() == "1"
    assert hover_text_of(page, citation) == "Close collaboration between Germany and Japan · Federal Government of Germany"
    citation.hover()
    card.wait_for(state="visible")
    assert card.locator("strong, span").all_inner_texts() == [
        "Close collaboration between Germany and Japan", "Federal Government of Germany",
    ]
    write_artifact("screenshots/hovercard-citation.png", page.screenshot())

