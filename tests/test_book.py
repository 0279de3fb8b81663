"""Every book of the shelf: it builds with ``-W -n`` and no warning, and its listings show every object;
two clean builds of the Germany-Japan book write byte-identical output.

The objects are found by reading the sources directly (not through the extension's Domain), so a
listing that silently drops an object cannot go unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import (
    BOOK_HTML_OPTIONS,
    DOCS,
    GERMANY_JAPAN,
    ShelfBook,
    build,
    one,
    parsed_page,
    sphinx_build_of_the_book,
)
from docutils.utils import smartquotes

# ```{person} scholz      or      :::{person} scholz
#   :name: Olaf Scholz
_BLOCK = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?P<kind>person|factbox|pillar)\}[ \t]*(?P<id>\S*)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)",
    re.MULTILINE,
)
_OPTION = re.compile(r"^[ \t]*:([\w-]+):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def _smart(text: str) -> str:
    return "".join(smartquotes.educate_tokens([("plain", text)], attr="qDe", language="en"))


def book_objects(srcdir: Path = DOCS) -> dict[str, list[dict[str, str]]]:
    """kind -> option dicts of every listed object written in the book's pages (in *srcdir*)."""
    found: dict[str, list[dict[str, str]]] = {"person": [], "factbox": [], "pillar": []}
    for path in sorted(srcdir.rglob("*.md")):
        if "_build" in path.parts:
            continue
        for match in _BLOCK.finditer(path.read_text(encoding="utf-8")):
            # As readers see them: with smart quotes, apostrophes and dashes (Sphinx's default).
            options = {k: _smart(v) for k, v in _OPTION.findall(match["options"])}
            if "no-index" in options:
                continue  # the authoring guide's live examples are kept out of listings on purpose
            options["id"] = match["id"]
            found[match["kind"]].append(options)
    return found


def listing(html_dir: Path, name: str) -> Tag:
    for page in sorted(html_dir.rglob("*.html")):
        soup = parsed_page(page)
        if (found := soup.select_one(f"div.briefing-{name}")) is not None:
            return found
    raise AssertionError(f"no {name} listing in the book")


def normalised(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def test_book_builds_without_warnings(book_html: tuple[Path, str]) -> None:
    out, warnings = book_html
    assert warnings == ""
    assert (out / "index.html").is_file()


def test_book_has_objects_to_list(shelf_book: ShelfBook) -> None:
    objects = book_objects(shelf_book.srcdir)
    # Guards the source parser itself: the Germany-Japan book profiles both delegations and several
    # pillars; every book has people, figures and pillars.
    least = (10, 3, 5) if shelf_book.id == GERMANY_JAPAN else (1, 1, 1)
    assert len(objects["person"]) >= least[0] and len(objects["factbox"]) >= least[1]
    assert len(objects["pillar"]) >= least[2]


def test_who_is_who_lists_every_person(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    table = listing(book_html[0], "who-is-who")
    text = normalised(table)
    for person in book_objects(shelf_book.srcdir)["person"]:
        # Listed by name, or by the title a person is known by ("The Princess of Wales").
        assert (person.get("name") or person["title"]) in text, person["id"]
        assert table.find("a", href=re.compile(rf"#person-{re.escape(person['id'])}$")), person["id"]


def test_key_figures_lists_every_fact(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    # The Key figures page's listing (at-a-glance holds one too: the headline figures alone).
    table = one(parsed_page(book_html[0], "key-figures"), "div.briefing-key-figures")
    text = normalised(table)
    for fact in book_objects(shelf_book.srcdir)["factbox"]:
        shown = " ".join(v for v in (fact["value"], fact.get("unit", "")) if v)
        assert shown in text, fact["id"]
        assert fact["label"] in text, fact["id"]
        assert table.find("a", href=re.compile(rf"#fact-{re.escape(fact['id'])}$")), fact["id"]


def test_pillar_overview_lists_every_pillar(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    table = listing(book_html[0], "pillar-overview")
    text = normalised(table)
    for pillar in book_objects(shelf_book.srcdir)["pillar"]:
        assert pillar["title"] in text, pillar["id"]
        assert table.find("a", href=re.compile(rf"#pillar-{re.escape(pillar['id'])}$")), pillar["id"]


# -- reproducibility -----------------------------------------------------------------------


def build_book(builder: str, outdir: Path) -> None:
    # SOURCE_DATE_EPOCH pins Sphinx's one date (``today``: LaTeX's \date, copyright year), so a build
    # that straddles midnight still compares; everything else must match on its own.
    # Each in a new interpreter: two builds with two hash seeds, as two `make latexpdf` runs.
    built = build(DOCS, builder, builddir=outdir, subprocess=True, options=("-W",),
                  env={"SOURCE_DATE_EPOCH": "1679097600"}, new_interpreter=True)  # 2023-03-18
    assert built.returncode == 0, built.warnings


def output_files(builddir: Path, under: str = "") -> dict[str, bytes]:
    """Every file below ``builddir/under`` by its path relative to *builddir*, without the doctrees."""
    # Doctrees and environment.pickle hold absolute paths and timestamps: Sphinx's cache, not output.
    return {
        str(p.relative_to(builddir)): p.read_bytes()
        for p in sorted((builddir / under).rglob("*"))
        if p.is_file() and "doctrees" not in p.relative_to(builddir).parts
    }


def assert_byte_identical(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical_html(germany_japan_html: tuple[Path, str], tmp_path: Path) -> None:
    """The run's shared HTML build of the book and one more clean build, made by the same producer
    (same command, options ``-W -n`` and ``make html`` layout, a ``sphinx-build`` process with
    ``-E``) in another directory: two independent clean builds, one of which the run makes anyway.
    The second runs in a new interpreter, so with another hash seed than the first (a child of the
    fork server of whichever test process made it).

    Neither pins SOURCE_DATE_EPOCH (the shared build is the book as ``make html`` builds it): the
    HTML carries no date of the build (the preparation date and the copyright year are conf.py's,
    and Sphinx rewrites the copyright year only when SOURCE_DATE_EPOCH is set), so the pin the
    LaTeX test needs for ``\\date`` has nothing to pin here.
    """
    first_dir = germany_japan_html[0].parent
    made = sphinx_build_of_the_book("html", *BOOK_HTML_OPTIONS, new_interpreter=True)(tmp_path / "second")
    assert made["returncode"] == 0, made["warnings"]
    # Different output directories on purpose: no absolute path may leak into the output.
    first, second = output_files(first_dir, "html"), output_files(tmp_path / "second", "html")
    assert_byte_identical(first, second)
    assert "html/index.html" in first
    # The data export, once the extension writes one, is held to the same standard.
    exported = [name for name in first if name.endswith("briefing.json")]
    assert exported == [] or exported == ["html/briefing.json"]


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical_latex(tmp_path: Path) -> None:
    # Different output directories on purpose: no absolute path may leak into the output.
    build_book("latex", tmp_path / "first")
    build_book("latex", tmp_path / "second")
    first, second = output_files(tmp_path / "first"), output_files(tmp_path / "second")
    assert_byte_identical(first, second)
    assert any(name.endswith(".tex") for name in first)
