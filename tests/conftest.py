"""Shared fixtures: :func:`build` (the one way a test builds a project), :func:`built_root` (a test
root built once and checked clean), :func:`parsed_page` (a built page, parsed), the real book's builds
shared by every worker of a parallel run, and required tools.

Tests that need an external tool (TeX, Chromium, Java validators) call :func:`require_tool`: it skips
on a developer machine that lacks the tool, but fails under CI (``CI=true``), where every tool must be
installed by ``.ci/run``.

``make test`` runs the suite in parallel (pytest-xdist, one worker per core). What that asks of a test:

* write only below ``tmp_path`` / ``tmp_path_factory`` (per worker), never into the repository;
  ``tests/.artifacts/`` (screenshots for people) is written with :func:`write_artifact`;
* build the books of the shelf (:data:`SHELF`: ``docs/`` and every ``books/<id>/conf.py``) through the
  session fixtures below (``book_html``, ``editions_html``, ``book_gettext``, ``book_epub`` and the
  PDF fixtures, one instance per book through ``shelf_book``; ``germany_japan_html`` and
  ``germany_japan_editions`` for tests of that book's own text), which build each book once per run,
  whichever worker asks first (:func:`once_per_run`), while the others wait for it and reuse it;
* treat what a shared or cached build left behind as read-only (copy it to change it).
"""

from __future__ import annotations

import compileall
import fcntl
import functools
import json
import logging
import os
import queue
import re
import resource
import shutil
import subprocess as _subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import jinja2
import jinja2.bccache
import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.util.console import strip_escape_sequences
from zygote import Zygote

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).resolve().parent / "roots"
#: What the tests leave for people to look at (screenshots, the axe summary); CI keeps it.
ARTIFACTS = Path(__file__).resolve().parent / ".artifacts"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
T = TypeVar("T")

# Sphinx colours its output whenever CI=true, even into a pipe; the tests read that output (pages
# written, warnings with file:line), so they ask for plain text, here and in every sphinx-build
# they start.
os.environ["NO_COLOR"] = "1"
#: The run's environment, as conftest was imported: what a shared build runs in (:func:`once_per_run`).
_RUN_ENVIRONMENT = dict(os.environ)
#: ``shared`` is true in a thread while it makes a shared build (:func:`_environment`).
_making = threading.local()


def _environment() -> dict[str, str]:
    """The environment a sphinx-build or ``make`` this thread starts gets: this process's, or, while
    the thread makes a shared build, the run's. A shared build is every test's, and the background
    thread makes one while a test has set variables for its own builds (test_editions' READTHEDOCS
    would give the book Read the Docs' links; test_live's PYTHONPATH, a copy of the extension)."""
    return dict(_RUN_ENVIRONMENT if getattr(_making, "shared", False) else os.environ)
# (Several LuaLaTeX builds run at once in the parallel suite. latexmk does not take luaotfload's
# shared font caches, rewritten by each run, for changed inputs of the document: the latexmkrc the
# extension writes says so (outputs/assets.py), for the suite as for an author's machine.)


def pytest_configure(config: pytest.Config) -> None:
    """Before any test (and, under xdist, in the controller before the workers start): compile the
    message catalogs of the shelf's books and the test roots, and the extension's modules.

    Sphinx compiles an outdated ``.mo`` beside its ``.po`` at the start of a build, by truncating and
    rewriting the file. Two workers building the German edition at once could then read a
    half-written catalog. Compiled here, with Sphinx's own code and settings (no fuzzy entries), the
    catalogs are up to date when the builds start, and Sphinx leaves them alone.
    """
    if hasattr(config, "workerinput"):
        return  # an xdist worker: the controller has done it
    # Where the workers declare the units of work of a parallel run (pytest_configure_node).
    config.stash[_UNITS_FILE] = Path(tempfile.mkdtemp(prefix="briefing-units-")) / "units.json"
    from sphinx.util.i18n import CatalogInfo

    books = [po for book in SHELF.values() for po in book.srcdir.glob("locale/*/LC_MESSAGES/**/*.po")]
    # (a root's catalogs are where its conf.py's locale_dirs says: locale/, or locales/ in time-people)
    for po in sorted([*books, *ROOTS.glob("*/locale*/*/LC_MESSAGES/**/*.po")]):
        messages = next(parent for parent in po.parents if parent.name == "LC_MESSAGES")
        catalog = CatalogInfo(messages, po.relative_to(messages).with_suffix("").as_posix(), "utf-8")
        if catalog.is_outdated():
            catalog.write_mo(messages.parent.name)
    # The extension compiled to .pyc, as an installed package is: where PYTHONDONTWRITEBYTECODE is
    # set (CI machines of this kind) no process writes them, and every sphinx-build process of the
    # run would compile the package's modules from source again (about 0.12 s of CPU each). Only
    # the modules changed since their .pyc are compiled.
    compileall.compile_dir(str(REPO / "_ext"), quiet=1)


