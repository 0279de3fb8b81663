"""The relationship map readable at any size (issue 24, point 3).

``test-big-map`` is a book of 20 people (three countries), 10 organisations (two of no country) and 8
events over two days, with long names and titles, and one organisation connected with nobody. The
smallest text of every map is measured as a reader sees it:

- HTML at 100% zoom: each ``<text>``'s font size times the SVG's own scale (its ``transform``) times the
  displayed width over the ``viewBox`` width; the SVG is shown at its ``width`` (pt, 4/3 px each),
  never shrunk by the stylesheet;
- PDF: in the PDF that ``make latexpdf`` makes (the LaTeX builder, then ``make all-pdf`` in its output),
  the size at which each map's text is printed: every text operator inside the map's included PDF
  (a form XObject holding the map's page), its ``Tf`` size through the text matrix, the form's
  matrix and the page's transformation (``cm``), as the page draws it. So the book's real text
  width and height, and LaTeX's own shrinking, are in the measure.

The same measurements run on every book of the shelf (``docs/`` and ``books/*``), read from the
shelf's shared builds (its HTML, and the PDF of ``make latexpdf BOOK=..``); the big book is printed on
A4 and on letter (the narrowest text width, and the shortest text height).
"""

from __future__ import annotations

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import (
    ROOTS,
    SHELF,
    RootBuilds,
    build,
    copy_root,
    one,
    parsed_page,
    require_tool,
    shelf_html,
)
from test_pdf import shelf_pdf

SVG = "{http://www.w3.org/2000/svg}"
#: The big test root, then every book of the shelf.
BOOKS = {"big-map": ROOTS / "test-big-map", **{ident: book.srcdir for ident, book in SHELF.items()}}


def svgs(outdir: Path) -> list[ET.Element]:
    found = []
    for page in sorted(outdir.rglob("*.html")):
        for match in re.finditer(r'<div class="briefing-map"><svg\b.*?</svg>', page.read_text(encoding="utf-8"), re.S):
            found.append(ET.fromstring(match.group(0).removeprefix('<div class="briefing-map">')))
    return found


