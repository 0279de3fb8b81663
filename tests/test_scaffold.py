"""``sphinx-briefing new``: the console command writes a separate book that builds at once.

The book is scaffolded with ``--no-input`` and flags (conftest's ``SCAFFOLD_FLAGS``: LaTeX's specials
in the title, venue and author), then built as its author would, with its own Makefile: HTML, EPUB and
Word with ``-W -n``, and the PDF (TeX is required in CI). The PDF is conftest's ``scaffolded_book``:
the same book, printed once per run (tests/test_security.py reads it too). The output carries
the given title and nothing of the Germany-Japan book. The clean-environment test goes on with the
book conftest's ``fresh_machine`` wrote and set up on an author's clean machine.
"""

from __future__ import annotations

import html as html_text
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import sphinx_briefing
import yaml
from conftest import (
    REPO,
    SCAFFOLD_COMMAND,
    SCAFFOLD_FLAGS,
    RootBuilds,
    clean_environment,
    command_here,
    make_scaffolded,
    require_tool,
)
from pdfarchive import pdfa_problems, text_layer_problems
from pypdf import PdfReader

SCHEMA = REPO.parent / "shared" / "readthedocs" / "config-v2.schema.json"
COMMAND = SCAFFOLD_COMMAND
FLAGS = SCAFFOLD_FLAGS
TITLE = FLAGS["--title"]
#: The file names' stem, made from the title.
SLUG = "testland-and-examplia-anna-s-r-d-talks-100-1"
#: Text of the Germany-Japan book that must not leak into a new one (its names, flags, footer).
FOREIGN = ("Germany", "Japan", "Scholz", "Kishida", "compiled from public sources", "germany.pdf")
EXPECTED_FILES = {
    ".gitignore", ".readthedocs.yaml", "Makefile", "README.md", "requirements.txt",
    "docs/conf.py", "docs/index.md", "docs/at-a-glance.md", "docs/pillars.md", "docs/delegation.md",
    "docs/programme.md", "docs/who-is-who.md", "docs/organisations.md", "docs/key-figures.md",
    "docs/quotes.md", "docs/sources.md",
}


