"""The distribution: wheel and sdist carry every file of the package, their metadata passes
``twine check``, and the wheel installed (not editable) into a fresh venv builds a new book.

The package is built once per run from a copy of the files a clean checkout has, with
``python -m build`` (sdist first, then the wheel from the sdist, so the sdist is proven complete):
conftest's ``dist``. That wheel is what every test that installs the package installs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sphinx_briefing
from conftest import REPO, build

PACKAGE = REPO / "_ext" / "sphinx_briefing"
NAME = f"sphinx_briefing-{sphinx_briefing.__version__}"


def package_files() -> set[str]:
    """Every file of the package in the source tree (code and assets), as wheel paths."""
    return {
        "sphinx_briefing/" + p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def test_version_is_defined_once() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "sphinx_briefing.__version__" }' in pyproject
    assert "\nversion =" not in pyproject.split("[project]")[1].split("[")[0]
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{sphinx_briefing.__version__}]" in changelog


def test_wheel_lists_every_asset(dist: Path) -> None:
    wheel = dist / f"{NAME}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"{NAME}.dist-info/METADATA").decode("utf-8")
        entry_points = archive.read(f"{NAME}.dist-info/entry_points.txt").decode("utf-8")
    shipped = {n for n in names if n.startswith("sphinx_briefing/")}
    assert shipped == package_files()
    # the kinds of asset, named, so that a glob that stops matching fails here by name
    for asset in ("outputs/static/briefing.css", "outputs/static/briefing.js",
                  "outputs/latex/briefing.sty", "outputs/latex/fonts-lualatex.tex",
                  "outputs/latex/briefing-textlayer.lua", "outputs/latex/briefing-fonts.lua",
                  "outputs/docx/reference.docx",
                  "outputs/schema/briefing.schema.json", "py.typed",
                  "i18n/locale/de/LC_MESSAGES/sphinx_briefing.mo",
                  "scaffold/templates/new-book/dot-readthedocs.yaml",
                  "scaffold/templates/new-book/docs/conf.py.jinja"):
        assert f"sphinx_briefing/{asset}" in shipped
    assert "Name: sphinx-briefing" in metadata
    assert "Provides-Extra: live" in metadata
    assert "Provides-Extra: docx" in metadata and "pypandoc-binary" in metadata
    assert "sphinx-briefing = sphinx_briefing.scaffold.new:main" in entry_points


def test_sdist_holds_the_package(dist: Path) -> None:
    with tarfile.open(dist / f"{NAME}.tar.gz") as archive:
        names = {n.removeprefix(f"{NAME}/") for n in archive.getnames()}
    assert {"_ext/" + n for n in package_files()} <= names
    assert {"pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"} <= names


def test_wheel_carries_the_license(dist: Path) -> None:
    """PEP 639: the licence expression in the metadata, and the licence text in the wheel."""
    with zipfile.ZipFile(next(dist.glob("*.whl"))) as wheel:
        names = wheel.namelist()
        metadata = wheel.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names


def test_twine_check_is_clean(dist: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2, proc.stdout
    assert "WARNING" not in proc.stdout


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_builds_a_new_book(
        dist: Path, fresh_machine: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """Not editable and outside the repository: only what the wheel carries is there.

    The fresh venv is the one a new book's Makefile made from its requirements.txt, which names this
    wheel, on an author's clean machine (conftest's ``fresh_machine``, shared with test_scaffold's
    clean-environment test): one new venv and one pip install prove both."""
    author_book, made = fresh_machine
    assert made["html"]["returncode"] == 0, made["html"]["stdout"][-3000:] + made["html"]["stderr"][-3000:]
    assert made["wheel"] == str(dist / f"{NAME}-py3-none-any.whl")
    venv = author_book / ".venv"
    python = venv / "bin" / "python"
    # pip installed the wheel itself, not a checkout (no editable install, no source directory)
    (installed,) = (venv / "lib").glob(f"python*/site-packages/{NAME}.dist-info")
    origin = json.loads((installed / "direct_url.json").read_text(encoding="utf-8"))
    assert origin["url"] == (dist / f"{NAME}-py3-none-any.whl").as_uri() and "dir_info" not in origin, origin
    where = subprocess.run([str(python), "-c", "import sphinx_briefing; print(sphinx_briefing.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert where.startswith(str(venv)), where
    book = tmp_path / "book"
    subprocess.run([str(venv / "bin" / "sphinx-briefing"), "new", str(book), "--no-input",
                    "--title", "Fresh venv book"], check=True, capture_output=True, cwd=tmp_path)
    built = build(book / "docs", builddir=tmp_path / "build", subprocess=True, python=python,
                  options=("-W", "-n"))
    assert built.returncode == 0, built.warnings
    index = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert "Fresh venv book" in index
    assert (built.outdir / "_static" / "briefing.css").is_file()
