"""No two things under one word (issue 24, point 4).

- The trust mark ("Status: likely") and an event's progress ("Stage: planned", the ``event-status``
  option) have different labels on the card, in the agenda, in the hover text and on the map.
- On the map, "No country" (a body of no country, such as the EU) and "Country not stated" (a person
  whose country the source omits) are two columns that look different.
- No title-page label is repeated by its value ("Edition — Edition 1.0"), in every book.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import ROOTS, SHELF, RootBuilds, build, parsed_page, require_tool

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def html(built_root: RootBuilds) -> Path:
    require_tool("dot")
    return built_root("big-map")


def test_stage_and_status_are_two_labels_on_the_card(html: Path) -> None:
    page = parsed_page(html / "events.html")
    card = page.find(id="event-ev2")
    assert isinstance(card, Tag)
    text = " ".join(card.get_text(" ").split())
    assert re.search(r"Stage\s*:?\s*planned", text), text
    assert re.search(r"Status\s*:?\s*likely", text), text
    assert not re.search(r"Status\s*:?\s*(held|planned|announced)", text)


def test_stage_in_the_hover_text_and_on_the_map(html: Path) -> None:
    index = (html / "index.html").read_text(encoding="utf-8")
    # Every map on the page (the big map is drawn in parts: the events are on their day's part).
    names = [a.get("aria-label", "") for svg_text in re.findall(r"<svg\b.*?</svg>", index, re.S)
             for a in ET.fromstring(svg_text).iter(f"{SVG}a")]
    event = next(n for n in names if n.startswith("Working session number 2 "))
    assert "Stage: planned" in event and "Status: planned" not in event
    # The hover texts as the reader gets them (the hover-text file's entries for the page's links).
    hovers = " ".join(str(a["title"]) for a in parsed_page(html, "index").select("[title]"))
    assert "Status: held" not in hovers and "Status: planned" not in hovers


def test_agenda_column_is_stage(tmp_path: Path) -> None:
    built = build(ROOTS / "test-meetings-md", builddir=tmp_path)
    page = parsed_page(built.outdir / "index.html")
    heads = [th.get_text(strip=True) for table in page.select("section table") for th in table.select("thead th")]
    assert "Stage" in heads
    assert "planned" in page.get_text(" ")
    # The agenda's "Status" column is gone; "Status" stays the trust mark's word only.
    agenda = [t for t in page.select("table") if "Venue" in t.get_text()]
    assert agenda and all("Status" not in [th.get_text(strip=True) for th in t.select("th")] for t in agenda)


def test_no_country_and_country_not_stated_differ_on_the_map(html: Path) -> None:
    index = (html / "index.html").read_text(encoding="utf-8")
    shown = index[index.index('id="with-unconnected"'):]
    clusters = {}
    for svg_text in re.findall(r"<svg\b.*?</svg>", shown, re.S):
        for g in ET.fromstring(svg_text).iter(f"{SVG}g"):
            cls = g.get("class") or ""
            if "briefing-map-country" in cls:
                label = " ".join(t.text or "" for t in g.findall(f"{SVG}text"))
                clusters[label] = cls
    assert "briefing-map-no-country" in clusters["No country"]
    assert "briefing-map-country-not-stated" in clusters["Country not stated"]
    css = (html / "_static" / "briefing.css").read_text(encoding="utf-8")
    assert re.search(r"\.briefing-map-country-not-stated > text \{[^}]*italic", css)


#: Every book of the shelf, then three roots of other shapes.
BOOKS = {**{ident: book.srcdir for ident, book in SHELF.items()},
         "book-0.1.0": ROOTS / "test-book-0.1.0" / "docs", "print": ROOTS / "test-print", "basic": ROOTS / "test-basic"}


@pytest.mark.parametrize("name", list(BOOKS))
def test_no_title_page_label_is_doubled(name: str, tmp_path: Path) -> None:
    built = build(BOOKS[name], "latex", builddir=tmp_path)
    tex = "\n".join(p.read_text(encoding="utf-8") for p in built.outdir.glob("*.tex"))
    macros = dict(re.findall(r"\\renewcommand\\(briefing[a-z]+)\{(.*)\}", tex))
    labels = {m.removesuffix("label"): v for m, v in macros.items() if m.endswith("label")}
    assert "briefingedition" in labels
    checked = 0
    for macro, label in labels.items():
        value = macros.get(macro)
        if value:
            checked += 1
            assert not value.casefold().startswith(label.casefold()), (macro, label, value)
    assert checked or name not in SHELF, macros
    assert not re.search(r"Edition\W+Edition", tex)
