"""The source list's "page:" citations: pages that cite a source inline with {source}, except pages
that opt out (``briefing-unlisted``), and kept fresh on incremental builds."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOTS, build, parsed_page


def _citing_pages(outdir: Path) -> dict[str, list[str]]:
    """Source title -> titles of the pages listed as citing it, read from the built listing."""
    soup = parsed_page(outdir / "html", "listings")
    table = soup.select_one(".briefing-source-list table")
    assert table is not None
    result = {}
    for row in table.select("tbody tr"):
        cells = row.find_all("td")
        result[cells[0].get_text(strip=True)] = [
            a.get_text(strip=True) for a in cells[2].select("a") if a.select_one("span.doc")
        ]
    return result


def _build(src: Path, out: Path, *, again: bool = False) -> None:
    """``-n`` build of *src* into *out*: clean, in this process (the pages sphinx-build writes), or
    *again*: sphinx-build rerun as an author reruns it, incremental, in a process of its own."""
    proc = build(src, builddir=out, subprocess=again, fresh=not again, options=("-n",), like_subprocess=True)
    assert proc.returncode == 0, proc.warnings
    assert "WARNING" not in proc.warnings, proc.warnings


def test_inline_citations_listed_unlisted_pages_not(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    (src / "guide.md").write_text(
        "---\nbriefing-unlisted: true\n---\n\n# Guide\n\nExample: {source}`article`.\n", encoding="utf-8"
    )
    with (src / "index.md").open("a", encoding="utf-8") as f:
        f.write("\n```{toctree}\nguide\n```\n")
    _build(src, tmp_path / "out")
    # index.md cites the article inline; the unlisted guide does too, but is not named.
    assert _citing_pages(tmp_path / "out")["Close collaboration between Germany and Japan"] == ["Basic"]


def test_new_inline_citation_rewrites_the_source_list_incrementally(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", src)
    out = tmp_path / "out"
    _build(src, out)
    title = "Close collaboration between Germany and Japan"
    assert _citing_pages(out)[title] == ["Basic"]
    # An edit that adds no object, only an inline citation on another page.
    with (src / "facts.md").open("a", encoding="utf-8") as f:
        f.write("\nAs reported in {source}`article`.\n")
    _build(src, out, again=True)  # incremental: no -E, no -a
    assert _citing_pages(out)[title] == ["Basic", "Facts"]
    clean = tmp_path / "clean"
    _build(src, clean)
    assert (out / "html" / "listings.html").read_bytes() == (clean / "html" / "listings.html").read_bytes()
