"""Status marks travel: every mention of an object carries its status, in HTML, LaTeX and JSON.

A small book gives person ``un`` a status and mentions it everywhere a mention can appear: a role, a
role with its own text, another person's counterpart option, a pillar's leads, a quotation's speaker,
and the listings (who-is-who, including its counterpart column; pillar overview; quote index).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import RootBuilds, build, parsed_page

PEOPLE = """\
# People

```{{source}} src
:title: The source
```

```{{person}} un
:name: Koichi Tani
:role: Chairman
:country: Japan
:counterpart: sure
:source: src
{status}
Body of the card.
```

```{{person}} sure
:name: Nancy Faeser
:role: Minister
:country: Germany
:counterpart: un
```

```{{pillar}} pl
:title: The pillar
:leads: un, sure
```

```{{briefing-quote}}
:by: un
:source: src

Words of his.
```

Mentioned as {{person}}`un`, as {{person}}`the Chairman <un>`, and {{person}}`sure`.
"""

LISTS = """\
# Lists

```{who-is-who}
```

```{pillar-overview}
```

```{quote-index}
```
"""


def write_book(srcdir: Path, status: str, conf: str = "") -> Path:
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n' + conf, encoding="utf-8")
    (srcdir / "index.md").write_text("# Book\n\n```{toctree}\npeople\nlists\n```\n", encoding="utf-8")
    (srcdir / "people.md").write_text(PEOPLE.format(status=f":status: {status}\n" if status else ""),
                                      encoding="utf-8")
    (srcdir / "lists.md").write_text(LISTS, encoding="utf-8")
    return srcdir


def links_to(html: str, anchor: str) -> list[str]:
    """Every <a> element pointing at *anchor*, whole."""
    return re.findall(r'<a [^>]*href="[^"]*#' + anchor + r'"[^>]*>.*?</a>', html, re.S)


MARKS = {"likely": "likely", "unconfirmed": "unconfirmed", "disputed": "disputed"}


@pytest.mark.parametrize("status", ["likely", "unconfirmed", "disputed"])
def test_every_html_mention_carries_the_mark(status: str, tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", status))
    # The pages as the reader gets them: each link's title filled from the hover-text file (briefing.js).
    people = str(parsed_page(out, "people"))
    lists = str(parsed_page(out, "lists"))
    mark = f'<span class="briefing-status-mark briefing-status-{status}">({status})</span>'
    # On the people page: the two roles, Faeser's counterpart, the pillar's leads, the quote's speaker.
    on_people = links_to(people, "person-un")
    assert len(on_people) == 5
    # In the listings: the who-is-who name and Faeser's counterpart column, the pillar's leads, the
    # quote index's speaker heading.
    on_lists = links_to(lists, "person-un")
    assert len(on_lists) == 4
    for link in on_people + on_lists:
        assert mark in link, link
        title = re.search(r'title="([^"]*)"', link)
        assert title is not None and f"Status: {status}" in title.group(1)  # the hover text
    # The confirmed person carries no mark anywhere.
    for link in links_to(people, "person-sure") + links_to(lists, "person-sure"):
        assert "briefing-status-mark" not in link and "Status:" not in link
    # The card itself says it, and carries the class.
    card = re.search(r'<div class="([^"]*)" id="person-un">(.*?)Body of the card', people, re.S)
    assert card and f"briefing-status-{status}" in card.group(1)
    assert re.search(r'<p class="briefing-status-line[^"]*"><span class="briefing-label">Status: </span>'
                     rf'<span class="briefing-status-mark briefing-status-{status}">{status}</span></p>', card.group(2))
    # briefing.json
    data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 8
    assert data["objects"]["person"]["un"]["status"] == status
    assert data["objects"]["person"]["un"]["status_mark"] == status
    assert data["objects"]["person"]["sure"]["status"] == "confirmed"
    assert data["objects"]["person"]["sure"]["status_mark"] == ""


@pytest.mark.parametrize("status", ["likely", "unconfirmed", "disputed"])
def test_every_latex_mention_carries_the_mark(status: str, tmp_path: Path, built_root: RootBuilds) -> None:
    out = built_root(write_book(tmp_path / "src", status), "latex")
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    # Each reference: \hyperref[\detokenize{people:person-un}]{...}; the mark comes inside it.
    refs = tex.split(r"\hyperref[\detokenize{")[1:]
    to_un = [r for r in refs if r.startswith("people:person-un}")]
    assert len(to_un) == 9  # 5 on the people page, 4 in the listings
    styled = r"\DUrole{briefing-status-mark}{\DUrole{briefing-status-" + status + "}{(" + status + ")}}"
    for ref in to_un:
        # Inside the link, after the name; styled by briefing.sty except in a rubric (the quote
        # index's speaker heading), where LaTeX keeps the text of a title only.
        assert f"({status})" in ref[:400], ref[:400]
    assert sum(styled in ref[:400] for ref in to_un) == 8
    to_sure = [r for r in refs if r.startswith("people:person-sure}")]
    assert to_sure and all("briefing-status-mark" not in r[:200] for r in to_sure)
    # The card's status line, styled by briefing.sty.
    assert r"\begin{sphinxuseclass}{briefing-status-line}" in tex


def test_confirmed_is_the_default_and_has_no_mark(tmp_path: Path, built_root: RootBuilds) -> None:
    for explicit in ("", "confirmed"):
        out = built_root(write_book(tmp_path / f"src{explicit}", explicit))
        for page in ("people.html", "lists.html"):
            assert "briefing-status" not in (out / page).read_text(encoding="utf-8")
        data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
        assert data["objects"]["person"]["un"]["status"] == "confirmed"


def test_the_mark_text_is_a_setting(tmp_path: Path, built_root: RootBuilds) -> None:
    conf = 'briefing_status_marks = {"likely": "single source"}\n'
    out = built_root(write_book(tmp_path / "src", "likely", conf))
    lists = (out / "lists.html").read_text(encoding="utf-8")
    assert all(">(single source)</span>" in link for link in links_to(lists, "person-un"))
    data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["person"]["un"]["status_mark"] == "single source"


def test_an_unknown_status_in_the_marks_setting_warns(tmp_path: Path) -> None:
    conf = 'briefing_status_marks = {"maybe": "?"}\n'
    srcdir = write_book(tmp_path / "src", "likely", conf)
    built = build(srcdir, builddir=tmp_path / "build")
    warnings = built.warnings
    lines = [w for w in warnings.splitlines() if w.strip()]
    assert len(lines) == 1, lines
    assert lines[0].endswith(
        "WARNING: briefing_status_marks: expected a dict of mark texts keyed by status (known: confirmed, "
        "likely, unconfirmed, disputed); unknown status 'maybe', not {'maybe': '?'}; using the default {} "
        "[briefing.bad-config]"
    )
    built = build(srcdir, builddir=tmp_path / "quiet", confoverrides={"suppress_warnings": ["briefing.bad-config"]})
    quiet = built.warnings
    assert quiet.strip() == ""


def test_a_kind_may_not_reuse_the_status_option() -> None:
    """An event's own state (held, planned) must be named otherwise: 'status' is the trust status."""
    from sphinx_briefing import Kind, Option

    with pytest.raises(ValueError, match="'status' is the trust status every kind takes"):
        Kind(name="event", options=(Option("status", type="choice", choices=("held", "planned")),))
    event = Kind(name="event", options=(Option("event-status", type="choice", choices=("held", "planned")),))
    # (every kind also takes :replaces:, a renamed id, for the changes since the previous edition)
    assert [o.name for o in event.options] == ["event-status", "status", "replaces"]


def test_the_book_marks_tani_everywhere(germany_japan_html: tuple[Path, str]) -> None:
    """Koichi Tani (likely, from the supplement): Faeser's card, the who-is-who counterpart column."""
    out, _ = germany_japan_html
    mark = "(likely, single source)"
    germany = (out / "delegations" / "germany.html").read_text(encoding="utf-8")
    who = (out / "who-is-who.html").read_text(encoding="utf-8")
    meetings = (out / "delegations" / "meetings.html").read_text(encoding="utf-8")
    for html in (germany, who, meetings):
        links = links_to(html, "person-tani")
        assert links and all(mark in link for link in links)
    # Faeser's row: her counterpart column names Tani with the mark.
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*#person-faeser(?:(?!</tr>).)*</tr>", who, re.S)
    assert row and mark in row.group(0)
    data = json.loads((out / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["person"]["tani"]["status"] == "likely"
