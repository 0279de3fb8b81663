"""Upgrades do not break books: a book written for 0.1.0 builds with this version as it was written,
and a renamed setting keeps working for a release with one located ``briefing.deprecated`` warning.

``tests/roots/test-book-0.1.0`` is what ``sphinx-briefing new`` wrote at the 0.1.0 release (commit
1f3c652), kept as it is: never edit it to make a test pass; a change that breaks it needs a
deprecation instead (``core/config.py``'s ``RENAMED``) and a line in CHANGELOG.md's "Upgrading".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sphinx_briefing.core.config as config
from conftest import REPO, ROOTS, build, copy_root
from sphinx_briefing.core.config import RENAMED, Renamed

BOOK_010 = ROOTS / "test-book-0.1.0"
CHANGELOG = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def _upgrading() -> str:
    """CHANGELOG.md's "Upgrading" section (under [Unreleased] or a release)."""
    match = re.search(r"^### Upgrading\n(.*?)(?=^##)", CHANGELOG, re.M | re.S)
    assert match, "CHANGELOG.md has no '### Upgrading' section"
    return match[1]


def _deprecations(warnings: str) -> tuple[list[str], list[str]]:
    lines = [line for line in warnings.splitlines() if "WARNING" in line or "ERROR" in line]
    return ([line for line in lines if line.endswith("[briefing.deprecated]")],
            [line for line in lines if not line.endswith("[briefing.deprecated]")])


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_a_book_written_for_010_builds_as_it_was_written(builder: str, tmp_path: Path) -> None:
    """With -W, apart from the documented deprecations (each naming a setting CHANGELOG lists)."""
    built = build(BOOK_010 / "docs", builder, builddir=tmp_path, options=("-n",))
    deprecated, other = _deprecations(built.warnings)
    assert other == []
    upgrading = _upgrading()
    for line in deprecated:
        old = re.search(r"(briefing_\w+) was renamed", line)
        assert old and old[1] in upgrading, line
    if builder == "html":
        page = (tmp_path / "html" / "who-is-who.html").read_text(encoding="utf-8")
        assert "Example Person" in page


def test_a_renamed_setting_keeps_working_with_one_located_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mechanism every rename goes through, shown on a made-up rename of briefing_footer_mark."""
    monkeypatch.setattr(config, "RENAMED", (Renamed("briefing_footer", "briefing_footer_mark", "9.9"),))
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nbriefing_footer = "Old name mark"\n',
                    encoding="utf-8")
    line = conf.read_text(encoding="utf-8").splitlines().index('briefing_footer = "Old name mark"') + 1
    built = build(src, "latex", builddir=tmp_path / "build")
    deprecated, other = _deprecations(built.warnings)
    assert other == []
    assert len(deprecated) == 1
    assert f"conf.py:{line}:" in deprecated[0]
    assert "briefing_footer was renamed briefing_footer_mark in sphinx-briefing 9.9" in deprecated[0]
    assert "write briefing_footer_mark = 'Old name mark' instead" in deprecated[0]
    tex = next((tmp_path / "build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\renewcommand\briefingmark{Old name mark}" in tex


def test_the_new_name_wins_when_conf_py_sets_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "RENAMED", (Renamed("briefing_footer", "briefing_footer_mark", "9.9"),))
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8")
                    + '\nbriefing_footer = "Old"\nbriefing_footer_mark = "New"\n', encoding="utf-8")
    built = build(src, "latex", builddir=tmp_path / "build")
    deprecated, _ = _deprecations(built.warnings)
    assert len(deprecated) == 1 and "the old name is ignored, as conf.py sets both" in deprecated[0]
    tex = next((tmp_path / "build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\renewcommand\briefingmark{New}" in tex


def test_every_rename_is_in_the_changelogs_upgrading_section() -> None:
    upgrading = _upgrading()
    for rename in RENAMED:
        assert rename.old in upgrading and rename.new in upgrading, rename


def test_the_deprecation_warning_is_silenced_by_its_subtype(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "RENAMED", (Renamed("briefing_footer", "briefing_footer_mark", "9.9"),))
    src = copy_root("basic", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nbriefing_footer = "Old"\n', encoding="utf-8")
    quiet = build(src, "latex", builddir=tmp_path / "quiet",
                  confoverrides={"suppress_warnings": ["briefing.deprecated"]})
    assert _deprecations(quiet.warnings) == ([], [])
    tex = next((tmp_path / "quiet" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert r"\renewcommand\briefingmark{Old}" in tex  # silenced, still carried
