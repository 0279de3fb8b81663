"""Changes since the previous edition (issue 27): the ``changes`` listing, the marks, the leaflet box,
``sphinx-briefing diff``, the previous edition read from a path or a URL, in every builder and edition.

Two states of one test book: ``test-changes-old`` (edition 1.0) is built, and its ``briefing.json``
becomes ``test-changes``' previous edition. Between them: an added person (``nishimura``), a removed
fact (``trade-rank``), a changed value and as-of date (``trade-volume``), a changed status mark
(``g7-month``: unconfirmed → likely), a renamed id (``hayashi-y`` → ``hayashi`` with ``:replaces:``)
and a new quotation (``ukraine``).
"""

from __future__ import annotations

import copy
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO, ROOTS, FirstBuild, build, one, parsed_page
from sphinx_briefing.scaffold.new import main as cli_main

SCHEMA = json.loads((REPO / "_ext/sphinx_briefing/changes/schema/changes.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def previous_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The earlier state's ``briefing.json``, as its own build writes it."""
    builddir = tmp_path_factory.mktemp("old")
    result = build(ROOTS / "test-changes-old", builddir=builddir, options=("-W",))
    assert result.returncode == 0, result.warnings
    return result.outdir / "briefing.json"


def project(tmp_path: Path, previous: Path | None) -> Path:
    """A private copy of ``test-changes`` with *previous* as its ``previous.json``."""
    src = tmp_path / "book"
    shutil.copytree(ROOTS / "test-changes", src)
    if previous is not None:
        shutil.copy(previous, src / "previous.json")
    return src


def soup(path: Path) -> BeautifulSoup:
    return parsed_page(path)


def listing_lines(listing: Tag) -> list[str]:
    """A listing as a reader reads it: the summary line, each kind's heading, each row's cells."""
    lines = []
    listing = copy.copy(listing)  # its own copy: the page's tree is shared (conftest.parsed_page)
    for element in listing.find_all(["p", "tr"]):
        if element.name == "p" and element.find_parent("tr"):
            continue
        if element.name == "tr":
            # The cell labels (shown on phones instead of the header row) are left out.
            for label in element.select(".briefing-cell-label"):
                label.decompose()
            lines.append(" | ".join(cell.get_text(" ", strip=True) for cell in element.find_all(["td", "th"])))
        else:
            lines.append(element.get_text(" ", strip=True))
    return lines


EXPECTED_ALL = [
    "Since Edition 1.0 of 18 March 2023: 2 new, 3 changed, 1 removed.",
    "Facts",
    "Fact | What changed | Edition 1.0 | This edition",
    "47.2 billion euros in the pillar Trade | Value | 45.7 | 47.2",
    " | As of | 2021 | 2022",
    "May (likely) | Status | unconfirmed | likely",
    "second | Removed | Rank among Germany\u2019s Asian trading partners | —",
    "People",
    "Person | What changed | Edition 1.0 | This edition",
    "Yoshimasa Hayashi | Id | hayashi-y | hayashi",
    "Yasutoshi Nishimura | New | — | Minister of Economy, Trade and Industry, Japan",
    "Quotes",
    "Quote | What changed | Edition 1.0 | This edition",
    "“We both agree that Russia must end its brutal offensive against Ukraine…” | New | — | "
    "“We both agree that Russia must end its brutal offensive against Ukraine immediately and withdraw its troops.”",
]


@pytest.fixture(scope="module")
def english(previous_json: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The later state built to HTML with its previous edition: the output directory."""
    src = project(tmp_path_factory.mktemp("new"), previous_json)
    result = build(src, options=("-W", "-n"))
    assert result.returncode == 0, result.warnings
    return result.outdir


def test_listing_shows_every_change_side_by_side(english: Path) -> None:
    # Grouped by kind, and within a kind by pillar (the figure the pillar names says which).
    listings = soup(english / "changes.html").select("div.briefing-changes")
    assert listing_lines(listings[0]) == EXPECTED_ALL


def test_listing_rows_carry_marks_but_not_their_own_listing(english: Path) -> None:
    # In the changes listing the row is the change: a mark would say it twice.
    listing = soup(english / "changes.html").select("div.briefing-changes")[0]
    assert listing.select(".briefing-change-mark") == []


def test_filters_kind_and_pillar_and_an_empty_result_in_words(english: Path) -> None:
    people, pillar, sources = soup(english / "changes.html").select("div.briefing-changes")[1:]
    assert listing_lines(people) == [
        "Since Edition 1.0 of 18 March 2023: 1 new, 1 changed, 0 removed.",
        "People",
        "Person | What changed | Edition 1.0 | This edition",
        "Yoshimasa Hayashi | Id | hayashi-y | hayashi",
        "Yasutoshi Nishimura | New | — | Minister of Economy, Trade and Industry, Japan",
    ]
    # The pillar names trade-volume in :facts:; g7-month stands on its page but is not named.
    assert listing_lines(pillar) == [
        "Since Edition 1.0 of 18 March 2023: 0 new, 1 changed, 0 removed.",
        "Facts",
        "Fact | What changed | Edition 1.0 | This edition",
        "47.2 billion euros in the pillar Trade | Value | 45.7 | 47.2",
        " | As of | 2021 | 2022",
    ]
    assert listing_lines(sources) == ["No changes of kind \u2018source\u2019."]


def _marks(page: Path) -> dict[str, tuple[str, str]]:
    """Mark of each card on *page*: card anchor -> (mark text, hover text)."""
    found = {}
    for card in soup(page).select(".briefing-object, blockquote.briefing-quote, .briefing-quote"):
        mark = card.select_one(".briefing-change-mark")
        anchor = card.get("id") or next((t["id"] for t in card.select("[id]")), "")
        if mark is not None:
            found[str(anchor)] = (mark.get_text(), str(mark.get("title", "")))
    return found


def test_cards_of_new_and_changed_objects_carry_a_mark_with_the_old_values(english: Path) -> None:
    assert _marks(english / "people.html") == {
        "person-hayashi": ("changed", "In Edition 1.0: Id: hayashi-y"),
        "person-nishimura": ("new", "New since Edition 1.0"),
    }
    assert _marks(english / "facts.html") == {
        "fact-trade-volume": ("changed", "In Edition 1.0: Value: 45.7 · As of: 2021"),
        "fact-g7-month": ("changed", "In Edition 1.0: Status: unconfirmed"),
    }
    quotes = soup(english / "quotes.html").select(".briefing-change-mark")
    assert [(m.get_text(), m["title"]) for m in quotes] == [("new", "New since Edition 1.0")]


def test_rows_of_other_listings_carry_the_mark(english: Path) -> None:
    rows = soup(english / "people.html").select("div.briefing-who-is-who tbody tr")
    marked = {one(row, "td a").get_text(): [m.get_text() for m in row.select(".briefing-change-mark")]
              for row in rows}
    assert marked == {"Olaf Scholz": [], "Fumio Kishida": [], "Yoshimasa Hayashi": ["changed"],
                      "Yasutoshi Nishimura": ["new"]}
    figures = soup(english / "facts.html").select("div.briefing-key-figures tbody tr")
    assert [len(row.select(".briefing-change-mark")) for row in figures] == [1, 1]


def test_marks_can_be_turned_off(previous_json: Path, tmp_path: Path) -> None:
    result = build(project(tmp_path, previous_json), confoverrides={"briefing_change_marks": False})
    assert result.returncode == 0, result.warnings
    for page in ("people.html", "facts.html", "quotes.html"):
        assert soup(result.outdir / page).select(".briefing-change-mark") == []
    # The listing itself stays.
    assert listing_lines(soup(result.outdir / "changes.html").select("div.briefing-changes")[0])[0] == EXPECTED_ALL[0]


def test_german_edition_shows_the_changes_in_german(previous_json: Path, tmp_path: Path) -> None:
    result = build(project(tmp_path, previous_json), options=("-D", "language=de"))
    assert result.returncode == 0, result.warnings
    page = soup(result.outdir / "changes.html")
    assert listing_lines(page.select("div.briefing-changes")[0]) == [
        "Seit Edition 1.0 vom 18. März 2023: 2 neu, 3 geändert, 1 entfernt.",
        "Kennzahlen",
        "Kennzahl | Was sich geändert hat | Edition 1.0 | Diese Ausgabe",
        "47,2 Mrd. Euro in der Säule Handel | Wert | 45,7 | 47,2",
        " | Stand | 2021 | 2022",
        "Mai (wahrscheinlich) | Status | unbestätigt | wahrscheinlich",
        "second | Entfernt | Rank among Germany\u2019s Asian trading partners | —",
        "Personen",
        "Person | Was sich geändert hat | Edition 1.0 | Diese Ausgabe",
        "Yoshimasa Hayashi | Kennung | hayashi-y | hayashi",
        "Yasutoshi Nishimura | Neu | — | Minister für Wirtschaft, Handel und Industrie, Japan",
        "Zitate",
        "Zitat | Was sich geändert hat | Edition 1.0 | Diese Ausgabe",
        "„We both agree that Russia must end its brutal offensive against Ukraine…“ | Neu | — | "
        "„We both agree that Russia must end its brutal offensive against Ukraine immediately and withdraw its troops.“",
    ]
    # The removed fact's English, which no catalog of this edition translates, is marked as English.
    assert [e.get_text() for e in page.select('.briefing-change-original[lang="en"]')] == [
        "second", "Rank among Germany\u2019s Asian trading partners",
    ]
    assert _marks(result.outdir / "facts.html")["fact-trade-volume"] == (
        "geändert", "In Edition 1.0: Wert: 45,7 · Stand: 2021")


@pytest.mark.parametrize("content", [None, "{ not json", '{"objects": ["a list"]}'],
                         ids=["missing", "malformed", "not-an-export"])
def test_unreadable_previous_edition_one_located_warning_and_the_build_goes_on(
    content: str | None, tmp_path: Path
) -> None:
    src = project(tmp_path, None)
    if content is not None:
        (src / "previous.json").write_text(content, encoding="utf-8")
    result = build(src, options=("-n",))
    assert result.returncode == 0
    lines = [line for line in result.warnings.splitlines() if "WARNING" in line]
    line = next(n for n, text in enumerate((src / "conf.py").read_text().splitlines(), 1)
                if text.startswith("briefing_previous_edition"))
    assert len(lines) == 1, result.warnings
    assert lines[0].startswith(f"{src / 'conf.py'}:{line}: WARNING: briefing_previous_edition: cannot read 'previous.json'")
    assert lines[0].endswith("the book is built without changes [briefing.bad-previous]")
    page = soup(result.outdir / "changes.html")
    assert one(page, "div.briefing-changes").get_text(" ", strip=True) == (
        "No previous edition is named, so there is nothing to compare with.")
    assert soup(result.outdir / "people.html").select(".briefing-change-mark") == []


def test_bad_setting_is_reported_with_the_other_settings(tmp_path: Path) -> None:
    result = build(project(tmp_path, None), confoverrides={"briefing_previous_edition": {"file": "x.json"}})
    assert "briefing_previous_edition: expected a dict such as" in result.warnings
    assert "unknown key(s): file, not {'file': 'x.json'}; using the default {} [briefing.bad-config]" in result.warnings
    assert "bad-previous" not in result.warnings


@pytest.fixture
def server(previous_json: Path) -> Iterator[tuple[str, http.server.ThreadingHTTPServer]]:
    """A local HTTP server serving the previous edition's directory: (URL of briefing.json, server)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(previous_json.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/briefing.json", httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_is_fetched_and_cached_and_used_offline(
    server: tuple[str, http.server.ThreadingHTTPServer], tmp_path: Path
) -> None:
    url, httpd = server
    src = project(tmp_path, None)
    setting = {"location": url, "label": "Edition 1.0", "date": "18 March 2023"}
    online = build(src, options=("-n",), confoverrides={"briefing_previous_edition": setting})
    assert online.returncode == 0 and "WARNING" not in online.warnings, online.warnings
    assert listing_lines(soup(online.outdir / "changes.html").select("div.briefing-changes")[0]) == EXPECTED_ALL
    cached = list((src / "_build" / "doctrees" / "briefing-previous").glob("*.json"))
    assert len(cached) == 1
    httpd.shutdown()
    httpd.server_close()
    # Offline (the server is gone): the copy fetched before, with no warning, the same listing.
    (online.outdir / "changes.html").unlink()
    offline = build(src, options=("-n",), confoverrides={"briefing_previous_edition": setting})
    assert offline.returncode == 0 and "WARNING" not in offline.warnings, offline.warnings
    assert "does not answer" in offline.status and "using the copy fetched before" in offline.status
    assert listing_lines(soup(offline.outdir / "changes.html").select("div.briefing-changes")[0]) == EXPECTED_ALL
    # Without the copy, offline is one located warning.
    shutil.rmtree(src / "_build")
    lost = build(src, options=("-n",), confoverrides={"briefing_previous_edition": setting})
    assert lost.returncode == 0
    assert lost.warnings.count("WARNING") == 1 and "[briefing.bad-previous]" in lost.warnings


@pytest.mark.parametrize("builder", ["text", "singlehtml", "latex", "epub", "man"])
def test_every_builder_shows_the_listing_and_marks(builder: str, previous_json: Path, tmp_path: Path) -> None:
    result = build(project(tmp_path, previous_json), builder, options=("-n",), confoverrides={"copyright": "2026"})
    assert result.returncode == 0, result.warnings
    assert "WARNING" not in result.warnings, result.warnings
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(result.outdir.rglob("*"))
                     if p.suffix in {".txt", ".html", ".xhtml", ".tex", ".1"})
    assert "2 new, 3 changed, 1 removed" in text
    # The renamed id, as each writer escapes its hyphen.
    assert any(f"hayashi{hyphen}y" in text for hyphen in ("-", r"\sphinxhyphen{}", r"\-"))
    assert "Minister of Economy, Trade and Industry" in text
    if builder == "latex":
        # The PDF's marks go into the margin (briefing.sty's \briefingchangemark, marginnote).
        assert text.count(r"\briefingchangemark{new}") == 3  # person card and row, quotation card
        assert r"\briefingchangemark{changed}" in text


def test_leaflet_gets_a_whats_new_box(previous_json: Path, tmp_path: Path) -> None:
    result = build(project(tmp_path, previous_json), "briefing-leaflet", options=("-n",))
    assert result.returncode == 0, result.warnings
    tex = next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")
    box = tex[tex.index(r"\begin{sphinxuseclass}{briefing-whats-new}"):]
    box = box[: box.index(r"\end{itemize}")]
    # (a date is set unbreakable in the PDF: \mbox{18 March 2023}, outputs/latex/typesetting.py)
    box = re.sub(r"\\mbox\{([^}]*)\}", r"\1", box)
    for line in ("What\u2019s new", "Since Edition 1.0 of 18 March 2023: 2 new, 3 changed, 1 removed.",
                 "47.2 billion euros: changed (Value, As of)", "May: changed (Status)",
                 "second: removed", "Yoshimasa Hayashi: changed (Id)", "Yasutoshi Nishimura: new",
                 "and 1 more: see the book"):
        assert line in box, (line, box)


def test_no_box_without_a_previous_edition(tmp_path: Path) -> None:
    src = project(tmp_path, None)
    result = build(src, "briefing-leaflet", confoverrides={"briefing_previous_edition": {}})
    assert result.returncode == 0, result.warnings
    assert "briefing-whats-new" not in next(result.outdir.glob("*.tex")).read_text(encoding="utf-8")


# -- incremental and parallel ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_build(previous_json: Path, tmp_path_factory: pytest.TempPathFactory) -> FirstBuild:
    """The project with its previous edition, built once (``-n``, ``-j 1``): the start of the
    incremental test and the serial side of the parallel one."""
    base = tmp_path_factory.mktemp("first")
    return FirstBuild(project(base, previous_json), base / "build", options=("-n",))


def test_editing_the_previous_edition_or_an_object_rewrites_listing_and_marks(
    first_build: FirstBuild, tmp_path: Path
) -> None:
    first = first_build.first
    assert first.returncode == 0, first.warnings
    src, builddir = first_build.restored()
    # The previous edition becomes this edition itself: nothing changed since.
    shutil.copy(first.outdir / "briefing.json", src / "previous.json")
    second = build(src, builddir=builddir, subprocess=True, fresh=False, options=("-n",))
    # (incremental: the restored first build's environment was taken up, not read afresh)
    assert "updating environment: [" not in second.status, second.status[:2000]
    assert one(soup(second.outdir / "changes.html"), "div.briefing-changes p").get_text(" ", strip=True) == (
        "No changes since Edition 1.0 of 18 March 2023.")
    assert soup(second.outdir / "people.html").select(".briefing-change-mark") == []
    # An object edited since: its card, its row and the listing follow without a clean build.
    path = src / "people.md"
    path.write_text(path.read_text(encoding="utf-8").replace(":role: Prime Minister", ":role: Prime Minister of Japan"),
                    encoding="utf-8")
    third = build(src, builddir=builddir, subprocess=True, fresh=False, options=("-n",))
    lines = listing_lines(soup(third.outdir / "changes.html").select("div.briefing-changes")[0])
    assert lines[:4] == ["Since Edition 1.0 of 18 March 2023: 0 new, 1 changed, 0 removed.", "People",
                         "Person | What changed | Edition 1.0 | This edition",
                         "Fumio Kishida | Role | Prime Minister | Prime Minister of Japan"]
    assert _marks(third.outdir / "people.html") == {
        "person-kishida": ("changed", "In Edition 1.0: Role: Prime Minister")}
    # And the same pages as a clean build.
    clean = build(src, builddir=tmp_path / "clean", options=("-n",), like_subprocess=True)
    for page in ("changes.html", "people.html", "facts.html"):
        assert (third.outdir / page).read_bytes() == (clean.outdir / page).read_bytes(), page


def test_parallel_build_equals_serial(first_build: FirstBuild, previous_json: Path, tmp_path: Path) -> None:
    # -j 1: the module's first build of the same project with the same options (-n).
    assert first_build.first.returncode == 0, first_build.first.warnings
    outputs = {"1": {p.name: p.read_bytes() for p in sorted((first_build.restored()[1] / "html").glob("*.html"))}}
    result = build(project(tmp_path, previous_json), builddir=tmp_path / "j2", subprocess=True, options=("-n", "-j", "2"))
    assert result.returncode == 0, result.warnings
    outputs["2"] = {p.name: p.read_bytes() for p in sorted(result.outdir.glob("*.html"))}
    assert outputs["1"] == outputs["2"]
    assert b"briefing-change-mark" in outputs["2"]["people.html"]


# -- sphinx-briefing diff ---------------------------------------------------------------------------


#: The console command, as installed beside this interpreter (as test_scaffold runs ``new``).
COMMAND = Path(sys.executable).parent / "sphinx-briefing"


def diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(COMMAND), "diff", *args], capture_output=True, text=True, check=False, cwd=REPO)


