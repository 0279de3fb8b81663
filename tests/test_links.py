"""No link to a file that is not there (issue 24, point 2).

A plain HTML build of a book (``make html`` on a fresh checkout, with ``-W``) links neither to the
leaflet PDF nor to other editions, which no step of that build writes; it passes, and says in an info
message what to build. Once the leaflet sits beside the book's PDF (``make latexpdf``) and another
edition's HTML is built, the next build links to both. On Read the Docs the links are made as before
(its ``post_build`` writes the leaflet; each edition is a project of its own): test_editions.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import DOCS, build, parsed_page

SLUG = "briefing-germany-japan"


def local_hrefs(outdir: Path) -> list[tuple[Path, str, Path]]:
    """Every ``href``/``src`` of every page that names a local file: (page, value, file it reaches)."""
    found = []
    for page in outdir.rglob("*.html"):
        soup = parsed_page(page)
        for tag in soup.find_all(href=True) + soup.find_all(src=True):
            value = str(tag.get("href") or tag.get("src"))
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            found.append((page, value, (page.parent / unquote(parts.path)).resolve()))
    return found


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("links")
    built = build(DOCS, builddir=base, options=("-W",))
    assert built.returncode == 0, built.warnings
    return base, built.status


def test_a_plain_html_build_has_no_dangling_link(plain: tuple[Path, str]) -> None:
    base, status = plain
    html = base / "html"
    hrefs = local_hrefs(html)
    assert len(hrefs) > 500
    dangling = [f"{page.relative_to(html)}: {value}" for page, value, target in hrefs if not target.exists()]
    assert dangling == []
    page = parsed_page(html / "at-a-glance.html")
    assert page.select("p.briefing-leaflet-download, nav.briefing-editions, link[hreflang]") == []
    # The build says what to build instead of linking to nothing.
    assert "make latexpdf" in status and "make html LANGUAGE=de" in status and "make html LANGUAGE=ja" in status


def test_with_the_files_present_the_links_are_there(plain: tuple[Path, str], tmp_path: Path) -> None:
    base, _ = plain
    work = tmp_path / "b"
    shutil.copytree(base, work)
    (work / "latex").mkdir(exist_ok=True)
    (work / "latex" / f"{SLUG}-at-a-glance.pdf").write_bytes(b"%PDF-1.5\n")
    shutil.copytree(work / "html", work / "de" / "html")  # stands in for `make html LANGUAGE=de`
    built = build(DOCS, builddir=work, options=("-W",), fresh=False)
    assert built.returncode == 0, built.warnings
    html = work / "html"
    soup = parsed_page(html / "at-a-glance.html")
    link = soup.select_one("p.briefing-leaflet-download a")
    assert link is not None and link["href"] == f"_downloads/{SLUG}-at-a-glance.pdf"
    switcher = [str(a["href"]) for a in soup.select("nav.briefing-editions a")]
    assert switcher == ["../de/html/at-a-glance.html"]  # Japanese is still not built: not linked
    # Every local link of every page reaches a file, once the Makefile copied the leaflet (leaflet-download).
    (html / "_downloads").mkdir(exist_ok=True)
    shutil.copy(work / "latex" / f"{SLUG}-at-a-glance.pdf", html / "_downloads")
    assert [v for _, v, target in local_hrefs(html) if not target.exists()] == []
