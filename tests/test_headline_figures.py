"""Figures that are figures (issue 22.4): display type only for the headline figures the author marks.

A factbox marked ``:headline:`` (a flag, written alone) is one of the book's two or three headline
figures: its value is set in display type in its card and, side by side with the others, first in
the key-figures listing (``key-figures :headline:`` lists them alone, for an "At a glance" page);
every other figure is compact. More than ``briefing_headline_figures`` warn; a date, time or
duration is never a headline figure. Checked where a reader sees it: computed styles in Chromium,
the LaTeX, ``briefing.json``, warnings with file and line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import RootBuilds, build, one, parsed_page

FIGURES = """\
# Figures

```{source} report
:title: A report
:short: Report
```

```{factbox} trade
:value: 45.7
:unit: billion euros
:label: Trade
:source: report
:headline:
```

```{factbox} distance
:value: 9,000
:unit: kilometres
:label: Distance
:source: report
```

```{factbox} since
:value: 2019
:label: In force since
:source: report
```

## Listing

```{key-figures}
```

## Headline only

```{key-figures}
:headline:
```
"""


#: The figures' page keeps a date among its factboxes (a book written before dates moved to the
#: programme); the suggestion it draws is tested in tests/test_schedule_items.py.
QUIET = {"suppress_warnings": ["briefing.deprecated"]}


def write_book(srcdir: Path, page: str = FIGURES, conf: str = "") -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n' + conf, encoding="utf-8")
    (srcdir / "index.md").write_text(page, encoding="utf-8")
    return srcdir


def test_only_the_marked_figure_takes_display_type(tmp_path: Path, built_root: RootBuilds, browser: Any) -> None:
    out = built_root(write_book(tmp_path / "src"), confoverrides=QUIET)
    page = parsed_page(out, "index")
    cards = {one(c, ".briefing-fact-label").get_text(strip=True): c["class"]
             for c in page.select("div.briefing-fact")}
    assert "briefing-fact-headline" in cards["Trade"]
    assert "briefing-fact-headline" not in cards["Distance"] and "briefing-fact-schedule" in cards["In force since"]
    # The listing: the headline figure first, alone in display type; the other quantity in the table.
    full, alone = page.select("table.briefing-headline-figures")
    assert [one(td, ".briefing-headline-value").get_text(" ", strip=True) for td in full.select("td")] == \
        ["45.7 billion euros"]
    assert [td.get_text(" ", strip=True) for td in alone.select("td")] == [td.get_text(" ", strip=True)
                                                                        for td in full.select("td")]
    rows = [tr.get_text(" ", strip=True) for tr in page.select("table.briefing-table tbody tr")]
    assert any("9,000" in r for r in rows) and not any("45.7" in r for r in rows)
    view = browser.new_page()
    try:
        view.goto((out / "index.html").as_uri())
        size = view.evaluate("s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", "p")
        headline_card, compact_card = (view.evaluate(
            "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)", selector)
            for selector in (".briefing-fact-headline .briefing-fact-number",
                             "div.briefing-fact:not(.briefing-fact-headline):not(.briefing-fact-schedule) "
                             ".briefing-fact-number"))
        listed = view.evaluate("s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)",
                               ".briefing-headline-value")
    finally:
        view.close()
    assert headline_card >= 1.8 * size and listed >= 1.4 * size
    assert compact_card <= 1.35 * size


def test_the_latex_sets_the_headline_in_display_type(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"), "latex", confoverrides=QUIET)
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert tex.count(r"\begin{sphinxuseclass}{briefing-fact-headline}") == 1
    assert tex.count(r"\begin{sphinxuseclass}{briefing-headline-value}") == 2  # the listing, twice
    headline = tex[tex.index(r"\begin{sphinxuseclass}{briefing-fact-headline}") - 2000:]
    assert "45.7" in headline[:2600]
    sty = (out / "briefing.sty").read_text(encoding="utf-8")
    assert r"\newenvironment{sphinxclassbriefing-fact-headline}" in sty


def test_briefing_json_carries_the_mark(tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src"), confoverrides=QUIET)
    data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    facts = data["objects"]["fact"]
    assert facts["trade"]["fields"]["headline"] == "yes"
    assert "headline" not in facts["distance"]["fields"]
    assert data["kinds"]["fact"]["options"]["headline"]["type"] == "flag"


def test_more_headlines_than_the_book_allows_warn_at_each_one_past(tmp_path: Path) -> None:
    marked = "".join(f"```{{factbox}} f{i}\n:value: {i}00\n:label: F{i}\n:source: report\n:headline:\n```\n\n"
                     for i in range(1, 5))
    page = "# Figures\n\n```{source} report\n:title: A report\n```\n\n" + marked
    src = write_book(tmp_path / "src", page)
    built = build(src, builddir=tmp_path / "b")
    found = [w for w in built.warnings.splitlines() if w.strip()]
    line = page.splitlines().index("```{factbox} f4") + 1
    assert found == [
        f"{src / 'index.md'}:{line}: WARNING: factbox directive: option 'headline': 4 figures are marked, more "
        "than briefing_headline_figures (3); the first in the book are 'f1', 'f2', 'f3': keep two or three "
        "[briefing.too-many-headlines]"
    ]
    # The book's own limit, no limit at all, or the warning silenced by name.
    for conf in ("briefing_headline_figures = 4\n", "briefing_headline_figures = 0\n",
                 'suppress_warnings = ["briefing.too-many-headlines"]\n'):
        write_book(src, page, conf)
        assert build(src, builddir=tmp_path / "c").warnings.strip() == "", conf


def test_a_date_is_never_a_headline_figure(tmp_path: Path) -> None:
    page = FIGURES.replace(":label: In force since\n", ":label: In force since\n:headline:\n")
    src = write_book(tmp_path / "src", page)
    built = build(src, builddir=tmp_path / "b")
    line = page.splitlines().index("```{factbox} since") + 1
    found = [w for w in built.warnings.splitlines() if w.strip()]
    assert found[0] == (
        f"{src / 'index.md'}:{line}: WARNING: factbox directive: option 'headline': '2019' is a date, time or "
        "duration, not a quantity; it is shown with the programme's items, not as a headline figure "
        "[briefing.bad-value]"
    )
    # (and, like any date in a factbox, the suggestion to move it: tests/test_schedule_items.py)
    assert len(found) == 2 and found[1].endswith("[briefing.deprecated]")
    card = next(c for c in parsed_page(built.outdir, "index").select("div.briefing-fact")
                if "2019" in c.get_text())
    assert "briefing-fact-headline" not in card["class"]


def test_the_book_marks_two_or_three_headline_figures(germany_japan_html: tuple[Path, str]) -> None:
    out, _ = germany_japan_html
    for name in ("key-figures", "at-a-glance"):
        band = parsed_page(out, name).select_one("table.briefing-headline-figures")
        assert band is not None, name
        values = [one(td, ".briefing-headline-value a").get_text(" ", strip=True) for td in band.select("td")]
        assert values == ["45.7 billion euros", "second largest Asian trading partner"], (name, values)
    background = parsed_page(out, "background")
    assert len(background.select("div.briefing-fact.briefing-fact-headline")) == 2
    assert background.select("div.briefing-fact:not(.briefing-fact-headline)")  # the distance: compact
