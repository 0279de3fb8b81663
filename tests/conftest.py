"""Shared fixtures: test roots, the real book built once per session, and required tools.

Tests that need an external tool (TeX, Chromium, Java validators) call :func:`require_tool`: it skips
on a developer machine that lacks the tool, but fails under CI (``CI=true``), where every tool must be
installed by ``.ci/run``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag

pytest_plugins = ("sphinx.testing.fixtures",)

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).resolve().parent / "roots"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Sphinx colours its output whenever CI=true, even into a pipe; the tests read that output (pages
# written, warnings with file:line), so they ask for plain text, here and in every sphinx-build
# they start.
os.environ["NO_COLOR"] = "1"


def require_tool(*names: str) -> None:
    """Skip (locally) or fail (in CI) unless every executable in *names* is on PATH."""
    missing = [n for n in names if shutil.which(n) is None and not Path(n).exists()]
    if missing:
        message = f"required tool(s) not installed: {', '.join(missing)}"
        if IN_CI:
            pytest.fail(message + " (CI=true: .ci/run must install them)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-<name>``."""
    return ROOTS


def run_sphinx(builder: str, srcdir: Path, outdir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real ``sphinx-build`` run, as an author would start it; returns the finished process."""
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-d", str(outdir / ".doctrees"),
           "-n", "--keep-going", *extra, str(srcdir), str(outdir / builder)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)


@pytest.fixture(scope="session")
def book_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real book built to HTML once per session: (output dir, warnings)."""
    out = tmp_path_factory.mktemp("book")
    proc = run_sphinx("html", DOCS, out, "-W")
    assert proc.returncode == 0, proc.stderr
    return out / "html", proc.stderr


def build_in_process(
    builder: str, srcdir: Path, builddir: Path | None = None, **confoverrides: object
) -> tuple[Path, str]:
    """Build *srcdir* with a fresh in-process Sphinx app (much faster than a subprocess).

    Returns (output dir, warnings without colour codes). The doctrees go under *builddir* (default:
    ``srcdir/_build``), so repeated calls on one srcdir are clean builds only if the caller clears it.
    """
    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.console import strip_escape_sequences

    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, freshenv=True,
                        confoverrides=dict(confoverrides))
    try:
        app.build()
        return Path(app.outdir), strip_escape_sequences(app.warning.getvalue())
    finally:
        app.cleanup()


#: The Debian package's Chromium; Playwright drives it (``playwright install`` downloads browsers and
#: fails here).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium through Playwright, started once per test session (and xdist worker)."""
    require_tool(CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def copy_root(name: str, dest: Path) -> Path:
    """A private, writable copy of ``tests/roots/test-<name>`` (for tests that edit sources)."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def one(node: Any, selector: str) -> Tag:
    """The one element *selector* matches inside *node* (a failed assertion when there is none).

    BeautifulSoup types every lookup as optional; tests state that the element is there.
    """
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found
