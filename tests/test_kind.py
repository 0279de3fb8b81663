"""A book's own kind, defined in the book's own module (tests/roots/test-kind/treaty.py).

One ``register_kind`` call must give it everything a built-in kind has: role, listing, objects.inv
and search entries, a schema-valid ``briefing.json``, a LaTeX label and box, an HTML card with the
shared classes, a hover card and "Cited by" in the source list; and no file of the package may
know its name.
"""

from __future__ import annotations

import html as html_module
import json
import posixpath
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO, ROOTS, RootBuilds, one, parsed_page
from sphinx.util.inventory import InventoryFile

ROOT = ROOTS / "test-kind"


@pytest.fixture(scope="module")
def html(built_root: RootBuilds) -> Path:
    return built_root(ROOT)


@pytest.fixture(scope="module")
def latex(built_root: RootBuilds) -> str:
    return (built_root(ROOT, "latex") / "kind.tex").read_text(encoding="utf-8")


def test_no_file_of_the_package_names_the_kind() -> None:
    package = REPO / "_ext" / "sphinx_briefing"
    # The shipped agreement kind knows "treaty" as one of its forms (a word, in its declaration and
    # the schema generated from it), never as a kind: no directive, role, anchor or class.
    word_only = {package / "kinds" / "agreements.py", package / "outputs" / "schema" / "briefing.schema.json"}
    for path in package.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".css", ".js", ".sty", ".json", ".tex"}:
            text = path.read_text(encoding="utf-8").lower()
            if path in word_only:
                assert not re.search(r"treaty-|-treaty|[{:]treaty\b", text), path
            else:
                assert "treaty" not in text, path


def test_card_has_shared_classes_fields_and_body(html: Path) -> None:
    card = one(parsed_page(html, "treaties"), "#treaty-pact")
    assert card is not None and card.name == "div"
    assert {"briefing-object", "briefing-treaty"} <= set(card["class"])
    assert one(card, ".briefing-object-title").get_text() == "Pact of Atlantis"
    fields = {
        dt.get_text().rstrip(":"): dd.get_text(" ", strip=True)
        for dt, dd in zip(card.select("dt"), card.select("dd"), strict=True)
    }
    assert fields == {
        "Signed": "18 March 2023",
        "Signed at": "10:30",
        "Treaty status": "signed",
        "Parties": "Alpha Person",
        "Full text": "https://example.org/pact",
        "Source": "The Source",
    }
    assert one(card, 'a[href="index.html#person-alpha"]') is not None
    assert "TREATY-BODY text of the pact." in card.get_text()
    # A card shows only the fields the sources give (show_empty no longer prints "not stated");
    # user markup stays text.
    accord = one(parsed_page(html, "treaties"), "#treaty-accord")
    assert "Signed" not in [dt.get_text(strip=True).rstrip(":") for dt in accord.select("dt")]
    assert "not stated" not in accord.get_text()
    assert accord.find("script") is None and "<script>alert(1)</script>" in accord.get_text()


def test_role_links_with_hover_card(html: Path) -> None:
    page = parsed_page(html, "index")
    implicit = one(page, 'a[href="treaties.html#treaty-pact"]')
    assert implicit.get_text() == "Pact of Atlantis"
    assert {"briefing-object-ref", "briefing-treaty-ref", "briefing-hover"} <= set(implicit["class"])
    # The hover card script lays out the title: name, the kind's tooltip, then the source.
    assert implicit["title"] == "Pact of Atlantis · Treaty · Source: The Source"
    explicit = one(page, 'a[href="treaties.html#treaty-accord"]')
    assert explicit.get_text() == "Another text"


def test_listing_and_cited_by(html: Path) -> None:
    page = parsed_page(html, "listings")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select(".briefing-treaty-list tbody tr")
    ]
    # The source, the same in every row, is said once; a gap is a dash, explained once.
    labels = ("Signed: ", "Signed at: ", "Treaty status: ", "Parties: ", "Full text: ")
    rows = [[cell.removeprefix(label) for cell, label in zip(row, ("", *labels), strict=True)] for row in rows]
    assert rows == [
        ["Pact of Atlantis", "18 March 2023", "10:30", "signed", "Alpha Person", "https://example.org/pact"],
        ["Accord <script>alert(1)</script>", "\u2013", "\u2013", "planned", "\u2013", "\u2013"],
    ]
    notes = [p.get_text() for p in page.select(".briefing-treaty-list .briefing-table-note")]
    assert notes == ["Source, in every row: The Source.", "\u2013 not in our sources."]
    cited = one(page, ".briefing-source-list tbody tr").select("td")[2].get_text(" ", strip=True)
    assert "treaty: Pact of Atlantis" in cited and "treaty: Accord" in cited


def test_inventory_and_search(html: Path) -> None:
    with (html / "objects.inv").open("rb") as f:
        inventory = InventoryFile.load(f, "", posixpath.join)
    data: Any = inventory.data if hasattr(inventory, "data") else inventory
    treaties = dict(data["briefing:treaty"])
    assert set(treaties) == {"pact", "accord"}
    entry = treaties["pact"]
    uri = entry.uri if hasattr(entry, "uri") else entry[2]
    assert uri.endswith("treaties.html#treaty-pact")
    index = (html / "searchindex.js").read_text(encoding="utf-8")
    search = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    treaty_type = next(k for k, v in search["objtypes"].items() if v == "briefing:treaty")
    names = {
        html_module.unescape(f"{prefix}.{e[4]}" if prefix else e[4])
        for prefix, items in search["objects"].items()
        for e in items
        if str(e[1]) == treaty_type
    }
    assert names == {"Pact of Atlantis", "Accord <script>alert(1)</script>"}


def test_json_export_is_valid_against_the_generated_schema(html: Path) -> None:
    data = json.loads((html / "briefing.json").read_text(encoding="utf-8"))
    schema = json.loads((html / "briefing.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["objects"]["treaty"]["pact"]["fields"]["parties"] == ["alpha"]
    assert data["kinds"]["treaty"]["options"]["parties"]["link"] == ["person"]
    assert {"from_kind": "treaty", "from_id": "pact", "via": "parties", "to_kind": "person",
            "to_id": "alpha"} in data["links"]
    # The schema has teeth: a field the kind does not declare is rejected.
    data["objects"]["treaty"]["pact"]["fields"]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_latex_label_and_box(latex: str) -> None:
    card = latex.index(r"\begin{sphinxuseclass}{briefing-treaty}")
    assert latex[card:].startswith(
        "\\begin{sphinxuseclass}{briefing-treaty}\n\\begin{sphinxuseclass}{briefing-object}"
        "\\phantomsection\\label{\\detokenize{treaties:treaty-pact}}"
    )
    assert r"\hyperref[\detokenize{treaties:treaty-pact}]" in latex
    assert r"Accord \textless{}script\textgreater{}" in latex


@pytest.mark.parametrize("builder", ["text", "man", "texinfo", "singlehtml"])
def test_other_builders_show_the_card_and_listing(builder: str, built_root: RootBuilds) -> None:
    """The card is a container: builders without a visitor of their own fall back to it."""
    out = built_root(ROOT, builder)
    text = "\n".join(
        path.read_text(encoding="utf-8")
        for path in out.rglob("*")
        if path.suffix in {".txt", ".1", ".texi", ".html"}
    )
    for expected in ("Pact of Atlantis", "text of the pact.", "18 March 2023", "Alpha Person"):
        assert expected in text, (builder, expected)
