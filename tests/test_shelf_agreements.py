"""Agreements over the shelf (issue 25, "Done when"): every book that declares agreements lists each
of them under "Agreements and outcomes" with its parties and its standing, and a relationship map that
admits agreements draws each one joined to each of its parties.

Read back from the built HTML as a reader meets it (the listing's table rows, the map's boxes, their
accessible names and the lines between them), against what the book declares (``briefing.json``).
Runs on every book of the shelf; a book without agreements has nothing to list and says so by a skip.
The last test is the copy check these books met: an agreement's text link spells its title's words.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ShelfBook, build, one, parsed_page

#: A ``relationship-map`` directive and its options, as written in a MyST page.
_MAP = re.compile(r"^(`{3,}|:{3,})\{relationship-map\}[^\n]*\n((?::[^\n]*\n)*)", re.MULTILINE)


def _agreements(root: Path) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(the book's listed agreements by id, every object by ``kind-id``) from ``briefing.json``."""
    data = json.loads((root / "briefing.json").read_text(encoding="utf-8"))
    objects = {f"{o['kind']}-{o['id']}": o for kind in data["objects"].values() for o in kind.values()}
    agreements = {o["id"]: o for key, o in objects.items()
                  if key.startswith("agreement-") and not o["fields"].get("no-index")}
    return agreements, objects


def _party_anchor(objects: dict[str, dict[str, Any]], party: str) -> str:
    """The card anchor of a party: ``organisation-<id>`` or ``person-<id>``."""
    found = [key for key in (f"organisation-{party}", f"person-{party}") if key in objects]
    assert found, f"party {party!r} is declared by no object"
    return found[0]


def _pages(root: Path) -> list[Path]:
    return [p for p in sorted(root.rglob("*.html"))
            if "_static" not in p.parts and p.name not in {"search.html", "genindex.html"}]


def _maps_admit_agreements(srcdir: Path) -> bool:
    """Whether some page of the book has a relationship map that may draw agreements: no ``:kinds:``
    (every kind), or ``:kinds:`` naming agreements."""
    for page in srcdir.rglob("*.md"):
        if "_build" in page.parts or page.name == "authoring-guide.md":
            continue
        for match in _MAP.finditer(page.read_text(encoding="utf-8")):
            kinds = re.search(r"^:kinds:(.*)$", match.group(2), re.MULTILINE)
            if kinds is None or "agreements" in kinds.group(1):
                return True
    return False


def test_agreements_listing_shows_each_agreement_with_its_parties_and_standing(
        book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    root, _ = book_html
    agreements, objects = _agreements(root)
    if not agreements:
        pytest.skip(f"{shelf_book.id} declares no agreement")
    rows: dict[str, Any] = {}
    for page in _pages(root):
        soup = parsed_page(root, page.relative_to(root).as_posix())
        for listing in soup.select("div.briefing-agreements"):
            for row in listing.select("tbody tr"):
                link = one(row, "td a[href]")
                # The row's own copy: its change marks come out below (the page's tree is shared).
                rows[str(link["href"]).rsplit("#agreement-", 1)[-1]] = copy.copy(row)
    missing = sorted(set(agreements) - set(rows))
    assert not missing, f"{shelf_book.id}: agreements not in any 'Agreements and outcomes' listing: {missing}"
    for ident, record in agreements.items():
        # A change mark ("new", issue 27) stands beside what changed since the previous edition;
        # it is no part of the agreement's title or standing.
        for mark in rows[ident].select(".briefing-change-mark"):
            mark.decompose()
        cells = rows[ident].find_all("td", recursive=False)
        assert len(cells) == 5, (ident, [c.get_text(" ", strip=True) for c in cells])
        shown = cells[0].get_text(" ", strip=True)
        assert shown == record["display"], (ident, shown)
        parties = record["fields"].get("parties") or []
        assert parties, f"{shelf_book.id}: agreement {ident!r} names no party"
        linked = {str(a["href"]).rsplit("#", 1)[-1] for a in cells[1].find_all("a", href=True)}
        assert linked == {_party_anchor(objects, p) for p in parties}, (ident, linked)
        standing = record["fields"].get("standing")
        assert standing, f"{shelf_book.id}: agreement {ident!r} has no standing"
        assert cells[3].get_text(" ", strip=True).removeprefix("Standing:").strip() == standing, (
            ident, cells[3].get_text(" ", strip=True))


def test_relationship_map_draws_each_agreement_joined_to_its_parties(
        book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    root, _ = book_html
    agreements, objects = _agreements(root)
    if not agreements or not _maps_admit_agreements(shelf_book.srcdir):
        pytest.skip(f"{shelf_book.id} has no agreement or no map that draws agreements")
    drawn: dict[str, tuple[str, Any]] = {}
    for page in _pages(root):
        soup = parsed_page(root, page.relative_to(root).as_posix())
        for svg in soup.select("svg.briefing-map-svg"):
            for link in svg.find_all("a"):
                href = str(link.get("xlink:href") or link.get("href") or "")
                if "#agreement-" in href:
                    drawn[href.rsplit("#agreement-", 1)[-1]] = (str(link.get("aria-label", "")), svg)
    missing = sorted(set(agreements) - set(drawn))
    assert not missing, f"{shelf_book.id}: agreements on no relationship map: {missing}"
    for ident, record in agreements.items():
        label, svg = drawn[ident]
        anchors = {str(a.get("xlink:href") or a.get("href") or "").rsplit("#", 1)[-1] for a in svg.find_all("a")}
        for party in record["fields"]["parties"]:
            anchor = _party_anchor(objects, party)
            # The party has its own box on the same map, linking to its card ...
            assert anchor in anchors, (ident, anchor)
            # ... and the agreement's box tells a screen reader it is joined to it as a party.
            name = objects[anchor]["display"]
            assert f"{name} (party to it)" in label, (ident, name, label)
    # One line per party of each agreement drawn, on the maps that draw them.
    for svg in {id(s): s for _, s in drawn.values()}.values():
        on_map = [i for i, (_, s) in drawn.items() if s is svg]
        lines = svg.select("g.edge.briefing-map-party")
        assert len(lines) == sum(len(agreements[i]["fields"]["parties"]) for i in on_map), (
            shelf_book.id, on_map, len(lines))


#: A title of nine words, and a publisher's address that spells it (as UKPOL's and WiredGov's do).
_TITLE = "Press release UK Republic of Korea joint statement November 2023"
_URL = "https://example.org/press-release-uk-republic-of-korea-joint-statement-november-2023"


def test_a_text_link_spelling_the_archived_title_is_no_copied_prose(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\nbriefing_copy_words = 8\n',
                                 encoding="utf-8")
    (src / "art.txt").write_text(_TITLE + "\n\nThe two ministers met in London.\n", encoding="utf-8")
    (src / "index.md").write_text(
        "# Index\n\n"
        "```{source} art\n:title: The statement\n:archive: art.txt\n```\n\n"
        "```{agreement} js\n:title: Joint statement\n:standing: announced\n"
        f":text-url: {_URL}\n:source: art\n```\n\n"
        # The same words as prose are still a copy: only the bare address is exempt.
        f"Its address reads {_TITLE.lower()} in full ({{source}}`art`).\n",
        encoding="utf-8")
    built = build(src, builddir=tmp_path / "build")
    copies = [line for line in built.warnings.splitlines() if "briefing.unmarked-copy" in line]
    # One warning, at the sentence (line 15), none at the agreement's card (line 8).
    assert len(copies) == 1 and "index.md:15:" in copies[0], copies
    page = parsed_page(built.outdir, "index")
    assert page.find("a", href=_URL) is not None
