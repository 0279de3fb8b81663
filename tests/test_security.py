"""Issue 21, security: an author's settings, a translator's catalog, another project's data and an
archived page reach the book's outputs only as text.

- Every text of ``conf.py``, ``conf.po`` and the scaffold's answers reaches LaTeX through Sphinx's
  escaping, in a *fresh* ``sphinx-build`` (the first build of a process is where it used to fail: the
  title-page macros were escaped before Sphinx had filled its escaping tables).
- Every URL from outside (``briefing_import`` data, ``:url:`` options, a source's archive) is
  restricted to http(s) and relative ones; anything else is one located warning and plain text.
- An archived HTML page is published as text that no browser runs.
- Search results land on the object's card, in every edition.
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    SCAFFOLD_FLAGS,
    RootBuilds,
    build,
    copy_root,
    hover_texts,
    one,
    parsed_page,
    pdftotext,
    require_tool,
)

#: Every LaTeX special, a macro and a macro parameter: text that must print as written.
HOSTILE = r"Talks \textbf{INJECTED} 100% R&D #1 $x$ a_b {c} ~d ^e"
#: The issue's scaffolded title.
SCAFFOLD_TITLE = "Anna's \"R&D\" talks: 100% #1"

#: The briefing.sty macros the book settings define (titlepage.MACROS), and the PDF metadata.
_MACRO_VALUE = re.compile(r"\\renewcommand\\(briefing[a-z]+)\{(.*)\}$", re.M)


def _unescaped(tex_value: str) -> list[str]:
    """The LaTeX specials in *tex_value* that Sphinx's escaping would have replaced (``\\string&``,
    the PDF metadata's ampersand as a character, is escaped too)."""
    found = re.findall(r"(?<!\\)(?<!\\string)[%&#$_^~]", tex_value)
    found += re.findall(r"\\textbf", tex_value)
    return found


