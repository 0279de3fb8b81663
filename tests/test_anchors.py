"""Every id unique: a card's anchor never collides with another id on the page.

A heading "Person Berg" or a label ``(person-berg)=`` makes the same id as the card of person
``berg``. Before, docutils reported a bare "Duplicate ID" error (or nothing, depending on the
order) and the HTML carried the id twice. Now: one briefing warning at the card's file:line, the
card keeps the anchor (every briefing link lands on it), and the other element gets a new one
that its own links follow.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import RootBuilds, build, parsed_page
from test_builders import write_book

PERSON = "```{person} berg\n:name: Anna Berg\n:role: Minister\n```\n"
LINKS = "\nSee {person}`berg` and [the heading](#person-berg).\n"
ORDERS = {
    "heading-first": "# Index\n\n## Person Berg\n\nText.\n\n" + PERSON + LINKS,
    "heading-after": "# Index\n\n" + PERSON + "\n## Person Berg\n\nText.\n" + LINKS,
    "label-first": "# Index\n\n(person-berg)=\nLabelled text.\n\n" + PERSON + LINKS,
    "label-after": "# Index\n\n" + PERSON + "\n(person-berg)=\nLabelled text.\n" + LINKS,
}


@pytest.mark.parametrize("order", ORDERS)
def test_card_anchor_never_collides(tmp_path: Path, order: str) -> None:
    text = ORDERS[order]
    src = write_book(tmp_path / "src", {"index.md": text})
    built = build(src)
    outdir, warnings = built.outdir, built.warnings
    card_line = text.splitlines().index("```{person} berg") + 1
    lines = [w for w in warnings.splitlines() if w.strip()]
    assert len(lines) == 1, warnings
    assert f"index.md:{card_line}: WARNING: anchor 'person-berg' is also used by" in lines[0]
    assert lines[0].endswith("[briefing.duplicate-anchor]")
    assert "Duplicate ID" not in warnings
    page = parsed_page(outdir, "index")
    ids = Counter(el["id"] for el in page.find_all(id=True))
    assert [i for i, n in ids.items() if n > 1] == []
    # The role lands on the card; the other element keeps a working anchor of its own.
    card = page.find(id="person-berg")
    assert card is not None and "briefing-person" in card["class"]
    role = page.select_one("a.briefing-person-ref")
    assert role is not None and role["href"] == "#person-berg"
    other = page.find(id="person-berg-1")
    assert other is not None and "briefing-person" not in (other.get("class") or [])


def test_no_warning_without_a_collision(tmp_path: Path, built_root: RootBuilds) -> None:
    # built_root asserts that the build is clean: a heading and a card of the same name do not collide.
    built_root(write_book(tmp_path / "src", {"index.md": "# Index\n\n## Anna Berg\n\n" + PERSON}))
