"""Structural edits: an incremental build equals a clean build.

The edits an author makes to the shape of the book: the table of contents (reordered, a page
added), an included file, a page renamed, a page moved into a folder. After each, the output of
an incremental build is compared file by file with a clean build of the same sources (pages of
removed sources excepted: Sphinx never deletes output). ``only`` blocks: tests/test_places.py.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FirstBuild, build, copy_root
from test_incremental import edit, html_files


def reorder_toctree(src: Path) -> None:
    edit(src / "index.md", "people\nlistings", "listings\npeople")


def add_page(src: Path) -> None:
    (src / "more.md").write_text(
        "# More\n\n```{person} aaa-first\n:name: Aaron First\n:role: Envoy\n```\n", encoding="utf-8"
    )
    edit(src / "index.md", "people\nlistings", "more\npeople\nlistings")


def edit_included_file(src: Path) -> None:
    edit(src / "_snippets" / "inc.md", ":role: Minister", ":role: Deputy Minister")


def rename_page(src: Path) -> None:
    (src / "people.md").rename(src / "persons.md")
    edit(src / "index.md", "people\nlistings", "persons\nlistings")


def move_page(src: Path) -> None:
    (src / "sub").mkdir()
    text = (src / "people.md").read_text(encoding="utf-8").replace("_snippets/", "../_snippets/")
    (src / "sub" / "people.md").write_text(text, encoding="utf-8")
    (src / "people.md").unlink()
    edit(src / "index.md", "people\nlistings", "sub/people\nlistings")


EDITS: dict[str, Callable[[Path], None]] = {
    "reorder-toctree": reorder_toctree,
    "add-page": add_page,
    "edit-included-file": edit_included_file,
    "rename-page": rename_page,
    "move-page": move_page,
}


def outputs(outdir: Path) -> dict[str, str]:
    files = html_files(outdir)
    files["briefing.json"] = (outdir / "briefing.json").read_text(encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> FirstBuild:
    """The places root's first build, once for the five edits."""
    base = tmp_path_factory.mktemp("structure")
    made = FirstBuild(copy_root("places", base), base / "incremental", options=("-n", "-W"))
    assert made.first.returncode == 0, made.first.warnings
    return made


@pytest.mark.parametrize("name", EDITS)
def test_structural_edit_rebuilds_like_clean(first_build: FirstBuild, tmp_path: Path, name: str) -> None:
    src, out = first_build.restored()
    EDITS[name](src)
    incremental = build(src, builddir=out, subprocess=True, options=("-n", "-W"), fresh=False)
    assert incremental.returncode == 0, incremental.warnings
    # An incremental build, not a second clean one: the restored environment was taken up.
    assert "updating environment: [" not in incremental.status, incremental.status[:2000]
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src)
    clean = build(clean_src, builddir=tmp_path / "clean-out", options=("-n", "-W"), like_subprocess=True)
    assert clean.returncode == 0, clean.warnings
    got, want = outputs(out / "html"), outputs(tmp_path / "clean-out" / "html")
    for stale in set(got) - set(want):
        del got[stale]  # output of a removed source: Sphinx never deletes it
    assert sorted(got) == sorted(want)
    for page in want:
        assert got[page] == want[page], f"{page} is stale after {name}"
    data = json.loads(got["briefing.json"])
    assert data["objects"]["person"]["inc"]["file"] == "_snippets/inc.md"