def _append(conf: Path, text: str) -> None:
    conf.write_text(conf.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_book_settings_reach_latex_escaped_in_a_fresh_build(tmp_path: Path) -> None:
    """Point 1: in a new process (as make latexpdf and Read the Docs run it), every book setting is
    escaped: the title page, the running head, the footer mark, the PDF metadata and \\title."""
    src = copy_root("basic", tmp_path)
    settings = {name: HOSTILE for name in (
        "project", "author", "briefing_title", "briefing_subtitle", "briefing_occasion", "briefing_date",
        "briefing_venue", "briefing_edition", "briefing_status", "briefing_short_title",
        "briefing_footer_mark")}
    _append(src / "conf.py", "".join(f"{k} = {v!r}\n" for k, v in settings.items())
            + "latex_engine = 'lualatex'\n"
            + "latex_documents = [('index', 'book.tex', project, author, 'manual')]\n"
            + f"briefing_pdf_metadata = {{'subject': {HOSTILE!r}, 'keywords': [{HOSTILE!r}]}}\n")
    built = build(src, "latex", subprocess=True)
    assert built.returncode == 0, built.warnings
    tex = (built.outdir / "book.tex").read_text(encoding="utf-8")
    macros = dict(_MACRO_VALUE.findall(tex))
    for macro in ("briefingtitle", "briefingsubtitle", "briefingoccasion", "briefingdate", "briefingvenue",
                  "briefingedition", "briefingstatus", "briefingshorttitle", "briefingmark"):
        assert macros.get(macro), macro
        assert _unescaped(macros[macro]) == [], (macro, macros[macro])
        assert r"\textbackslash{}textbf\{INJECTED\}" in macros[macro]
    metadata = re.search(r"\\hypersetup\{(pdf.*)\}$", tex, re.M)
    assert metadata and _unescaped(metadata.group(1)) == [], metadata
    # The PDF's \title and \author (latex_documents names conf.py's plain project and author).
    for command in ("title", "author"):
        value = re.search(rf"^\\{command}\{{(.*)\}}$", tex, re.M)
        assert value and _unescaped(value.group(1)) == [], (command, value)


GERMAN_CONF_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Testland talks"
msgstr "Gespräche 100% F&E #1"

msgid "Exampleville"
msgstr "Beispielstadt {Süd} $5 a_b"
"""


def test_a_translators_specials_in_conf_po_reach_latex_escaped(tmp_path: Path) -> None:
    """Point 1, translated: an ordinary %, & or # in conf.po no longer stops the German PDF."""
    src = copy_root("basic", tmp_path)
    _append(src / "conf.py", "project = 'Testland talks'\nauthor = 'Exampleville'\n"
            "briefing_venue = 'Exampleville'\nlocale_dirs = ['locale/']\nlatex_engine = 'lualatex'\n"
            "latex_documents = [('index', 'book.tex', project, author, 'manual')]\n")
    po = src / "locale" / "de" / "LC_MESSAGES" / "conf.po"
    po.parent.mkdir(parents=True)
    po.write_text(GERMAN_CONF_PO, encoding="utf-8")
    built = build(src, "latex", confoverrides={"language": "de"})
    assert built.returncode == 0, built.warnings
    tex = (built.outdir / "book.tex").read_text(encoding="utf-8")
    macros = dict(_MACRO_VALUE.findall(tex))
    assert macros["briefingtitle"] == r"Gespräche 100\% F\&E \#1"
    assert _unescaped(macros["briefingvenue"]) == [] and "Beispielstadt" in macros["briefingvenue"]
    for command in ("title", "author"):
        value = re.search(rf"^\\{command}\{{(.*)\}}$", tex, re.M)
        assert value and _unescaped(value.group(1)) == [], (command, value)


def test_a_scaffolded_book_with_specials_in_its_title_builds_its_pdf(
        scaffolded_book: tuple[Path, dict[str, Any]]) -> None:
    """Point 1, scaffold: the issue's title, written by ``sphinx-briefing new``, prints as typed.

    The book is conftest's ``scaffolded_book`` (tests/test_scaffold.py checks the rest of its PDF):
    its title holds the issue's, its venue and author LaTeX's specials, and ``make latexpdf`` ran
    sphinx-build in a new process, as an author's first build does."""
    require_tool("lualatex", "latexmk", "pdftotext")
    work, made = scaffolded_book
    assert SCAFFOLD_TITLE in SCAFFOLD_FLAGS["--title"]
    assert made["latexpdf"]["returncode"] == 0, made["latexpdf"]["stdout"][-3000:] + made["latexpdf"]["stderr"]
    tex = next((work / "book" / "_build" / "latex").glob("*.tex"))
    first_page = pdftotext(tex.with_suffix(".pdf")).split("\f")[0]
    flat = " ".join(first_page.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())
    assert "R&D\" talks: 100% #1" in flat, flat
    assert "R&D centre, 50% #2" in flat, flat


# -- 2. Outside URLs: http(s) and relative only ------------------------------------------------------

#: Addresses a browser would run or open as something other than a web page, however spelled.
UNSAFE_URLS = ["javascript:alert(document.domain)", "data:text/html,<script>alert(1)</script>",
               " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "\x01javascript:alert(1)",
               "vbscript:msgbox(1)", "file:///etc/passwd"]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_no_unsafe_scheme_passes_the_url_rule(url: str) -> None:
    from sphinx_briefing.core.objects import safe_url

    assert not safe_url(url)
    assert not safe_url(url, relative=False)


@pytest.mark.parametrize("url", ["https://a.example/x", "HTTP://a.example/", "people.html#person-mori",
                                 "../book/people.html", "#fact-trade", "//a.example/p"])
def test_http_and_relative_addresses_pass_the_url_rule(url: str) -> None:
    from sphinx_briefing.core.objects import safe_url

    assert safe_url(url)


def _unsafe_links(outdir: Path) -> list[str]:
    """Every link target in the HTML, XHTML or LaTeX under *outdir* that is not http(s) or relative."""
    from sphinx_briefing.core.objects import safe_url

    targets = []
    for path in outdir.rglob("*"):
        if path.suffix in (".html", ".xhtml"):
            targets += re.findall(r"""\b(?:href|src|action|formaction)\s*=\s*["']([^"']*)""", path.read_text(encoding="utf-8"))
        elif path.suffix == ".tex":
            targets += re.findall(r"\\(?:sphinx)?href\{([^}]*)\}", path.read_text(encoding="utf-8"))
    return [t for t in targets if not safe_url(html_unescape(t)) and not t.startswith("mailto:")]


def _book_a(built_root: RootBuilds) -> dict[str, object]:
    """Another book's ``briefing.json``, read afresh for a test to change: ``test-basic`` built once per
    session and worker (``built_root``, clean) for every builder's case, in this process."""
    import json

    outdir = built_root("basic", options=("-D", "html_baseurl=https://a.example/book/"))
    data: dict[str, object] = json.loads((outdir / "briefing.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_imported_javascript_and_data_urls_stay_text(tmp_path: Path, builder: str, built_root: RootBuilds) -> None:
    """Point 2: another book's ``briefing.json`` cannot make a live ``javascript:`` or ``data:`` link;
    each such object gives one warning at conf.py's briefing_import line, and its references are text."""
    import json

    data = _book_a(built_root)
    objects = data["objects"]
    assert isinstance(objects, dict)
    objects["person"]["scholz"]["url"] = "javascript:alert(document.cookie)"
    objects["person"]["kishida"]["url"] = " JaVa\tScript:alert(1)"
    objects["fact"]["trade"]["url"] = "data:text/html,<script>alert(1)</script>"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(data), encoding="utf-8")
    src = copy_root("import", tmp_path)
    _append(src / "conf.py", f"briefing_import = [{str(hostile)!r}]\n")
    built = build(src, builder)
    warnings = [w for w in built.warnings.strip().splitlines() if "[briefing." in w]
    assert len(warnings) == 3, built.warnings
    conf_line = (src / "conf.py").read_text(encoding="utf-8").splitlines().index(
        f"briefing_import = [{str(hostile)!r}]") + 1
    for line in warnings:
        assert line.startswith(f"{src / 'conf.py'}:{conf_line}: WARNING: briefing_import:"), line
        assert line.endswith("[briefing.bad-url]"), line
    assert _unsafe_links(built.outdir) == []
    if builder == "html":

        soup = parsed_page(built.outdir, "index")
        text = soup.get_text(" ")
        assert "Olaf Scholz" in text and "Mr Kishida" in text and "45.7 billion euros" in text
        assert not soup.select("a.briefing-external")


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_every_url_option_of_every_kind_links_only_http(tmp_path: Path, builder: str) -> None:
    """The rule beyond the case: every option declared ``type="url"``, of every kind the toolkit ships,
    links an http(s) address and shows anything else as text, with its warning."""
    from sphinx_briefing.kinds import SHIPPED

    url_options = sorted((module.KIND.name, option.name) for module in SHIPPED for option in module.KIND.options
                         if option.type == "url")
    assert url_options, "no kind declares a url option"
    src = copy_root("basic", tmp_path)
    blocks = []
    for n, (kind, option) in enumerate(url_options):
        extra = ":title: T\n" if kind == "source" else ":name: N\n"
        blocks.append(f"```{{{kind}}} unsafe{n}\n{extra}:{option}: javascript:alert({n})\n```\n\n"
                      f"```{{{kind}}} safe{n}\n{extra}:{option}: https://safe{n}.example/\n```\n")
    (src / "urls.md").write_text("# URLs\n\n" + "\n".join(blocks), encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("listings\n", "listings\nurls\n", 1),
                     encoding="utf-8")
    built = build(src, builder)
    assert built.warnings.count("[briefing.bad-url]") == len(url_options), built.warnings
    output = "".join(p.read_text(encoding="utf-8") for p in built.outdir.rglob("*") if p.suffix in (".html", ".tex"))
    for n in range(len(url_options)):
        assert f"https://safe{n}.example/" in output
    assert _unsafe_links(built.outdir) == []
    assert "javascript:alert(0)" in output.replace("\\sphinxhyphen{}", "-")


# -- 3. An archived HTML page is published as text that cannot run --------------------------------

HOSTILE_PAGE = """<!DOCTYPE html><html><head><title>Publisher</title>
<script>localStorage.setItem("pwned", "head"); document.title = "PWNED";</script></head>
<body onload="localStorage.setItem('pwned', 'onload')">
<p>We want to learn from each other, the minister said.</p>
<img src="x" onerror="localStorage.setItem('pwned', 'onerror')">
<svg><script>localStorage.setItem("pwned", "svg")</script></svg>
<iframe src="javascript:parent.localStorage.setItem('pwned','iframe')"></iframe>
<p>Trade reached 45.7 billion euros.</p></body></html>
"""


def _archive_book(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "saved").mkdir(parents=True)
    (src / "saved" / "article.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\nproject = "t"\n'
                                 'version = release = "1"\ncopyright = "t"\n', encoding="utf-8")
    (src / "index.md").write_text("# Index\n\n```{toctree}\nreference/sources\n```\n", encoding="utf-8")
    (src / "reference").mkdir()
    (src / "reference" / "sources.md").write_text(
        "# Sources\n\n```{source} art\n:title: The article\n:archive: /saved/article.html\n```\n", encoding="utf-8")
    return src


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "epub"])
def test_an_archived_html_page_is_published_as_text(tmp_path: Path, builder: str) -> None:
    """Point 3: the publisher's page is never copied as it is; HTML builders publish its visible text
    in a .txt file, linked correctly from the page in html, dirhtml and singlehtml; EPUB publishes none."""

    src = _archive_book(tmp_path)
    built = build(src, builder)
    assert "WARNING" not in built.warnings, built.warnings
    files = [p for p in built.outdir.rglob("*") if p.is_file()]
    # Nothing of the page's markup is published anywhere, in any file of the output.
    for path in files:
        if path.suffix in (".html", ".xhtml", ".txt", ".htm", ".epub") or path.name == "article.html":
            content = path.read_bytes()
            assert b"pwned" not in content, path
    assert not [p for p in files if p.name == "article.html"]
    published = [p for p in files if p.suffix == ".txt" and "_archive" in p.parts]
    if builder == "epub":
        assert published == []
        return
    assert [p.relative_to(built.outdir).as_posix() for p in published] == ["_archive/saved/article.html.txt"]
    text = published[0].read_text(encoding="utf-8")
    assert "We want to learn from each other" in text and "45.7 billion euros" in text
    assert "<" not in text and "script" not in text.lower()
    page = {"html": "reference/sources.html", "dirhtml": "reference/sources/index.html",
            "singlehtml": "index.html"}[builder]
    soup = parsed_page(built.outdir, page)
    link = soup.select_one("a.briefing-archive")
    assert link is not None and link.get_text() == "article.html.txt"
    assert (built.outdir / page).parent.joinpath(str(link["href"])).resolve() == published[0].resolve()


