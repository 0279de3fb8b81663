"""One book with every object kind, role and listing, built with every builder Sphinx ships.

For each builder: no warning; every link to a briefing object lands on it (an element with that
id, a LaTeX label, a texinfo anchor written at the card); and the objects stay separate blocks
in the plain-text formats (text, man, texinfo).
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, Build, build, parsed_page, require_tool
from test_builders import paragraphs

SRC = ROOTS / "test-every-builder"
BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "xml", "gettext", "docx")
# The first words of every object, each of which must start a block of its own.
CARD_STARTS = (
    "Close collaboration between Germany and Japan",
    "Olaf Scholz",
    "Fumio Kishida",
    "We want to reduce dependencies",
    "45.7 billion euros",
    "Economic security & trade routes",
    "We spoke with Olaf Scholz",
)
ANCHORS = ("source-article", "person-scholz", "person-kishida", "fact-trade", "pillar-economic-security")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    out = tmp_path_factory.mktemp("every-builder")
    return {b: build(SRC, b, builddir=out / b) for b in BUILDERS}


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_warning(built: dict[str, Build], builder: str) -> None:
    assert built[builder].warnings == ""


def html_pages(outdir: Path, suffix: str) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(outdir).as_posix(): parsed_page(p)
        for p in outdir.rglob(f"*{suffix}") if "_static" not in p.parts
    }


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_html_links_land(built: dict[str, Build], builder: str) -> None:
    outdir = built[builder].outdir
    pages = html_pages(outdir, ".xhtml" if builder == "epub" else ".html")
    checked = 0
    for name, soup in pages.items():
        # Every link to a briefing object (roles, options, listings).
        for a in soup.select("a.reference.internal[href][class*=briefing-]"):
            href = str(a["href"])
            assert href.count("#") <= 1, f"{name}: {href}"
            path, _, fragment = href.partition("#")
            target = os.path.normpath(Path(name).parent / unquote(path)) if path else name
            if path.endswith("/") or target == ".":  # dirhtml
                target = os.path.normpath(Path(target) / "index.html")
            assert target in pages, f"{name}: {href} -> {target}"
            if fragment:
                assert pages[target].find(id=fragment) is not None, f"{name}: {href}"
            checked += 1
    assert checked > 20
    # Each object's anchor is on the page exactly once.
    for anchor in ANCHORS:
        assert sum(len(s.find_all(id=anchor)) for s in pages.values()) == 1, anchor


def test_epub_is_one_valid_container(built: dict[str, Build]) -> None:
    epub = next(built["epub"].outdir.glob("*.epub"))
    with zipfile.ZipFile(epub) as z:
        assert "nav.xhtml" in z.namelist()


def test_latex_links_land(built: dict[str, Build]) -> None:
    tex = next(built["latex"].outdir.glob("*.tex")).read_text(encoding="utf-8")
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    refs = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert {f"people:{a}" for a in ANCHORS[:3]} <= refs | labels
    assert refs and refs <= labels, refs - labels


def test_docx_links_land_on_word_bookmarks(built: dict[str, Build]) -> None:
    (docx,) = built["docx"].outdir.glob("*.docx")
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    bookmarks = set(re.findall(r'<w:bookmarkStart [^>]*w:name="([^"]+)"', xml))
    anchors = set(re.findall(r'<w:hyperlink [^>]*w:anchor="([^"]+)"', xml))
    assert anchors and anchors <= bookmarks
    for anchor in ANCHORS:  # each object's card is a bookmark that a link points to
        assert "b_" + anchor.replace("-", "_") in anchors & bookmarks


def test_texinfo_links_land_at_the_card(built: dict[str, Build]) -> None:
    texi = next(built["texinfo"].outdir.glob("*.texi")).read_text(encoding="utf-8")
    body = texi[: texi.index("@c %**end of body")] if "@c %**end of body" in texi else texi
    written = {m.group(1): m.end() for m in re.finditer(r"@anchor\{([^}]*)\}", body)}
    refs = set(re.findall(r"@ref\{([^,}]*)", body))
    assert refs
    for ref in refs:
        assert ref in written, ref
        # Real text follows the anchor (not only more anchors, blank space or @bye).
        after = re.sub(r"@anchor\{[^}]*\}|@w\{\s*\}|\s", "", body[written[ref]:written[ref] + 400])
        assert after and not after.startswith("@bye"), ref


def test_text_keeps_cards_apart(built: dict[str, Build]) -> None:
    outdir = built["text"].outdir
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(outdir.glob("*.txt")))
    paras = paragraphs(text)
    for start in CARD_STARTS:
        assert any(p.startswith(start) or p.startswith(f"**{start}") for p in paras), start


def test_man_keeps_cards_apart(built: dict[str, Build]) -> None:
    require_tool("man")
    page = next(built["man"].outdir.glob("*.1"))
    shown = subprocess.run(["man", "-l", str(page)], capture_output=True, text=True, check=True,
                           env={"MANWIDTH": "100", "PATH": "/usr/bin:/bin"}).stdout
    text = re.sub(".\b", "", shown)
    # Each object starts a line of its own (the fault was "… before the objects.  Example report").
    for start in CARD_STARTS:
        words = r"\s+".join(map(re.escape, start.split()))  # man justifies lines: runs of spaces
        assert re.search(rf"^\s*{words}", text, re.MULTILINE), (start, text)
    assert "<#" not in shown  # in-page references print as their text


def test_texinfo_keeps_cards_apart(built: dict[str, Build]) -> None:
    require_tool("makeinfo")
    outdir = built["texinfo"].outdir
    texi = next(outdir.glob("*.texi"))
    plain = subprocess.run(["makeinfo", "--plaintext", texi.name], cwd=outdir, check=True,
                           capture_output=True, text=True).stdout
    plain = re.sub(r"\*note ([^:]*): [^.]*\.", r"\1", plain)  # info's cross-reference syntax
    paras = [p.strip("\u2018\u2019'`* ") for p in paragraphs(plain)]
    for start in CARD_STARTS:
        assert any(p.startswith(start) for p in paras), (start, paras)


def test_xml_keeps_every_object_with_its_id(built: dict[str, Build]) -> None:
    xml = "".join(p.read_text(encoding="utf-8") for p in built["xml"].outdir.glob("*.xml"))
    for anchor in ANCHORS:
        assert len(re.findall(rf'ids="(?:[^"]* )?{anchor}(?: [^"]*)?"', xml)) == 1, anchor
    assert "pending_xref" not in xml  # every reference resolved


def test_gettext_offers_every_text_for_translation(built: dict[str, Build]) -> None:
    pot = "".join(p.read_text(encoding="utf-8") for p in built["gettext"].outdir.glob("*.pot"))
    for text in ("Led the German delegation of six ministers & a business delegation.",
                 "Reduce dependencies in critical areas.", "Trade reached {fact}`trade`"):
        assert text.split("{")[0] in pot, text
