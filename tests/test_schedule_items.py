"""Schedule items live in the programme, not among the key figures (issue 22.4).

A date, time, weekday or duration is an event's field (``:date:``, ``:weekday:``, ``:start:``,
``:duration:``, or ``:when:`` for a source's own words such as "next year"), shown in the agenda;
the key-figures listing holds quantities. A factbox an author still writes with such a value keeps
building (listed apart, "Dates, times and durations") with one located ``briefing.deprecated``
suggestion naming the event option. Every book of the shelf: no schedule item among its figures,
its programme carrying them. Read from what a reader or an author sees: the built HTML, the LaTeX,
the warnings with file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RootBuilds, ShelfBook, build, one, parsed_page

PROGRAMME = """\
# Programme

```{source} release
:title: A release
:short: Release
```

```{event} talks
:title: Leaders' talks
:date: 2023-03-18
:start: 15:30
:duration: about 50 minutes
:timezone: Tokyo time
:source: release
```

```{event} deployment
:title: Deployment to the region
:when: next year
:event-status: announced
:source: release
```

```{event} side-event
:title: Side event
:source: release
```

```{factbox} ministers
:value: 6
:unit: ministers
:label: Ministers taking part
:source: release
```

## Programme

```{agenda}
```

## Figures

```{key-figures}
```
"""


def write_book(srcdir: Path, page: str) -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n', encoding="utf-8")
    (srcdir / "index.md").write_text(page, encoding="utf-8")
    return srcdir


def test_the_programme_carries_duration_and_the_sources_own_when(tmp_path: Path, built_root: RootBuilds) -> None:
    src = write_book(tmp_path / "src", PROGRAMME)
    page = parsed_page(built_root(src), "index", private=True)
    agenda = one(page, ".briefing-agenda")
    # Dated days first, then the source's own words for when (as a heading), then the undated.
    assert [g.get_text() for g in agenda.select(".briefing-listing-group")] == \
        ["18 March 2023", "Next year", "No date in our sources"]
    first = agenda.select("table")[0]
    for label in first.select(".briefing-cell-label"):
        label.decompose()
    assert [td.get_text(" ", strip=True) for td in first.select("tbody td")][:2] == \
        ["15:30 (Tokyo time), about 50 minutes", "Leaders\u2019 talks"]
    card = " ".join(one(page, "#event-talks").get_text(" ", strip=True).split())
    assert "Duration : about 50 minutes" in card
    deployment = " ".join(one(page, "#event-deployment").get_text(" ", strip=True).split())
    assert "When : next year" in deployment
    # The key figures: the quantity alone, no group of dates.
    figures = one(page, ".briefing-key-figures")
    assert "Dates, times and durations" not in figures.get_text()
    assert [tr.select("td")[1].get_text(" ", strip=True).removeprefix("Value: ")
            for tr in figures.select("tbody tr")] == ["6 ministers"]
    # The LaTeX says the same.
    latex = built_root(src, "latex")
    tex = next(latex.glob("*.tex")).read_text(encoding="utf-8")
    assert "15:30 (Tokyo time), about 50 minutes" in tex and "Next year" in tex


@pytest.mark.parametrize(("value", "unit", "option"), [
    ("Saturday", "", "weekday"),
    ("15:30", "", "start"),
    ("after 16:30", "", "start"),
    ("about 50", "minutes", "duration"),
    ("next year", "", "when"),
    ("18 March 2023", "", "date"),
    ("21st to 23rd November 2023", "", "date"),
    ("May", "", "date"),
    ("2019", "", "date"),
])
def test_a_schedule_figure_keeps_building_and_says_which_event_option_takes_it(
        tmp_path: Path, value: str, unit: str, option: str) -> None:
    box = f"```{{factbox}} when\n:value: {value}\n" + (f":unit: {unit}\n" if unit else "") + \
        ":label: When it was\n:source: release\n```\n\n"
    page = PROGRAMME.replace("## Programme\n", box + "## Programme\n")
    src = write_book(tmp_path / "src", page)
    built = build(src, builddir=tmp_path / "b")
    line = page.splitlines().index("```{factbox} when") + 1
    shown = f"{value} {unit}".strip()
    assert [w for w in built.warnings.splitlines() if w.strip()] == [
        f"{src / 'index.md'}:{line}: WARNING: factbox directive: {shown!r} is a date, time or duration, not a "
        f"quantity: give it as its event's ':{option}:' option (the programme shows it) and write it in the "
        "sentence that uses it, with its source; as a factbox it is listed apart from the key figures, under "
        "'Dates, times and durations', until the next release [briefing.deprecated]"
    ]
    assert built.returncode == 0
    # Nothing is lost: the figure is listed, apart from the quantities, and its card is there.
    figures = one(parsed_page(built.outdir, "index"), ".briefing-key-figures")
    groups = [g.get_text() for g in figures.select(".briefing-listing-group")]
    assert groups == ["Dates, times and durations"]
    quantities, schedule = figures.select("table")
    assert shown not in quantities.get_text(" ", strip=True)
    assert shown in " ".join(schedule.get_text(" ", strip=True).split())
    # The author may silence the suggestion by name; the book then builds clean with -W.
    quiet = build(src, builddir=tmp_path / "c", options=["-W"],
                  confoverrides={"suppress_warnings": ["briefing.deprecated"]})
    assert quiet.returncode == 0 and quiet.warnings.strip() == ""


@pytest.mark.parametrize("value", ["45.7", "9,000", "second largest", "more than 170", "6", "£21 billion", "45%"])
def test_a_quantity_draws_no_suggestion(tmp_path: Path, value: str, built_root: RootBuilds) -> None:
    page = PROGRAMME.replace(":value: 6\n", f":value: {value}\n")
    out = built_root(write_book(tmp_path / "src", page))  # (which asserts: not one warning)
    assert value in one(parsed_page(out, "index"), ".briefing-key-figures").get_text()


def test_no_book_of_the_shelf_lists_a_schedule_item_among_its_figures(
        book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    """The key-figures page holds quantities only; no factbox card anywhere is a schedule item."""
    out, warnings = book_html
    assert "briefing.deprecated" not in warnings
    listed, agenda = [], []
    for html in out.rglob("*.html"):  # (each page parsed once: it was parsed three times)
        page = parsed_page(html)
        if page.select(".briefing-key-figures"):
            listed.append(html)
            for figures in page.select(".briefing-key-figures"):
                assert "Dates, times and durations" not in figures.get_text(), html
            assert page.select(".briefing-fact-schedule") == [], html
        if page.select(".briefing-agenda"):
            agenda.append(html)
    assert listed, f"{shelf_book.id}: no key-figures listing"
    # Each book's programme holds what its figures no longer do.
    assert agenda, f"{shelf_book.id}: no programme"


def test_the_germany_japan_figures_moved_to_the_programme(germany_japan_html: tuple[Path, str]) -> None:
    """The nine schedule items of the Germany-Japan book: the leaders' meeting's date, weekday,
    start and duration, the plenary's start, the G7 summit's "this May" and the deployment's "next
    year" are the programme's; the key-figures page has two headline figures and four quantities."""
    out, _ = germany_japan_html
    figures = parsed_page(out, "key-figures")
    headline = figures.select("table.briefing-headline-figures td")
    rows = figures.select(".briefing-key-figures table.briefing-table tbody tr")
    assert (len(headline), len(rows)) == (2, 4)
    text = " ".join(figures.get_text(" ", strip=True).split())
    for item in ("Saturday", "15:30", "about 50 minutes", "May", "next year", "after 16:30", "2019"):
        assert item not in text, item
    programme = one(parsed_page(out, "delegations/meetings"), ".briefing-agenda")
    groups = [g.get_text() for g in programme.select(".briefing-listing-group")]
    assert groups[:3] == ["Saturday, 18 March 2023", "This May", "Next year"]
    cells = [" ".join(td.get_text(" ", strip=True).split()) for td in programme.select("td")]
    assert any(c.endswith("15:30 (Tokyo time), about 50 minutes") for c in cells)
    assert any(c.endswith("after 16:30 (Tokyo time)") for c in cells)
