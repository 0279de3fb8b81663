"""The uncited-claim check (``briefing_check_uncited``, ``briefing.uncited``).

The test root keeps the six sentences the review of 6 December 2026 found without a citation
(E15-E20), as they were, on ``before.md``, and their fixed forms on ``after.md``: each of the six gives
one warning at its file and line, the fixed forms none. A summary marked ``{cited-nearby}``, a table row
with a source cell and a page that opts out give none either; the mark itself is never printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ShelfBook, build, copy_root

# (line in before.md, words the warning shows, what the sentence states)
FINDINGS = [
    (5, "It met for talks with", "an act of a named person or body"),  # E15
    (9, "Linked to the pillar", "an act of a named person or body"),  # E16
    (13, "where the Chancellor named targets", "an act of a named person or body"),  # E17
    (18, "the freedom of the seas is also a pillar of EU", "an act of a named person or body"),  # E18
    (23, "Both countries depend strongly", "an act of a named person or body"),  # E19
    (27, "Germany:", "an act of a named person or body"),  # E20
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    src = copy_root("uncited", tmp_path_factory.mktemp("uncited"))
    result = build(src)
    return result.outdir, result.warnings


def uncited(warnings: str) -> list[str]:
    return [line for line in warnings.splitlines() if "[briefing.uncited]" in line]


def test_the_six_findings_are_each_reported_at_their_line(built: tuple[Path, str]) -> None:
    _, warnings = built
    found = [w for w in uncited(warnings) if "before.md" in w]
    assert len(found) == len(FINDINGS), "\n".join(found)
    for (line, words, claim), warning in zip(FINDINGS, found, strict=True):
        assert re.search(rf"before\.md:{line}: WARNING: uncited claim: “[^”]*{re.escape(words)}", warning), warning
        assert f"states {claim}" in warning
        assert "{cited-nearby}" in warning  # the message says how to mark a summary


def test_fixed_forms_summaries_tables_and_opted_out_pages_pass(built: tuple[Path, str]) -> None:
    _, warnings = built
    assert [w for w in uncited(warnings) if "before.md" not in w] == []


def test_the_mark_is_not_printed(built: tuple[Path, str]) -> None:
    outdir, _ = built
    page = (outdir / "after.html").read_text(encoding="utf-8")
    assert "met on 18 March 2023. See" in page  # nor the space typed before it
    assert "each fact is cited above" not in page and "cited-nearby" not in page


def test_the_space_before_the_mark_goes_and_earlier_line_breaks_stay(tmp_path: Path) -> None:
    # MyST gives each soft line break its own Text node, equal to every other one: taking out the
    # break before the mark must not take out an earlier one (the shelf's summit book printed
    # "Lancaster House(EEAS summit page)" and "any of them ." in HTML and PDF).
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_briefing"]\nbriefing_check_uncited = True\n', encoding="utf-8")
    (src / "index.md").write_text(
        "# Index\n\n```{source} s\n:title: T\n```\n\n"
        "It took place at Lancaster House\n({source}`s`). No source gives a time for any of them\n"
        "{cited-nearby}`a statement about the sources`. The end.\n",
        encoding="utf-8",
    )
    result = build(src)
    text = re.sub(r"<[^>]+>", "", (result.outdir / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"Lancaster House\s\(T\)", text), text
    assert "any of them. The end." in text


def test_off_by_default_and_suppressible(tmp_path: Path) -> None:
    src = copy_root("uncited", tmp_path)
    assert uncited(build(src, confoverrides={"briefing_check_uncited": False}).warnings) == []
    assert uncited(build(src, confoverrides={"suppress_warnings": ["briefing.uncited"]}).warnings) == []


def test_the_setting_is_checked(tmp_path: Path) -> None:
    src = copy_root("uncited", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("= True", '= "yes"'), encoding="utf-8")
    warnings = build(src).warnings
    assert re.search(r"conf\.py:5: WARNING: briefing_check_uncited: expected True or False", warnings), warnings


def test_every_book_turns_it_on_and_has_no_uncited_claim(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    """Every book of the shelf builds with the check on (and -W, in the fixture) without a warning."""
    assert shelf_book.conf.get("briefing_check_uncited") is True
    _, warnings = book_html
    assert uncited(warnings) == []
