"""Validators on the real book: the current Nu HTML checker (npm ``vnu-jar``) on every page and on
the extension's CSS, and EPUBCheck on the EPUB.

Errors that furo or Sphinx themselves cause (not this project's markup) may be listed by message in
``tests/vnu-ignore.txt`` (``message  # reason``); every other error fails the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS, REPO, require_tool

TESTS = Path(__file__).resolve().parent
VNU = TESTS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
CSS = REPO / "_ext" / "briefing" / "static" / "briefing.css"
IGNORE_FILE = TESTS / "vnu-ignore.txt"
# EPUBCheck warnings that are accepted, with the reason.  Errors are never accepted.
EPUB_ACCEPTED_WARNINGS = {
    # A page whose toctree comes before its own later section (pillars/index.md: "Overview" after
    # the toctrees) lists that section after the children.  EPUBCheck marks the rule "under
    # review" (INF-001, w3c/publ-epub-revision#1283); readers still open every entry.
    "NAV-011": "toctree before a later section of the same page",
}

pytestmark = pytest.mark.slow


def ignored_vnu_messages() -> set[str]:
    if not IGNORE_FILE.is_file():
        return set()
    lines = IGNORE_FILE.read_text(encoding="utf-8").splitlines()
    return {ln.split("  #", 1)[0].strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def run_vnu(*args: str) -> list[dict]:
    require_tool("java", str(VNU))
    proc = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    return json.loads(proc.stderr)["messages"]


def test_nu_checker_finds_no_errors_in_any_page(
    book_html: tuple[Path, str], tmp_path: Path
) -> None:
    html_dir, _ = book_html
    pages = sorted(html_dir.rglob("*.html"))
    assert len(pages) >= 15, pages
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


def test_epub_passes_epubcheck(tmp_path: Path) -> None:
    require_tool("java", str(EPUBCHECK))
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            "epub",
            str(DOCS),
            str(tmp_path),
            "-W",
            "--keep-going",
            "-n",
            "-q",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert build.returncode == 0, build.stderr
    [epub] = (tmp_path / "epub").glob("*.epub")
    report_file = tmp_path / "epubcheck.json"
    subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(epub), "--json", str(report_file)],
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
