"""The book as data: briefing.json (schema, content, reproducibility), briefing_import across two
books, the intersphinx inventory and the search index."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
from conftest import (
    GERMANY_JAPAN,
    REPO,
    ROOTS,
    RootBuilds,
    ShelfBook,
    build,
    copy_root,
    parsed_page,
)
from sphinx.util.inventory import InventoryFile

SCHEMA = json.loads(
    (REPO / "_ext/sphinx_briefing/outputs/schema/briefing.schema.json").read_text(encoding="utf-8")
)


def load_json(outdir: Path) -> dict[str, Any]:
    return json.loads((outdir / "briefing.json").read_text(encoding="utf-8"))


def load_inventory(path: Path) -> dict[str, dict[str, Any]]:
    with path.open("rb") as f:
        inv = InventoryFile.load(f, "", posixpath.join)
    data = inv.data if hasattr(inv, "data") else inv
    return {kind: dict(items) for kind, items in data.items()}


# -- briefing.json ------------------------------------------------------------------------


def test_book_json_is_valid_and_complete(book_html: tuple[Path, str]) -> None:
    outdir, _ = book_html
    data = load_json(outdir)
    jsonschema.validate(data, SCHEMA)
    # Everything the book lists is exported: the inventory (from the Domain) agrees with the file.
    inventory = load_inventory(outdir / "objects.inv")
    for kind in ("person", "pillar", "fact", "source"):
        assert set(data["objects"][kind]) == set(inventory[f"briefing:{kind}"]), kind
    assert data["objects"]["quote"], "quotes are exported"
    # Every URL points at a page of this build that carries the anchor (each page parsed once: most
    # objects share a page with others).
    pages: dict[str, Any] = {}
    for kind, entries in data["objects"].items():
        for ident, entry in entries.items():
            page, anchor = entry["url"].split("#")
            if page not in pages:
                pages[page] = parsed_page(outdir, page)
            assert pages[page].find(id=anchor) is not None, f"{kind} {ident}: {entry['url']}"


def test_book_json_links_match_the_options(book_html: tuple[Path, str]) -> None:
    data = load_json(book_html[0])
    links = {
        (lk["from_kind"], lk["from_id"], lk["via"], lk["to_kind"], lk["to_id"])
        for lk in data["links"]
    }
    people = data["objects"]["person"]
    for ident, person in people.items():
        for counterpart in person["fields"].get("counterpart", []):  # a list: several counterparts
            assert ("person", ident, "counterpart", "person", counterpart) in links
    for ident, pillar in data["objects"]["pillar"].items():
        for lead in pillar["fields"].get("leads", []):
            assert ("pillar", ident, "leads", "person", lead) in links
    for ident, fact in data["objects"]["fact"].items():
        for source in fact["fields"]["source"]:  # a list: a figure may rest on several sources
            assert ("fact", ident, "source", "source", source) in links


#: The root as ``make html`` would build it for a site at https://a.example/book/.
BASE_URL = ("-n", "-D", "html_baseurl=https://a.example/book/")


def test_json_fields_urls_and_base_url(built_root: RootBuilds) -> None:
    outdir = built_root("basic", options=BASE_URL)
    data = load_json(outdir)
    jsonschema.validate(data, SCHEMA)
    scholz = data["objects"]["person"]["scholz"]
    assert scholz["fields"] == {
        "name": "Olaf Scholz",
        "role": "Federal Chancellor",
        "country": "Germany",
        "counterpart": ["kishida"],
        "source": "article",
    }
    assert scholz["docname"] == "people"
    assert scholz["url"] == "people.html#person-scholz"
    assert scholz["absolute_url"] == "https://a.example/book/people.html#person-scholz"
    assert data["objects"]["fact"]["trade"]["display"] == "45.7 billion euros"
    assert data["objects"]["pillar"]["energy"]["fields"]["leads"] == ["scholz", "kishida"]
    assert data["base_url"] == "https://a.example/book/"


def test_json_is_byte_identical_between_clean_builds(tmp_path: Path) -> None:
    # Two copies in two directories, each built by its own interpreter (its own hash seed).
    exported = []
    for copy in ("one", "two"):
        built = build(copy_root("basic", tmp_path / copy), builddir=tmp_path / copy / "out", subprocess=True,
                      options=("-n",), new_interpreter=True)
        assert built.returncode == 0, built.warnings
        exported.append((built.outdir / "briefing.json").read_bytes())
    first, second = exported
    assert first == second
    text = first.decode("utf-8")
    assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


def test_json_on_request_for_other_builders(built_root: RootBuilds) -> None:
    text_out = built_root("basic", "text", options=("-n",))
    assert not (text_out / "briefing.json").exists()
    text_out = built_root("basic", "text", options=("-n", "-D", "briefing_json_builders=text"))
    data = load_json(text_out)
    assert data["objects"]["person"]["kishida"]["url"] == "people.html#person-kishida"


# -- two books ----------------------------------------------------------------------------


def test_second_book_refers_to_the_first(built_root: RootBuilds) -> None:
    book_a = built_root("basic", options=BASE_URL)
    soup = parsed_page(built_root("import", confoverrides={"briefing_import": [str(book_a / "briefing.json")]}),
                       "index")
    links = {a.get_text(): a for a in soup.select("a.briefing-external")}
    assert set(links) == {"Olaf Scholz", "Mr Kishida", "45.7 billion euros"}
    scholz = links["Olaf Scholz"]
    assert scholz["href"] == "https://a.example/book/people.html#person-scholz"
    assert scholz["title"] == (
        "Olaf Scholz · Federal Chancellor, Germany · Counterpart: Fumio Kishida · "
        "Source: Close collaboration between Germany and Japan"
    )
    assert "reference external" in " ".join(scholz["class"])
    assert links["45.7 billion euros"]["href"] == "https://a.example/book/facts.html#fact-trade"


def test_import_with_explicit_base_and_unreadable_file(tmp_path: Path, built_root: RootBuilds) -> None:
    book_a = built_root("basic", options=("-n",))  # no html_baseurl: the importing book names the base
    src = tmp_path / "import"
    shutil.copytree(ROOTS / "test-import", src)
    built = build(
        src,
        confoverrides={
            "briefing_import": [
                (str(book_a / "briefing.json"), "https://b.example/"),
                str(tmp_path / "missing.json"),
            ]
        },
    )
    warnings = built.warnings.strip().splitlines()
    assert len(warnings) == 1
    # confoverrides set the value, so no line of conf.py names it: the file alone is the location.
    assert warnings[0].startswith(f"{src / 'conf.py'}:: WARNING: ")
    assert "briefing_import: cannot read" in warnings[0]
    assert "missing.json" in warnings[0]
    assert warnings[0].endswith("[briefing.bad-import]")
    html = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert 'href="https://b.example/people.html#person-scholz"' in html


# -- intersphinx and search -----------------------------------------------------------------


def test_inventory_lists_the_objects(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    outdir, _ = book_html
    data = load_json(outdir)
    inventory = load_inventory(outdir / "objects.inv")
    people = inventory["briefing:person"]
    for ident, person in data["objects"]["person"].items():
        item = people[ident]
        uri = item.uri if hasattr(item, "uri") else item[2]
        dispname = item.display_name if hasattr(item, "display_name") else item[3]
        assert uri == person["url"]
        # A person known by a title alone (no name) is listed under the title: the display name.
        assert dispname == person["display"]
    assert set(inventory["briefing:fact"]) == set(data["objects"]["fact"])
    # Quotations are searchable and linkable ({quote}), by their first words.
    quotes = inventory["briefing:quote"]
    assert set(quotes) == {i for i, q in data["objects"]["quote"].items()}
    shown = {i: q.display_name if hasattr(q, "display_name") else q[3] for i, q in quotes.items()}
    for ident, quote in data["objects"]["quote"].items():
        assert quote["text"].split()[0].strip("\u201c\"") in shown[ident]  # the excerpt names the first words
    # The authoring guide's live examples (beside the Germany-Japan book) are :no-index: and stay out
    # of the inventory.
    assert shelf_book.id != GERMANY_JAPAN or not [i for kind in inventory for i in inventory[kind] if i.startswith("example-")]


def test_other_project_links_through_intersphinx(built_root: RootBuilds) -> None:
    book_a = built_root("basic", options=("-n",))
    mapping = {"book": ("https://a.example/book/", str(book_a / "objects.inv"))}
    soup = parsed_page(built_root("intersphinx", confoverrides={"intersphinx_mapping": mapping}), "index")
    hrefs = {a.get_text(): a["href"] for a in soup.select("a.reference.external")}
    assert hrefs == {
        # A plain role falls back to intersphinx when the book itself has no such person.
        "Olaf Scholz": "https://a.example/book/people.html#person-scholz",
        # A fact shows its value, as in its own book and through briefing_import (the inventory
        # names it "label: value", so that search finds it by label).
        "45.7 billion euros": "https://a.example/book/facts.html#fact-trade",
        "Energy security": "https://a.example/book/facts.html#pillar-energy",
    }


def _search_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_search_finds_people_by_name_and_role_and_facts_by_label(
    book_html: tuple[Path, str],
) -> None:
    outdir, _ = book_html
    index = _search_index(outdir)
    data = load_json(outdir)
    docnames = index["docnames"]

    def pages_for(word: str) -> set[str]:
        # Sphinx keeps words of headings apart from body words; the search box uses both.
        found: set[str] = set()
        for table in ("terms", "titleterms"):
            hits = index[table].get(word.lower(), [])
            found.update(docnames[i] for i in ([hits] if isinstance(hits, int) else hits))
        return found

    from sphinx.search.en import SearchEnglish

    stem = SearchEnglish({}).stem
    for person in data["objects"]["person"].values():
        family = person["display"].split()[-1]  # the name, or the title a person is known by
        assert person["docname"] in pages_for(stem(family.lower())), family
        office = person["fields"].get("role") or person["fields"]["title"]
        role_word = max(re.findall(r"\w+", office), key=len).lower()
        assert person["docname"] in pages_for(stem(role_word)), office
    for fact in data["objects"]["fact"].values():
        word = max(re.findall(r"\w+", fact["fields"]["label"]), key=len).lower()
        assert fact["docname"] in pages_for(stem(word)), fact["fields"]["label"]
    # Objects are indexed too: the search box offers each person by name and each fact by label.
    person_type = next(k for k, v in index["objtypes"].items() if v == "briefing:person")
    fact_type = next(k for k, v in index["objtypes"].items() if v == "briefing:fact")
    # Sphinx splits each name at its last dot into a prefix and the rest, and HTML-escapes it.
    entries = [
        (str(e[1]), html.unescape(f"{prefix}.{e[4]}" if prefix else e[4]))
        for prefix, items in index["objects"].items()
        for e in items
    ]
    names = {name for kind, name in entries if kind == person_type}
    assert {p["display"] for p in data["objects"]["person"].values()} <= names
    fact_names = {name for kind, name in entries if kind == fact_type}
    for fact in data["objects"]["fact"].values():
        assert f"{fact['fields']['label']}: {fact['display']}" in fact_names


def test_shipped_schema_is_the_one_generated_from_the_kinds(book_html: tuple[Path, str]) -> None:
    """schema/briefing.schema.json never drifts from the kinds: it is what the book's build writes.

    To refresh it after changing a kind: ``make html`` and copy
    ``_build/html/briefing.schema.json`` over ``_ext/sphinx_briefing/outputs/schema/briefing.schema.json``.
    """
    outdir, _ = book_html
    written = json.loads((outdir / "briefing.schema.json").read_text(encoding="utf-8"))
    assert written == SCHEMA
    assert SCHEMA["properties"]["format_version"]["const"] == load_json(outdir)["format_version"]
