"""Live preview shows the truth: after an edit to a page, and after an edit to the extension's own
code (in a copied tree), the rebuild that sphinx-autobuild runs puts the change on the page.

The rebuild is sphinx-autobuild's own ``Builder`` (what ``make livehtml`` calls on every save): it
starts ``python -m sphinx build`` in a new process, which imports the extension from the copy
(``PYTHONPATH``). Before the extension's ``env_version`` was a hash of its files, the module edit
ended in "no targets are out of date" and a stale page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, copy_root
from sphinx_autobuild.build import Builder
from sphinx_briefing.core.fingerprint import env_version

PACKAGE = REPO / "_ext" / "sphinx_briefing"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Builder]:
    """(sources, copied package, autobuild's builder) for test-basic and a private extension copy."""
    ext = tmp_path / "ext"
    shutil.copytree(PACKAGE, ext / "sphinx_briefing", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("PYTHONPATH", str(ext))  # the sphinx subprocess imports the copy
    src = copy_root("basic", tmp_path)
    out = tmp_path / "html"
    builder = Builder([str(src), str(out), "-d", str(tmp_path / "doctrees"), "-q"],
                      url_host="127.0.0.1:8000", pre_build_commands=[], post_build_commands=[])
    return src, ext / "sphinx_briefing", builder


def _page(src: Path) -> str:
    return (src.parent / "html" / "people.html").read_text(encoding="utf-8")


def test_edit_of_a_page_shows_after_the_rebuild(project: tuple[Path, Path, Builder]) -> None:
    src, _, builder = project
    builder(changed_paths=[])
    page = src / "people.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "Led the German delegation.", "Led the delegation, as edited."), encoding="utf-8")
    builder(changed_paths=[page])
    assert "Led the delegation, as edited." in _page(src)


def test_edit_of_an_extension_module_shows_after_the_rebuild(
    project: tuple[Path, Path, Builder], capfd: pytest.CaptureFixture[str]
) -> None:
    src, package, builder = project
    builder(changed_paths=[])
    assert ">Country<" in _page(src) or "Country:" in _page(src)
    # The module that labels a person's country (people.py today), wherever it lives: the label
    # itself, _("Country"), not a docstring that mentions the word (i18n.py's does).
    module = next(p for p in sorted(package.rglob("*.py")) if '_("Country")' in p.read_text(encoding="utf-8"))
    module.write_text(module.read_text(encoding="utf-8").replace('_("Country")', '_("Land (edited)")'),
                      encoding="utf-8")
    capfd.readouterr()
    builder(changed_paths=[module])
    log = capfd.readouterr()
    assert "Land (edited)" in _page(src), log.out + log.err
    assert "Country" not in _page(src).split('class="briefing-person')[1].split("</div>")[0]
    assert "no targets are out of date" not in log.out + log.err


def test_env_version_follows_every_file_of_the_package(tmp_path: Path) -> None:
    """Code and assets alike: a CSS edit also gives a new env_version (a full rebuild)."""
    package = tmp_path / "sphinx_briefing"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    fingerprint = env_version.__wrapped__
    first = fingerprint(package)
    assert first == fingerprint(package) > 0  # stable while nothing changes
    (package / "outputs" / "static" / "briefing.css").write_text("/* edited */\n", encoding="utf-8")
    assert fingerprint(package) != first
    assert env_version() == fingerprint(PACKAGE)  # what setup() reports is the real package's hash


def test_repository_livehtml_watches_the_extension() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    rule = makefile.split("\nlivehtml:")[1].split("\n\n")[0]
    assert "sphinx-autobuild" in rule and "--watch _ext" in rule
