"""Warnings of unchanged pages come back on every build, so ``-W`` fails until the author fixes them.

Sphinx reads (and writes) only what changed; a warning raised while reading or writing a page is
therefore gone on the next build unless it is kept with the page and replayed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Build, build
from test_builders import write_book

FACT = "```{factbox} volume\n:value: 12.5\n:label: Trade\n:as-of: 18.03.2023\n:source: report\n```\n"
SOURCE = "```{source} report\n:title: Report\n```\n"


def briefing_warnings(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if "[briefing." in line)


def rebuild(src: Path, out: Path, *extra: str) -> Build:
    """``sphinx-build -n -W`` as an author reruns it: incremental, in its own process each time."""
    return build(src, builddir=out, subprocess=True, options=("-n", "-W", *extra), fresh=False)


def first_build(src: Path, out: Path, *extra: str) -> Build:
    """The first ``sphinx-build -n -W`` of *src*, which :func:`rebuild` then reruns in a process of its
    own: made in this process (the environment a sphinx-build process leaves, without the second of
    CPU a new interpreter costs), or with ``-j 2`` a sphinx-build process (whose workers are not to
    be forks of the test's process)."""
    return build(src, builddir=out, subprocess="2" in extra, options=("-n", "-W", *extra), fresh=False,
                 like_subprocess=True)


def build_twice(src: Path, out: Path, *extra: str) -> tuple[list[str], list[str], int]:
    first = first_build(src, out, *extra)
    second = rebuild(src, out, *extra)
    assert "0 source files that are out of date" in second.status or "no targets are out of date" in second.status
    return briefing_warnings(first.warnings), briefing_warnings(second.warnings), second.returncode


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_read_warning_is_replayed_on_an_unchanged_rebuild(tmp_path: Path, jobs: str) -> None:
    # With -j 2 the warning is raised in a worker and its record merged back into the main process.
    pages = {f"p{i}.md": f"# P{i}\n" for i in range(6)}
    toctree = "```{toctree}\n" + "\n".join(pages).replace(".md", "") + "\n```\n\n"
    src = write_book(tmp_path / "src", {"index.md": "# Index\n\n" + toctree + SOURCE, **pages,
                                        "p5.md": "# P5\n\n" + FACT})
    first, second, status = build_twice(src, tmp_path / "out", "-j", jobs)
    assert len(first) == 1 and "[briefing.bad-date]" in first[0]
    assert re.search(r"p5\.md:\d+: WARNING", first[0])
    assert second == first
    assert status != 0  # -W still fails


def test_write_warning_is_replayed_on_an_unchanged_rebuild(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src", {"index.md": "# Index\n\nSee {person}`nobody`.\n"})
    first, second, status = build_twice(src, tmp_path / "out")
    assert len(first) == 1 and "[briefing.unknown-ref]" in first[0]
    assert second == first
    assert status != 0


def test_fixed_warning_is_gone_and_others_stay(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src", {
        "index.md": "# Index\n\n```{toctree}\nother\n```\n\n" + SOURCE + FACT,
        "other.md": "# Other\n\nSee {person}`nobody`.\n",
    })
    out = tmp_path / "out"
    first = briefing_warnings(first_build(src, out).warnings)
    assert len(first) == 2
    (src / "index.md").write_text((src / "index.md").read_text().replace("18.03.2023", "2023-03-18"))
    second = rebuild(src, out)
    assert briefing_warnings(second.warnings) == [w for w in first if "unknown-ref" in w]
    third = rebuild(src, out)
    assert briefing_warnings(third.warnings) == [w for w in first if "unknown-ref" in w]


def test_duplicate_warning_follows_the_current_owner(tmp_path: Path) -> None:
    person = "```{person} berg\n:name: Anna Berg\n:role: Minister\n```\n"
    src = write_book(tmp_path / "src", {
        "index.md": "# Index\n\n```{toctree}\nb\n```\n\n" + person,
        "b.md": "# B\n\n" + person,
    })
    out = tmp_path / "out"
    first = briefing_warnings(first_build(src, out).warnings)
    # Ids go to the first definition by document name: b.md keeps it, index.md is the duplicate.
    assert len(first) == 1 and "index.md" in first[0] and "duplicate-id" in first[0]
    assert briefing_warnings(rebuild(src, out).warnings) == first
    # The owner goes: index.md (not re-read) owns the id now, and nothing is duplicated.
    (src / "b.md").write_text("# B\n")
    assert briefing_warnings(rebuild(src, out).warnings) == []
    assert briefing_warnings(rebuild(src, out).warnings) == []
