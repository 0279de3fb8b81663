"""The code style the project promises: ruff and mypy clean (run as part of `make test`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *cmd], cwd=REPO, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    proc = _run("ruff", "check", "_ext", "tests", "benchmarks", "scripts")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean() -> None:
    proc = _run("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr


#: Ways of building a test project other than ``conftest.build`` (the one way the tests use).
OTHER_WAYS = {
    "sphinx.testing's SphinxTestApp": r"\bSphinxTestApp\b",
    "sphinx.testing's fixtures (app, make_app, @pytest.mark.sphinx)": (
        r"\bmake_app\b|\bmark\.sphinx\b|sphinx\.testing|\bapp_params\b"
    ),
    "a sphinx-build subprocess": r"""["']-m["'],\s*["']sphinx["']|["']sphinx-build["']""",
    "Sphinx's own entry points": r"\bbuild_main\b|sphinx\.cmd\.build|from sphinx\.application import Sphinx\b",
}


def test_tests_build_projects_only_through_conftest_build() -> None:
    """A test builds a project with ``conftest.build`` (in-process, or ``subprocess=True``) and no
    other way, so that every test gets the same layout, warnings and clean-up.

    ``make`` targets, ``sphinx-autobuild`` and the scaffolded book's own Makefile are the author's
    commands under test, not another way of building, and stay allowed.
    """
    found = [f"{where}: {what}: {' '.join(text.split())}" for where, what, text in _scan_tests(OTHER_WAYS)]
    assert found == [], "use conftest.build instead:\n" + "\n".join(found)


def _scan_tests(patterns: dict[str, str]) -> list[tuple[str, str, str]]:
    """``("file.py:line", name, matched text)`` for each of *patterns* (name -> regex) in the test
    modules other than conftest.py, zygote.py (the fork server that runs conftest.build's
    sphinx-build processes) and this one. The whole file is searched, not line by line, so a call
    spread over several lines is found too."""
    import re

    here = Path(__file__).resolve()
    found = []
    for path in sorted((REPO / "tests").glob("*.py")):
        if path.name in {"conftest.py", "zygote.py"} or path.resolve() == here:
            continue
        text = path.read_text(encoding="utf-8")
        for what, pattern in patterns.items():
            for match in re.finditer(pattern, text):
                found.append((f"{path.name}:{text.count(chr(10), 0, match.start()) + 1}", what, match.group(0)))
    return found


def test_the_guard_finds_each_other_way() -> None:
    """The patterns above match what they name (a guard that cannot fail proves nothing)."""
    import re

    samples = {
        "sphinx.testing's SphinxTestApp": "app = SphinxTestApp('html', srcdir=src)",
        "sphinx.testing's fixtures (app, make_app, @pytest.mark.sphinx)": "@pytest.mark.sphinx('html')",
        "a sphinx-build subprocess": 'subprocess.run([\n    sys.executable,\n    "-m",\n    "sphinx",\n])',
        "Sphinx's own entry points": "from sphinx.cmd.build import build_main",
    }
    for what, sample in samples.items():
        assert re.search(OTHER_WAYS[what], sample), what
    assert not any(re.search(p, "build(src, subprocess=True)") for p in OTHER_WAYS.values())


#: Hand-written copies of what conftest shares, with the fixture to use instead.
COPIES = {
    "conftest.parsed_page / parse_html (a page parser)": r"""BeautifulSoup\([^()]*(?:\([^()]*\)[^()]*)*,\s*["']html\.parser["']""",
    "the built_root fixture (build, assert no warning, use the outdir)": (
        r"""\bbuild\(.*\n(?:.*\n)?\s*assert (?:built\.)?warnings(?:\.strip\(\))? == ["']{2}"""
    ),
}


def test_tests_use_the_shared_fixtures() -> None:
    """A test parses a built page with ``parsed_page`` and takes a clean build of a root from
    ``built_root``, instead of writing either again (they had been written 6 and 27 times)."""
    found = [f"{where}: use {what}" for where, what, _ in _scan_tests(COPIES)]
    assert found == [], "\n".join(found)


def test_the_copy_guard_finds_each_copy() -> None:
    import re

    samples = {
        "conftest.parsed_page / parse_html (a page parser)": (
            'BeautifulSoup((outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")'
        ),
        "the built_root fixture (build, assert no warning, use the outdir)": (
            'built = build(ROOTS / "test-x", builddir=tmp)\n    out, warnings = built.outdir, built.warnings\n'
            '    assert warnings == ""\n'
        ),
    }
    for what, sample in samples.items():
        assert re.search(COPIES[what], sample), what
    assert not re.search(COPIES["conftest.parsed_page / parse_html (a page parser)"], 'BeautifulSoup(html, "html5lib")')


def test_a_test_that_changes_a_shared_page_tree_fails(tmp_path: Path) -> None:
    """``parsed_page`` lends every test of a worker the same tree of a page (parsing was a fifth of
    the workers' own time); a test that changes it fails, so the change never reaches another test,
    and a test that takes a page apart gets a tree of its own with ``private=True``."""
    import pytest
    from conftest import check_lent_pages, parsed_page

    page = tmp_path / "page.html"
    page.write_text('<p>One <span class="label">label</span> two</p>', encoding="utf-8")
    shared = parsed_page(page)
    assert parsed_page(page) is shared
    own = parsed_page(page, private=True)
    assert own is not shared
    own.select_one(".label").decompose()  # type: ignore[union-attr]
    assert (own.get_text(), parsed_page(page).get_text()) == ("One  two", "One label two")
    # Changed by a fixture of wider scope, say: found before the tree is lent again.
    shared.select_one(".label")["title"] = "changed"  # type: ignore[index]
    with pytest.raises(AssertionError, match=r"page\.html: the shared tree .* was changed since"):
        parsed_page(page)
    # Changed by the test itself: found after it (conftest.pytest_runtest_teardown).
    fresh = parsed_page(page)
    assert fresh is not shared and fresh.get_text() == "One label two"
    fresh.select_one(".label").decompose()  # type: ignore[union-attr]
    with pytest.raises(AssertionError, match=r"was changed by this test; .* private=True"):
        check_lent_pages("by this test")
    # A page written again is read again.
    page.write_text("<p>Three</p>", encoding="utf-8")
    assert parsed_page(page).get_text() == "Three"
