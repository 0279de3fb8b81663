"""A book's own kind on the relationship map, and in its own words in an edition.

tests/roots/test-own-kind-map declares ``agreement`` in its own module: an option ``parties``
linking people and organisations, declared as a :class:`~sphinx_briefing.Relation`, and its words in
the book's own catalog ``locale/de/LC_MESSAGES/kind-words.po``. The package has shipped an
``agreement`` kind of its own since this book was written; the book's kind replaces it (as a book
written before keeps building unchanged), and the map draws it, and the German edition shows its
card, its listing and its edges in German, through the book's declaration alone.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import ROOTS, RootBuilds, build, copy_root, one, parsed_page, require_tool

ROOT = ROOTS / "test-own-kind-map"
SVG = "{http://www.w3.org/2000/svg}"


def _html(built_root: RootBuilds, language: str) -> Path:
    require_tool("dot")
    return built_root(ROOT, confoverrides={"language": language})


@pytest.fixture(scope="module")
def html(built_root: RootBuilds) -> Path:
    return _html(built_root, "en")


@pytest.fixture(scope="module")
def html_de(built_root: RootBuilds) -> Path:
    return _html(built_root, "de")


def section(html: Path, ident: str) -> Tag:
    page = parsed_page(html, "index")
    return one(page, f"section#{ident}")


def boxes(svg_holder: Tag) -> dict[str, str]:
    """Each box of the map: its link's target -> its accessible name."""
    root = ET.fromstring(str(one(svg_holder, "svg")))
    return {a.get("href", ""): a.get("aria-label", "") for a in root.iter(f"{SVG}a")}


def edges(svg_holder: Tag) -> list[str]:
    root = ET.fromstring(str(one(svg_holder, "svg")))
    return sorted(g.get("class", "") for g in root.iter(f"{SVG}g") if "briefing-map-edge" in g.get("class", ""))


def test_own_kind_is_drawn_with_its_parties(html: Path) -> None:
    drawn = boxes(section(html, "map"))
    # Annalena Baerbock has no connection: left out (a map draws lines; the who's who lists her).
    assert set(drawn) == {
        "people.html#person-scholz", "people.html#person-kishida",
        "people.html#organisation-mofa", "agreements.html#agreement-pact",
    }
    assert drawn["agreements.html#agreement-pact"] == (
        "Pact of Tokyo. Connected with: Olaf Scholz (party to it); "
        "MOFA (party to it)"
    )
    # The agreement stands between the countries (a square gold box, as events do; people's are
    # rounded: a path); its two edges carry
    # the relation's name, beside the counterparts' edge.
    assert edges(section(html, "map")) == [
        "edge briefing-map-edge briefing-map-counterparts",
        "edge briefing-map-edge briefing-map-party",
        "edge briefing-map-edge briefing-map-party",
    ]
    agreement_box = next(g for g in ET.fromstring(str(one(section(html, "map"), "svg"))).iter(f"{SVG}g")
                         if "briefing-map-agreement" in (g.get("class") or ""))
    assert agreement_box.find(f".//{SVG}polygon") is not None and agreement_box.find(f".//{SVG}path") is None


def test_map_filters_take_the_own_kind(html: Path) -> None:
    # :kinds: knows the kind by its plural; :participant: keeps what the organisation's agreement joins.
    assert set(boxes(section(html, "agreements-only"))) == {
        "people.html#person-scholz", "people.html#organisation-mofa", "agreements.html#agreement-pact",
    }


def test_german_edition_uses_the_books_own_words(html_de: Path) -> None:
    drawn = boxes(section(html_de, "map"))
    assert drawn["agreements.html#agreement-pact"] == (
        "Pact of Tokyo. Verbunden mit: Olaf Scholz (Vertragspartei); "
        "MOFA (Vertragspartei)"
    )
    card = one(parsed_page(html_de, "agreements"),
               "#agreement-pact")
    labels = [dt.get_text().rstrip(":") for dt in card.select("dt")]
    assert labels[:2] == ["Unterzeichnet", "Vertragsparteien"]
    table = one(section(html_de, "list"), "table")
    assert [th.get_text(strip=True) for th in table.select("thead th")][:3] == [
        "Abkommen", "Unterzeichnet", "Vertragsparteien",
    ]


def test_gettext_writes_the_own_kinds_words_into_its_catalog(tmp_path: Path) -> None:
    built = build(ROOT, "gettext", builddir=tmp_path)
    pot = (built.outdir / "kind-words.pot").read_text(encoding="utf-8")
    for word in ("agreement", "Agreement", "agreements", "Title", "Signed", "Parties", "party to it"):
        assert f'msgid "{word}"' in pot
    # The shipped kinds' words are the extension's own catalog's, not the book's to translate.
    assert 'msgid "Counterpart"' not in pot


def test_a_changed_word_reaches_the_next_incremental_build(tmp_path: Path) -> None:
    src = copy_root("own-kind-map", tmp_path / "src")
    first = build(src, builddir=tmp_path / "out", confoverrides={"language": "de"})
    assert first.warnings == ""
    po = src / "locale" / "de" / "LC_MESSAGES" / "kind-words.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Vertragsparteien"', 'msgstr "Parteien"'),
                  encoding="utf-8")
    second = build(src, builddir=tmp_path / "out", confoverrides={"language": "de"}, fresh=False)
    card = one(parsed_page(second.outdir, "agreements"),
               "#agreement-pact")
    assert [dt.get_text().rstrip(":") for dt in card.select("dt")][:2] == ["Unterzeichnet", "Parteien"]


def test_the_books_own_agreement_replaces_the_shipped_kind(html: Path) -> None:
    # The book's options (Signed), not the shipped kind's (Standing, Form), and the book's listing.
    card = one(parsed_page(html, "agreements"), "#agreement-pact")
    assert [dt.get_text().rstrip(":") for dt in card.select("dt")] == ["Signed", "Parties"]
    assert one(section(html, "list"), "table")


def test_only_a_shipped_kind_gives_way(tmp_path: Path) -> None:
    """Two of a book's own kinds of one name are still an error; the shipped kinds give way only
    to a book's kind (core.registry)."""
    src = copy_root("own-kind-map", tmp_path / "src")
    (src / "twice.py").write_text(
        "from agreement import AGREEMENT\nfrom sphinx_briefing import register_kind\n\n"
        "def setup(app):\n    register_kind(app, AGREEMENT)\n", encoding="utf-8")
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"agreement"]', '"agreement", "twice"]'), encoding="utf-8")
    result = build(src, subprocess=True)
    assert result.returncode != 0
    assert "the kind 'agreement' is already registered" in result.warnings