def smallest_px(svg: ET.Element) -> float:
    """The smallest text of *svg* in CSS px at 100% zoom."""
    shown = float(svg.get("width", "").removesuffix("pt")) * 4 / 3
    per_unit = shown / float(svg.get("viewBox", "").split()[2])
    group = next(g for g in svg.iter(f"{SVG}g") if "transform" in g.attrib)
    scale = re.search(r"scale\(([\d.]+)", group.get("transform", ""))
    factor = float(scale.group(1)) if scale else 1.0
    return min(float(t.get("font-size", "0")) for t in svg.iter(f"{SVG}text")) * factor * per_unit


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """PDF's matrix product: *m* applied first, then *n*."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _matrix(values: Any) -> Matrix:
    a, b, c, d, e, f = (float(v) for v in values)
    return (a, b, c, d, e, f)


def printed_map_text(pdf: Path, maps: list[Path]) -> dict[str, list[float]]:
    """Map file name (``briefing-map-<hash>.pdf``) -> the printed size in pt of each piece of text
    drawn inside it, on every page of *pdf* (a map printed twice counts twice).

    A map is known in the PDF by its content: LaTeX copies the page of the map's PDF (one of *maps*)
    into a form XObject with the same content stream (LuaLaTeX, unlike pdfLaTeX, records no
    ``/PTEX.FileName``).
    """
    found: dict[str, list[float]] = {}
    by_content = {}
    for path in maps:
        with pikepdf.open(path) as drawn:
            by_content[drawn.pages[0].obj.Contents.read_bytes()] = path.name

    def walk(stream: Any, resources: Any, ctm: Matrix, inside: str | None) -> None:
        saved: list[Matrix] = []
        tm, size = IDENTITY, 0.0
        for instruction in pikepdf.parse_content_stream(stream):
            operands, op = instruction.operands, str(instruction.operator)
            if op == "q":
                saved.append(ctm)
            elif op == "Q":
                ctm = saved.pop()
            elif op == "cm":
                ctm = _times(_matrix(operands), ctm)
            elif op == "BT":
                tm = IDENTITY
            elif op == "Tf":
                size = float(operands[1])
            elif op == "Tm":
                tm = _matrix(operands)
            elif op == "Td":
                tm = _times((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), tm)
            elif op in ("Tj", "TJ", "'", '"') and inside is not None:
                whole = _times(tm, ctm)
                found.setdefault(inside, []).append(size * math.hypot(whole[2], whole[3]))  # the em's height
            elif op == "Do":
                xobject = resources.get("/XObject", {}).get(str(operands[0]))
                if xobject is None or xobject.get("/Subtype") != "/Form":
                    continue
                walk(xobject, xobject.get("/Resources", resources), _times(_matrix(xobject.get("/Matrix", IDENTITY)), ctm),
                     inside or by_content.get(xobject.read_bytes()))

    with pikepdf.open(pdf) as document:
        for page in document.pages:
            walk(page.obj, page.obj.get("/Resources", {}), IDENTITY, None)
    return found


@pytest.fixture(scope="module", params=list(BOOKS))
def map_book(request: pytest.FixtureRequest) -> str:
    """The name of a book of :data:`BOOKS`."""
    return str(request.param)


def test_map_text_is_at_least_11_px_in_html(map_book: str, tmp_path: Path,
                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    require_tool("dot")
    # The shelf's shared HTML build, or the root built here.
    if map_book in SHELF:
        outdir = shelf_html(tmp_path_factory, SHELF[map_book])[0]
    else:
        outdir = build(BOOKS[map_book], builddir=tmp_path).outdir
    maps = svgs(outdir)
    assert maps
    sizes = [smallest_px(svg) for svg in maps]
    print(f"{map_book}: smallest map text in HTML: {min(sizes):.1f} px over {len(maps)} maps")
    assert min(sizes) >= 11
    css = (outdir / "_static" / "briefing.css").read_text(encoding="utf-8")
    rule = re.search(r"div\.briefing-map svg \{([^}]*)\}", css)
    assert rule is not None and "max-width: none" in rule.group(1)  # scrolled, never shrunk
    assert re.search(r"div\.briefing-map \{[^}]*overflow-x: auto", css)


#: The big book's PDF on both papers: A4 (Sphinx's 1 in margins: the narrowest text, 451 pt) and
#: letter (the shortest, 648 pt).
PAPERS = {"big-map-a4": "a4paper", "big-map-letter": "letterpaper"}


@pytest.fixture(scope="module", params=[*PAPERS, *SHELF])
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list[str]]:
    """(book, its PDF as ``make latexpdf`` makes it, the map files its LaTeX includes): the big root
    on both papers, and every book of the shelf (its shared PDF build)."""
    if request.param in SHELF:
        pdf = shelf_pdf(tmp_path_factory, SHELF[request.param]).pdf
        tex = pdf.with_suffix(".tex")
    else:
        require_tool("dot", "pdflatex", "latexmk", "make")
        built = build(BOOKS["big-map"], "latex", builddir=tmp_path_factory.mktemp(request.param),
                      confoverrides={"latex_elements": {"papersize": PAPERS[request.param]}})
        assert built.returncode == 0, built.warnings
        # What `make latexpdf` (sphinx-build -M latexpdf) runs after the LaTeX builder.
        made_pdf = subprocess.run(["make", "all-pdf"], cwd=built.outdir, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, check=False, timeout=600)
        pdf, tex = built.outdir / "big-map.pdf", built.outdir / "big-map.tex"
        assert made_pdf.returncode == 0 and pdf.is_file(), made_pdf.stdout[-3000:]
    files = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{(briefing-map-[0-9a-f]+\.pdf)\}",
                       tex.read_text(encoding="utf-8"))
    return request.param, pdf, files


def test_map_text_is_at_least_8_pt_in_the_pdf(printed: tuple[str, Path, list[str]]) -> None:
    name, pdf, files = printed
    sizes = printed_map_text(pdf, [pdf.with_name(f) for f in files])
    assert files and set(sizes) == set(files)  # every map the LaTeX includes, found printed in the PDF
    smallest = min(min(each) for each in sizes.values())
    print(f"{name}: smallest map text in the PDF: {smallest:.1f} pt over {len(sizes)} maps; per map: "
          + ", ".join(f"{min(each):.1f}" for each in sizes.values()))
    assert smallest >= 8


#: The largest type a map draws (relationship_map.py: a country's name, 12 pt); names are 10 pt.
LARGEST_DRAWN_PT = 12


def check_leaflet_map(leaflet: Path) -> str:
    """Check the map of who met whom on the "At a glance" leaflet *leaflet* (a PDF beside its .tex
    and .log, as ``make latexpdf`` leaves them) and return what LaTeX's log says of it.

    The leaflet sets the map in the room its last page has left: at its own size, or shrunk to the
    line and the room, never enlarged (a small map blown up to the room printed its names at twice
    the leaflet's type), and left out rather than printed under 8 pt (briefing-print.sty). Its log
    says which in one line; the text printed inside the map's drawing must agree with it."""
    files = re.findall(r"\\briefingleafletmap\{(briefing-map-[0-9a-f]+\.pdf)\}",
                       leaflet.with_suffix(".tex").read_text(encoding="utf-8"))
    said = re.findall(r"^briefing: leaflet map (.*)$",
                      leaflet.with_suffix(".log").read_text(encoding="utf-8", errors="replace"), re.M)
    assert len(files) <= 1 and len(said) == len(files), (files, said)  # (the log of the last pass)
    sizes = printed_map_text(leaflet, [leaflet.with_name(f) for f in files])
    text = [size for each in sizes.values() for size in each]
    if files and said[0].startswith("printed at "):
        scale = int(said[0].removeprefix("printed at ").rstrip("%"))
        assert 80 <= scale <= 100 and text, said
        assert min(text) >= 8 and max(text) <= LARGEST_DRAWN_PT + 0.01, (min(text), max(text))
    else:
        assert not text, said  # left out, and not printed
    return said[0] if said else "no map to draw"


@pytest.mark.parametrize("ident", list(SHELF))
def test_the_leaflets_map_is_legible_and_never_enlarged(ident: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every book's English leaflet (the editions': tests/test_editions_pdf.py): :func:`check_leaflet_map`."""
    leaflet = shelf_pdf(tmp_path_factory, SHELF[ident]).pdf.parent.parent / "leaflet"
    (pdf,) = leaflet.glob("*-at-a-glance.pdf")
    print(f"{ident}: leaflet map {check_leaflet_map(pdf)}")


def _parts(section: Any) -> list[tuple[str, Any]]:
    """(title, svg) of each part of the split map in *section* (a parsed ``<section>``), in order."""
    return [(part.select_one("p.briefing-map-title").get_text(), part.select_one("div.briefing-map svg"))
            for part in section.select("div.briefing-map-part")]


def _connections(svg: Any) -> int:
    """How many connections a map's accessible name says it shows ("…, 10 connections")."""
    count = re.search(r"(\d+) connections?$", svg["aria-label"])
    assert count is not None, svg["aria-label"]
    return int(count[1])


def _boxes(svg: Any) -> set[str]:
    """The cards a map's boxes link to (``people.html#person-ge1``)."""
    return {a["href"] for a in svg.select("a[href]")}


#: test-big-map's pairs: 10 counterparts (6 German, 4 French people) and 30 participations.
PAIRS = 40


def test_big_map_is_split_into_counterparts_and_days(built_root: RootBuilds) -> None:
    require_tool("dot")
    outdir = built_root("big-map")
    page = parsed_page(outdir, "index")
    source = "".join(p.read_text(encoding="utf-8") for p in BOOKS["big-map"].glob("*.md"))
    cards = {f"{'events' if kind == 'event' else 'people'}.html#{kind}-{ident}"
             for kind, ident in re.findall(r"```\{(person|organisation|event)\} (\S+)", source)}
    lonely = "people.html#organisation-lonely"
    assert len(cards) == 39 and lonely in cards  # 20 people, 11 organisations (one connected with nobody), 8 events

    whole = _parts(one(page, "section#whole-map"))
    assert [title for title, _ in whole] == ["Counterparts", "Events on 18 March 2023", "Events on 19 March 2023"]
    boxes = [_boxes(svg) for _, svg in whole]
    # Every connected box is on some part, the unconnected one on none, and no part shows all.
    assert set().union(*boxes) == cards - {lonely}
    assert all(len(b) < len(cards) - 1 for b in boxes)
    # Each pair is on exactly one part (the map's accessible name counts its connections).
    counts = [_connections(svg) for _, svg in whole]
    assert sum(counts) == PAIRS
    assert all(svg["aria-label"].startswith(f"{title}. Relationship map: ") for title, svg in whole)
    # The events of each day on that day's part, and only there.
    assert boxes[1] & cards >= {f"events.html#event-ev{n}" for n in range(1, 5)}
    assert not any(f"events.html#event-ev{n}" in boxes[1] for n in range(5, 9))
    assert not any(b.startswith("events.html") for b in boxes[0])

    shown = _parts(one(page, "section#with-unconnected"))
    assert [title for title, _ in shown][-1] == "Not connected"
    assert _boxes(shown[-1][1]) == {lonely}
    assert "Unconnected Office" not in one(page, "section#whole-map").get_text()
    # Long names wrap: no line of a box is longer than the wrap width (a single long word aside).
    # (the boxes' lines: a country column's own title, "Country not stated", is no box label)
    lines = [t.text or "" for svg in svgs(outdir) for g in svg.iter(f"{SVG}g")
             if "node" in (g.get("class") or "").split() for t in g.iter(f"{SVG}text")]
    from sphinx_briefing.listings.relationship_map import WRAP

    assert [line for line in lines if len(line) > WRAP and " " in line.strip()] == []
    assert max(len(line) for line in lines) <= 30  # a cluster's label wraps at 30


def test_a_part_still_too_big_is_split_between_its_events(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for less than a day's events (a page half as tall), each day is drawn in pieces
    ("(1 of 2)"), each within the room, every event with all its participants, none left out."""
    require_tool("dot")
    from sphinx_briefing.listings import relationship_map

    monkeypatch.setattr(relationship_map, "FIT_HEIGHT", 400.0)
    built = build(BOOKS["big-map"], builddir=tmp_path)
    page = parsed_page(built.outdir, "index")
    parts = _parts(one(page, "section#whole-map"))
    titles = [title for title, _ in parts]
    days = [t for t in titles if t.startswith("Events on 18 March 2023 (")]
    assert len(days) >= 2 and days == [f"Events on 18 March 2023 ({n} of {len(days)})" for n in range(1, len(days) + 1)]
    for _title, svg in parts:
        assert float(svg["height"].removesuffix("pt")) <= 400
    events = [b for _, svg in parts for b in _boxes(svg) if b.startswith("events.html")]
    assert sorted(events) == sorted(f"events.html#event-ev{n}" for n in range(1, 9))  # each event once
    assert sum(_connections(svg) for _, svg in parts) == PAIRS


def test_unconnected_takes_show_or_hide(tmp_path: Path) -> None:
    root = copy_root("big-map", tmp_path / "src")
    index = root / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":unconnected: show", ":unconnected: maybe"), encoding="utf-8")
    built = build(root, builddir=tmp_path / "b")
    assert f"{index}:17: WARNING: relationship-map directive: option 'unconnected' takes show or hide, not 'maybe'" in built.warnings
