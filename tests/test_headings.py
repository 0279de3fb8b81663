"""A role in a heading: navigation shows the heading's words, in every builder.

The headings themselves always showed "12.5 billion units"; the table of contents, furo's "On this
page", the page title and the EPUB's nav.xhtml and toc.ncx showed the role's target ("volume").
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import RootBuilds, build, parse_html, parsed_page
from sphinx_briefing.core.domain import get_domain
from test_builders import write_book

PAGE = """# Page of {person}`berg`

```{source} report
:title: Example report
```

```{person} berg
:name: Anna Berg
:role: Minister
```

```{factbox} volume
:value: 12.5
:unit: billion units
:label: Bilateral trade volume
:source: report
```

## Trade reached {fact}`volume`

Text.

## What {person}`berg` said

Text.

## Named {person}`the minister <berg>`

Text.
"""

INDEX = "# Index\n\n```{toctree}\n:maxdepth: 2\n\npage\n```\n"
EXPECTED = ["Page of Anna Berg", "Trade reached 12.5 billion units", "What Anna Berg said", "Named the minister"]


def book(tmp_path: Path, theme: str = "alabaster") -> Path:
    conf = f'html_theme = "{theme}"\n'
    src = write_book(tmp_path / "src", {"index.md": INDEX, "page.md": PAGE})
    with (src / "conf.py").open("a", encoding="utf-8") as f:
        f.write(conf)
    return src


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [" ".join(a.get_text().split()) for a in soup.select(selector)]


def test_html_toctree_and_title_show_the_rendered_words(tmp_path: Path, built_root: RootBuilds) -> None:
    outdir = built_root(book(tmp_path))
    index = parsed_page(outdir, "index")
    assert texts(index, ".toctree-wrapper a") == EXPECTED
    page = parsed_page(outdir, "page")
    assert page.title is not None and page.title.get_text().startswith("Page of Anna Berg")


def test_furo_on_this_page_shows_the_rendered_words(tmp_path: Path, built_root: RootBuilds) -> None:
    outdir = built_root(book(tmp_path, "furo"))
    page = parsed_page(outdir, "page")
    assert texts(page, ".toc-tree a") == EXPECTED
    # The sidebar's navigation of the whole book, too.
    assert "Page of Anna Berg" in texts(page, ".sidebar-tree a")


def test_epub_navigation_shows_the_rendered_words(tmp_path: Path) -> None:
    built = build(book(tmp_path), "epub")
    outdir, warnings = built.outdir, built.warnings
    assert "berg" not in warnings.lower()
    with zipfile.ZipFile(next(outdir.glob("*.epub"))) as epub:
        nav = parse_html(epub.read("nav.xhtml").decode())
        ncx = parse_html(epub.read("toc.ncx").decode())
    nav_texts = texts(nav, "nav a")
    ncx_texts = [" ".join(t.get_text().split()) for t in ncx.select("navpoint > navlabel > text")]
    for title in EXPECTED:
        assert title in nav_texts, nav_texts
        assert title in ncx_texts, ncx_texts


def test_the_navigation_follows_a_value_edited_on_another_page(tmp_path: Path) -> None:
    """Only pages whose headings hold a reference have their navigation copies resolved, on every
    build: an edit of the fact's own page reaches the title of a page that was not read again."""
    facts = PAGE.split("## Trade reached")[0].replace("# Page of {person}`berg`", "# Facts")
    heading = "# Trade reached {fact}`volume`\n\nText.\n"
    index = "# Index\n\n```{toctree}\n\nfacts\npage\n```\n"
    src = write_book(tmp_path / "src", {"index.md": index, "facts.md": facts, "page.md": heading})
    first = build(src, builddir=tmp_path / "build")
    assert first.app is not None
    # Noted while reading: the one page with a reference in a heading.
    assert get_domain(first.app.env).store.marked_heading_docs == {"page"}
    assert "Trade reached 12.5 billion units" in texts(parsed_page(first.outdir, "index"), ".toctree-wrapper a")
    (src / "facts.md").write_text(facts.replace(":value: 12.5", ":value: 13.5"), encoding="utf-8")
    again = build(src, builddir=tmp_path / "build", fresh=False)
    assert again.app is not None
    assert get_domain(again.app.env).store.marked_heading_docs == {"page"}
    assert "Trade reached 13.5 billion units" in texts(parsed_page(again.outdir, "index"), ".toctree-wrapper a")
    title = parsed_page(again.outdir, "page").title
    assert title is not None and title.get_text().startswith("Trade reached 13.5 billion units")