def test_no_script_of_an_archived_page_runs_on_the_books_site(tmp_path: Path, browser: object) -> None:
    """Point 3 in Chromium: the book served over HTTP, the archive link followed from the sources page:
    the archive arrives as text/plain, and nothing the publisher wrote runs on the book's origin."""
    import functools
    import http.server
    import threading

    src = _archive_book(tmp_path)
    built = build(src, "html")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(base + "reference/sources.html")
        with page.expect_navigation():
            page.click("a.briefing-archive")
        response = page.goto(page.url)
        assert response is not None and response.headers["content-type"].startswith("text/plain")
        assert page.url.endswith("/_archive/saved/article.html.txt")
        page.wait_for_timeout(300)
        assert page.evaluate("localStorage.getItem('pwned')") is None
        assert page.title() != "PWNED"
        assert page.evaluate("document.querySelectorAll('script, iframe, img, svg').length") == 0
        assert "We want to learn from each other" in page.inner_text("body")
    finally:
        context.close()
        server.shutdown()
        server.server_close()


# -- Hover texts: one data file, JSON inside a script, never HTML ------------------------------------

#: A role that would close the data file's script, open a comment, or add markup, were it written raw.
HOSTILE_ROLE = "</script><script>window.pwned=1</script> <!-- x <b>bold</b> <img src=x onerror=window.pwned=2> & end"


