"""Every place an author can put an object: included files, ``only`` blocks, sphinx-design
components, under headings, in table cells.

The object is listed and linked exactly where it is rendered, and every warning and every
exported location names the file the author must open, at the right line.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import RootBuilds, build, copy_root, parsed_page
from test_incremental import html_files

EVERYWHERE = ("inc", "tab", "carded", "cell", "section-person")


def test_html_lists_and_links_what_it_renders(tmp_path: Path, built_root: RootBuilds) -> None:
    outdir = built_root(copy_root("places", tmp_path))
    people, index, listings = (parsed_page(outdir / f"{n}.html") for n in ("people", "index", "listings"))
    for ident in EVERYWHERE:
        assert people.find(id=f"person-{ident}") is not None, ident
        assert index.select_one(f'a[href="people.html#person-{ident}"]') is not None, ident
        assert listings.select_one(f'a[href="people.html#person-{ident}"]') is not None, ident
    # The HTML-only fact is shown, listed and linked; the LaTeX-only one is none of these.
    assert people.find(id="fact-only-html") is not None
    assert listings.select_one('a[href="people.html#fact-only-html"]') is not None
    assert people.find(id="fact-only-latex") is None
    assert "LaTeX only" not in listings.get_text()
    assert not index.select('a[href*="only-latex"]')
    assert "2" in index.get_text()  # the reference is still its text, just not a link
    data = json.loads((outdir / "briefing.json").read_text(encoding="utf-8"))
    assert set(data["objects"]["fact"]) == {"only-html"}


def test_latex_lists_and_links_what_it_renders(tmp_path: Path, built_root: RootBuilds) -> None:
    outdir = built_root(copy_root("places", tmp_path), "latex")
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\label{\detokenize{people:fact-only-latex}}" in tex
    assert r"\hyperref[\detokenize{people:fact-only-latex}]" in tex
    assert "LaTeX only" in tex and "HTML only" not in tex
    assert "only-html" not in tex


def test_export_names_the_file_and_line_the_author_opens(tmp_path: Path) -> None:
    src = copy_root("places", tmp_path)
    built = build(src)
    outdir = built.outdir
    objects = json.loads((outdir / "briefing.json").read_text(encoding="utf-8"))["objects"]
    for ident, entry in objects["person"].items():
        path = src / entry["file"]
        line = path.read_text(encoding="utf-8").splitlines()[entry["line"] - 1]
        assert re.search(rf"\{{person\}} {ident}$", line), (ident, entry["file"], entry["line"], line)
    assert objects["person"]["inc"]["file"] == "_snippets/inc.md"
    assert objects["person"]["inc"]["docname"] == "people"


def test_warnings_name_the_file_and_line_the_author_opens(tmp_path: Path) -> None:
    src = copy_root("places", tmp_path)
    inc = src / "_snippets" / "inc.md"
    inc.write_text(inc.read_text().replace(":role: Minister", ":role: Minister\n:bogus: x"))
    # A second definition of 'inc', after the include: the duplicate warning names people.md,
    # and the first definition's place as the included file.
    people = src / "people.md"
    people.write_text(people.read_text() + "\n```{person} inc\n:name: Again\n:role: Minister\n```\n")
    cell = people.read_text().replace(":name: Cell Person\n", ":name: Cell Person\n    :bogus: y\n")
    people.write_text(cell)
    built = build(src)
    warnings = built.warnings
    lines = people.read_text().splitlines()
    cell_line = next(i for i, t in enumerate(lines, 1) if t.endswith("```{person} cell"))
    last = max(i for i, t in enumerate(lines, 1) if t == "```{person} inc")
    assert "_snippets/inc.md:3: WARNING: person directive: unknown option 'bogus'" in warnings
    assert f"people.md:{cell_line}: WARNING: person directive: unknown option 'bogus'" in warnings
    assert (f"people.md:{last}: WARNING: duplicate person id 'inc' "
            f"(first defined at _snippets/inc.md:3)") in warnings


def test_moving_an_object_between_only_blocks_rebuilds_like_clean(tmp_path: Path) -> None:
    src = copy_root("places", tmp_path)
    out = tmp_path / "incremental"
    # (the first build in this process, the environment sphinx-build leaves; the rebuild a
    # sphinx-build process, which reads it; the clean build in this process, sphinx-build's pages)
    assert build(src, builddir=out, options=("-n", "-W"), fresh=False, like_subprocess=True).returncode == 0
    people = src / "people.md"
    people.write_text(people.read_text().replace("````{only} latex", "````{only} html or latex"))
    assert build(src, builddir=out, subprocess=True, options=("-n", "-W"), fresh=False).returncode == 0
    clean = tmp_path / "clean"
    shutil.copytree(src, clean)
    assert build(clean, builddir=tmp_path / "clean-out", options=("-n", "-W"), like_subprocess=True).returncode == 0
    got, want = html_files(out / "html"), html_files(tmp_path / "clean-out" / "html")
    assert sorted(got) == sorted(want)
    for page in want:
        assert got[page] == want[page], f"{page} is stale"
    assert "LaTeX only" in (out / "html" / "listings.html").read_text(encoding="utf-8")


