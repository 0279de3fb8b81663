"""Issue 21, round 3 of the field's edge cases: editions, text, links and input (points 5-14), and the
general rules behind them (every link computed for html, dirhtml and singlehtml; text compared after
Unicode normalisation; every image of an edition localised)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_root


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _local_targets(outdir: Path) -> list[tuple[str, str, Path]]:
    """(page, href, file it reaches) for every relative link and resource of every HTML page."""
    found = []
    for page in outdir.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            value = tag.get("href") or tag.get("src")
            if not isinstance(value, str) or not value:
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or a place on this page
            target = page.parent / unquote(parts.path)
            if parts.path.endswith("/"):
                target = target / "index.html"
            found.append((page.relative_to(outdir).as_posix(), value, target))
    return found


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_every_local_link_lands_in_html_dirhtml_and_singlehtml(tmp_path: Path, builder: str) -> None:
    """The rule beyond the case: whatever the builder puts a page at, every relative link and resource
    of every page reaches a file of the output: object references, listings, the archive's text and
    the leaflet's download line (which wrote "_downloads/…" from a dirhtml page one level too high)."""
    src = copy_root("basic", tmp_path)
    (src / "saved").mkdir()
    (src / "saved" / "art.txt").write_text("The text of the article.\n", encoding="utf-8")
    (src / "more").mkdir()
    (src / "more" / "deep.md").write_text(
        "# Deep\n\n```{source} art\n:title: The article\n:archive: /saved/art.txt\n```\n\n"
        "See {person}`scholz` and {fact}`trade`.\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nmore/deep\n", 1),
                     encoding="utf-8")
    _append(src / "conf.py", 'briefing_leaflet = ["facts"]\n')
    built = build(src, builder)
    assert built.returncode == 0, built.warnings
    leaflet = built.outdir / "_downloads" / "basic-at-a-glance.pdf"
    leaflet.parent.mkdir(exist_ok=True)
    leaflet.write_bytes(b"%PDF")  # make latexpdf copies it here; the link must reach it
    targets = _local_targets(built.outdir)
    assert any(href.endswith("basic-at-a-glance.pdf") for _, href, _ in targets)
    assert any("_archive/" in href for _, href, _ in targets)
    # (singlehtml: the basic theme's sidebar links the index and search pages that Sphinx's singlehtml
    # builder does not write: Sphinx's template, not the toolkit's links.)
    upstream = {"genindex.html", "search.html"} if builder == "singlehtml" else set()
    missing = [(page, href) for page, href, target in targets if not target.is_file() and href not in upstream]
    assert missing == []


# -- 5. Fuzzy translations: one rule for the pages and conf.po -----------------------------------------

FUZZY_CONF_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#, fuzzy
msgid "Testland talks"
msgstr "Testland-Gespräche"

#, fuzzy
msgid "Exampleville"
msgstr "Beispielstadt"
"""


@pytest.mark.parametrize("allow", [True, False])
def test_fuzzy_entries_follow_one_rule_for_the_whole_edition(tmp_path: Path, allow: bool) -> None:
    """Point 5, in a fresh process: with gettext_allow_fuzzy_translations, the fuzzy entries of conf.po
    are used as the pages' are (title, venue and page text all German); without it, none is."""
    src = copy_root("i18n", tmp_path)
    _append(src / "conf.py", "project = 'Testland talks'\nbriefing_venue = 'Exampleville'\n"
            f"gettext_allow_fuzzy_translations = {allow}\n")
    (src / "locale" / "de" / "LC_MESSAGES" / "conf.po").write_text(FUZZY_CONF_PO, encoding="utf-8")
    page_po = src / "locale" / "de" / "LC_MESSAGES" / "index.po"
    page_po.write_text(page_po.read_text(encoding="utf-8").replace(
        'msgid "Editions"', '#, fuzzy\nmsgid "Editions"'), encoding="utf-8")
    built = build(src, "html", subprocess=True, confoverrides={"language": "de"})
    assert built.returncode == 0, built.warnings
    soup = BeautifulSoup((built.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find("h1")
    assert heading is not None and soup.title is not None
    german = [heading.get_text().strip("¶ ") == "Ausgaben", "Testland-Gespräche" in soup.title.get_text()]
    assert german == [allow, allow], (heading, soup.title)
    latex = build(src, "latex", builddir=tmp_path / "latex", subprocess=True, confoverrides={"language": "de"})
    tex = next(latex.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (r"\renewcommand\briefingvenue{Beispielstadt}" in tex) is allow
