"""``-j 2`` builds write the same HTML and the same warnings as ``-j 1``: the proof behind
``parallel_read_safe`` / ``parallel_write_safe`` in ``briefing/__init__.py``.

Sphinx reads in chunks under ``-j 2`` even for four documents, so the small roots run through
``merge_domaindata`` too. ``test-parallel`` defines one id on its first and last page, so the clash
is only seen when the chunks are merged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOTS, build, parse_html, sphinx_build_of_the_book
from sphinx.util.console import strip_escape_sequences
from sphinx_briefing.core.domain import get_domain
from sphinx_briefing.core.model import Record

SOURCES = {name: ROOTS / f"test-{name}" for name in ("basic", "objects-md", "objects-rst", "parallel")}


def html_files(outdir: Path) -> dict[str, bytes]:
    """Every page, and the hover-text file the pages' links name by key (outputs/hovers.py)."""
    hovers = outdir / "_static" / "briefing-hovers.js"
    return {str(p.relative_to(outdir)): p.read_bytes() for p in sorted([*outdir.rglob("*.html"), hovers])}


@pytest.mark.parametrize("name", list(SOURCES))
def test_parallel_build_equals_serial(name: str, tmp_path: Path) -> None:
    results = {}
    for jobs in ("1", "2"):
        # -j 1 in this process (the pages sphinx-build writes); -j 2 a sphinx-build process
        proc = build(SOURCES[name], builddir=tmp_path / f"j{jobs}", subprocess=jobs == "2",
                     options=("-n", "-j", jobs), like_subprocess=True)
        assert proc.returncode == 0, proc.warnings
        results[jobs] = (html_files(tmp_path / f"j{jobs}" / "html"), sorted(proc.warnings.splitlines()))
    (serial, serial_warnings), (parallel, parallel_warnings) = results["1"], results["2"]
    assert_same_html(serial, serial_warnings, parallel, parallel_warnings)
    if name == "parallel":
        # The clash across processes: reported once, at the later page, and one anchor only.
        assert serial_warnings == [
            f"{SOURCES[name]}/f.md:3: WARNING: duplicate person id 'dup' (first defined at a.md:7) "
            "[briefing.duplicate-id]"
        ]
        anchored = [
            page for page, html in serial.items()
            if parse_html(html).find(id="person-dup") is not None
        ]
        assert anchored == ["a.html"]
        assert b"This body is still shown." in serial["f.html"]


def assert_same_html(serial: dict[str, bytes], serial_warnings: list[str],
                     parallel: dict[str, bytes], parallel_warnings: list[str]) -> None:
    assert parallel_warnings == serial_warnings
    assert sorted(parallel) == sorted(serial)
    for page in serial:
        assert parallel[page] == serial[page], f"{page} differs between -j 1 and -j 2"


@pytest.mark.slow
def test_parallel_build_of_the_book_equals_serial(germany_japan_html: tuple[Path, str], tmp_path: Path) -> None:
    """The book: ``-j 2`` against the run's shared ``-j 1`` build (``book_html``: ``-n``, and ``-W``,
    which fails on any warning and changes nothing else), in the same layout, so that the language
    switcher sees the same editions. The ``-j 2`` build in a new interpreter: the pages are compared
    byte for byte, so made with two hash seeds, where the shared build, forked, may be a child of
    this test process's fork server too (always, under ``-n 0``)."""
    serial_html, serial_warnings = germany_japan_html
    parallel = sphinx_build_of_the_book("html", "-n", "-j", "2", new_interpreter=True)(tmp_path)
    assert parallel["returncode"] == 0, parallel["warnings"]
    assert_same_html(html_files(serial_html), sorted(serial_warnings.splitlines()),
                     html_files(tmp_path / "html"), sorted(parallel["warnings"].splitlines()))


def test_parallel_incremental_build_rewrites_what_serial_does(tmp_path: Path) -> None:
    """After a role edit, ``-j 2`` rewrites the same listing pages as ``-j 1`` (what each listing page
    read is noted while it is resolved, in the main process) and writes the same HTML."""
    from test_freshness import write_listing_book
    from test_incremental import edit

    def stamps(html: Path) -> dict[str, int]:
        # (-j 2 reports the pages it writes in ranges, "one .. who": the files say which were written)
        return {p.stem: p.stat().st_mtime_ns for p in html.glob("*.html")}

    rewritten = {}
    for jobs in ("1", "2"):
        src = write_listing_book(tmp_path / f"src{jobs}")
        out = tmp_path / f"j{jobs}"
        # (-j 1's first build in this process, the environment sphinx-build leaves; each rebuild, and
        # -j 2's first build, a sphinx-build process. -j 1's rebuild in a new interpreter: the pages
        # both rebuilds rewrite are compared byte for byte, so made with two hash seeds, where two
        # children of the one fork server would share one.)
        first = build(src, builddir=out, subprocess=jobs == "2", options=("-n", "-j", jobs), fresh=False,
                      like_subprocess=True)
        assert first.returncode == 0, first.warnings
        before = stamps(out / "html")
        edit(src / "one.md", ":role: Envoy", ":role: Ambassador")
        again = build(src, builddir=out, subprocess=True, options=("-n", "-j", jobs), fresh=False,
                      new_interpreter=jobs == "1")
        assert again.returncode == 0, again.warnings
        rewritten[jobs] = {page for page, stamp in stamps(out / "html").items() if stamp != before.get(page)}
    assert rewritten["2"] == rewritten["1"]
    assert {"who", "roles"} <= rewritten["1"] and not {"agenda", "figures", "names"} & rewritten["1"]
    serial, parallel = html_files(tmp_path / "j1" / "html"), html_files(tmp_path / "j2" / "html")
    assert sorted(parallel) == sorted(serial)
    for page in serial:
        assert parallel[page] == serial[page], f"{page} differs between -j 1 and -j 2"


