"""The one declared store (``core/store.py``): every datum the extension keeps is declared once,
cleared and merged by the Domain, and reached only through the store's accessors.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, build
from sphinx_briefing.core import store as store_module
from sphinx_briefing.core.domain import get_domain
from sphinx_briefing.core.model import Record
from sphinx_briefing.core.reads import ListingReads
from sphinx_briefing.core.store import DECLARED, Store, empty_data, written_file

PACKAGE = Path(store_module.__file__).resolve().parent.parent


#: ``.data`` attributes that are not a Domain's (module, the expression before ``.data``): each named,
#: so that any other ``.data`` still fails the test below.
NOT_A_DOMAIN = {
    ("outputs/latex/cjk.py", "subset.blob"),  # a HarfBuzz blob's bytes (uharfbuzz has no other way)
}


def test_nothing_outside_the_store_touches_the_domain_data() -> None:
    """No ``.domaindata`` and no ``.data`` outside store.py, but the Domain handing its data to the Store."""
    found: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = str(path.relative_to(PACKAGE))
        if module == "core/store.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("data", "domaindata"):
                if (module, ast.unparse(node.value)) in NOT_A_DOMAIN:
                    continue
                found.append(f"{module}:{node.lineno} .{node.attr}")
    # domain.py: ``Store(self.data)`` and the check that the Store still wraps the same dict.
    assert [f for f in found if not f.startswith("core/domain.py:")] == []
    assert len(found) <= 3, found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """test-places (only blocks, an included file) with the copy check on and its source archived
    (the prose is kept only then): every datum gets filled."""
    srcdir = tmp_path_factory.mktemp("store-src") / "src"
    shutil.copytree(ROOTS / "test-places", srcdir)
    (srcdir / "report.txt").write_text("A report of its own words.\n", encoding="utf-8")
    people = srcdir / "people.md"
    people.write_text(people.read_text(encoding="utf-8").replace(
        ":title: Report\n", ":title: Report\n:archive: /report.txt\n", 1), encoding="utf-8")
    result = build(srcdir, builddir=tmp_path_factory.mktemp("store"), confoverrides={"briefing_copy_words": 8})
    return result.app


def test_every_stored_key_is_declared(built) -> None:  # type: ignore[no-untyped-def]
    data = built.env.domaindata["briefing"]
    assert set(data) - {"version"} == {datum.name for datum in DECLARED if datum.scope != "written"}
    store = get_domain(built.env).store
    # The per-page data the old collectors kept are there, under the store.
    assert store.conditions and store.prose and store.references and store.objects
    assert store.archives_seen is True
    assert set(store.prose) == set(built.env.found_docs)
    # What is noted while writing (after Sphinx pickles the environment) is kept beside the doctrees.
    assert set(store.written.data) == {datum.name for datum in DECLARED if datum.scope == "written"}
    assert set(store.listing_reads) == {"listings"}
    kept = Store(empty_data())
    kept.load_written(written_file(built.env.doctreedir, "html"))
    assert set(kept.listing_reads) == {"listings"}
    assert kept.listing_reads["listings"].listed == store.listing_reads["listings"].listed


def test_a_book_without_an_archive_keeps_no_prose(tmp_path: Path) -> None:
    """Only an archived source is checked against prose: without one no page's text is kept."""
    result = build(ROOTS / "test-places", builddir=tmp_path, confoverrides={"briefing_copy_words": 8})
    assert result.app is not None
    store = get_domain(result.app.env).store
    assert store.archives_seen is False and store.prose == {} and store.objects


def test_clear_doc_forgets_every_page_datum(built) -> None:  # type: ignore[no-untyped-def]
    domain = get_domain(built.env)
    store = domain.store
    store.replay_warnings["people"] = [("bad-date", "a warning", "people.md:3")]
    store.text_templates[("fact", "x", "people", 3)] = "marker"
    store.note_listing_reads("people", ListingReads())
    assert any(k[2] == "people" for k in store.conditions)
    domain.clear_doc("people")
    for datum in DECLARED:
        value = built.env.domaindata["briefing"].get(datum.name)
        if datum.scope == "page":
            assert "people" not in value, datum.name
        elif datum.scope == "page-key":
            assert all(k[2] != "people" for k in value), datum.name
        elif datum.scope == "page-set":
            assert "people" not in value, datum.name
        elif datum.scope == "written":
            assert "people" not in store.written.data[datum.name], datum.name
            assert "listings" in store.written.data[datum.name], datum.name
        elif datum.scope == "records":
            records = value if isinstance(value, list) else [r for by_id in value.values() for r in by_id.values()]
            assert all(r.docname != "people" for r in records), datum.name


def test_merge_takes_every_page_datum_of_the_merged_pages_only() -> None:
    """What a -j worker read for its pages comes over; nothing of other pages, no whole-book state."""
    mine = Store(empty_data())
    theirs = empty_data()
    for doc in ("w1", "other"):
        theirs["references"][doc] = [("person", "p")]
        theirs["inline_sources"][doc] = ["s"]
        theirs["listing_docs"].add(doc)
        theirs["marked_heading_docs"].add(doc)
        theirs["conditions"][("fact", "f", doc)] = ["latex"]
        theirs["text_templates"][("fact", "f", doc, 1)] = "t"
        theirs["replay_warnings"][doc] = [("x", "m", f"{doc}.md:1")]
        theirs["prose"][doc] = ["prose"]
    theirs["fingerprints"][("person", "p")] = ("w1",)
    theirs["citation_numbers"]["s"] = 1
    mine.merge(["w1"], theirs)
    for datum in DECLARED:
        if datum.scope == "written":
            assert not mine.written.data[datum.name], f"{datum.name}: noted while writing, in the main process"
            continue
        value = mine.data[datum.name]
        if datum.scope in ("page", "page-set"):
            assert set(value) == {"w1"}, datum.name
        elif datum.scope == "page-key":
            assert {k[2] for k in value} == {"w1"}, datum.name
        elif datum.scope == "book":
            assert not value, f"{datum.name}: whole-book state is the main process's, not merged"


def test_declarations_say_shape_scope_and_owner() -> None:
    names = [datum.name for datum in DECLARED]
    assert len(names) == len(set(names))
    for datum in DECLARED:
        assert datum.shape and datum.owner
        assert (PACKAGE / (datum.owner.replace(".", "/") + ".py")).exists(), datum.owner
    # The seven keys that lived beside the declared ones are declared now.
    assert {"conditions", "conditions_seen", "text_templates", "prose", "replay_warnings", "citation_numbers",
            "book_shape"} <= set(names)
    # Records are the Domain's: a Store clears none itself.
    store = Store(empty_data())
    store.objects["person"] = {"p": Record("person", "p", "a", 1, {})}
    store.clear_doc("a")
    assert "p" in store.objects["person"]
