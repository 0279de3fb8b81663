"""Validators on the real book: the current Nu HTML checker (npm ``vnu-jar``) on every page and on
the extension's CSS, and EPUBCheck on the EPUB.

Errors that furo or Sphinx themselves cause (not this project's markup) may be listed by message in
``tests/vnu-ignore.txt`` (``message  # reason``); every other error fails the test.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import EPUBCHECK, GERMANY_JAPAN, JAVA, REPO, ShelfBook, parsed_page, require_tool

TESTS = Path(__file__).resolve().parent
VNU = TESTS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CSS = REPO / "_ext" / "sphinx_briefing" / "outputs" / "static" / "briefing.css"
IGNORE_FILE = TESTS / "vnu-ignore.txt"
# EPUBCheck warnings that are accepted, with the reason.  Errors are never accepted.  None are
# needed now: NAV-011 (a page's section after its toctree) was fixed in the content, by putting the
# pillars page's overview before its toctrees.
EPUB_ACCEPTED_WARNINGS: dict[str, str] = {}

pytestmark = pytest.mark.slow


def ignored_vnu_messages() -> set[str]:
    if not IGNORE_FILE.is_file():
        return set()
    lines = IGNORE_FILE.read_text(encoding="utf-8").splitlines()
    return {ln.split("  #", 1)[0].strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def run_vnu(*args: str) -> list[dict]:
    require_tool("java", str(VNU))
    proc = subprocess.run(
        [*JAVA, "-jar", str(VNU), "--format", "json", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    return json.loads(proc.stderr)["messages"]


def test_nu_checker_finds_no_errors_in_any_page(
    book_html: tuple[Path, str], shelf_book: ShelfBook, tmp_path: Path
) -> None:
    html_dir, _ = book_html
    pages = sorted(html_dir.rglob("*.html"))
    assert len(pages) >= (15 if shelf_book.id == GERMANY_JAPAN else 5), pages
    # A page with a known error proves the checker runs and reports (else an empty report passes).
    canary = tmp_path / "canary.html"
    canary.write_text("<!DOCTYPE html><html lang=en><title>x</title><ul><div>y</div></ul>")
    messages = run_vnu("--skip-non-html", "--errors-only", str(canary), *map(str, pages))
    errors = [
        m
        for m in messages
        if m.get("type") == "error"
        or m.get("subType") == "fatal"
        or m.get("type") == "non-document-error"
    ]
    assert any(m["url"].endswith("canary.html") for m in errors), messages
    ignored = ignored_vnu_messages()
    report = [
        f"{m['url'].removeprefix(html_dir.as_uri() + '/')}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if not m["url"].endswith("canary.html") and m["message"] not in ignored
    ]
    assert report == [], "\n".join(report)


def test_nu_checker_accepts_the_extension_css() -> None:
    messages = run_vnu("--css", str(CSS))
    assert [m for m in messages if m.get("type") == "error"] == []


def test_epub_passes_epubcheck(book_epub: tuple[Path, str], tmp_path: Path) -> None:
    require_tool("java", str(EPUBCHECK))
    # As `make epub` builds it (-W -n), once per run for every test of the EPUB.
    epub, _ = book_epub
    report_file = tmp_path / "epubcheck.json"
    subprocess.run(
        [*JAVA, "-jar", str(EPUBCHECK), str(epub), "--json", str(report_file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    report = json.loads(report_file.read_text(encoding="utf-8"))
    checker = report["checker"]
    problems = [
        f"{m['severity']} {m['ID']} {m['locations'][0]['path'] if m['locations'] else ''}: "
        f"{m['message']}"
        for m in report["messages"]
        if m["severity"] in {"FATAL", "ERROR"}
        or (m["severity"] == "WARNING" and m["ID"] not in EPUB_ACCEPTED_WARNINGS)
    ]
    print(
        f"epubcheck {checker['checkerVersion']}: {checker['nFatal']} fatal, "
        f"{checker['nError']} errors, {checker['nWarning']} warnings"
    )
    assert problems == [], "\n".join(problems)
    assert checker["nFatal"] == 0
    assert checker["nError"] == 0


# -- Internal links, no network: what `make linkcheck` cannot check offline ----------------------

LOCAL_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src"}


def parse_pages(html_dir: Path) -> dict[Path, BeautifulSoup]:
    return {
        p: parsed_page(p) for p in html_dir.rglob("*.html")
    }


def ids_of(soup: BeautifulSoup) -> set[str]:
    return {str(t["id"]) for t in soup.find_all(id=True)} | {
        str(t["name"]) for t in soup.find_all("a", attrs={"name": True})
    }


def local_target(page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment *url* points to, or None for external and special URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("javascript:", "data:")):
        return None
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    html_dir, _ = book_html
    pages = parse_pages(html_dir)
    ids = {page: ids_of(soup) for page, soup in pages.items()}
    broken, checked = [], 0
    for page, soup in sorted(pages.items()):
        for tag, attr in LOCAL_ATTRS.items():
            for element in soup.find_all(tag, attrs={attr: True}):
                found = local_target(page, str(element[attr]))
                if found is None:
                    continue
                target, fragment = found
                if target.name.endswith("-at-a-glance.pdf"):
                    continue  # the leaflet: `make latexpdf` (or Read the Docs' post_build) puts it there
                if not target.resolve().is_relative_to(html_dir.resolve()):
                    continue  # the language switcher's other editions: test_editions follows those
                checked += 1
                where = f"{page.relative_to(html_dir)}: <{tag} {attr}={element[attr]!r}>"
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file():
                    broken.append(f"{where}: no file {target}")
                elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                    broken.append(f"{where}: no id {fragment!r} in {target.name}")
    assert checked > (500 if shelf_book.id == GERMANY_JAPAN else 50), checked
    assert broken == [], "\n".join(broken)


def test_every_briefing_reference_lands_on_its_object(book_html: tuple[Path, str], shelf_book: ShelfBook) -> None:
    """Each role's link ends on the element of the right kind (a person link on a person card)."""
    html_dir, _ = book_html
    pages = parse_pages(html_dir)
    seen: dict[str, int] = {}
    wrong = []
    for page, soup in sorted(pages.items()):
        for link in soup.select("a[class*='briefing-'][class*='-ref']"):
            kinds = [
                c[len("briefing-") : -len("-ref")]
                for c in link["class"]
                if c.startswith("briefing-") and c.endswith("-ref") and c != "briefing-object-ref"
            ]
            if not kinds:
                continue
            found = local_target(page, str(link["href"]))
            where = f"{page.relative_to(html_dir)}: {link.get_text()!r} -> {link['href']}"
            if found is None or not found[1] or found[0] not in pages:
                wrong.append(f"{where}: not a link to an anchor in the book")
                continue
            target = pages[found[0]].find(id=found[1])
            # A quotation is a card, or an inline {q} phrase in its sentence (its anchor is the phrase).
            accepted = {f"briefing-{kinds[0]}"} | ({"briefing-inline-quote"} if kinds[0] == "quote" else set())
            if target is None or not accepted & set(target.get_attribute_list("class")):
                wrong.append(f"{where}: lands on {target.name if target else 'nothing'}")
            seen[kinds[0]] = seen.get(kinds[0], 0) + 1
    assert wrong == [], "\n".join(wrong)
    # Every book uses these roles (the Germany-Japan book {quote} too); if one stops producing links,
    # this shows which.
    used = {"person", "pillar", "fact", "source"} | ({"quote"} if shelf_book.id == GERMANY_JAPAN else set())
    assert used <= seen.keys(), seen