def diff_here(capsys: pytest.CaptureFixture[str], *args: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-briefing diff`` through the console command's own ``main``, in this process, with what
    it printed: for the tests of what a comparison says, where a new interpreter per call cost about
    half a CPU-second. The installed command itself runs in test_diff_text and
    test_diff_trouble_exits_2 (exit statuses 1 and 2, its messages on stderr)."""
    capsys.readouterr()
    code = cli_main(["diff", *args])
    printed = capsys.readouterr()
    return subprocess.CompletedProcess(["diff", *args], code, printed.out, printed.err)


@pytest.fixture(scope="module")
def later_json(english: Path) -> Path:
    return english / "briefing.json"


def test_diff_text(previous_json: Path, later_json: Path) -> None:
    proc = diff(str(previous_json), str(later_json), "--old-label", "Edition 1.0", "--new-label", "Edition 1.1")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == """\
Changes from Edition 1.0 to Edition 1.1: 2 new, 3 changed, 1 removed.

Facts
  ~ 47.2 billion euros [trade-volume] changed
      As of: 2021 -> 2022
      Value: 45.7 -> 47.2
  ~ May [g7-month] changed
      Status: unconfirmed -> likely
  - second [trade-rank] removed

People
  ~ Yoshimasa Hayashi [hayashi] changed (id was hayashi-y)
  + Yasutoshi Nishimura [nishimura] new

Quotes
  + “We both agree that Russia must end its brutal offensive against Ukraine…” [ukraine] new
"""


def test_diff_markdown(previous_json: Path, later_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proc = diff_here(capsys, str(previous_json), str(later_json), "--format", "markdown",
                     "--old-label", "Edition 1.0", "--new-label", "Edition 1.1")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == """\
# What changed since Edition 1.0

Edition 1.1 compared with Edition 1.0: 2 new, 3 changed, 1 removed.

## Facts

| | Change | Edition 1.0 | Edition 1.1 |
|---|---|---|---|
| **47.2 billion euros** | As of | 2021 | 2022 |
|  | Value | 45.7 | 47.2 |
| **May** | Status | unconfirmed | likely |
| **second** | Removed | — | — |

## People

| | Change | Edition 1.0 | Edition 1.1 |
|---|---|---|---|
| **Yoshimasa Hayashi** | renamed | hayashi-y | hayashi |
| **Yasutoshi Nishimura** | New | — | — |

## Quotes

| | Change | Edition 1.0 | Edition 1.1 |
|---|---|---|---|
| **“We both agree that Russia must end its brutal offensive against Ukraine…”** | New | — | — |
"""


def test_diff_json_validates_against_its_schema(previous_json: Path, later_json: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    proc = diff_here(capsys, str(previous_json), str(later_json), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["summary"] == {"added": 2, "changed": 3, "removed": 1}
    assert data["old"] == {"label": "changes 1.0", "project": "changes", "version": "1.0", "language": "en"}
    assert data["new"]["label"] == "changes 1.1"
    assert [(c["kind"], c["id"], c["change"], c["replaces"], [(f["name"], f["old"], f["new"]) for f in c["fields"]])
            for c in data["changes"]] == [
        ("fact", "trade-volume", "changed", None, [("as-of", "2021", "2022"), ("value", "45.7", "47.2")]),
        ("fact", "g7-month", "changed", None, [("status", "unconfirmed", "likely")]),
        ("fact", "trade-rank", "removed", None, []),
        ("person", "hayashi", "changed", "hayashi-y", []),
        ("person", "nishimura", "added", None, []),
        ("quote", "ukraine", "added", None, []),
    ]
    # The schema shipped is the one --schema prints.
    assert json.loads(diff_here(capsys, "--schema").stdout) == SCHEMA


def test_diff_equal_editions_exit_0_and_built_books_as_input(later_json: Path, english: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    proc = diff_here(capsys, str(english), str(later_json))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Changes from the previous edition to this edition: No changes.\n"
    data = json.loads(diff_here(capsys, str(later_json), str(later_json), "--format", "json").stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["equal"] is True and data["changes"] == []


def test_diff_trouble_exits_2(tmp_path: Path, later_json: Path) -> None:
    (tmp_path / "bad.json").write_text('{"objects": 3}', encoding="utf-8")
    for args in ((str(tmp_path / "missing.json"), str(later_json)), (str(tmp_path / "bad.json"), str(later_json)), ()):
        proc = diff(*args)
        assert proc.returncode == 2 and proc.stdout == "" and proc.stderr.startswith("sphinx-briefing diff: "), proc


def test_a_pillar_page_sets_its_title_once_and_keeps_its_mark(germany_japan_html: tuple[Path, str]) -> None:
    """The Germany-Japan book's pillar pages (their pillars are changed since its previous edition): the
    banner does not repeat the page's heading below it, mark or no mark; the "changed" mark stays on
    the banner."""
    outdir, _ = germany_japan_html
    marked = 0
    for page in sorted((REPO / "docs" / "pillars").glob("*.md")):
        if page.stem == "index":
            continue
        soup = parsed_page(outdir, f"pillars/{page.stem}", private=True)
        heading = " ".join(one(soup, "h1").get_text().replace("¶", "").split())
        for banner in soup.select(".briefing-pillar-title"):
            assert " ".join(banner.get_text().split()) != heading, page.stem
            for mark in banner.select(".briefing-change-mark"):
                mark.decompose()
            assert " ".join(banner.get_text().split()) != heading, page.stem
        marked += len(soup.select(".briefing-pillar-marks .briefing-change-mark"))
    assert marked, "the pillars changed since the previous edition keep their mark"


def test_diff_without_labels_tells_the_two_editions_apart(previous_json: Path, later_json: Path,
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two exports of one project and version: named by their date of preparation when they have one,
    else "the previous edition" and "this edition", never the same name twice."""
    old, new = json.loads(previous_json.read_text(encoding="utf-8")), json.loads(later_json.read_text(encoding="utf-8"))
    assert old["project"] == new["project"]
    for name, data in (("old", old), ("new", new)):
        data.pop("book", None)
        data["version"] = "1.1"  # two drafts of one version
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    proc = diff_here(capsys, str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    assert proc.stdout.splitlines()[0] == "Changes from the previous edition to this edition: 2 new, 3 changed, 1 removed."
    old["book"], new["book"] = {"prepared_on": "29 November 2026"}, {"prepared_on": "6 December 2026"}
    for name, data in (("old", old), ("new", new)):
        (tmp_path / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    proc = diff_here(capsys, str(tmp_path / "old.json"), str(tmp_path / "new.json"), "--format", "json")
    labels = json.loads(proc.stdout)
    project = f"{new['project']} {new['version']}"
    assert (labels["old"]["label"], labels["new"]["label"]) == (
        f"{project}, prepared 29 November 2026", f"{project}, prepared 6 December 2026")