# -- merge_domaindata, directly ----------------------------------------------------------


@pytest.fixture
def built_env(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The application of a finished in-process build of ``test-basic`` (serial)."""
    return build(ROOTS / "test-basic", builddir=tmp_path).app


def person(ident: str, docname: str, lineno: int, name: str) -> Record:
    return Record("person", ident, docname, lineno, {"name": name, "role": "R"})


def other_process(*records: Record, references: dict[str, list[tuple[str, str]]] | None = None,
                  listing_docs: set[str] | None = None) -> dict[str, object]:
    objects: dict[str, dict[str, Record]] = {}
    for record in records:
        objects.setdefault(record.kind, {})[record.id] = record
    return {"objects": objects, "references": references or {}, "listing_docs": listing_docs or set(),
            "fingerprints": {}, "imported": {}}


def test_merge_adds_records_references_and_listing_pages(built_env) -> None:  # type: ignore[no-untyped-def]
    domain = get_domain(built_env.env)
    before = {kind: dict(by_id) for kind, by_id in domain.objects.items()}
    data = other_process(
        person("abe", "japan", 3, "Shinzo Abe"),
        person("ignored", "not-merged", 1, "Not in docnames"),
        references={"japan": [("person", "scholz")], "not-merged": [("fact", "x")]},
        listing_docs={"japan", "not-merged"},
    )
    domain.merge_domaindata(["japan"], data)
    assert domain.get("person", "abe") == person("abe", "japan", 3, "Shinzo Abe")
    assert domain.get("person", "ignored") is None  # only the merged process's documents count
    assert domain.references["japan"] == [("person", "scholz")]
    assert "not-merged" not in domain.references
    assert "japan" in domain.listing_docs and "not-merged" not in domain.listing_docs
    for kind, by_id in before.items():
        for ident, record in by_id.items():
            assert domain.get(kind, ident) == record
    assert built_env.warning.getvalue() == ""


def test_merge_duplicate_later_document_warns(built_env) -> None:  # type: ignore[no-untyped-def]
    domain = get_domain(built_env.env)
    original = domain.get("person", "scholz")
    assert original is not None and original.docname == "people"
    domain.merge_domaindata(["zz-later"], other_process(person("scholz", "zz-later", 9, "Impostor")))
    assert domain.get("person", "scholz") == original
    warnings = strip_escape_sequences(built_env.warning.getvalue())
    assert warnings.count("WARNING") == 1
    assert (  # the document is unknown to this environment, so Sphinx guesses its suffix
        f"{ROOTS / 'test-basic' / 'zz-later.rst'}:9: WARNING: duplicate person id 'scholz' "
        "(first defined at people.md:3) [briefing.duplicate-id]"
    ) in warnings


def test_merge_duplicate_earlier_document_wins(built_env) -> None:  # type: ignore[no-untyped-def]
    """As in a serial build (documents are read in sorted order), the earlier document keeps the id."""
    domain = get_domain(built_env.env)
    earlier = person("scholz", "aa-earlier", 2, "Read first")
    domain.merge_domaindata(["aa-earlier"], other_process(earlier))
    assert domain.get("person", "scholz") == earlier
    warnings = strip_escape_sequences(built_env.warning.getvalue())
    assert warnings.count("WARNING") == 1
    assert "people.md:3: WARNING: duplicate person id 'scholz' (first defined at aa-earlier" in warnings


def test_merge_then_clear_doc_forgets_the_merged_document(built_env) -> None:  # type: ignore[no-untyped-def]
    domain = get_domain(built_env.env)
    domain.merge_domaindata(["japan"], other_process(person("abe", "japan", 3, "Shinzo Abe"),
                                                     references={"japan": [("person", "scholz")]},
                                                     listing_docs={"japan"}))
    domain.clear_doc("japan")
    assert domain.get("person", "abe") is None
    assert "japan" not in domain.references and "japan" not in domain.listing_docs


def test_extension_declares_parallel_safety(tmp_path: Path) -> None:
    """What Sphinx reads; the tests above are what justify it."""
    app = build(ROOTS / "test-basic", builddir=tmp_path).app
    assert app is not None
    ext = app.extensions["sphinx_briefing"]
    assert ext.parallel_read_safe is True and ext.parallel_write_safe is True
