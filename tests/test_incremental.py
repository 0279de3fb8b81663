"""Incremental builds give the same pages as a clean build, after each kind of edit an author makes.

Real ``sphinx-build`` runs (no ``-E``, no ``-a``) on a private copy of ``test-objects-md``; after
every edit, the incrementally updated output is compared file by file with a clean build of the same
sources. Nothing is ignored: with this theme and ``conf.py``, Sphinx writes byte-identical HTML for
identical sources (the build date appears only when ``html_last_updated_fmt`` is set; it is not), so
any difference is stale output.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FirstBuild, build, copy_root, make_book


def html_files(outdir: Path) -> dict[str, str]:
    """Every page, and the hover-text file the pages' links name by key (outputs/hovers.py)."""
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
        for p in sorted([*outdir.rglob("*.html"), outdir / "_static" / "briefing-hovers.js"])
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def change_role(src: Path) -> None:
    edit(src / "people.md", ":role: Federal Chancellor", ":role: Chancellor of Germany")


def add_fact(src: Path) -> None:
    with (src / "pillars.md").open("a", encoding="utf-8") as f:
        f.write(
            "\n```{factbox} distance\n:value: 9,000\n:unit: kilometres\n"
            ":label: Distance between Germany and Japan\n:source: article\n```\n"
        )


def add_quote(src: Path) -> None:
    with (src / "pillars.md").open("a", encoding="utf-8") as f:
        f.write(
            "\n```{briefing-quote}\n:by: scholz\n:source: article\n\n"
            "This requires a response from us\n```\n"
        )


def rename_pillar(src: Path) -> None:
    edit(src / "pillars.md", ":title: Economic security & trade routes", ":title: Economic security")


def remove_referenced_fact(src: Path) -> None:
    edit(
        src / "pillars.md",
        "```{factbox} trade\n:value: 45.7\n:unit: billion euros\n:label: Bilateral trade volume\n"
        ":as-of: 2023-03\n:source: article\n\nJapan is Germany's second largest Asian trading partner.\n```\n",
        "",
    )


def delete_people_page(src: Path) -> None:
    # The sources stay: move them to the pillars page first, as an author would.
    people = (src / "people.md").read_text(encoding="utf-8")
    source = people[people.index("```{source}"):people.index("```{person}")]
    with (src / "pillars.md").open("a", encoding="utf-8") as f:
        f.write("\n" + source)
    (src / "people.md").unlink()
    edit(src / "index.md", "people\npillars", "pillars")


# Applied in this order; each step is checked against a clean build.
EDITS: list[tuple[str, Callable[[Path], None], list[str]]] = [
    # (name, edit, warnings the incremental build must report)
    ("change-role", change_role, []),
    ("add-fact", add_fact, []),
    ("add-quote", add_quote, []),
    ("rename-pillar", rename_pillar, []),
    ("remove-referenced-fact", remove_referenced_fact,
     ["index.md:9: WARNING: fact role: unknown fact 'trade' [briefing.unknown-ref]",
      "index.md:11: WARNING: fact role: unknown fact 'trade' [briefing.unknown-ref]",
      "pillars.md:4: WARNING: pillar directive, option 'facts': unknown fact 'trade' "
      "[briefing.unknown-ref]"]),
    ("delete-people-page", delete_people_page,
     ["index.md:8: WARNING: person role: unknown person 'scholz' [briefing.unknown-ref]",
      "pillars.md:4: WARNING: pillar directive, option 'leads': unknown person 'kishida' "
      "[briefing.unknown-ref]",
      "pillars.md:20: WARNING: briefing-quote directive, option 'by': unknown person or organisation 'scholz' "
      "[briefing.unknown-ref]"]),
]


def written_pages(stdout: str) -> set[str]:
    """Documents Sphinx says it wrote ("writing output... [ 50%] listings")."""
    pages = set()
    for line in stdout.splitlines():
        if line.startswith("writing output... ["):
            pages.add(line.rsplit("] ", 1)[1].strip())
    return pages


