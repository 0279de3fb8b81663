"""A role in a heading: navigation shows the heading's words, in every builder.

The headings themselves always showed "12.5 billion units"; the table of contents, furo's "On this
page", the page title and the EPUB's nav.xhtml and toc.ncx showed the role's target ("volume").
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import RootBuilds, build, parse_html, parsed_page
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