def pytest_unconfigure(config: pytest.Config) -> None:
    _ZYGOTE.close()  # (it also ends, reading end-of-file, if this process dies first)
    if _UNITS_FILE in config.stash:
        shutil.rmtree(config.stash[_UNITS_FILE].parent, ignore_errors=True)


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
    like_subprocess: bool = False,
    new_interpreter: bool = False,
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
    added to the environment, the run's while a shared build is made (:func:`_environment`); another
    *python*, such as a fresh venv's, runs from *builddir*): for
    tests of the real command line, of ``-j`` worker processes, of incremental rebuilds across
    processes, of reproducible output or of a freshly installed package. ``html_theme`` is the one visible difference: an in-process build without a theme of
    its own gets Sphinx's ``basic`` theme, a subprocess build ``alabaster``.

    That process is forked from this test process's fork server (:mod:`zygote`), which has imported
    Sphinx and the extensions once: a separate process with its own argv, directory, environment,
    output and exit status, reading from disk what an earlier build wrote, but without a new
    interpreter's start-up (half a CPU-second of imports each). ``new_interpreter=True`` (implied by
    *python*) starts a new interpreter instead, for what a fork shares with its server: the hash seed
    (reproducible output compared across builds), the variables read at start-up (``PYTHON*``,
    ``LANG``, ``LC_*``: set in *env* without it, they raise ``ValueError``), the start-up itself.
    ``zygote.ZygoteError`` when the fork server has died: never a silent fallback.

    An in-process build resets Sphinx's process-wide state afterwards (docutils' directive and role
    registries, Sphinx's translators), as :class:`SphinxTestApp` does. ``cleanup=False`` leaves it
    as a second application in the same process would find it; the caller then calls
    ``result.app.cleanup()`` itself.

    ``like_subprocess=True`` builds in this process the pages a ``subprocess=True`` build writes: the
    theme conf.py names, else sphinx-build's ``alabaster``, where :class:`SphinxTestApp` would put
    ``basic``. For what a test compares with a sphinx-build process's output byte for byte (the clean
    build beside an incremental one, the ``-j 1`` side of a ``-j 2`` test), and for a first build that
    a sphinx-build process then continues incrementally (the environment then holds the same
    configuration, so the second process does not read everything again): each new interpreter that
    imports Sphinx and the extension costs about a CPU-second before it builds anything.

    Raises ``ValueError`` for an option the in-process build cannot honour (``-c``, ``-C``, ``-w``…).
    """
    builddir = builddir or srcdir / "_build"
    outdir = builddir / builder
    doctrees = builddir / "doctrees"
    overrides = dict(confoverrides or {})
    if subprocess:
        defines = [f"-D{k}={','.join(map(str, v)) if isinstance(v, list | tuple) else v}"
                   for k, v in overrides.items()]
        argv = ["-b", builder, "-d", str(doctrees), *(["-E"] if fresh else []), *options, *defines,
                str(srcdir), str(outdir)]
        # From the repository, as the README's commands run; another interpreter (a fresh venv)
        # runs outside it, so that nothing of the checkout can be imported by accident.
        builddir.mkdir(parents=True, exist_ok=True)
        if python or new_interpreter:
            proc = _subprocess.run([str(python or sys.executable), "-m", "sphinx", *argv], capture_output=True,
                                   text=True, cwd=builddir if python else REPO, check=False,
                                   env={**_environment(), **(env or {})})
        else:
            proc = _ZYGOTE.run(argv, cwd=REPO, env={**_environment(), **(env or {})})
        return Build(outdir, strip_escape_sequences(proc.stderr), proc.returncode, proc.stdout)

    from sphinx.cmd.build import get_parser
    from sphinx.testing.util import SphinxTestApp
    from sphinx.util.docutils import patch_docutils

    _import_sphinx_extensions()
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
    if like_subprocess and "html_theme" not in overrides:
        overrides["html_theme"] = read_conf(srcdir).get("html_theme", "alabaster")
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    # Sphinx logs ~900 debug records while it sets an application up (each extension, config value,
    # role, translator…) and its handlers drop them all: an in-process build never has -v. Made and
    # dropped, they were 5-8 % of a small build's CPU; the stdlib's logging.disable stops them at
    # the logger's first check, before a record is made. Warnings and progress are untouched.
    debug_was = logging.root.manager.disable
    logging.disable(logging.DEBUG)
    # docutils patched as sphinx-build patches it around its application: without it, docutils warned
    # of a language it has no words for ("Language "xx" not supported ... [docutils]"), once per page,
    # where sphinx-build says nothing (test_edges' test_in_process_build_leaves_docutils_languages_to_sphinx).
    try:
        with patch_docutils(srcdir):
            app = SphinxTestApp(builder, srcdir=srcdir, builddir=builddir, freshenv=fresh or args.freshenv,
                                confoverrides=overrides, tags=args.tags or (), parallel=args.jobs,
                                warningiserror=args.warningiserror)
            templates = getattr(getattr(app.builder, "templates", None), "environment", None)
            if templates is not None:  # the HTML builders' Jinja environment
                templates.bytecode_cache = _TEMPLATE_CODE
            try:
                app.build(args.force_all, [Path(f) for f in args.filenames])
                return Build(Path(app.outdir), strip_escape_sequences(app.warning.getvalue()), app.statuscode,
                             strip_escape_sequences(app.status.getvalue()), app)
            finally:
                if cleanup:
                    app.cleanup()
    finally:
        logging.disable(debug_was)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


#: This test process's fork server for ``build(..., subprocess=True)``, started at its first such build.
_ZYGOTE = Zygote(cwd=REPO)


@functools.cache
def _import_sphinx_extensions() -> None:
    """Import Sphinx's built-in extensions (its domains, builders, collectors) before this process's
    first in-process build, while no application has loaded a catalog.

    ``sphinx.locale._`` returns a lazy proxy only until a catalog is loaded; after that it returns the
    text translated at once. Sphinx imports these modules while it sets up the first application of a
    process, after loading that application's catalogs, so their class-level words
    (``PythonModuleIndex.localname``, the object types' names) would stay in the language of this
    worker's first build for every later one: an English build after a German one wrote
    "Python-Modulindex" into its objects.inv, where a sphinx-build process writes "Python Module
    Index" (tests/test_i18n.py::test_in_process_builds_write_sphinxs_words_in_their_own_language).
    """
    import importlib

    from sphinx.application import builtin_extensions

    for name in builtin_extensions:
        importlib.import_module(name)


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's Jinja templates, compiled once per test process and kept in memory.

    Each in-process build makes a new Jinja environment, which compiled every template it renders
    again: two fifths of a small book's HTML build. Jinja's bytecode cache keys a template by its
    name and file and checks its source's checksum before reusing the code, so an edited template
    is compiled afresh; every build in the suite sets up Jinja alike (Sphinx's own environment).
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CODE = _CompiledTemplates()



class FirstBuild:
    """A project's first build, made once and handed to each test as it was, for tests that each edit
    the project and build it again incrementally (:meth:`restored`), in a ``sphinx-build`` process
    (``build(..., subprocess=True, fresh=False)``), as an author runs it.

    The first build runs in this process (:func:`build`'s ``like_subprocess``: the pages and the
    environment a sphinx-build process leaves), so the rebuild still reads an environment another
    process wrote; ``subprocess=True`` makes it a sphinx-build process too.

    Sphinx's environment records the source and output directories: a build that finds another
    directory's environment reads every page again (``updating environment: [new config]``). So the
    sources and the build are kept aside once built and copied back to the very paths they were
    built at, with their files' times (by which Sphinx tells an edited source). Make it in a
    module-scoped fixture: its tests run in turn, in one worker, each on its own restored copy.
    """

    def __init__(self, srcdir: Path, builddir: Path, *, options: Sequence[str] = (),
                 subprocess: bool = False) -> None:
        self.src, self.out = srcdir, builddir
        #: The first build: its exit status and warnings are the tests' to check.
        self.first = build(srcdir, builddir=builddir, subprocess=subprocess, options=options, fresh=False,
                           like_subprocess=True)
        self._kept = Path(tempfile.mkdtemp(prefix="kept-", dir=srcdir.parent))
        for path in (srcdir, builddir):
            shutil.copytree(path, self._kept / path.name)

    def restored(self) -> tuple[Path, Path]:
        """(sources, build directory) as the first build left them, at the paths it used."""
        for path in (self.src, self.out):
            shutil.rmtree(path, ignore_errors=True)
            shutil.copytree(self._kept / path.name, path)  # (copy2: the files' times too)
        return self.src, self.out

    def kept(self) -> tuple[Path, Path]:
        """(sources, build directory) of the first build, kept aside as it left them, whatever a test
        did since at its paths: to read (a clean build to compare with), not to build in."""
        return self._kept / self.src.name, self._kept / self.out.name


# -- Test roots: built once, checked clean --------------------------------------------------------


class RootBuilds:
    """What the :func:`built_root` fixture hands a test: ``built_root(root, builder="html", ...)``.

    *root* is the name of a test root (``"objects-md"`` for ``tests/roots/test-objects-md``) or the
    path of any source directory. The project is built with :func:`build` into a fresh directory of
    the session's temporary tree, the build is required to be clean (exit status 0 and not one
    warning, so the assertion names the warnings), and the builder's output directory is returned.

    A root built with the same builder, *options* and *confoverrides* twice in a session (in one
    xdist worker) is built once: the output is shared, so callers only read it.
    """

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._outdirs: dict[str, Path] = {}

    def __call__(self, root: str | Path, builder: str = "html", *, options: Sequence[str] = (),
                 confoverrides: Mapping[str, object] | None = None) -> Path:
        srcdir = root if isinstance(root, Path) else ROOTS / f"test-{root}"
        key = repr((str(srcdir), builder, tuple(options), sorted((confoverrides or {}).items())))
        if key not in self._outdirs:
            builddir = self._factory.mktemp(f"{srcdir.name}-{builder}")
            built = build(srcdir, builder, builddir=builddir, options=options, confoverrides=confoverrides)
            assert built.warnings == "", built.warnings
            assert built.returncode == 0, built.status[-3000:]
            self._outdirs[key] = built.outdir
        return self._outdirs[key]


@pytest.fixture(scope="session")
def built_root(tmp_path_factory: pytest.TempPathFactory) -> RootBuilds:
    """Build a test root (once per session), assert it built without a warning, give its outdir.

    ``built_root("objects-md")``, ``built_root("kind", "latex")``,
    ``built_root(src, confoverrides={"language": "de"})``: see :class:`RootBuilds`.
    """
    return RootBuilds(tmp_path_factory)


def parsed_page(outdir: Path, name: str | None = None, *, hovers: bool = True,
                private: bool = False) -> BeautifulSoup:
    """The built page *name* of *outdir* (``"people"``, ``"pillars/index"``, ``"nav.xhtml"``), or the
    file *outdir* itself when no *name* is given, parsed with Python's own HTML parser, as the tests
    read pages. A *name* without a suffix means ``name.html``.

    Links keyed to the hover-text file get their ``title`` from it, as the reader gets it from
    ``briefing.js`` (:func:`with_hover_titles`); ``hovers=False`` gives the page as written.

    The tree is this worker's shared one for the file as it is now (kept by its path and markup,
    *hovers* and the hover-text file's state): the tests read most pages of a shared build many times,
    and parsing them was a fifth of the test workers' own profile. A test reads the shared tree and leaves
    it as it is; a test that takes the tree apart (``decompose()``, ``replace_with()``, setting an
    attribute) asks for ``private=True``: a tree parsed afresh, its own. A shared tree that a test
    changed fails that test (checked after each test, and before the tree is lent again): the change
    never reaches another test. (Neither ``copy.copy`` of a kept tree nor bs4 with lxml is cheaper
    than parsing afresh with ``html.parser``: bs4's own tree building is the cost.)
    """
    if name is None:
        path = outdir
    else:
        path = outdir / (name if Path(name).suffix in {".html", ".xhtml", ".ncx"} else f"{name}.html")
    markup = path.read_text(encoding="utf-8")
    if private:
        return _parsed_page(path, markup, hovers)
    # Kept by the markup itself (no file time to trust) and, for the hover titles, the state of the
    # hover-text file, which only a build writes.
    script = hovers_file(path.parent) if hovers else None
    state = script.stat() if script else None
    written = (state.st_ino, state.st_mtime_ns, state.st_size) if state else None
    key = (path, markup, hovers, written)
    shared = _SHARED_PAGES.pop(key, None)
    if shared is None:
        soup = _parsed_page(path, markup, hovers)
        shared = _SharedPage(path, soup, _shape(soup), len(markup))
    else:
        shared.assert_unchanged("since an earlier test or a fixture of wider scope had it")
    _SHARED_PAGES[key] = shared  # last: the most recently lent
    while sum(page.size for page in _SHARED_PAGES.values()) > _SHARED_PAGES_MARKUP:
        del _SHARED_PAGES[next(iter(_SHARED_PAGES))]
    _LENT_PAGES.append(shared)
    return shared.soup


def _parsed_page(path: Path, markup: str, hovers: bool) -> BeautifulSoup:
    """*markup*, the page file *path*, parsed afresh (with its hover titles when *hovers*)."""
    soup = parse_html(markup)
    return with_hover_titles(soup, path.parent) if hovers else soup


def _shape(soup: BeautifulSoup) -> int:
    """A fingerprint of *soup* as it is: each element's identity and each tag's attributes, in order.

    Taking out, adding or replacing an element or string, or changing an attribute, changes it; it
    costs about 2 % of parsing the page."""
    return hash(tuple((id(node), repr(node.attrs)) if isinstance(node, Tag) else id(node)
                      for node in soup.descendants))


@dataclass(eq=False)  # one page's tree is one object: compared and hashed by identity
class _SharedPage:
    """A page's tree as :func:`parsed_page` lends it: *shape* is its :func:`_shape` when parsed,
    *size* its markup's length in characters (what the worker keeps is bounded by it)."""

    path: Path
    soup: BeautifulSoup
    shape: int
    size: int

    def assert_unchanged(self, when: str) -> None:
        """Fail loudly (AssertionError) if the tree was changed; a changed tree is kept no longer."""
        if _shape(self.soup) != self.shape:
            for key in [key for key, page in _SHARED_PAGES.items() if page is self]:
                del _SHARED_PAGES[key]
            raise AssertionError(
                f"{self.path}: the shared tree parsed_page lent was changed {when}; "
                "a test that takes a page apart asks for parsed_page(..., private=True)")


#: The trees parsed_page keeps (least recently lent first), and the markup they hold at most: a tree
#: takes about 22 times its markup's size in memory, so 6 M characters are about 130 MB per worker
#: (measured on the tests of the real book: everything they read again fits in it).
_SHARED_PAGES: dict[tuple[Any, ...], _SharedPage] = {}
_SHARED_PAGES_MARKUP = 6_000_000
#: The trees lent since the last test ended, checked after it.
_LENT_PAGES: list[_SharedPage] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After each test (and its fixtures' teardown), fail it if it changed a tree parsed_page lent."""
    try:
        return (yield)
    finally:
        check_lent_pages(f"by {item.nodeid}")


def check_lent_pages(when: str) -> None:
    """Fail (AssertionError, naming the page and *when*) if a tree parsed_page lent since the last
    check was changed; each is checked once."""
    lent = list(dict.fromkeys(_LENT_PAGES))
    _LENT_PAGES.clear()
    for page in lent:
        page.assert_unchanged(when)


def parse_html(markup: str | bytes) -> BeautifulSoup:
    """*markup* parsed afresh with Python's own HTML parser (``html.parser``), as :func:`parsed_page`
    parses a page: the tree is the caller's own."""
    return BeautifulSoup(markup, "html.parser")


#: The HTML builders' hover-text file (outputs/hovers.py), under the output's ``_static``.
HOVERS_FILE = Path("_static") / "briefing-hovers.js"


def hover_texts(htmldir: Path) -> dict[str, str]:
    """The hover texts of the HTML output *htmldir* (or of the output holding the page *htmldir*):
    key (``person:scholz``) -> text, as ``briefing.js`` reads them from ``_static/briefing-hovers.js``.

    The file must be one ``window.briefingHovers = {...};`` statement whose object is JSON; {} when the
    output has no such file (EPUB and the builders that write hover texts into the pages)."""
    if (script := hovers_file(htmldir)) is None:
        return {}
    match = re.fullmatch(r"/\*[^*]*\*/\nwindow\.briefingHovers = (\{.*\});\n",
                         script.read_text(encoding="utf-8"), re.S)
    assert match, f"{script}: not one JSON object"
    return cast("dict[str, str]", json.loads(match.group(1)))


def hovers_file(htmldir: Path) -> Path | None:
    """The hover-text file of the HTML output *htmldir* (or of the output holding the page
    *htmldir*), None when there is none."""
    return next((folder / HOVERS_FILE for folder in [htmldir, *htmldir.parents]
                 if (folder / HOVERS_FILE).is_file()), None)


def hover_text(link: Tag, htmldir: Path) -> str:
    """What a reader sees on hovering *link* of a page of *htmldir*: its ``title`` as written (EPUB,
    the builders without the script), else the hover-text file's entry for its
    ``data-briefing-hover`` key, which ``briefing.js`` puts into the ``title``."""
    if link.has_attr("title"):
        return str(link["title"])
    key = link.get("data-briefing-hover")
    return hover_texts(htmldir).get(str(key), "") if key else ""


def with_hover_titles(soup: BeautifulSoup, htmldir: Path) -> BeautifulSoup:
    """*soup* with every keyed link's ``title`` filled from the hover-text file, as ``briefing.js``
    does when the reader hovers or focuses it (tests/test_hovercard.py checks the script does)."""
    texts: dict[str, str] | None = None
    for link in soup.select("[data-briefing-hover]"):
        if not link.has_attr("title"):
            texts = hover_texts(htmldir) if texts is None else texts
            if (text := texts.get(str(link["data-briefing-hover"]))) is not None:
                link["title"] = text
    return soup


# -- The real book, built once per test run and shared by the xdist workers -----------------------


def _run_directory(factory: pytest.TempPathFactory) -> Path:
    """A directory of this test run that every xdist worker of the run sees (and no other run).

    pytest-xdist gives each worker the base temporary directory ``<run>/gwN``: ``<run>`` is the
    controller's own, fresh for each run. Without xdist the session's base directory is the run's.
    """
    base = factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    shared.mkdir(exist_ok=True)
    return shared


def once_per_run(factory: pytest.TempPathFactory, key: str,
                 produce: Callable[[Path], dict[str, Any]]) -> tuple[Path, dict[str, Any]]:
    """``produce(directory)``, run once per test run, however many xdist workers ask for *key*.

    The first worker to ask takes an exclusive lock (``fcntl.flock`` on ``<key>.lock``) and runs
    *produce* in ``<run>/shared/<key>/``; it returns a JSON-able record (exit status, warnings, log)
    that is written beside the directory when it is done. Workers asking meanwhile wait on the lock,
    then reuse the directory and the record; so do later requests in any worker. Nothing that
    depends on the sources' content can go stale: the directory belongs to this run alone.

    *produce* should not assert: a failed build is recorded like a good one and every test that
    asks for it fails on the record, without each worker repeating the build. If it raises, nothing
    is recorded, and the next request runs it again.

    Returns ``(directory, record)``. Locks are never nested (a *produce* does not ask for another
    key; what it reads is made before, :attr:`SharedBuild.needs`), so workers cannot deadlock.
    """
    shared = _run_directory(factory)
    directory, record = shared / key, shared / f"{key}.json"
    directory.parent.mkdir(parents=True, exist_ok=True)
    with (shared / f"{key}.lock").open("w") as lock:
        asked = time.time()
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the worker dies
        _timeline_event("wait", key, asked)
        if not record.is_file():
            directory.mkdir(parents=True, exist_ok=True)
            started = time.time()
            _making.shared = True
            try:
                result = produce(directory)
            finally:
                _making.shared = False
            _write_atomically(record, json.dumps(result).encode())
            _timeline_event("build", key, started)
        return directory, json.loads(record.read_text(encoding="utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that a reader sees the old file or the whole new one, never half."""
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        handle.write(data)
    os.chmod(handle.name, 0o644)  # as open() would have made it, not the temporary file's 0600
    Path(handle.name).replace(path)


def write_artifact(relative: str, data: bytes | str) -> Path:
    """Save *data* as ``tests/.artifacts/<relative>`` for people to look at (CI keeps the folder).

    Written atomically: two workers writing the same artifact leave one whole file.
    """
    path = ARTIFACTS / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, data.encode() if isinstance(data, str) else data)
    return path


@dataclass(frozen=True)
class SharedBuild:
    """A build of the real book that tests share, made once per run (see :func:`shared`).

    Declared once, at import time, with :func:`shared_build`: the fixtures that use it are named so
    that a run can start it early, in the background (:func:`pytest_collection_finish`).
    """

    #: Its directory under the run's shared directory (``"book"``, ``"book/de"``, ``"pdf-ja"``).
    key: str
    #: Makes it in the directory it is given and returns a JSON-able record (see :func:`once_per_run`).
    produce: Callable[[Path], dict[str, Any]]
    #: The session fixtures that use it (directly, or through another fixture).
    fixtures: tuple[str, ...]
    #: Executables it needs (:func:`require_tool`); without them it is not started early.
    tools: tuple[str, ...] = ()
    #: About how long it takes, in minutes on an idle two-core machine: the longest start first.
    minutes: float = 1.0
    #: Shared builds it reads (the book's HTML for a browser pass over it): made, or waited for,
    #: before it starts, never while its own lock is held; *produce* finds each in
    #: ``directory.parent / need.key``.
    needs: tuple[SharedBuild, ...] = ()


#: Every shared build, by key.
SHARED_BUILDS: dict[str, SharedBuild] = {}


def shared_build(key: str, produce: Callable[[Path], dict[str, Any]], *, fixtures: Sequence[str],
                 tools: Sequence[str] = (), minutes: float = 1.0, needs: Sequence[SharedBuild] = ()
                 ) -> SharedBuild:
    """Declare a :class:`SharedBuild` (once, at module level) and return it."""
    declared = SharedBuild(key, produce, tuple(fixtures), tuple(tools), minutes, tuple(needs))
    SHARED_BUILDS[key] = declared
    return declared


def shared(factory: pytest.TempPathFactory, declared: SharedBuild) -> tuple[Path, dict[str, Any]]:
    """The directory and record of *declared*, made by this worker or another (:func:`once_per_run`)."""
    require_tool(*declared.tools)
    return _made(factory, declared)


def _made(factory: pytest.TempPathFactory, declared: SharedBuild) -> tuple[Path, dict[str, Any]]:
    """:func:`once_per_run` of *declared*, after what it needs (each under its own lock, in turn)."""
    for need in declared.needs:
        _made(factory, need)
    return once_per_run(factory, declared.key, declared.produce)


def sphinx_build_of_the_book(builder: str, *options: str, book: ShelfBook | None = None,
                             new_interpreter: bool = False) -> Callable[[Path], dict[str, Any]]:
    """A *produce* for :func:`shared_build`: sphinx-build of a book of the shelf (by default the
    Germany-Japan book in ``docs/``) into the directory (forked, or in a new interpreter: :func:`build`)."""

    def produce(builddir: Path) -> dict[str, Any]:
        shelf_book = book or SHELF[GERMANY_JAPAN]
        if builder == "html":
            _claim_editions(builddir, options, shelf_book.editions)
        built = build(shelf_book.srcdir, builder, builddir=builddir, subprocess=True, options=options,
                      new_interpreter=new_interpreter)
        return {"returncode": built.returncode, "warnings": built.warnings}

    return produce


def _claim_editions(builddir: Path, options: Sequence[str], editions: Sequence[str] = ("en", "de", "ja")) -> None:
    """Before an HTML build of one edition in ``make html``'s layout (``<book>/html``, ``<book>/de/html``
    …), a start page for every edition not written yet: the language switcher links only to editions
    that exist, and the shared builds run side by side in any order, where an author has built every
    edition once before. Each edition's own build then writes its real pages over the stand-in."""
    language = next((o.split("=", 1)[1] for o in options if o.startswith("language=")), "en")
    root = builddir if language == editions[0] else builddir.parent
    for edition in editions:
        start = (root / "html" if edition == editions[0] else root / edition / "html") / "index.html"
        if not start.exists():
            start.parent.mkdir(parents=True, exist_ok=True)
            start.write_text("<!doctype html><title>(being built)</title>\n", encoding="utf-8")


# -- The shelf: every book of the repository ----------------------------------------------------------

#: The id of the first book, in ``docs/``.
GERMANY_JAPAN = "germany-japan"
#: Where the shelf's further books live, one per directory with its own conf.py. BRIEFING_BOOKS_DIR
#: points the suite at another directory (a stand-in shelf, or a test root's copy) instead.
BOOKS_DIR = Path(os.environ.get("BRIEFING_BOOKS_DIR") or REPO / "books")


@dataclass(frozen=True)
class ShelfBook:
    """One book of the shelf, as its conf.py declares it (read once, at collection)."""

    #: ``germany-japan`` for ``docs/``, else the directory's name (``books/<id>/``).
    id: str
    #: The book's source directory, the one holding conf.py.
    srcdir: Path
    #: conf.py's top-level names (``briefing_editions``, ``latex_documents``, ``briefing_leaflet`` …).
    conf: Mapping[str, Any]

    @property
    def editions(self) -> tuple[str, ...]:
        """The book's editions, the original first (``briefing_editions``, or its one language)."""
        return tuple(self.conf.get("briefing_editions") or [self.conf.get("language") or "en"])

    @property
    def translations(self) -> tuple[str, ...]:
        """The editions other than the original."""
        return self.editions[1:]

    @property
    def pdf_name(self) -> str:
        """The book PDF's file name (``latex_documents``' first target, ``.pdf``)."""
        return Path(self.conf["latex_documents"][0][1]).with_suffix(".pdf").name

    @property
    def leaflet_pages(self) -> tuple[str, ...]:
        return tuple(self.conf.get("briefing_leaflet") or ())

    def catalogs(self, language: str) -> set[str]:
        """The pages the *language* edition has a catalog for (``locale/<language>/LC_MESSAGES/<page>.po``);
        the other pages of that edition stay in the original. ``conf`` and ``sphinx`` (the book's
        settings and the theme's words) are not pages."""
        found: set[str] = set()
        for locale_dir in self.conf.get("locale_dirs") or ["locales"]:
            messages = self.srcdir / locale_dir / language / "LC_MESSAGES"
            found |= {po.relative_to(messages).with_suffix("").as_posix() for po in messages.rglob("*.po")}
        return found - {"conf", "sphinx"}

    def translated_html(self, root: Path, language: str) -> list[Path]:
        """The pages of the *language* edition's HTML (in *root*) whose text the book translates: those
        with a catalog, and the generated pages (index, search) only when every page has one. A
        shelf book may translate only some pages; the others stay in the original, on purpose."""
        catalogs = self.catalogs(language)
        generated = {"genindex", "search", "py-modindex"}
        pages = {page: page.relative_to(root).with_suffix("").as_posix() for page in sorted(root.rglob("*.html"))
                 if not page.relative_to(root).parts[0].startswith("_")}
        partial = any(name not in catalogs and name not in generated for name in pages.values())
        return [page for page, name in pages.items()
                if name in catalogs or (name in generated and not partial)]

    def html(self, base: Path, language: str) -> Path:
        """The edition's HTML directory in ``make html``'s layout below *base*."""
        return base / "html" if language == self.editions[0] else base / language / "html"


def read_conf(srcdir: Path) -> dict[str, Any]:
    """conf.py's namespace, evaluated as Sphinx does (no tags set)."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    return eval_config_file(srcdir / "conf.py", Tags())


def discover_shelf(docs: Path, books: Path) -> dict[str, ShelfBook]:
    """The shelf: the book in *docs* (``germany-japan``) and every ``<books>/<id>/conf.py``, sorted by id."""
    found = {GERMANY_JAPAN: docs}
    found |= {conf.parent.name: conf.parent for conf in sorted(books.glob("*/conf.py"))}
    return {ident: ShelfBook(ident, srcdir, read_conf(srcdir)) for ident, srcdir in sorted(found.items())}


#: Every book of the repository, by id.
SHELF = discover_shelf(DOCS, BOOKS_DIR)


def edition_cases(book_ids: Sequence[str] | None = None) -> list[Any]:
    """``(shelf_book, language)`` parameters, one per translated edition of each book (or of
    *book_ids*): ``@pytest.mark.parametrize(("shelf_book", "language"), edition_cases(), indirect=["shelf_book"])``."""
    return [pytest.param(book.id, language, id=f"{book.id}-{language}")
            for book in SHELF.values() if book_ids is None or book.id in book_ids for language in book.translations]


#: The Germany-Japan book's editions: English first (the original), then its translations.
EDITIONS = SHELF[GERMANY_JAPAN].editions
#: The options of each book's shared HTML build, as ``make html`` gives them.
BOOK_HTML_OPTIONS = ("-W", "-n")


def _book_builds(book: ShelfBook) -> tuple[SharedBuild, dict[str, SharedBuild], SharedBuild, SharedBuild]:
    """The shared builds of one book: HTML and each translation's HTML (``-W -n``, as ``make html`` and
    ``make html LANGUAGE=…`` build them), gettext, EPUB."""
    mine = f"[shelf_book={book.id}]"
    first = book.id == GERMANY_JAPAN
    html = shared_build(book.id, sphinx_build_of_the_book("html", *BOOK_HTML_OPTIONS, book=book),
                        fixtures=(f"book_html{mine}", f"map_book[map_book={book.id}]",
                                  *(("germany_japan_html",) if first else ())), minutes=0.7)
    translated = {
        language: shared_build(f"{book.id}/{language}",
                               sphinx_build_of_the_book("html", "-W", "-n", "-D", f"language={language}", book=book),
                               fixtures=(f"editions_html{mine}", *(("germany_japan_editions",) if first else ())),
                               minutes=0.8)
        for language in book.translations
    }
    gettext = shared_build(f"gettext-{book.id}", sphinx_build_of_the_book("gettext", "-W", book=book),
                           fixtures=(f"book_gettext{mine}", *(("germany_japan_gettext",) if first else ())),
                           minutes=0.4)
    epub = shared_build(f"epub-{book.id}", sphinx_build_of_the_book("epub", "-W", "-n", book=book),
                        fixtures=(f"book_epub{mine}",), minutes=0.5)
    return html, translated, gettext, epub


BOOK_BUILDS = {ident: _book_builds(book) for ident, book in SHELF.items()}


@pytest.fixture(scope="session", params=list(SHELF), ids=list(SHELF))
def shelf_book(request: pytest.FixtureRequest) -> ShelfBook:
    """The book of the shelf a test runs on: every book-level test asks for it (directly or through
    ``book_html`` and the other per-book fixtures) and so runs once per book."""
    return SHELF[request.param]


def shelf_html(factory: pytest.TempPathFactory, book: ShelfBook) -> tuple[Path, str]:
    """*book*'s shared HTML build (:func:`book_html`'s), for a test that holds the book by name."""
    base, result = shared(factory, BOOK_BUILDS[book.id][0])
    assert result["returncode"] == 0, result["warnings"]
    return base / "html", result["warnings"]


def _editions(factory: pytest.TempPathFactory, book: ShelfBook) -> tuple[Path, dict[str, str]]:
    out, warnings = shelf_html(factory, book)
    found = {book.editions[0]: warnings}
    for language, declared in BOOK_BUILDS[book.id][1].items():
        _, result = shared(factory, declared)
        assert result["returncode"] == 0, result["warnings"]
        found[language] = result["warnings"]
    return out.parent, found


@pytest.fixture(scope="session")
def book_html(shelf_book: ShelfBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Each book of the shelf built to HTML once per run, as ``make html`` does (``-W -n``): (output
    dir, warnings). The output is ``<book>/html``: the original edition in :func:`editions_html`'s layout."""
    return shelf_html(tmp_path_factory, shelf_book)


@pytest.fixture(scope="session")
def editions_html(shelf_book: ShelfBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(base, warnings per language): each book's HTML editions with ``-W -n``, as ``make html`` lays them
    out (``base/html``, ``base/de/html`` …; :meth:`ShelfBook.html`), so that the language switcher's
    relative links can be followed in files. The original edition is :func:`book_html`."""
    return _editions(tmp_path_factory, shelf_book)


@pytest.fixture(scope="session")
def germany_japan_html(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """:func:`book_html` of the Germany-Japan book alone, for tests of its own text."""
    return shelf_html(tmp_path_factory, SHELF[GERMANY_JAPAN])


@pytest.fixture(scope="session")
def germany_japan_editions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """:func:`editions_html` of the Germany-Japan book alone (en, de, ja), for tests of its own text."""
    return _editions(tmp_path_factory, SHELF[GERMANY_JAPAN])


@pytest.fixture(scope="session")
def book_gettext(shelf_book: ShelfBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The gettext builder's ``.pot`` files of each book (``-W``), once per run: (dir, warnings)."""
    base, result = shared(tmp_path_factory, BOOK_BUILDS[shelf_book.id][2])
    assert result["returncode"] == 0, result["warnings"]
    return base / "gettext", result["warnings"]


@pytest.fixture(scope="session")
def germany_japan_gettext(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """:func:`book_gettext` of the Germany-Japan book alone, for tests of its own catalogs."""
    base, result = shared(tmp_path_factory, BOOK_BUILDS[GERMANY_JAPAN][2])
    assert result["returncode"] == 0, result["warnings"]
    return base / "gettext", result["warnings"]


@pytest.fixture(scope="session")
def book_epub(shelf_book: ShelfBook, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Each book's EPUB (``-W -n``), once per run: (the ``.epub`` file, warnings)."""
    base, result = shared(tmp_path_factory, BOOK_BUILDS[shelf_book.id][3])
    assert result["returncode"] == 0, result["warnings"]
    (epub,) = (base / "epub").glob("*.epub")
    return epub, result["warnings"]


# -- Read the Docs' build, replayed once per run -----------------------------------------------------

#: ``scripts/rtd-build``: Read the Docs' build of the Germany-Japan book, replayed (clone, venv, its commands).
RTD_SCRIPT = REPO / "scripts" / "rtd-build"


def working_tree_snapshot(dest: Path) -> Path:
    """A scratch git repository in *dest* whose one commit is this checkout's working tree as it is:
    its tracked files and its new ones (not the ignored), edits included. The replay clones it, so
    that it builds the tree every other test builds; on a clean checkout (CI) that is HEAD."""
    listed = _subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=REPO, capture_output=True, check=True).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_symlink() or source.is_file():  # (--cached lists a file deleted in the tree too)
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    git = ["git", "-c", "user.name=tests", "-c", "user.email=tests@localhost", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A", "-f"], ["commit", "-q", "-m", "the working tree"]):
        _subprocess.run([*git, *args], cwd=dest, capture_output=True, check=True)
    return dest


def _replay_read_the_docs(work: Path) -> dict[str, Any]:
    """``scripts/rtd-build --workdir <work>/replay`` of a snapshot of the working tree."""
    proc = _subprocess.run([sys.executable, str(RTD_SCRIPT), "--repo", str(working_tree_snapshot(work / "repository")),
                            "--workdir", str(work / "replay")],
                           capture_output=True, text=True, check=False, timeout=1200)
    shutil.rmtree(work / "replay" / "venv", ignore_errors=True)  # 300 MB, read by no test
    tail = "\n".join(proc.stdout.splitlines()[-25:] + proc.stderr.splitlines()[-5:])
    return {"returncode": proc.returncode, "tail": tail}


def _rtd_python() -> str:
    import yaml

    return f"python{yaml.safe_load((REPO / '.readthedocs.yaml').read_text(encoding='utf-8'))['build']['tools']['python']}"


#: The replay's HTML, PDF, EPUB and leaflet: tests/test_rtd.py checks the build, tests/test_pdf.py
#: reads its PDF as the one Read the Docs publishes (one LuaLaTeX build of the book, not two).
RTD_REPLAY = shared_build("rtd-replay", _replay_read_the_docs, fixtures=("rtd_replay",),
                          tools=("git", "latexmk", "lualatex", "xindy", _rtd_python()), minutes=3.0)


@pytest.fixture(scope="session")
def rtd_replay(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(the replay's work directory, its record: ``returncode``, ``tail`` of its output), once per run.
    The directory holds ``output/`` (``html/``, ``pdf/briefing.pdf``, ``epub/briefing.epub``, as Read the
    Docs keeps them), ``briefing.log`` (the PDF's LaTeX log) and ``checkout/`` (the clone)."""
    work, made = shared(tmp_path_factory, RTD_REPLAY)
    return work / "replay", made


# -- The package as an author gets it: built once, installed once, scaffolded and printed once ----------

#: ``sphinx-briefing`` of the environment the tests run in (an editable install of the repository).
SCAFFOLD_COMMAND = Path(sys.executable).parent / "sphinx-briefing"


def command_here(capsys: pytest.CaptureFixture[str], *args: str) -> _subprocess.CompletedProcess[str]:
    """``sphinx-briefing *args`` through the console command's own ``main``, in this process: its exit
    status and what it printed, as ``subprocess.run`` gives them for :data:`SCAFFOLD_COMMAND`. For the
    tests of what a command writes or says, where a new interpreter per call costs about half a
    CPU-second; the installed command itself still runs where a test is about it (test_scaffold's
    ``book`` fixture, ``--version`` and its questions on standard input, test_changes' exit statuses).
    """
    from sphinx_briefing.scaffold.new import main

    capsys.readouterr()
    code = main(list(args))
    printed = capsys.readouterr()
    return _subprocess.CompletedProcess([str(SCAFFOLD_COMMAND), *args], code, printed.out, printed.err)


def _ran(proc: _subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """What a record keeps of a command: its exit status and its output (the last 20,000 characters:
    a book's build says all it has to say in less; LaTeX's log says more)."""
    return {"returncode": proc.returncode, "stdout": proc.stdout[-20000:], "stderr": proc.stderr[-20000:]}


def _distributions(work: Path) -> dict[str, Any]:
    """``python -m build`` (the sdist, then the wheel from the sdist, so the sdist is proven complete)
    of a copy of the files a clean checkout has, into ``<work>/dist``."""
    source = work / "source"
    source.mkdir(exist_ok=True)
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "MANIFEST.in"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "_ext" / "sphinx_briefing", source / "_ext" / "sphinx_briefing", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return _ran(_subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"),
                                 str(source)], capture_output=True, text=True, check=False))


#: The package's sdist and wheel: tests/test_package.py checks them, :data:`FRESH_MACHINE` installs the wheel.
DIST = shared_build("dist", _distributions, fixtures=("dist", "fresh_machine"), minutes=0.2)


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory holding the package's sdist and wheel, built once per run (:data:`DIST`)."""
    work, made = shared(tmp_path_factory, DIST)
    assert made["returncode"] == 0, made["stdout"] + made["stderr"]
    return work / "dist"


def clean_environment() -> dict[str, str]:
    """The environment of an author's fresh shell: no virtual environment active or on PATH."""
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p and p != venv_bin)
    keep = {k: v for k, v in os.environ.items()
            if k.startswith(("PIP_", "HTTP", "HTTPS", "NO_PROXY")) or k in ("HOME", "LANG", "TMPDIR")}
    return {**keep, "PATH": path, "NO_COLOR": "1"}


def _fresh_machine(work: Path) -> dict[str, Any]:
    """A new author's first commands on a clean machine: ``sphinx-briefing new`` writes a book with a
    German edition whose requirements.txt names this run's wheel (with the ``live`` extra), then
    ``make html`` with no virtual environment active makes the book's own ``.venv`` from
    requirements.txt (a fresh venv; pip resolves every dependency from the package index) and
    builds the English HTML with it."""
    wheels = sorted((work.parent / DIST.key / "dist").glob("*.whl"))
    if len(wheels) != 1:
        return {"wheel": "", "new": {"returncode": -1, "stdout": "", "stderr": f"no one wheel: {wheels}"}}
    book = work / "book"
    made: dict[str, Any] = {"wheel": str(wheels[0])}
    made["new"] = _ran(_subprocess.run(
        [str(SCAFFOLD_COMMAND), "new", str(book), "--no-input", "--title", "A new author's book",
         "--languages", "en,de", "--requirement", f"sphinx-briefing[live] @ {wheels[0].as_uri()}"],
        capture_output=True, text=True, check=False))
    if made["new"]["returncode"] == 0:
        made["html"] = _ran(_subprocess.run(["make", "-C", str(book), "html"], capture_output=True, text=True,
                                            check=False, env=clean_environment()))
    return made


#: One author's fresh machine: the wheel installed (not editable) into a new book's own venv by the
#: book's Makefile. tests/test_scaffold.py goes on with the book's workflow, tests/test_package.py
#: scaffolds and builds another book with that venv: one fresh venv and one pip install for both.
FRESH_MACHINE = shared_build("fresh-machine", _fresh_machine, fixtures=("fresh_machine",), tools=("make",),
                             minutes=1.0, needs=(DIST,))


@pytest.fixture(scope="session")
def fresh_machine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(the new book's directory, its record), once per run (:data:`FRESH_MACHINE`). The record has
    ``wheel`` (the path installed) and ``new`` and ``html`` (each ``returncode``, ``stdout``,
    ``stderr``). The book, with its ``.venv`` and first HTML, is read-only: copy it to go on."""
    work, made = shared(tmp_path_factory, FRESH_MACHINE)
    assert made["new"]["returncode"] == 0, made["new"]["stderr"]
    return work / "book", made


#: The answers of the book tests/test_scaffold.py scaffolds (``sphinx-briefing new --no-input``), LaTeX's
#: specials included (issue 21's title ``Anna's "R&D" talks: 100% #1``), which must print as typed.
SCAFFOLD_FLAGS = {
    "--title": "Testland and Examplia: Anna's \"R&D\" talks: 100% #1",
    "--occasion": "The annual Testland\u2013Examplia consultations",
    "--date": "1 April 2030",
    "--venue": "Exampleville R&D centre, 50% #2",
    "--language": "en",
    "--author": "Office of Test Briefings & R&D",
}


def make_scaffolded(book: Path, *targets: str) -> _subprocess.CompletedProcess[str]:
    """The scaffolded *book*'s own Makefile, with this interpreter (where sphinx-briefing is installed)
    instead of the book's own .venv (which :data:`FRESH_MACHINE` makes from requirements.txt)."""
    return _subprocess.run(["make", "-C", str(book), *targets, f"BOOK_PYTHON={sys.executable}"],
                           capture_output=True, text=True, check=False, env={**os.environ, "NO_COLOR": "1"})


def _scaffolded_book(work: Path) -> dict[str, Any]:
    """The book of :data:`SCAFFOLD_FLAGS` in ``<work>/book``, built as its author builds it: ``make
    html``, ``make latexpdf`` (the book and its leaflet, the leaflet copied into the HTML), ``make
    html`` again (now linking the leaflet)."""
    book = work / "book"
    made = {"new": _ran(_subprocess.run(
        [str(SCAFFOLD_COMMAND), "new", str(book), *(i for pair in SCAFFOLD_FLAGS.items() for i in pair), "--no-input"],
        capture_output=True, text=True, check=False))}
    for step, target in (("html", "html"), ("latexpdf", "latexpdf"), ("html again", "html")):
        if any(done["returncode"] for done in made.values()):
            break
        made[step] = _ran(make_scaffolded(book, target))
    return made


#: The scaffolded book's HTML and PDF, read by tests/test_scaffold.py and tests/test_security.py (its
#: specials print as typed): one LuaLaTeX build of a scaffolded book where there were two.
SCAFFOLDED_BOOK = shared_build("scaffolded-book", _scaffolded_book, fixtures=("scaffolded_book",),
                               tools=("make", "lualatex", "latexmk"), minutes=0.7)


@pytest.fixture(scope="session")
def scaffolded_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(the directory of :data:`SCAFFOLDED_BOOK`, its record: ``new``, ``html``, ``latexpdf``, ``html
    again``, each ``returncode``, ``stdout``, ``stderr``), once per run. The directory holds ``book/``,
    its sources and ``_build/``; read-only."""
    work, made = shared(tmp_path_factory, SCAFFOLDED_BOOK)
    assert made["new"]["returncode"] == 0, made["new"]["stderr"]
    return work, made


# -- Handing the tests to the xdist workers ------------------------------------------------------------
#
# `make test` runs `pytest -n auto --dist loadgroup --no-loadscope-reorder`. pytest-xdist's own
# loadgroup reads `xdist_group` marks by rewriting each test's node id, which pytest 9.2 no longer
# lets it do (pytest-dev/pytest-xdist#1386): every test became a unit of its own, and a module
# fixture such as the browser sweep was made again by each worker, and again each time the book
# changed under it. The units are therefore declared here, by the workers that collected the tests
# (they alone see the fixtures), in a file the controller's scheduler reads: pytest-xdist's public
# hooks pytest_configure_node (what a worker is told) and pytest_xdist_make_scheduler.

_UNITS_INPUT = "briefing_units"
_UNITS_FILE = pytest.StashKey[Path]()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist, in the controller: tell each worker where to write the units of the run."""
    node.workerinput[_UNITS_INPUT] = str(node.config.stash[_UNITS_FILE])


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # before pytest-xdist's own
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """pytest-xdist, in the controller: ``--dist loadgroup`` hands out the units the workers declared
    (:func:`pytest_collection_modifyitems`), whole, in the workers' order."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        """LoadScopeScheduling with the scope of a test looked up, not cut from its node id.

        ``_split_scope`` is the method pytest-xdist's own loadfile and loadgroup schedulers
        override (checked with pytest-xdist 3.8); it is first called once every worker has
        collected, so the units file is complete by then.
        """

        units: dict[str, str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.units is None:
                path = config.stash[_UNITS_FILE]
                self.units = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
            return self.units.get(nodeid, nodeid)

    return UnitScheduling(config, log)


# -- Starting the shared builds early ----------------------------------------------------------------

_prefetch: list[threading.Thread] = []


@pytest.fixture(scope="session", autouse=True)
def _start_shared_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start the shared builds this run's tests need, longest first, in a background thread.

    The PDFs take minutes each, mostly in single-threaded LuaLaTeX. Made only when their first test
    asks, they would run at whatever point the scheduler reaches that test, perhaps last, with the
    other worker idle. Started at once, they run beside the quick tests. Each xdist worker takes
    its share (the longest build to the worker with the least so far, the same split computed in
    every worker); without xdist one thread takes them all. A test that needs a build before the
    thread has made it waits on the build's lock, or makes it itself if the thread has not begun it.
    """
    builds = sorted((b for b in SHARED_BUILDS.values()
                     if any(_uses(item, b) for item in request.session.items)
                     and all(shutil.which(t) or Path(t).exists() for t in b.tools)),
                    key=lambda b: (-b.minutes, b.key))
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    me = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    load = [0.0] * workers
    mine = []
    for declared in builds:
        worker = load.index(min(load))
        load[worker] += declared.minutes
        if worker == me:
            mine.append(declared)
    if not mine:
        return
    # Made here, in the main thread: pytest creates the base directory on first use without a lock,
    # and the thread's first once_per_run would race the first test's tmp_path (FileExistsError).
    tmp_path_factory.getbasetemp()

    def run() -> None:
        if any("lualatex" in declared.tools for declared in mine) and shutil.which("luaotfload-tool"):
            # LuaLaTeX's font-name database is built by the first run on a fresh machine; two PDF
            # builds starting together would both build and write it. One worker builds it here.
            once_per_run(tmp_path_factory, "luaotfload-names", _update_font_names)
        for declared in mine:
            _made(tmp_path_factory, declared)

    thread = threading.Thread(target=run, name="shared-builds", daemon=True)
    thread.start()
    _prefetch.append(thread)


@pytest.hookimpl(trylast=True)  # after pytest's own reordering by fixture parameters
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test``): hand the tests out in units that keep a module's own
    fixtures in one worker, and in an order that keeps both workers busy to the end.

    * The tests of a module that use one of its module-scoped fixtures (a root built in three
      languages, the scaffolded book, a book printed page by page) form one unit, so that the
      fixture is made by one worker, not by each. When every module fixture of the module depends on
      a parameter (the book of the shelf, the root's language), the unit is the module's tests for
      one value of it (:func:`_units`): the fixture is made once per value either way, and the books
      can go to different workers. Every other test is a unit of its own.
    * Units that read a shared build go last: by then the background threads
      (:func:`_start_shared_builds`) have made most of what they read, while the workers ran
      everything else.
    * Within each half, units with a ``slow`` test go first (``--no-loadscope-reorder`` keeps this
      order), so that no long unit starts when the rest is done.

    The units go to the controller's scheduler through a file (:func:`pytest_xdist_make_scheduler`);
    every worker collects the same tests and writes the same file. Without xdist the order is pytest's.
    """
    target = getattr(config, "workerinput", {}).get(_UNITS_INPUT)
    if not target:
        return
    units = _units(items)
    reads = {unit for item in items for unit in [units[item.nodeid]]
             if any(_uses(item, b) for b in SHARED_BUILDS.values())}
    slow = {units[item.nodeid] for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: (units[item.nodeid] in reads, units[item.nodeid] not in slow))
    _write_atomically(Path(target), json.dumps(units).encode())


def _units(items: Sequence[pytest.Item]) -> dict[str, str]:
    """Each test's unit of work, by node id: its own node id, or, for a test using a module-scoped
    fixture, its module and the values of the parameters that all of its module's module-scoped
    fixtures depend on (``tests/test_browser.py[shelf_book=germany-japan]``)."""
    fixtures: dict[str, list[tuple[pytest.Item, set[str]]]] = {}
    for item in items:
        scoped = _module_fixtures(item)
        if scoped:
            module = item.nodeid.split("::")[0]
            fixtures.setdefault(module, []).append((item, scoped))
    units = {item.nodeid: item.nodeid for item in items}
    for module, tests in fixtures.items():
        split = set.intersection(*(_parameters_of(item, name) for item, scoped in tests for name in scoped))
        for item, _ in tests:
            params = _params(item)
            units[item.nodeid] = module + "".join(f"[{name}={params[name]}]" for name in sorted(split))
    return units


def _params(item: pytest.Item) -> dict[str, object]:
    return dict(getattr(getattr(item, "callspec", None), "params", {}))


def _definitions(item: pytest.Item) -> Mapping[str, Sequence[Any]]:
    """The fixture definitions *item* resolved, by name.

    pytest has no public view of them; ``_fixtureinfo`` is the one plugins read (checked with
    pytest 8 and 9). Without it every test is a unit of its own, which is correct, only slower.
    """
    return getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})


def _module_fixtures(item: pytest.Item) -> set[str]:
    """The fixtures *item* uses that live for a module (or a class), not a test or the session."""
    return {name for name, defs in _definitions(item).items()
            if defs and defs[-1].scope in {"module", "class", "package"}}


def _parameters_of(item: pytest.Item, fixture: str) -> set[str]:
    """The parameters of *item* that *fixture* depends on, itself or through the fixtures it asks for."""
    definitions, params = _definitions(item), _params(item)
    seen, todo = set(), [fixture]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            defs = definitions.get(name)
            todo.extend(defs[-1].argnames if defs else ())
    return seen & set(params)


def _update_font_names(_: Path) -> dict[str, Any]:
    """luaotfload's font-name database, brought up to date (a second or so when it is)."""
    proc = _subprocess.run(["luaotfload-tool", "--update"], capture_output=True, text=True, check=False)
    return {"returncode": proc.returncode, "log": (proc.stdout + proc.stderr)[-2000:]}


def _uses(item: pytest.Item, declared: SharedBuild) -> bool:
    """Whether *item* asks for one of *declared*'s fixtures: ``"germany_japan_html"``, or, for a
    fixture that reads the test's parameters, ``"book_html[shelf_book=germany-japan]"`` (only the
    tests of that book), ``"edition_pdf[shelf_book=germany-japan,language=de]"``."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    for fixture in declared.fixtures:
        name, _, conditions = fixture.partition("[")
        wanted = [condition.partition("=") for condition in conditions.rstrip("]").split(",") if condition]
        if name in getattr(item, "fixturenames", ()) and all(str(params.get(arg)) == value
                                                             for arg, _, value in wanted):
            return True
    return False


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Wait for a shared build still running, unless the run was interrupted: a worker that left
    one half-made would let another worker start it again in the same directory."""
    if exitstatus != pytest.ExitCode.INTERRUPTED:
        for thread in _prefetch:
            thread.join()
        _stop_own_browser()
    _write_timeline(session.config)


# -- The run's timeline (tests/.artifacts/timeline.json; scripts/test-timeline summarises it) -------
#
# Where a parallel run's wall time goes: per test its worker, start, end and the CPU its worker
# process used meanwhile (the process's own, every thread, and its finished subprocesses'); per
# shared build its maker; per lock its wait. A worker waiting on another's build spends wall time
# with no CPU of its own: that idle core is what the summary shows. A few records per test, written
# once at the end, cost nothing measurable.

_TIMELINE: list[dict[str, Any]] = []
_TIMELINE_START = time.time()


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _cpu() -> tuple[float, float]:
    """This process's CPU seconds: its own (all threads), and its reaped subprocesses'."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def _timeline_event(kind: str, key: str, start: float) -> None:
    """Record a shared build's lock wait (``wait``) or making (``build``) that began at *start*."""
    end = time.time()
    if kind == "build" or end - start > 0.05:  # a free lock is not a wait
        _TIMELINE.append({"kind": kind, "key": key, "worker": _worker(),
                          "thread": threading.current_thread().name, "start": start, "end": end})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    start, (own, children) = time.time(), _cpu()
    yield
    end, (own_end, children_end) = time.time(), _cpu()
    _TIMELINE.append({"kind": "test", "key": item.nodeid, "worker": _worker(), "start": start, "end": end,
                      "cpu": round(own_end - own, 3), "cpu_children": round(children_end - children, 3)})


def _write_timeline(config: pytest.Config) -> None:
    """Each worker leaves its records beside the units file; the controller (or a run without
    xdist) merges them into ``tests/.artifacts/timeline.json``. Only for a run of this repository's
    suite, not for a run of probe modules elsewhere (tests/test_scheduling.py)."""
    ends = {"start": _TIMELINE_START, "end": time.time(), "worker": _worker()}
    target = getattr(config, "workerinput", {}).get(_UNITS_INPUT)
    if target:
        part = Path(target).parent / f"timeline-{_worker()}.json"
        _write_atomically(part, json.dumps({**ends, "events": _TIMELINE}).encode())
        return
    if config.rootpath != REPO:
        return
    workers = []
    if _UNITS_FILE in config.stash:
        for part in sorted(config.stash[_UNITS_FILE].parent.glob("timeline-*.json")):
            workers.append(json.loads(part.read_text(encoding="utf-8")))
    if not workers:
        workers = [{**ends, "events": _TIMELINE}]
    write_artifact("timeline.json", json.dumps({**ends, "workers": workers}, indent=0))


#: The Debian package's Chromium; Playwright drives it (``playwright install`` downloads browsers and
#: fails here).
CHROMIUM = "/usr/bin/chromium"
#: The features Playwright (1.65) switches off in every Chromium it launches.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying",
    "AimEnabled", "PreconnectToSearch", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
)
#: And those the tests switch off besides. RenderDocument gives every navigation a new frame in the
#: renderer (with its own compositor) instead of reusing the old one: a cost of each page load
#: that a test, which loads pages one after the other in a tab, does not need. Without it, a
#: page load costs about 0.03 CPU-s less (Chromium 156: 20 small pages 2.53 -> 1.97 CPU-s, four
#: pairs; the Germany-Japan book's 24 pages with axe 17.5 -> 16.1); the suite loads some 350.
CHROMIUM_DISABLED_FEATURES = ("RenderDocument",)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Chromium reads the last --disable-features alone, and Playwright puts its own first: this one
    # repeats Playwright's (test_browser.py::test_chromium_keeps_playwrights_disabled_features).
    "--disable-features=" + ",".join((*PLAYWRIGHT_DISABLED_FEATURES, *CHROMIUM_DISABLED_FEATURES)),
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


@pytest.fixture(scope="session")
def reading_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``reading_page(*scripts, **options)``: a page of :func:`browser` in a context made with
    *options* (``browser.new_context``'s) and *scripts* (init scripts, run in every document before
    its own), kept for the worker and given again to the next test asking for the same.

    For tests that go to a page and read it (evaluate, locate, measure) without clicking, hovering,
    typing or storing anything: each ``goto`` starts a new document, and a kept context spares the
    test a context and renderer process of its own, about 0.2 CPU-s (Chromium 156, 24 pages
    read each in its own context 7.7-10.6 CPU-s, in one 3.4-4.4, four pairs). Not closed by the test.
    """
    pages: dict[str, Any] = {}

    def page_for(*scripts: str, **options: Any) -> Any:
        key = json.dumps([scripts, options], sort_keys=True)
        if key not in pages or pages[key].is_closed():
            context = browser.new_context(**options)
            for script in scripts:
                context.add_init_script(script)
            pages[key] = context.new_page()
        return pages[key]

    yield page_for
    for page in pages.values():
        page.context.close()


def in_own_browser(task: Callable[[Any], T]) -> T:
    """``task(browser)`` with the headless Chromium (Playwright) of this process's browser thread.

    For shared builds that drive a browser (the browser sweep's passes, the pages printed by
    Chromium): Playwright's synchronous API allows one instance per thread, and the thread asking, a
    worker's main thread or its shared-builds thread, may hold one already (:func:`browser`). One
    thread of its own runs the tasks in turn, in one browser launched for the first and kept for
    the rest (a launch is about 1.5 CPU-s; a run has 15 such tasks), relaunched if it was lost.
    Each task opens and closes its own browser contexts, so no page state passes between tasks.
    What *task* raises is raised here.
    """
    with _own_browser_lock:
        if not _own_browser_thread:
            thread = threading.Thread(target=_run_browser_tasks, name="own-browser", daemon=True)
            thread.start()
            _own_browser_thread.append(thread)
    done: dict[str, Any] = {}
    finished = threading.Event()
    _own_browser_tasks.put((task, done, finished))
    finished.wait()
    if "error" in done:
        raise done["error"]
    return cast(T, done["result"])


_own_browser_tasks: queue.Queue[tuple[Callable[[Any], Any], dict[str, Any], threading.Event] | None] = queue.Queue()
_own_browser_thread: list[threading.Thread] = []
_own_browser_lock = threading.Lock()


def _run_browser_tasks() -> None:
    """The browser thread of :func:`in_own_browser`: run each task put in the queue, until ``None``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = None
        try:
            while (item := _own_browser_tasks.get()) is not None:
                task, done, finished = item
                try:
                    if chromium is None or not chromium.is_connected():
                        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    done["result"] = task(chromium)
                except BaseException as error:
                    done["error"] = error
                finally:
                    finished.set()
        finally:
            if chromium is not None and chromium.is_connected():
                chromium.close()


def _stop_own_browser() -> None:
    """Close :func:`in_own_browser`'s browser, after the tasks given to it (at the session's end)."""
    if _own_browser_thread:
        _own_browser_tasks.put(None)
        _own_browser_thread[0].join(timeout=60)


#: pdftotext's options that print something other than pages of text each ended by a form feed.
_PDFTOTEXT_MARKUP = frozenset({"-bbox", "-bbox-layout", "-htmlmeta", "-tsv", "-cropbox"})


def pdftotext(pdf: Path, *args: str) -> str:
    """The text of *pdf* as ``pdftotext -enc UTF-8 [args] pdf -`` prints it (poppler-utils).

    Each PDF is read once per worker and set of options: the run's PDFs are written once and read by
    many tests, and pdftotext parses the whole file, embedded fonts included, on every call (about
    3 CPU-s for the Germany-Japan book). A page range (``-f``/``-l``) of the text modes is cut from
    the whole text at its form feeds, which is exactly what pdftotext prints for the range
    (``test_pdf.py::test_a_page_range_reads_as_pdftotext_prints_it``).
    """
    stat = pdf.stat()
    options = list(args)
    first = int(_take_option(options, "-f") or 1)
    last = _take_option(options, "-l")
    if (first == 1 and last is None) or _PDFTOTEXT_MARKUP.intersection(options):
        return _pdftotext(str(pdf), stat.st_mtime_ns, stat.st_size, tuple(args))
    pages = _pdftotext(str(pdf), stat.st_mtime_ns, stat.st_size, tuple(options)).split("\f")[:-1]
    return "".join(page + "\f" for page in pages[first - 1:None if last is None else int(last)])


def _take_option(options: list[str], name: str) -> str | None:
    """Remove ``name value`` from *options* and give the value (None when absent)."""
    if name not in options:
        return None
    at = options.index(name)
    value = options[at + 1]
    del options[at:at + 2]
    return value


@functools.cache
def _pdftotext(pdf: str, mtime_ns: int, size: int, args: tuple[str, ...]) -> str:
    """pdftotext's output (cached by the file's path, time and size: a PDF rewritten is read again)."""
    proc = _subprocess.run(["pdftotext", "-enc", "UTF-8", *args, pdf, "-"], capture_output=True, text=True, check=True)
    return proc.stdout


def make_book(*args: str) -> _subprocess.CompletedProcess[str]:
    """``make --no-print-directory ARGS`` in the repository, as the README's commands run, with this
    interpreter's Sphinx: each ``sphinx-build`` of the recipe is a process forked by this test
    process's fork server (``SPHINXBUILD`` is its client command, :meth:`zygote.Zygote.command`),
    as :func:`build` forks one.

    ``-o .venv/.installed``: never refresh the virtual environment from here. The tests use the
    environment they run in, and two xdist workers must not pip-install into one venv at once.
    """
    return _subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", *args,
                            f"SPHINXBUILD={_ZYGOTE.command()}"],
                           capture_output=True, text=True, cwd=REPO, check=False, env=_environment())


#: The lines of latexmk's and LuaTeX's terminal output that say what a LuaLaTeX pass was: latexmk's
#: command (the latexmkrc the LaTeX builder writes runs ``lualatex`` through its ``briefing_lualatex``,
#: outputs/assets.py), LuaTeX's note of a pass in draft mode, and its note of a PDF written.
_PASS_LINE = re.compile(r"^Running '(?:internal briefing_lualatex \S+ )?lualatex\s.*\"([^\"]+)\.tex\"'$"
                        r"|^warning  \(pdf backend\): (draftmode) enabled|^(Output written on) ", re.M)


def lualatex_passes(output: str) -> list[tuple[str, str]]:
    """Each LuaLaTeX run that latexmk's terminal *output* reports, in order: ``(document, wrote)``,
    the document's name without ``.tex`` and ``"draft"`` (a ``-draftmode`` pass: no PDF) or ``"pdf"``.
    A run that stopped before either (a LaTeX error) is not listed."""
    passes: list[tuple[str, str]] = []
    document = "?"
    for match in _PASS_LINE.finditer(output):
        if match[1]:
            document = match[1]
        else:
            passes.append((document, "draft" if match[2] else "pdf"))
    return passes


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


#: EPUBCheck, from Debian's ``epubcheck`` package (installed by .ci/run).
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
#: ``java`` for the validators (EPUBCheck, the Nu checker), one short JVM per check. A JVM's
#: optimising compiler (C2) pays off over minutes, not seconds: on two cores it and the parallel
#: GC's threads took half of each run's CPU. C1 alone (``TieredStopAtLevel=1``) and the serial GC
#: halve EPUBCheck's CPU (11.9 -> 5.5 s a book) and the Nu checker's (6.5 -> 3.0 s); the reports
#: are the same, message for message, on the books and on broken input. C1's larger frames need
#: the Nu checker's stack of 4 MB (it stops with StackOverflowError and says so at 512k).
JAVA = ("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m")


def epubcheck(epub: Path, report: Path) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings on *epub* ("SEVERITY ID path: message"), its JSON
    report written to *report*; requires Java and EPUBCheck (:func:`require_tool`)."""
    require_tool("java", str(EPUBCHECK))
    _subprocess.run([*JAVA, "-jar", str(EPUBCHECK), str(epub), "--json", str(report)],
                    capture_output=True, text=True, check=False, timeout=600)
    messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
    return [f"{m['severity']} {m['ID']} {m['locations'][0]['path'] if m['locations'] else ''}: {m['message']}"
            for m in messages if m["severity"] in {"FATAL", "ERROR", "WARNING"}]


def differing_files(output: Path, other: Path) -> list[str]:
    """The files of the output directory *output* that *other* lacks, has besides, or holds with other
    bytes (relative paths, sorted); ``[]`` when the two are the same file for file, byte for byte.

    For the twin roots (``*-md`` and ``*-rst``): where their LaTeX is the same, LuaLaTeX prints the
    same PDF from it, so a test compiles one of them and asserts this of the other."""
    files = {path.relative_to(output).as_posix(): path for path in output.rglob("*") if path.is_file()}
    others = {path.relative_to(other).as_posix(): path for path in other.rglob("*") if path.is_file()}
    return sorted(name for name in files.keys() | others.keys()
                  if name not in files or name not in others or files[name].read_bytes() != others[name].read_bytes())


#: What differs between two builds of one EPUB: the build time in the package document (content.opf).
_EPUB_BUILD_TIME = re.compile(rb"(<dc:date>|<meta property=\"dcterms:modified\">)[^<]*<")


def epub_contents(epub: Path) -> list[tuple[str, int, bytes]]:
    """The files of *epub* in archive order: (name, how stored (``zipfile.ZIP_*``), bytes), the build
    time in ``content.opf`` blanked. Two EPUBs with equal contents are the same book, container and
    all: what EPUBCheck finds in one it finds in the other."""
    with zipfile.ZipFile(epub) as archive:
        return [(info.filename, info.compress_type,
                 _EPUB_BUILD_TIME.sub(rb"\1<", archive.read(info)) if info.filename.endswith(".opf")
                 else archive.read(info)) for info in archive.infolist()]


def compile_latex(latex: Path, work: Path, tex: str) -> tuple[Path, str]:
    """Copy the LaTeX builder's output *latex* to *work* and compile *tex* with latexmk and LuaLaTeX
    (no ``-f``: any LaTeX error fails). Gives the PDF and the LaTeX log; fails the test when latexmk
    does, with the end of its output."""
    require_tool("latexmk", "lualatex")
    shutil.copytree(latex, work)
    run = _subprocess.run(["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", tex],
                          cwd=work, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:]
    stem = Path(tex).stem
    return work / f"{stem}.pdf", (work / f"{stem}.log").read_text(encoding="utf-8", errors="replace")