class Steps:
    """``test-objects-md`` after its first *k* edits (:data:`EDITS`), built once per *k* (a
    :class:`~conftest.FirstBuild`, made when first asked): the build a step starts from is the clean
    build the step before compares with, so each state of the book is built once, not twice."""

    def __init__(self, base: Path) -> None:
        self._base = base
        self._made: dict[int, FirstBuild] = {}

    def __call__(self, k: int) -> FirstBuild:
        if k not in self._made:
            src = copy_root("objects-md", self._base / f"after-{k}")
            for _, change, _ in EDITS[:k]:
                change(src)
            self._made[k] = FirstBuild(src, self._base / f"after-{k}" / "build", options=("-n",))
        return self._made[k]


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Steps:
    return Steps(tmp_path_factory.mktemp("edits"))


@pytest.mark.parametrize(("name", "change", "expected_warnings"), EDITS, ids=[e[0] for e in EDITS])
def test_incremental_equals_clean(
    after: Steps,
    name: str,
    change: Callable[[Path], None],
    expected_warnings: list[str],
) -> None:
    # Each step starts from the book as the earlier steps left it, built (independent of test order:
    # each step restores that build at its own paths).
    step = [e[0] for e in EDITS].index(name)
    start = after(step)
    assert start.first.returncode == 0, start.first.warnings
    src, out = start.restored()
    change(src)
    incremental = build(src, builddir=out, subprocess=True, options=("-n",), fresh=False)
    assert incremental.returncode == 0, incremental.warnings
    # An incremental build, not a second clean one: the restored environment was taken up.
    assert "updating environment: [" not in incremental.status, incremental.status[:2000]
    # No edit here touches conf.py: the extension's own settings must not read as a changed
    # configuration (the static folder once did, on every incremental build).
    assert "configuration has changed" not in incremental.status
    warnings = incremental.warnings.replace(f"{src}/", "").splitlines()
    for warning in expected_warnings:
        assert warning in warnings
    # Every page showing a listing is rewritten, whatever changed.
    assert "listings" in written_pages(incremental.status)

    # The clean build of the same sources: the next step's first build (its own directory, no
    # environment before it, as `-E` would have it), read from the copy kept aside.
    clean = after(step + 1)
    assert clean.first.returncode == 0, clean.first.warnings
    # The rewritten pages report every broken reference again, as the clean build does.
    assert sorted(warnings) == sorted(clean.first.warnings.replace(f"{clean.src}/", "").splitlines())
    got, want = html_files(out / "html"), html_files(clean.kept()[1] / "html")
    if name == "delete-people-page":
        # Sphinx never deletes the output of a removed source; the clean build has no such page.
        assert set(got) - set(want) == {"people.html"}
        del got["people.html"]
    assert sorted(got) == sorted(want)
    for page in want:
        assert got[page] == want[page], f"{page} is stale after {name}"


# -- a duplicate id taking over ------------------------------------------------------------------

ALPHA = (
    "# Alpha\n\n```{person} scholz\n:name: Olaf Scholz\n:role: Chancellor of Germany\n"
    ":country: Germany\n:source: article\n```\n"
)


def _with_alpha_page(tmp_path: Path) -> Path:
    """test-basic plus alpha.md, whose 'scholz' comes first in reading order and so owns the id."""
    src = copy_root("basic", tmp_path)
    (src / "alpha.md").write_text(ALPHA, encoding="utf-8")
    edit(src / "index.md", "```{toctree}\n", "```{toctree}\nalpha\n")
    return src


def _assert_same_as_clean(tmp_path: Path, src: Path, out: Path, incremental_stderr: str) -> None:
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src)
    clean = build(clean_src, builddir=tmp_path / "clean-out", options=("-n",), like_subprocess=True)
    assert clean.returncode == 0, clean.warnings
    assert sorted(incremental_stderr.replace(f"{src}/", "").splitlines()) == sorted(
        clean.warnings.replace(f"{clean_src}/", "").splitlines()
    )
    got, want = html_files(out / "html"), html_files(tmp_path / "clean-out" / "html")
    if "alpha.html" not in want:
        # Sphinx never deletes the output of a removed source; the clean build has no such page.
        got.pop("alpha.html", None)
    assert sorted(got) == sorted(want)
    for page in want:
        assert got[page] == want[page], f"{page} is stale"


