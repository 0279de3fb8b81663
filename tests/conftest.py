"""Shared fixtures: :func:`build` (the one way a test builds a project), the real book built once per
session, and required tools.

Tests that need an external tool (TeX, Chromium, Java validators) call :func:`require_tool`: it skips
on a developer machine that lacks the tool, but fails under CI (``CI=true``), where every tool must be
installed by ``.ci/run``.
"""

from __future__ import annotations

import os
import shutil
import subprocess as _subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import Tag
from sphinx.util.console import strip_escape_sequences

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

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


@dataclass(frozen=True)
class Build:
    """What one build of a test project left behind (see :func:`build`)."""

    #: The builder's output directory, ``<builddir>/<builder>``.
    outdir: Path
    #: Warnings and errors as the author sees them (file:line: WARNING: …), without colour codes.
    warnings: str
    #: sphinx-build's exit status: 0, or 1 when ``-W`` turned a warning into an error, 2 on a crash.
    returncode: int
    #: Sphinx's progress output ("reading sources… [ 50%] people", "writing output…").
    status: str
    #: In-process builds only: the finished application (its ``env``, ``extensions`` and live
    #: ``warning`` stream, for tests that call into the Domain after the build).
    app: SphinxTestApp | None = None


#: sphinx-build options that an in-process build honours; any other needs ``subprocess=True``.
_IN_PROCESS_OPTIONS = {"freshenv", "force_all", "warningiserror", "jobs", "define", "nitpicky", "tags",
                       "keep_going", "quiet", "filenames"}


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    builddir: Path | None = None,
    subprocess: bool = False,
    options: Sequence[str] = (),
    confoverrides: Mapping[str, object] | None = None,
    fresh: bool = True,
    python: Path | None = None,
    env: Mapping[str, str] | None = None,
    cleanup: bool = True,
) -> Build:
    """Build the Sphinx project in *srcdir* with *builder*: the one way tests build a project.

    The output goes to ``<builddir>/<builder>`` and the doctrees to ``<builddir>/doctrees``
    (*builddir* defaults to ``srcdir/_build``). *options* are sphinx-build's own command-line options
    (``-W``, ``-n``, ``-j 2``, ``-t tag``, ``-D name=value``, ``-a``); *confoverrides* sets configuration
    values of any type (``suppress_warnings=[...]``). A build is clean (``-E``) unless ``fresh=False``:
    then, as sphinx-build does, it reuses the environment an earlier build left in *builddir*, which is
    what the incremental tests need.

    By default the build runs in this process through Sphinx's :class:`SphinxTestApp` (about a
    second faster than a new interpreter, and the finished ``app`` is at hand). ``subprocess=True``
    runs ``python -m sphinx`` instead, exactly as an author types it (from the repository, with *env*
    added to the environment; another *python*, such as a fresh venv's, runs from *builddir*): for
    tests of the real command line, of ``-j`` worker processes, of incremental rebuilds across
    processes, of reproducible output or of a freshly installed package. ``html_theme`` is the one visible difference: an in-process build without a theme of
    its own gets Sphinx's ``basic`` theme, a subprocess build ``alabaster``.

    An in-process build resets Sphinx's process-wide state afterwards (docutils' directive and role
    registries, Sphinx's translators), as :class:`SphinxTestApp` does. ``cleanup=False`` leaves it
    as a second application in the same process would find it; the caller then calls
    ``result.app.cleanup()`` itself.

    Raises ``ValueError`` for an option the in-process build cannot honour (``-c``, ``-C``, ``-w``…).
    """
    builddir = builddir or srcdir / "_build"
    outdir = builddir / builder
    doctrees = builddir / "doctrees"
    overrides = dict(confoverrides or {})
    if subprocess:
        defines = [f"-D{k}={','.join(map(str, v)) if isinstance(v, list | tuple) else v}"
                   for k, v in overrides.items()]
        cmd = [str(python or sys.executable), "-m", "sphinx", "-b", builder, "-d", str(doctrees),
               *(["-E"] if fresh else []), *options, *defines, str(srcdir), str(outdir)]
        # From the repository, as the README's commands run; another interpreter (a fresh venv)
        # runs outside it, so that nothing of the checkout can be imported by accident.
        builddir.mkdir(parents=True, exist_ok=True)
        proc = _subprocess.run(cmd, capture_output=True, text=True, cwd=builddir if python else REPO,
                               check=False, env={**os.environ, **(env or {})})
        return Build(outdir, strip_escape_sequences(proc.stderr), proc.returncode, proc.stdout)

    from sphinx.cmd.build import get_parser
    from sphinx.testing.util import SphinxTestApp

    args = get_parser().parse_args([*options, str(srcdir), str(outdir)])
    defaults = vars(get_parser().parse_args([str(srcdir), str(outdir)]))
    unsupported = [k for k, v in vars(args).items() if v != defaults[k] and k not in _IN_PROCESS_OPTIONS]
    if unsupported:
        raise ValueError(f"{', '.join(unsupported)}: not available in-process; use subprocess=True")
    for define in args.define or ():
        key, _, value = define.partition("=")
        overrides.setdefault(key, value)
    if args.nitpicky:
        overrides["nitpicky"] = True
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, freshenv=fresh or args.freshenv,
                        confoverrides=overrides, tags=args.tags or (), parallel=args.jobs,
                        warningiserror=args.warningiserror)
    try:
        app.build(args.force_all, [Path(f) for f in args.filenames])
        return Build(Path(app.outdir), strip_escape_sequences(app.warning.getvalue()), app.statuscode,
                     strip_escape_sequences(app.status.getvalue()), app)
    finally:
        if cleanup:
            app.cleanup()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def book_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real book built to HTML once per session, as ``make html`` does: (output dir, warnings)."""
    result = build(DOCS, builddir=tmp_path_factory.mktemp("book"), subprocess=True, options=("-W", "-n"))
    assert result.returncode == 0, result.warnings
    return result.outdir, result.warnings


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


def pdftotext(pdf: Path, *args: str) -> str:
    """The text of *pdf* as ``pdftotext -enc UTF-8 [args] pdf -`` prints it (poppler-utils)."""
    proc = _subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
                           capture_output=True, text=True, check=True)
    return proc.stdout


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
