"""The ``briefing_*`` config values: each good value shows in the output, each bad one gives exactly
one ``briefing.bad-config`` warning naming it, and the build goes on with the default.

One LaTeX build with every book setting set, one with every value wrong (faster than a build per
value, and it proves the warnings do not interfere); plus HTML builds for the export settings.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from conftest import ROOTS, build, copy_root

#: The emblem images written into the test project (a 1x1 PNG).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)

GOOD: dict[str, object] = {
    "briefing_title": "Testland and Examplia",
    "briefing_subtitle": "A subtitle of the test",
    "briefing_occasion": "The annual test consultations",
    "briefing_date": datetime.date(2030, 4, 1),
    "briefing_venue": "Exampleville",
    "briefing_edition": "Second edition, revised",
    "briefing_status": "Offices as held on the day of the test",
    "briefing_short_title": "Test talks 2030",
    "briefing_footer_mark": "For test use only",
    "briefing_pdf_metadata": {"subject": "A test subject", "keywords": ["alpha", "beta"],
                              "author": "Test Office"},
    "briefing_emblems": ["_emblems/one.png", "_emblems/two.png"],
    "briefing_handling": "RESTRICTED: test & handling",
    "briefing_prepared_on": datetime.date(2030, 3, 15),
    "briefing_prepared_by": "Test Office",
    "briefing_reference": "T-2030/1",
    "briefing_information_as_of": "31 March 2030",
}

#: In the .tex: what each good value above becomes.
IN_LATEX = {
    "briefing_title": r"\renewcommand\briefingtitle{Testland and Examplia}",
    "briefing_subtitle": r"\renewcommand\briefingsubtitle{A subtitle of the test}",
    "briefing_occasion": r"\renewcommand\briefingoccasion{The annual test consultations}",
    # a datetime.date is written out in the book's language (en: as the pages write dates; others:
    # Babel, tests/test_editions.py)
    "briefing_date": r"\renewcommand\briefingdate{1 April 2030}",
    "briefing_venue": r"\renewcommand\briefingvenue{Exampleville}",
    "briefing_edition": r"\renewcommand\briefingedition{Second edition, revised}",
    "briefing_status": r"\renewcommand\briefingstatus{Offices as held on the day of the test}",
    "briefing_short_title": r"\renewcommand\briefingshorttitle{Test talks 2030}",
    "briefing_footer_mark": r"\renewcommand\briefingmark{For test use only}",
    "briefing_pdf_metadata": "pdfsubject={{A test subject}}, pdfkeywords={alpha, beta}",
    "briefing_emblems": r"\includegraphics[height=2.4cm]{one.png}\hspace{8mm}"
                        r"\includegraphics[height=2.4cm]{two.png}",
    # the handling line escaped as any text; the date of preparation written out, and as month and
    # year for the leaflet's foot
    "briefing_handling": r"\renewcommand\briefinghandling{RESTRICTED: test \& handling}",
    "briefing_prepared_on": r"\renewcommand\briefingpreparedon{15 March 2030}",
    "briefing_prepared_by": r"\renewcommand\briefingpreparedby{Test Office}",
    "briefing_reference": r"\renewcommand\briefingreference{T\sphinxhyphen{}2030/1}",
    "briefing_information_as_of": r"\renewcommand\briefinginformationasof{31 March 2030}",
}

BAD: dict[str, object] = {
    "briefing_title": 42,
    "briefing_subtitle": ["not", "a", "string"],
    "briefing_occasion": None,
    "briefing_date": 2030,
    "briefing_venue": b"bytes",
    "briefing_edition": 1.0,
    "briefing_status": {"a set"},
    "briefing_short_title": 3,
    "briefing_footer_mark": True,
    "briefing_pdf_metadata": {"colour": "red"},
    "briefing_emblems": ["_emblems/missing.pdf"],
    "briefing_json_builders": "html",
    "briefing_import": [("only-a-location",)],
    "briefing_native_language": "Japanese script",
    "briefing_status_marks": {"maybe": "?"},
    "briefing_citation_style": "footnotes",
    "briefing_first_mention_links": "person",
    "briefing_headline_figures": -1,
    "briefing_copy_words": -1,
    "briefing_check_uncited": "yes",
    "briefing_leaflet": "at-a-glance",
    "briefing_editions": ["en", "Deutsch"],
    "briefing_original_only": "authoring-guide",
    "briefing_pdfa": "no",
    "briefing_docx_reference": ["office.docx"],
    "briefing_previous_edition": {"location": "ftp://example.org/briefing.json"},
    "briefing_change_marks": "yes",
    "briefing_handling": ["PUBLIC"],
    "briefing_prepared_on": 20300315,
    "briefing_prepared_by": 7,
    "briefing_reference": None,
    "briefing_information_as_of": 2030,
    "briefing_pillar_pages": "yes",
}


def _project(tmp_path: Path, settings: dict[str, object]) -> Path:
    """test-basic with *settings* written into its conf.py, one per line (for the warning's line)."""
    src = copy_root("basic", tmp_path)
    (src / "_emblems").mkdir()
    for name in ("one.png", "two.png"):
        (src / "_emblems" / name).write_bytes(PNG)
    conf = src / "conf.py"
    lines = [f"{name} = {value!r}" for name, value in settings.items()]
    conf.write_text(conf.read_text(encoding="utf-8") + "import datetime\n" + "\n".join(lines) + "\n",
                    encoding="utf-8")
    return src


def _tex(outdir: Path) -> str:
    return next(outdir.glob("*.tex")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def good_latex(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    src = _project(tmp_path_factory.mktemp("good"), GOOD)
    built = build(src, "latex")
    return built.outdir, built.warnings


@pytest.fixture(scope="module")
def bad_latex(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    src = _project(tmp_path_factory.mktemp("bad"), BAD)
    built = build(src, "latex")
    outdir, warnings = built.outdir, built.warnings
    return outdir, warnings, src / "conf.py"


def test_every_setting_is_covered() -> None:
    from sphinx_briefing.core.config import SETTINGS

    names = {setting.name for setting in SETTINGS}
    assert set(BAD) == names
    # good values of these are tested where they act: test_data, test_status, test_citation_styles,
    # test_archive (and below)
    elsewhere = {"briefing_json_builders", "briefing_import", "briefing_native_language",
                 "briefing_status_marks", "briefing_citation_style", "briefing_copy_words",
                 "briefing_leaflet", "briefing_editions", "briefing_original_only",  # test_editions
                 "briefing_check_uncited",  # test_uncited
                 "briefing_pdfa", "briefing_docx_reference",  # test_pdfa, test_docx
                 "briefing_previous_edition", "briefing_change_marks",  # test_changes
                 "briefing_pillar_pages",  # test_pdf
                 "briefing_first_mention_links", "briefing_headline_figures"}  # test_citation_notes, test_headline_figures
    assert set(GOOD) | elsewhere == names


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_value_reaches_the_latex(good_latex: tuple[Path, str], name: str) -> None:
    outdir, warnings = good_latex
    assert "bad-config" not in warnings
    assert IN_LATEX[name] in _tex(outdir)


def test_the_leaflet_foot_gets_the_month_of_preparation(good_latex: tuple[Path, str]) -> None:
    outdir, _ = good_latex
    assert r"\renewcommand\briefingpreparedmonth{March 2030}" in _tex(outdir)


def test_emblems_are_copied_beside_the_tex(good_latex: tuple[Path, str]) -> None:
    outdir, _ = good_latex
    assert (outdir / "one.png").read_bytes() == PNG
    assert (outdir / "two.png").is_file()


def test_defaults_draw_no_mark_no_emblem_and_the_project_as_title(tmp_path: Path) -> None:
    built = build(copy_root("basic", tmp_path), "latex")
    outdir = built.outdir
    tex = _tex(outdir)
    assert r"\renewcommand\briefingtitle{basic}" in tex
    assert r"\renewcommand\briefingmark{}" in tex  # no footer text of another book
    assert r"\renewcommand\briefingtitleart" not in tex
    assert r"\briefingmaketitle" in tex and r"\briefingtableofcontents" in tex
    assert "pdftitle={{basic}}" in tex
    sty = (outdir / "briefing.sty").read_text(encoding="utf-8")
    assert "compiled from public sources" not in sty


def test_latex_in_a_setting_stays_text(tmp_path: Path) -> None:
    src = _project(tmp_path, {"briefing_title": r"\input{/etc/passwd} & 100% {x}_1"})
    tex = _tex(build(src, "latex").outdir)
    line = next(line for line in tex.splitlines() if line.startswith(r"\renewcommand\briefingtitle"))
    assert r"\input" not in line
    assert r"\textbackslash{}input\{/etc/passwd\} \& 100\% \{x\}\_1" in line


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_value_gives_one_warning_naming_it(bad_latex: tuple[Path, str, Path], name: str) -> None:
    _, warnings, conf = bad_latex
    lines = conf.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"{name} ="))
    mine = [w for w in warnings.splitlines() if f" {name}: expected " in w]
    assert len(mine) == 1, warnings
    assert mine[0].startswith(f"{conf}:{line}: WARNING: {name}: expected ")
    assert mine[0].endswith("[briefing.bad-config]")
    # Sphinx's own type check sees only the default, so it adds nothing.
    assert f"config value `{name}'" not in warnings


def test_bad_values_fall_back_to_the_defaults(bad_latex: tuple[Path, str, Path]) -> None:
    outdir, warnings, _ = bad_latex
    assert warnings.count("[briefing.bad-config]") == len(BAD)
    assert "Traceback" not in warnings
    tex = _tex(outdir)
    assert r"\renewcommand\briefingtitle{basic}" in tex  # the project, not 42
    assert r"\renewcommand\briefingtitleart" not in tex


@pytest.mark.parametrize(
    "value", [[("a.json",)], [("a.json", "https://a.example/", "extra")], ["ok.json", 7], "a.json"]
)
def test_malformed_import_warns_instead_of_a_traceback(tmp_path: Path, value: object) -> None:
    src = _project(tmp_path, {"briefing_import": value})
    built = build(src)
    outdir, warnings = built.outdir, built.warnings
    assert warnings.count("[briefing.bad-config]") == 1, warnings
    assert "briefing_import: expected a list of locations" in warnings
    assert (outdir / "people.html").is_file()  # the build went on


def test_json_builders_good_value_changes_the_output(tmp_path: Path) -> None:
    built = build(copy_root("basic", tmp_path / "a"))
    default = built.outdir
    assert (default / "briefing.json").is_file()
    built = build(_project(tmp_path / "b", {"briefing_json_builders": []}))
    off, warnings = built.outdir, built.warnings
    assert "bad-config" not in warnings
    assert not (off / "briefing.json").exists()


def test_native_language_good_value_changes_the_html(tmp_path: Path) -> None:
    built = build(_project(tmp_path, {"briefing_native_language": "zh-Hant"}))
    outdir, warnings = built.outdir, built.warnings
    assert "bad-config" not in warnings
    html = (outdir / "people.html").read_text(encoding="utf-8")
    assert re.search(r'lang="zh-Hant"[^>]*>岸田文雄<', html), html


def test_import_good_value_resolves_references(tmp_path: Path) -> None:
    """A (location, base URL) pair: book B's reference to book A's person links to A's page."""
    built = build(copy_root("basic", tmp_path))
    book_a = built.outdir
    exported = json.loads((book_a / "briefing.json").read_text(encoding="utf-8"))
    assert "scholz" in exported["objects"]["person"]
    book_b = copy_root("import", tmp_path)
    built = build(book_b,
                  confoverrides={"briefing_import": [(str(book_a / "briefing.json"), "https://a.example/")]})
    outdir, warnings = built.outdir, built.warnings
    assert "bad-config" not in warnings
    html = (outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://a\.example/people\.html#person-scholz"', html), html


def test_roots_declare_no_setting_the_extension_does_not_know() -> None:
    """A misspelt setting (briefing_titel) would be silently ignored by Sphinx; none in the roots."""
    from sphinx_briefing.core.config import SETTINGS

    known = {setting.name for setting in SETTINGS}
    for conf in [*ROOTS.glob("*/conf.py"), ROOTS.parent.parent / "docs" / "conf.py"]:
        used = set(re.findall(r"^(briefing_\w+)\s*[:=]", conf.read_text(encoding="utf-8"), re.M))
        assert used <= known, (conf, used - known)
