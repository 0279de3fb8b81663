"""The one freshness decider: every input reaches it, and the pages it names are rewritten.

A small book is built, edited once per input (an object's field, an ``only`` block, a citation
number, the toctree), and rebuilt incrementally in-process. After each rebuild the decision of
:func:`sphinx_briefing.core.freshness.decide`, input by input, is read from the Domain, and the
pages it named are among those Sphinx wrote.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from conftest import build, hover_text, one, parsed_page
from sphinx_briefing.core.domain import get_domain
from sphinx_briefing.core.freshness import CORE_INPUTS
from test_incremental import edit, html_files, written_pages

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


# -- a listing page follows what its listings show ----------------------------------------------

ONE_PAGE = """\
# One

```{source} alpha
:title: Alpha report
```

```{person} p1
:name: Paula One
:role: Envoy
:country: Germany
:source: alpha
```

```{event} e1
:title: Opening talks
:date: 2023-03-18
:start: 10:00
:participants: p1
:source: alpha
```

```{factbox} f1
:value: 12
:unit: units
:label: A figure
:source: alpha
```

```{briefing-quote}
:by: p1
:source: alpha

We want to talk.
```
"""

#: A book's own kind and two listings written with the public API: ``memo-names`` keeps to the
#: context (names and countries of the people), ``memo-roles`` reads the Domain around it (roles).
MEMO = '''\
from docutils import nodes
from sphinx_briefing import Kind, Listing, ListingContext, Option, register_kind


def names(ctx: ListingContext) -> list[nodes.Node]:
    items = nodes.bullet_list()
    for person in ctx.listed("person"):
        items += nodes.list_item("", nodes.paragraph("", "", ctx.ref(person), nodes.Text(" of " + person.get("country"))))
    return [items]


def roles(ctx: ListingContext) -> list[nodes.Node]:
    return [nodes.paragraph("", "Role: " + r.get("role")) for r in ctx.domain.all("person")]


MEMO = Kind(name="memo", options=(Option("title", required=True),),
            listings={"memo-names": Listing(names), "memo-roles": Listing(roles)})


def setup(app):
    register_kind(app, MEMO)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

LISTING_PAGES = {"who": "who-is-who", "agenda": "agenda", "figures": "key-figures", "sources": "source-list",
                 "quotes": "quote-index", "names": "memo-names", "roles": "memo-roles"}


def write_listing_book(src: Path) -> Path:
    """One page of objects, and one page per listing (as the light benchmark book has them)."""
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        "import sys\nfrom pathlib import Path\nsys.path.insert(0, str(Path(__file__).parent))\n"
        'extensions = ["myst_parser", "sphinx_briefing", "memo"]\n', encoding="utf-8")
    (src / "memo.py").write_text(MEMO, encoding="utf-8")
    (src / "index.md").write_text("# Book\n\n```{toctree}\none\n" + "\n".join(LISTING_PAGES) + "\n```\n",
                                  encoding="utf-8")
    (src / "one.md").write_text(ONE_PAGE, encoding="utf-8")
    for page, directive in LISTING_PAGES.items():
        (src / f"{page}.md").write_text(f"# {page.title()}\n\n```{{{directive}}}\n```\n", encoding="utf-8")
    return src


def same_as_clean(src: Path, builddir: Path, clean: Path) -> None:
    """The incremental output is the clean build's, page by page (and the hover-text file)."""
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(src, clean / "src")
    assert build(clean / "src", builddir=clean / "build").returncode == 0
    got, want = html_files(builddir / "html"), html_files(clean / "build" / "html")
    assert sorted(got) == sorted(want)
    for page in want:
        assert got[page] == want[page], f"{page} is stale"


def test_a_listing_page_is_rewritten_when_what_it_shows_changes(tmp_path: Path) -> None:
    """Each listing page follows what its listings read: a role edit rewrites the who's-who and not
    the agenda or the key figures; an event's time the agenda; an object added or deleted the
    listings it enters or leaves. A book's own listing that reads the Domain around its context is
    rewritten on every change. After each edit the output is the clean build's."""
    src = write_listing_book(tmp_path / "src")
    builddir, clean = tmp_path / "build", tmp_path / "clean"
    assert build(src, builddir=builddir).returncode == 0
    listing_pages = set(LISTING_PAGES)

    def rebuilt(old: str, new: str) -> set[str]:
        time.sleep(0.01)
        edit(src / "one.md", old, new)
        decision, written = rebuild(src, builddir)
        same_as_clean(src, builddir, clean)
        assert decision["objects"] & listing_pages == written & listing_pages
        return written & listing_pages

    # A role: the who's-who shows it, and the book's own listing reading the Domain is conservative.
    # The source list and the quotation index read the person too, but not the role.
    assert rebuilt(":role: Envoy", ":role: Ambassador") == {"who", "roles"}
    assert "Ambassador" in one(parsed_page(builddir / "html", "who"), "table").get_text()
    # What the agenda shows of an event: its time; its title, which links to it show (the source
    # list names the event among what cites the report).
    assert rebuilt(":start: 10:00", ":start: 11:30") == {"agenda", "roles"}
    assert "11:30" in one(parsed_page(builddir / "html", "agenda"), "table").get_text()
    assert rebuilt(":title: Opening talks", ":title: Closing talks") == {"agenda", "sources", "roles"}
    # A name is what every link shows: every listing linking the person follows it.
    assert rebuilt(":name: Paula One", ":name: Paula Uno") == listing_pages - {"figures"}
    # A country: the who's-who groups by it, the quotation index orders speakers by it, and the own
    # listing that keeps to the context shows it.
    assert rebuilt(":country: Germany", ":country: Japan") == {"who", "quotes", "names", "roles"}
    assert "Paula Uno of Japan" in parsed_page(builddir / "html", "names").get_text()
    # A new figure enters the key figures (and the report's citations); a new person the who's-who,
    # the own listings, the speakers' order and the report's citations.
    assert rebuilt("```{factbox} f1", "```{factbox} f2\n:value: 7\n:label: Another figure\n"
                   ":source: alpha\n```\n\n```{factbox} f1") == {"figures", "sources", "roles"}
    assert rebuilt("```{event} e1", "```{person} p2\n:name: Peter Two\n:role: Aide\n:country: Japan\n"
                   ":source: alpha\n```\n\n```{event} e1") == {"who", "quotes", "sources", "names", "roles"}
    # A deleted event leaves the agenda and the report's citations.
    assert rebuilt("```{event} e1\n:title: Closing talks\n:date: 2023-03-18\n:start: 11:30\n:participants: p1\n"
                   ":source: alpha\n```\n", "") == {"agenda", "sources", "roles"}
    assert "Closing talks" not in parsed_page(builddir / "html", "agenda").get_text()
