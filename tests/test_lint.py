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
    import re

    here = Path(__file__).resolve()
    found = []
    for path in sorted((REPO / "tests").glob("*.py")):
        if path.name == "conftest.py" or path.resolve() == here:
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for what, pattern in OTHER_WAYS.items():
                if re.search(pattern, line):
                    found.append(f"{path.name}:{lineno}: {what}: {line.strip()}")
    assert found == [], "use conftest.build instead:\n" + "\n".join(found)


def test_the_guard_finds_each_other_way() -> None:
    """The patterns above match what they name (a guard that cannot fail proves nothing)."""
    import re

    samples = {
        "sphinx.testing's SphinxTestApp": "app = SphinxTestApp('html', srcdir=src)",
        "sphinx.testing's fixtures (app, make_app, @pytest.mark.sphinx)": "@pytest.mark.sphinx('html')",
        "a sphinx-build subprocess": 'subprocess.run([sys.executable, "-m", "sphinx", "-b", "html"])',
        "Sphinx's own entry points": "from sphinx.cmd.build import build_main",
    }
    for what, sample in samples.items():
        assert re.search(OTHER_WAYS[what], sample), what
    assert not any(re.search(p, "build(src, subprocess=True)") for p in OTHER_WAYS.values())
