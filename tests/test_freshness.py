"""The one freshness decider: every input reaches it, and the pages it names are rewritten.

A small book is built, edited once per input (an object's field, an ``only`` block, a citation
number, the toctree), and rebuilt incrementally in-process. After each rebuild the decision of
:func:`sphinx_briefing.core.freshness.decide`, input by input, is read from the Domain, and the
pages it named are among those Sphinx wrote.
"""

from __future__ import annotations

import time
from pathlib import Path

from conftest import build, hover_text, one, parsed_page
from sphinx_briefing.core.domain import get_domain
from sphinx_briefing.core.freshness import CORE_INPUTS
from test_incremental import edit, written_pages

A = """\
# A

```{source} alpha
:title: Alpha report
```

```{person} p1
:name: Paula One
:role: Envoy
:source: alpha
```
"""

B = "# B\n\nSee {person}`p1`, who cites {source}`alpha`.\n"

C = """\
# C

```{factbox} f1
:value: 12
:unit: units
:label: A figure
:source: alpha
```
"""


def write_book(src: Path) -> Path:
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_briefing"]\nbriefing_citation_style = "numeric"\n', encoding="utf-8"
    )
    (src / "index.md").write_text("# Book\n\n```{toctree}\na\nb\nc\nlistings\n```\n", encoding="utf-8")
    (src / "a.md").write_text(A, encoding="utf-8")
    (src / "b.md").write_text(B, encoding="utf-8")
    (src / "c.md").write_text(C, encoding="utf-8")
    (src / "listings.md").write_text("# Listings\n\n```{who-is-who}\n```\n\n```{key-figures}\n```\n", encoding="utf-8")
    return src


def rebuild(src: Path, builddir: Path) -> tuple[dict[str, set[str]], set[str]]:
    """An incremental in-process build: (the decider's answer by input, the pages Sphinx wrote)."""
    result = build(src, builddir=builddir, fresh=False)
    assert result.returncode == 0, result.warnings
    assert result.app is not None
    decision = get_domain(result.app.env).last_freshness
    assert decision is not None, "the collector did not consult the decider"
    written = written_pages(result.status)
    named = set().union(*decision.values())
    assert named <= written, f"named by the decider but not written: {sorted(named - written)}"
    return decision, written


def test_each_input_reaches_the_decider(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src")
    builddir = tmp_path / "build"
    assert build(src, builddir=builddir).returncode == 0
    # (the previous edition's input is exercised by tests/test_changes.py's incremental test, the
    # leaflet's and the editions' by tests/test_links.py and tests/test_scaffold.py: a second
    # `make html` links what the first could not)
    outside = {"citations", "previous edition", "leaflet", "editions"}
    inputs = {"objects", "conditions", "structure"} | outside
    assert {name for name, _ in CORE_INPUTS} | outside == inputs

    # Nothing changed: every input answers, none names a page.
    decision, _ = rebuild(src, builddir)
    assert set(decision) == inputs
    assert all(not pages for pages in decision.values()), decision

    # objects: a changed role reaches the who's-who, and the hover text of the link on the page citing
    # the person, which HTML keeps in the book's hover-text file: that page is not rewritten.
    time.sleep(0.01)
    edit(src / "a.md", ":role: Envoy", ":role: Ambassador")
    decision, written = rebuild(src, builddir)
    assert "listings" in decision["objects"]
    assert {"a", "listings"} <= written  # a re-read, listings on the decider's word
    assert "b" not in decision["objects"] and "b" not in written
    assert not decision["conditions"] and not decision["structure"] and not decision["citations"]
    link = one(parsed_page(builddir / "html", "b", hovers=False), 'a[href="a.html#person-p1"]')
    assert not link.has_attr("title") and link["data-briefing-hover"] == "person:p1"
    assert hover_text(link, builddir / "html") == "Paula One · Ambassador · Source: Alpha report"
    assert "Ambassador" in one(parsed_page(builddir / "html", "listings"), "table").get_text()

    # objects: a changed name is what the link shows: the citing page is rewritten.
    time.sleep(0.01)
    edit(src / "a.md", ":name: Paula One", ":name: Paula Uno")
    decision, written = rebuild(src, builddir)
    assert {"listings", "b"} <= decision["objects"] and "b" in written
    link = one(parsed_page(builddir / "html", "b"), 'a[href="a.html#person-p1"]')
    assert link.get_text() == "Paula Uno" and link["title"] == "Paula Uno · Ambassador · Source: Alpha report"

    # conditions: the figure moves into a LaTeX-only block; its record is the same, its HTML is not.
    time.sleep(0.01)
    edit(src / "c.md", "```{factbox} f1\n:value: 12\n:unit: units\n:label: A figure\n:source: alpha\n```\n",
         "````{only} latex\n```{factbox} f1\n:value: 12\n:unit: units\n:label: A figure\n:source: alpha\n```\n````\n")
    decision, _ = rebuild(src, builddir)
    assert {"c", "listings"} <= decision["conditions"]
    assert "A figure" not in (builddir / "html" / "listings.html").read_text(encoding="utf-8")

    # citations: a source added before alpha renumbers alpha; b, unchanged, cites it.
    time.sleep(0.01)
    edit(src / "a.md", "```{source} alpha", "```{source} zero\n:title: Zero\n```\n\n```{source} alpha")
    decision, _ = rebuild(src, builddir)
    assert "b" in decision["citations"]
    assert "[2]" in (builddir / "html" / "b.html").read_text(encoding="utf-8")

    # structure: a reordered toctree changes every page's navigation.
    time.sleep(0.01)
    edit(src / "index.md", "a\nb\nc", "c\nb\na")
    decision, _ = rebuild(src, builddir)
    assert decision["structure"] == {"index", "a", "b", "c", "listings"}


def test_builders_writing_hover_texts_rewrite_citing_pages(tmp_path: Path) -> None:
    """EPUB keeps each link's hover text in the page (its readers run no script): there a changed
    role still rewrites the page citing the person, and the link shows the new role."""
    src = write_book(tmp_path / "src")
    builddir = tmp_path / "build"
    assert build(src, "epub", builddir=builddir).returncode == 0
    link = one(parsed_page(builddir / "epub", "b.xhtml", hovers=False), 'a[href="a.xhtml#person-p1"]')
    assert link["title"] == "Paula One · Envoy · Source: Alpha report"
    assert not (builddir / "epub" / "_static" / "briefing-hovers.js").exists()
    time.sleep(0.01)
    edit(src / "a.md", ":role: Envoy", ":role: Ambassador")
    result = build(src, "epub", builddir=builddir, fresh=False)
    assert result.returncode == 0, result.warnings
    assert result.app is not None
    decision = get_domain(result.app.env).last_freshness
    assert decision is not None and {"listings", "b"} <= decision["objects"]
    assert "b" in written_pages(result.status)
    link = one(parsed_page(builddir / "epub", "b.xhtml", hovers=False), 'a[href="a.xhtml#person-p1"]')
    assert link["title"] == "Paula One · Ambassador · Source: Alpha report"