def _hostile_role_book(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n', encoding="utf-8")
    (src / "index.md").write_text("# Book\n\n```{toctree}\npeople\n```\n\nWe meet {person}`p1`.\n", encoding="utf-8")
    (src / "people.md").write_text(f"# People\n\n```{{person}} p1\n:name: Paula One\n:role: {HOSTILE_ROLE}\n```\n",
                                   encoding="utf-8")
    return src


def test_a_hostile_role_reaches_the_hover_file_as_json_text(tmp_path: Path) -> None:
    """The page carries only the key; the book's hover-text file holds the role as JSON text in which no
    ``<`` is left (so no ``</script>`` and no ``<!--``), and it decodes to exactly what the author wrote."""
    built = build(_hostile_role_book(tmp_path), "html")
    assert not built.warnings.strip(), built.warnings
    page = (built.outdir / "index.html").read_text(encoding="utf-8")
    assert "pwned" not in page and "<b>bold</b>" not in page
    link = one(parsed_page(built.outdir, "index", hovers=False), "a.briefing-person-ref")
    assert link["data-briefing-hover"] == "person:p1" and not link.has_attr("title")
    data = (built.outdir / "_static" / "briefing-hovers.js").read_text(encoding="utf-8")
    for raw in ("<", ">", "&", "\u2028"):
        assert raw not in data, raw
    assert "\\u003c/script\\u003e" in data
    role = hover_texts(built.outdir)["person:p1"].split(" · ")[1]
    # (Smart quotes make the comment's "--" an en dash, as in the body of the page; the rest is verbatim.)
    assert role == HOSTILE_ROLE.replace("<!--", "<!\u2013")


def test_a_hostile_role_is_text_in_the_browser(tmp_path: Path, browser: object) -> None:
    """In Chromium, from file://: nothing of the role runs, the card shows it as text, the title holds it."""
    built = build(_hostile_role_book(tmp_path), "html")
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto((built.outdir / "index.html").as_uri())
        page.wait_for_function("() => window.briefingHovers !== undefined")
        link = page.locator("a.briefing-person-ref").first
        link.hover()
        card = page.locator("#briefing-card")
        card.wait_for(state="visible")
        assert card.locator("img, b, script").count() == 0
        assert "</script><script>window.pwned=1</script>" in card.inner_text()
        page.mouse.move(1, 1)
        card.wait_for(state="hidden")
        assert "<img src=x onerror=window.pwned=2>" in (link.get_attribute("title") or "")
        assert page.evaluate("window.pwned === undefined")
    finally:
        page.close()


# -- 4. Search results land on the object's card, in every edition -----------------------------------


def _search_links(outdir: Path) -> dict[str, str]:
    """What Sphinx's search page links each indexed briefing object to: ``"<type> <shown name>"`` ->
    ``page#anchor``, rebuilt from ``searchindex.js`` exactly as searchtools.js does."""
    import json

    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[len("Search.setIndex("):-1])
    links = {}
    for prefix, entries in data["objects"].items():
        for doc, typeindex, _prio, anchor, name in entries:
            domain, typ, _label = data["objnames"][str(typeindex)]
            if domain != "briefing":
                continue
            fullname = f"{prefix}.{name}" if prefix else name
            if anchor == "":
                anchor = fullname
            elif anchor == "-":
                anchor = f"{typ}-{fullname}"
            links[f"{typ} {html_unescape(fullname)}"] = f"{data['docnames'][doc]}.html#{anchor}"
    return links