def scaffold(target: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``sphinx-briefing new`` as installed, in a process of its own."""
    return subprocess.run([str(COMMAND), "new", str(target), *args], input=stdin,
                          capture_output=True, text=True, check=False)


def scaffold_here(capsys: pytest.CaptureFixture[str], target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-briefing new`` through its own ``main``, in this process (:func:`~conftest.command_here`),
    for the tests of what it writes and says; :func:`scaffold` runs the installed command."""
    return command_here(capsys, "new", str(target), *args)


#: The book's own Makefile, with this interpreter (where sphinx-briefing is installed) instead of the
#: book's own .venv (which the clean-environment test below has made from requirements.txt).
make = make_scaffolded


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("scaffold") / "new-book"
    flags = [item for pair in FLAGS.items() for item in pair]
    proc = scaffold(target, *flags, "--no-input")
    assert proc.returncode == 0, proc.stderr
    assert "Wrote the briefing book" in proc.stdout
    return target


@pytest.fixture(scope="module")
def html(book: Path) -> Path:
    proc = make(book, "html")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    return book / "_build" / "html"


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _without_foreign(text: str) -> list[str]:
    return [word for word in FOREIGN if word.casefold() in text.casefold()]


def test_command_is_installed_with_the_package() -> None:
    proc = subprocess.run([str(COMMAND), "--version"], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == f"sphinx-briefing {sphinx_briefing.__version__}"


def test_writes_every_file_of_a_book_project(book: Path) -> None:
    assert _files(book) == EXPECTED_FILES
    conf = (book / "docs" / "conf.py").read_text(encoding="utf-8")
    assert f"project = {TITLE!r}" in conf
    assert f"briefing_venue = {FLAGS['--venue']!r}" in conf
    assert f"author = {FLAGS['--author']!r}" in conf
    assert "latex" not in conf.split("# -- PDF")[0].lower().replace("latex_", "")  # no title-page TeX
    assert "\\renewcommand" not in conf


def test_one_marked_example_of_each_object_kind(book: Path) -> None:
    """Every kind the package registers (a new kind module without a scaffold example fails here)."""
    from sphinx_briefing.kinds import SHIPPED

    kinds = [module.KIND for module in SHIPPED]
    assert len(kinds) >= 5
    text = "\n".join(p.read_text(encoding="utf-8") for p in (book / "docs").glob("*.md"))
    for kind in kinds:
        directive = kind.directive_name or kind.name
        assert len(re.findall(rf"^`{{3,}}\{{{directive}\}}", text, re.M)) == 1, directive
        for listing in kind.listings:
            assert f"```{{{listing}}}" in text, listing
    assert text.count("**Example: replace this page.**") == 4


def test_requirements_pin_the_toolkit_and_its_docx_and_live_extras(book: Path) -> None:
    lines = [line for line in (book / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    # the toolkit with pandoc (make docx) and sphinx-autobuild (make livehtml), and sphinx-intl (make update-po)
    assert lines == [f"sphinx-briefing[docx,live]=={sphinx_briefing.__version__}", "sphinx-intl>=2.2"]


def test_readthedocs_config_validates_against_the_schema(book: Path) -> None:
    config = yaml.safe_load((book / ".readthedocs.yaml").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(config)
    assert config["version"] == 2
    assert config["sphinx"]["configuration"] == "docs/conf.py"
    assert (book / config["python"]["install"][0]["requirements"]).is_file()


@pytest.mark.parametrize("target", ["html", "latexpdf", "docx", "epub", "livehtml", "linkcheck", "clean",
                                    "gettext", "update-po LANGUAGE=de", "venv"])
def test_makefile_has_the_target(book: Path, target: str) -> None:
    proc = subprocess.run(["make", "-n", "-C", str(book), *target.split()], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    if target == "livehtml":  # the installed toolkit is watched too: its edits rebuild everything
        assert "sphinx_autobuild" in proc.stdout and "--watch" in proc.stdout


def test_each_builder_keeps_doctrees_of_its_own(book: Path, tmp_path: Path) -> None:
    """The new book's Makefile gives each builder its own doctree directory, as the repository's does
    (tests/test_incremental.py's ``test_a_setting_built_to_latex_and_epub_first_still_reaches_the_html``
    shows why: with one directory for every builder, ``make latexpdf`` took a settings edit into the
    shared environment and the next ``make html`` kept the pages written with the old setting). The
    leaflet reads the doctrees the LaTeX build has just written, with the same settings."""
    # The book's Makefile beside a German catalog (an edition's targets need one), run with -n
    shutil.copy2(book / "Makefile", tmp_path / "Makefile")
    catalogs = tmp_path / "docs" / "locale" / "de" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "index.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")

    def doctrees(*target: str) -> list[str]:
        proc = subprocess.run(["make", "-n", "-C", str(tmp_path), *target, f"BOOK_PYTHON={sys.executable}"],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        found = [re.search(r" -d (\S+)", line) for line in proc.stdout.splitlines() if "-m sphinx" in line]
        assert all(found), proc.stdout  # every sphinx-build names its doctrees
        return [match[1] for match in found if match]

    assert doctrees("html") == ["_build/doctrees-html"]
    assert doctrees("livehtml") == ["_build/doctrees-html"]  # the same builder and output as `make html`
    assert doctrees("latexpdf") == ["_build/doctrees-latex", "_build/doctrees-latex"]  # the book, the leaflet
    assert doctrees("epub") == ["_build/doctrees-epub"]
    assert doctrees("docx") == ["_build/doctrees-docx", "_build/doctrees-docx"]
    assert doctrees("gettext") == ["_build/doctrees-gettext"]
    assert doctrees("linkcheck") == ["_build/doctrees-linkcheck"]
    assert doctrees("html", "LANGUAGE=de") == ["_build/de/doctrees-html"]
    assert doctrees("latexpdf", "LANGUAGE=de") == ["_build/de/doctrees-latex", "_build/de/doctrees-latex"]


def test_html_builds_with_no_warning_and_the_given_title(html: Path) -> None:
    index = (html / "index.html").read_text(encoding="utf-8")
    assert f"<title>{TITLE}" in html_text.unescape(index).replace("\u2019", "'")
    pages = {p.name: p.read_text(encoding="utf-8") for p in html.glob("*.html")}
    assert {"who-is-who.html", "organisations.html", "programme.html", "key-figures.html", "quotes.html",
            "sources.html"} <= set(pages)
    assert {name: _without_foreign(text) for name, text in pages.items()
            if _without_foreign(text)} == {}
    # the generated listings list the examples
    assert "Example Person" in pages["who-is-who.html"]
    assert "Example figure" in pages["key-figures.html"]
    assert "Example Ministry" in pages["organisations.html"] and "EXM" in pages["organisations.html"]
    agenda = pages["programme.html"].split('id="agenda"')[1]
    assert "Example meeting" in agenda and "2030" in agenda and "10:00" in agenda
    # the person's card links its organisation; the summary page links the leaflet only once it is
    # built (test_pdf_builds_…): no link to a file that is not there
    assert 'href="#organisation-example-organisation"' in pages["delegation.html"]
    assert f"_downloads/{SLUG}-at-a-glance.pdf" not in pages["at-a-glance.html"]


def test_epub_builds_with_no_warning(book: Path, html: Path) -> None:
    proc = make(book, "epub")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    epub = next((book / "_build" / "epub").glob("*.epub"))
    assert epub.name == f"{SLUG}.epub"
    with zipfile.ZipFile(epub) as archive:
        text = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.endswith((".xhtml", ".opf", ".ncx")))
    assert TITLE in html_text.unescape(text)
    assert _without_foreign(text) == []


@pytest.mark.slow
def test_pdf_builds_with_the_given_title_and_none_of_the_other_book(
        scaffolded_book: tuple[Path, dict[str, Any]]) -> None:
    """conftest's ``scaffolded_book``: the book of :data:`FLAGS` after ``make html``, ``make latexpdf``
    and ``make html`` again."""
    require_tool("lualatex", "latexmk", "pdftotext")
    work, made = scaffolded_book
    book, proc = work / "book", made["latexpdf"]
    html = book / "_build" / "html"
    assert made["html"]["returncode"] == 0, made["html"]["stdout"][-3000:] + made["html"]["stderr"]
    assert proc["returncode"] == 0, proc["stdout"][-3000:] + proc["stderr"]
    assert "WARNING" not in proc["stderr"], proc["stderr"]
    pdfs = sorted((book / "_build" / "latex").glob("*.pdf"))
    assert [p.name for p in pdfs] == [f"{SLUG}-at-a-glance.pdf", f"{SLUG}.pdf"]
    pdf = pdfs[1]
    text = unicodedata.normalize("NFKC", subprocess.run(  # NFKC: the ligature "ﬁ" reads "fi"
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout)
    first_page = text.split("\f")[0]
    assert "Testland and Examplia" in first_page and "Exampleville" in first_page
    assert "1 April 2030" in first_page and "Office of Test Briefings" in first_page
    assert _without_foreign(text) == []
    tex = next((book / "_build" / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "tikzpicture" not in tex and r"\renewcommand\briefingtitleart" not in tex
    # the leaflet: the at-a-glance page on at most two A4 pages, with the book's title block, and
    # copied into the HTML build for the page's download link
    leaflet = pdfs[0]
    assert len(PdfReader(leaflet).pages) <= 2
    leaflet_text = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(leaflet), "-"], capture_output=True, text=True, check=True
    ).stdout)
    assert "Testland and Examplia" in leaflet_text and "Exampleville" in leaflet_text
    assert "Example Person" in leaflet_text and "Example meeting" in leaflet_text
    assert _without_foreign(leaflet_text) == []
    assert (html / "_downloads" / leaflet.name).read_bytes() == leaflet.read_bytes()
    # archival PDF/A-2b with the new book's settings, and a text layer that reads as written
    for printed in (pdf, leaflet):
        assert pdfa_problems(printed, language="en", title=TITLE, author=FLAGS["--author"]) == []
        assert text_layer_problems(printed) == []

    # now that the leaflet is there, the next `make html` links it from the at-a-glance page
    again = made["html again"]
    assert again["returncode"] == 0, again["stdout"][-3000:] + again["stderr"]
    assert f'href="_downloads/{leaflet.name}"' in (html / "at-a-glance.html").read_text(encoding="utf-8")


def test_word_edition_builds_with_the_given_title_and_none_of_the_other_book(book: Path, html: Path) -> None:
    """`make docx`: the book and its leaflet as Word documents (issue 26), read back with python-docx."""
    from docx import Document

    proc = make(book, "docx")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    out = book / "_build" / "docx"
    assert sorted(p.name for p in out.glob("*.docx")) == [f"{SLUG}-at-a-glance.docx", f"{SLUG}.docx"]
    for name in (f"{SLUG}.docx", f"{SLUG}-at-a-glance.docx"):
        document = Document(str(out / name))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        assert TITLE in text and "Exampleville" in text and "Office of Test Briefings" in text
        assert "Example Person" in text
        assert _without_foreign(text) == []
        assert document.core_properties.title == TITLE


def test_refuses_a_non_empty_directory_and_touches_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "occupied"
    (target / "docs").mkdir(parents=True)
    (target / "docs" / "conf.py").write_text("project = 'mine'\n", encoding="utf-8")
    (target / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in target.rglob("*") if p.is_file()}
    proc = scaffold_here(capsys, target, "--no-input", "--title", "Overwrite?")
    assert proc.returncode == 2
    assert f"{target} is not empty; nothing was written" in proc.stderr
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in target.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in target.rglob("*")) == ["conf.py", "docs", "notes.txt"]


def test_asks_for_each_answer_without_no_input(tmp_path: Path) -> None:
    answers = "Examplia briefing\nThe Examplia summit\n2 May 2031\nTestburg\nde\nA. Author\n"
    proc = scaffold(tmp_path / "asked", stdin=answers)
    assert proc.returncode == 0, proc.stderr
    for prompt in ("Title of the book", "Occasion", "Date of the occasion", "Venue", "Language",
                   "Author"):
        assert prompt in proc.stdout
    conf = (tmp_path / "asked" / "docs" / "conf.py").read_text(encoding="utf-8")
    for line in ("project = 'Examplia briefing'", "briefing_occasion = 'The Examplia summit'",
                 "briefing_date = '2 May 2031'", "briefing_venue = 'Testburg'", "language = 'de'",
                 "author = 'A. Author'"):
        assert line in conf


def test_an_iso_date_is_printed_in_the_books_language(tmp_path: Path, built_root: RootBuilds,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """``--date 2030-04-01`` becomes a ``datetime.date``, which the title page writes out in German."""
    proc = scaffold_here(capsys, tmp_path / "d", "--no-input", "--date", "2030-04-01", "--language", "de")
    assert proc.returncode == 0, proc.stderr
    conf = (tmp_path / "d" / "docs" / "conf.py").read_text(encoding="utf-8")
    assert "briefing_date = datetime.date(2030, 4, 1)" in conf
    tex = next(built_root(tmp_path / "d" / "docs", "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert "\\renewcommand\\briefingdate{1. April 2030}" in tex


def test_quotes_in_answers_stay_text_in_conf_py(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "It's \"quoted\" \\ and {braced} \"\"\" end"
    proc = scaffold_here(capsys, tmp_path / "q", "--no-input", "--title", title)
    assert proc.returncode == 0, proc.stderr
    namespace: dict[str, object] = {}
    exec((tmp_path / "q" / "docs" / "conf.py").read_text(encoding="utf-8"), namespace)
    assert namespace["project"] == title


def test_readme_gives_the_two_routes() -> None:
    """The repository's two-command quick start, and a new book in three commands."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "```sh\nmake html\nmake test\n```" in readme
    route = readme.split("## Writing a new book")[1].split("```sh\n")[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in route.splitlines() if line.strip()]
    assert [c.split()[0:2] for c in commands] == [["pip", "install"], ["sphinx-briefing", "new"],
                                                  ["make", "-C"]]
    guide = (REPO / "docs" / "authoring-guide.md").read_text(encoding="utf-8")
    section = guide.split("## Starting a new book")[1]
    assert "sphinx-briefing new" in section and "pip install" in section
    assert "copy of this repository" in section  # ... which it says is not needed


@pytest.mark.slow
def test_a_new_book_has_the_whole_workflow_in_a_clean_environment(
        fresh_machine: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    """README's commands for a new book, as an author runs them: no activated venv (make makes the
    book's own .venv from requirements.txt), then an edition from its catalogs to its HTML and EPUB.

    The first two commands (``sphinx-briefing new``, ``make html``) ran on conftest's
    ``fresh_machine``: its requirements name this run's wheel, and its venv is the one
    tests/test_package.py installs into. The test goes on with a copy of that book, its ``.venv``
    linked, with the same clean environment."""
    made_book, made = fresh_machine
    built = made["html"]
    assert built["returncode"] == 0, built["stdout"][-3000:] + built["stderr"][-3000:]
    assert (made_book / ".venv" / "bin" / "python").exists()  # the book's own venv, from requirements.txt
    assert "-m venv .venv" in built["stdout"] and "pip install --quiet -r requirements.txt" in built["stdout"]
    # (the build runs with -W: a Sphinx warning fails it; pip's notes about the machine's indexes may
    # come on stderr too)
    assert "build succeeded" in built["stdout"]
    english = (made_book / "_build" / "html" / "key-figures.html").read_text(encoding="utf-8")
    # the switcher links only to editions built already: none yet, and the build says what to run
    assert 'hreflang="de"' not in english and "make html LANGUAGE=de" in built["stdout"]

    book = tmp_path / "two-editions"
    # the sources and the first build copied; the venv linked (a venv cannot move: its scripts name it)
    shutil.copytree(made_book, book, symlinks=True,
                    ignore=lambda folder, names: [".venv"] if Path(folder) == made_book else [])
    (book / ".venv").symlink_to(made_book / ".venv")
    env = clean_environment()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["make", "-C", str(book), *args], capture_output=True, text=True,
                              check=False, env=env)

    # An edition without catalogs is refused, naming the command that makes them
    refused = run("html", "LANGUAGE=fr")
    assert refused.returncode != 0
    assert "make update-po LANGUAGE=fr" in refused.stderr
    assert not (book / "_build" / "fr").exists()

    updated = run("update-po", "LANGUAGE=de")
    assert updated.returncode == 0, updated.stdout[-3000:] + updated.stderr[-3000:]
    catalogs = book / "docs" / "locale" / "de" / "LC_MESSAGES"
    assert {"conf.po", "index.po", "key-figures.po"} <= {p.name for p in catalogs.glob("*.po")}
    po = catalogs / "key-figures.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Key figures"\nmsgstr ""' in text
    po.write_text(text.replace('msgid "Key figures"\nmsgstr ""', 'msgid "Key figures"\nmsgstr "Schlüsselzahlen"'),
                  encoding="utf-8")

    german = run("html", "LANGUAGE=de")
    assert german.returncode == 0, german.stdout[-3000:] + german.stderr[-3000:]
    page = (book / "_build" / "de" / "html" / "key-figures.html").read_text(encoding="utf-8")
    assert "Schlüsselzahlen" in page and 'lang="de"' in page.split("<head>")[0]
    assert "Schlüsselzahlen" not in (book / "_build" / "html" / "key-figures.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' in page and "../../html/key-figures.html" in page  # English is built
    rebuilt = run("html")  # the English book again: now its switcher has the German edition
    assert rebuilt.returncode == 0, rebuilt.stdout[-3000:] + rebuilt.stderr[-3000:]
    english = (book / "_build" / "html" / "key-figures.html").read_text(encoding="utf-8")
    assert 'hreflang="de"' in english and "../de/html/key-figures.html" in english
    epub = run("epub", "LANGUAGE=de")
    assert epub.returncode == 0, epub.stdout[-3000:] + epub.stderr[-3000:]
    assert list((book / "_build" / "de" / "epub").glob("*.epub"))
