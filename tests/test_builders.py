"""Every builder Sphinx ships: links land on the card, and cards stay separate blocks.

Small books written into a temporary directory reproduce the reported cases (singlehtml's double
hash, texinfo's anchors at the end of the file, man pages running cards together).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from conftest import RootBuilds, build, parsed_page, require_tool

CONF = 'extensions = ["myst_parser", "sphinx_briefing"]\nproject = "T"\nversion = "1"\ncopyright = "2026"\n'

INDEX = "# Index\n\n```{toctree}\npeople\n```\n\nSee {person}`berg`.\n"

PEOPLE = """# People

First paragraph before the objects.

```{source} report
:title: Example report

The report body.
```

```{person} berg
:name: Anna Berg
:role: Minister
:source: report

Anna body.
```

```{factbox} volume
:value: 12.5
:unit: billion units
:label: Bilateral trade volume
:source: report
```
"""


def write_book(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in {"conf.py": CONF, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def two_pages(tmp_path: Path) -> Path:
    return write_book(tmp_path / "src", {"index.md": INDEX, "people.md": PEOPLE})


def test_singlehtml_links_land_on_the_card(tmp_path: Path, built_root: RootBuilds) -> None:
    outdir = built_root(two_pages(tmp_path), "singlehtml")
    soup = parsed_page(outdir, "index")
    link = soup.select_one("a.briefing-person-ref")
    assert link is not None
    assert link["href"] == "#person-berg"
    assert soup.find(id="person-berg") is not None
    # Every in-page link to a briefing object has one hash and lands on an element of the page.
    for a in soup.select("a[href*='#']"):
        href = a["href"]
        assert href.count("#") == 1, href
    data = json.loads((outdir / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["person"]["berg"]["url"] == "index.html#person-berg"
    assert data["objects"]["fact"]["volume"]["url"] == "index.html#fact-volume"


def test_texinfo_anchors_stand_at_the_card(tmp_path: Path, built_root: RootBuilds) -> None:
    outdir = built_root(two_pages(tmp_path), "texinfo")
    texi = next(outdir.glob("*.texi")).read_text(encoding="utf-8")
    body = texi[: texi.index("@bye")]
    # The anchor comes right before the card's first words, not after the last content.
    anchor = body.index("@anchor{people person-berg}")
    assert anchor < body.index("Anna Berg", anchor) < body.index("Anna body.")
    assert body.index("@anchor{people source-report}") < body.index("Example report")
    assert body.index("@anchor{people fact-volume}") < body.index("12.5")
    # No dummy anchors piled up before @bye (Sphinx's fallback for ids it never wrote).
    assert "@anchor" not in body[body.rindex("See ") :]


def test_texinfo_links_jump_to_the_card(tmp_path: Path) -> None:
    require_tool("makeinfo")
    built = build(two_pages(tmp_path), "texinfo")
    outdir = built.outdir
    texi = next(outdir.glob("*.texi"))
    subprocess.run(["makeinfo", "--html", "--no-split", "-o", "out.html", texi.name],
                   cwd=outdir, check=True, capture_output=True)
    soup = parsed_page(outdir, "out")
    link = next(a for a in soup.find_all("a") if a.get_text() == "Anna Berg")
    target = soup.find(id=str(link["href"]).lstrip("#"))
    assert target is not None
    # What follows the link target is the card, not the end of the book.
    following = "".join(str(s) for s in target.find_all_next(string=True))
    plain = subprocess.run(["makeinfo", "--plaintext", texi.name], cwd=outdir, check=True,
                           capture_output=True, text=True).stdout
    paras = paragraphs(plain)
    for text in ("First paragraph before the objects.", "The report body.", "Anna body."):
        assert text in paras, paras
    assert following.lstrip().lstrip("\u2018").startswith("Anna Berg"), following[:80]


def man_text(built_root: RootBuilds, tmp_path: Path, files: dict[str, str]) -> str:
    require_tool("man")
    outdir = built_root(write_book(tmp_path / "src", files), "man")
    page = next(outdir.glob("*.1"))
    shown = subprocess.run(
        ["man", "-l", str(page)], capture_output=True, text=True, check=True,
        env={"MANWIDTH": "100", "PATH": "/usr/bin:/bin"},
    ).stdout
    return re.sub(".\b", "", shown)  # overstrike (bold, underline) as plain letters


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_man_cards_start_their_own_paragraph(tmp_path: Path, built_root: RootBuilds) -> None:
    paras = paragraphs(man_text(built_root, tmp_path, {"index.md": PEOPLE.replace("# People", "# Index")}))
    assert "First paragraph before the objects." in paras
    assert "Example report" in paras
    assert "The report body." in paras
    assert "Anna Berg" in paras
    assert any(p.startswith("12.5 billion units") for p in paras), paras