@pytest.mark.parametrize("language", ["en", "de", "ja"])
def test_every_search_hit_for_an_object_lands_on_its_card(tmp_path: Path, language: str) -> None:
    """Point 4, for every object of every kind in every edition: the search page's link for it names
    an element id that exists on the page it opens."""

    built = build(copy_root("i18n", tmp_path), "html", confoverrides={"language": language})
    assert built.returncode == 0, built.warnings
    links = _search_links(built.outdir)
    assert len(links) >= 5, links
    if language == "ja":
        assert "person 岸田文雄" in links
    wrong = []
    for shown, link in links.items():
        page, _, anchor = link.partition("#")
        soup = parsed_page(built.outdir, page)
        if soup.find(id=html_unescape(anchor)) is None:
            wrong.append((shown, link))
    assert wrong == []


@pytest.mark.parametrize(("language", "query", "anchor"), [
    ("en", "Kishida", "person-kishida"), ("ja", "岸田文雄", "person-kishida"), ("de", "Scholz", "person-scholz"),
])
def test_the_search_page_opens_the_card(tmp_path: Path, browser: object, language: str, query: str,
                                        anchor: str) -> None:
    """Point 4 in Chromium: the search page's hit for a person opens the person's card."""
    import functools
    import http.server
    import threading

    built = build(copy_root("i18n", tmp_path), "html", confoverrides={"language": language})

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search.html?q={query}")
        hit = page.wait_for_selector(f"#search-results li a[href*='#{anchor}'], #search-results li a[href*='#person']",
                                     timeout=15000)
        assert hit is not None
        href = hit.get_attribute("href")
        assert href is not None and href.endswith(f"#{anchor}"), href
        hit.click()
        page.wait_for_load_state()
        assert page.evaluate(f"!!document.getElementById('{anchor}')")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