@pytest.fixture(scope="module")
def alpha_book(tmp_path_factory: pytest.TempPathFactory) -> FirstBuild:
    """The book of :func:`_with_alpha_page`, built once for the two tests below (each restores it)."""
    base = tmp_path_factory.mktemp("alpha")
    return FirstBuild(_with_alpha_page(base), base / "incremental", options=("-n",))


def test_duplicate_takes_over_when_the_first_definition_is_deleted(alpha_book: FirstBuild, tmp_path: Path) -> None:
    first = alpha_book.first
    src, out = alpha_book.restored()
    assert "people.md:3: WARNING: duplicate person id 'scholz' (first defined at alpha.md:3)" in first.warnings
    assert 'id="person-scholz"' not in (out / "html" / "people.html").read_text(encoding="utf-8")
    # Delete the page that owns the id; people.md is not edited, so it is not re-read.
    (src / "alpha.md").unlink()
    edit(src / "index.md", "```{toctree}\nalpha\n", "```{toctree}\n")
    incremental = build(src, builddir=out, subprocess=True, options=("-n",), fresh=False)
    assert incremental.returncode == 0, incremental.warnings
    assert "updating environment: [" not in incremental.status, incremental.status[:2000]  # (the kept build's)
    people = (out / "html" / "people.html").read_text(encoding="utf-8")
    assert 'id="person-scholz"' in people, "the remaining definition owns the anchor now"
    _assert_same_as_clean(tmp_path, src, out, incremental.warnings)


def test_re_reading_the_first_definition_keeps_its_id(alpha_book: FirstBuild, tmp_path: Path) -> None:
    assert alpha_book.first.returncode == 0
    src, out = alpha_book.restored()
    edit(src / "alpha.md", ":role: Chancellor of Germany", ":role: Federal Chancellor of Germany")
    incremental = build(src, builddir=out, subprocess=True, options=("-n",), fresh=False)
    assert incremental.returncode == 0, incremental.warnings
    assert "updating environment: [" not in incremental.status, incremental.status[:2000]  # (the kept build's)
    assert 'id="person-scholz"' in (out / "html" / "alpha.html").read_text(encoding="utf-8")
    _assert_same_as_clean(tmp_path, src, out, incremental.warnings)


def test_a_setting_built_to_latex_and_epub_first_still_reaches_the_html(tmp_path: Path) -> None:
    """``make html``, a settings edit, ``make latex`` and ``make epub``, then ``make html``: the pages
    show the new setting. (With one doctree directory for every builder, the LaTeX build took the
    edit into the shared environment and the next HTML build kept the pages written with the old one.)
    Each builder keeps a doctree directory of its own."""
    book, out = copy_root("basic", tmp_path), tmp_path / "build"
    with (book / "conf.py").open("a", encoding="utf-8") as conf:
        # (version and copyright: EPUB3 asks for them, and the builds run with -W)
        conf.write('version = "1"\ncopyright = "2026"\nbriefing_handling = "HANDLINGBEFORE"\n')

    def make(target: str) -> None:
        proc = make_book(target, f"BOOK={book}", f"BUILDDIR={out}")
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]

    make("html")
    assert "HANDLINGBEFORE" in (out / "html" / "index.html").read_text(encoding="utf-8")
    edit(book / "conf.py", "HANDLINGBEFORE", "HANDLINGAFTER")
    make("latex")
    assert "HANDLINGAFTER" in next((out / "latex").glob("*.tex")).read_text(encoding="utf-8")
    make("epub")
    with zipfile.ZipFile(next((out / "epub").glob("*.epub"))) as epub:
        assert "HANDLINGAFTER" in epub.read("index.xhtml").decode("utf-8")
    make("html")
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "HANDLINGAFTER" in page and "HANDLINGBEFORE" not in page
    assert sorted(p.name for p in out.glob("doctrees*")) == ["doctrees-epub", "doctrees-html", "doctrees-latex"]
