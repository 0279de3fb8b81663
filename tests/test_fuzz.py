"""Fuzzing: small books whose option values and bodies are arbitrary text, including HTML and script
payloads, LaTeX specials and control characters.

Properties: the build never crashes; no user text reaches the HTML as markup (no ``script``/``img``
element, no ``on*`` attribute, no ``javascript:`` link comes from it); and for a small sample the
LaTeX output compiles with lualatex. ``BRIEFING_FUZZ_EXAMPLES`` (default 25) sets the number of
generated books for deeper runs; ``BRIEFING_FUZZ_LATEX_EXAMPLES`` (default 1) the PDF sample.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, require_tool
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "25"))
LATEX_EXAMPLES = int(os.environ.get("BRIEFING_FUZZ_LATEX_EXAMPLES", "1"))

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "</div></section><svg onload=alert(1)>",
    r"\input{/etc/passwd} \def\x{} # $ % & ~ _ ^ { } \\",
    "\\end{document}",
    "50 % & 3 $ # _ ^ ~ \\",
    "岸田文雄 — “quoted” ’ « » ß",  # noqa: RUF001
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u200b\u2028\ufeff",
]


def one_line(text: str) -> str:
    """Option values live on one line: a line break (also VT, FF, U+2028 …) would end the option."""
    return " ".join(text.split()) or "x"


LINE_PAYLOADS = [one_line(p) for p in PAYLOADS]

_line = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n\r\x85\u2028\u2029"),
            min_size=1, max_size=30),
    st.builds(lambda a, b: a + b, st.sampled_from(PAYLOADS), st.text(max_size=10)),
).map(one_line)
_body = st.lists(_line, min_size=1, max_size=3).map("\n\n".join)

FIELDS = ("name", "role", "country", "native", "org", "value", "unit", "label", "title",
          "publisher", "url", "quote", "body", "explicit")
books = st.fixed_dictionaries({f: (_body if f in ("quote", "body") else _line) for f in FIELDS})


def write_book(srcdir: Path, v: dict[str, str], *, more: Sequence[dict[str, str]] = ()) -> None:
    """Every directive, role and listing once, each fed fuzzed text; the ids stay valid.

    Each of *more* adds a page of its own (``more-1``, ...) with the same objects fed its values, under
    their own ids (``p1-1``, ...), which the index's listings list too: several books' values in one
    project, so that one PDF compiles them all.
    """
    # Raw HTML in a Markdown body is MyST's feature (the author's own markup, as anywhere on a page);
    # a book taking untrusted text turns it off like this, and then no user text may become markup.
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_briefing"]\nproject = "fuzz"\nlatex_engine = "lualatex"\n'
        'myst_disable_syntax = ["html_block", "html_inline"]\n'
        'latex_documents = [("index", "fuzz.tex", "fuzz", "Tests", "manual")]\n',
        encoding="utf-8",
    )
    fence = "`" * 12  # longer than any backtick run the generator is likely to write
    pages = [f"more-{number}" for number in range(1, len(more) + 1)]
    toctree = f"{fence}{{toctree}}\n" + "".join(f"{page}\n" for page in pages) + f"{fence}\n\n" if pages else ""
    listings = f"""{fence}{{who-is-who}}
{fence}

{fence}{{key-figures}}
{fence}

{fence}{{pillar-overview}}
{fence}

{fence}{{quote-index}}
{fence}

{fence}{{source-list}}
{fence}

{fence}{{organisations}}
{fence}

{fence}{{agenda}}
{fence}
"""
    (srcdir / "index.md").write_text(f"# Fuzz\n\n{_objects(v, '', fence)}{toctree}{listings}", encoding="utf-8")
    for number, (page, values) in enumerate(zip(pages, more, strict=True), start=1):
        (srcdir / f"{page}.md").write_text(f"# Fuzz {number}\n\n{_objects(values, f'-{number}', fence)}",
                                           encoding="utf-8")


def _objects(v: dict[str, str], s: str, fence: str) -> str:
    """One object of each kind and every role, fed the values *v*, under ids ending in *s*."""
    return f"""{fence}{{source}} src{s}
:title: {v['title']}
:publisher: {v['publisher']}
:url: {v['url']}
{fence}

{fence}{{person}} p1{s}
:name: {v['name']}
:role: {v['role']}
:country: {v['country']}
:native-name: {v['native']}
:organisation: o1{s}
:counterpart: p1{s}
:source: src{s}

{v['body']}
{fence}

{fence}{{factbox}} f1{s}
:value: {v['value']}
:unit: {v['unit']}
:label: {v['label']}
:as-of: 2023-03-18
:source: src{s}

{v['body']}
{fence}

{fence}{{pillar}} pl1{s}
:title: {v['title']}
:leads: p1{s}
:facts: f1{s}
:source: src{s}

{v['body']}
{fence}

{fence}{{organisation}} o1{s}
:name: {v['org']}
:short: {v['unit']}
:native-name: {v['native']}
:country: {v['country']}
:url: {v['url']}
:source: src{s}

{v['body']}
{fence}

{fence}{{event}} e1{s}
:title: {v['title']}
:date: 2023-03-18
:start: 10:30
:timezone: {v['unit']}
:venue: {v['country']}
:participants: p1{s}, o1{s}
:event-status: held
:source: src{s}

{v['body']}
{fence}

{fence}{{briefing-quote}}
:by: p1{s}
:source: src{s}

{v['quote']}
{fence}

Roles: {{person}}`p1{s}`, {{fact}}`f1{s}`, {{pillar}}`pl1{s}`, {{source}}`src{s}`, {{organisation}}`o1{s}`,
{{event}}`e1{s}`,
{{person}}`{v['explicit'].replace('`', "'").replace('<', '(')} <p1{s}>`.

"""


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


def assert_no_injected_markup(html: str) -> None:
    soup = BeautifulSoup(html, "html5lib")  # parses as a browser does, so smuggled tags show up
    for script in soup("script"):
        assert "alert" not in script.get_text(), script
    assert soup.find(["img", "svg", "iframe", "object", "embed"]) is None
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag.name, attr)
            if attr.lower() in _URL_ATTRIBUTES:
                assert not str(value).strip().lower().startswith("javascript:"), tag


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    # One srcdir reused by every example (hypothesis runs many examples per test call).
    path = Path(tempfile.mkdtemp(prefix="briefing-fuzz-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


CHECKED: list[int] = []


DEEP = "BRIEFING_FUZZ_EXAMPLES" in os.environ
# Shrinking a failure costs hundreds of builds: only deep runs (BRIEFING_FUZZ_EXAMPLES set) shrink.
PHASES = list(Phase) if DEEP else [Phase.explicit, Phase.reuse, Phase.generate]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not DEEP, phases=PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@example(dict.fromkeys(FIELDS, LINE_PAYLOADS[0]))
@example(dict.fromkeys(FIELDS, LINE_PAYLOADS[1]))
@example(dict.fromkeys(FIELDS, LINE_PAYLOADS[-1]))
@given(book=books)
def test_html_never_carries_user_markup(workdir: Path, book: dict[str, str]) -> None:
    src = workdir / "src"
    shutil.rmtree(workdir, ignore_errors=True)
    src.mkdir(parents=True)
    write_book(src, book)
    built = build(src, builddir=workdir / "build")
    out, warnings = built.outdir, built.warnings
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="person-p1"' in page and 'id="fact-f1"' in page and 'id="organisation-o1"' in page
    assert 'id="event-e1"' in page
    assert_no_injected_markup(page)
    assert "Traceback" not in warnings
    CHECKED.append(1)


def test_fuzz_ran() -> None:
    """Reports (with -rA) how many generated books were built; it is zero only if the fuzz test was deselected."""
    print(f"fuzzed books built: {len(CHECKED)}")


# Bodies (and a role's explicit title) are ordinary Markdown text: a control character or U+FFFD in one stops LuaTeX in any
# Sphinx project (Sphinx does not filter them), so the PDF sample fuzzes bodies without them and
# holds the extension's own output (every option value) to the full alphabet.
_printable_body = _body.map(lambda s: "".join(c for c in s if c.isprintable() or c == "\n") or "x")
latex_books = st.fixed_dictionaries(
    {f: (_printable_body if f in ("quote", "body", "explicit") else _line) for f in FIELDS}
)


#: Hand-picked books of the PDF sample: every payload, and the control characters beside the LaTeX
#: specials. They are pages of each generated book's project (write_book's *more*), so that one PDF
#: compiles all three (one LuaLaTeX run of a few passes, where each book was one).
LATEX_EXAMPLES_FIXED = (
    dict(zip(FIELDS, (LINE_PAYLOADS * 2)[: len(FIELDS)], strict=True)),
    {**dict.fromkeys(FIELDS, LINE_PAYLOADS[-1]), "quote": PAYLOADS[5], "body": PAYLOADS[7], "explicit": PAYLOADS[6]},
)


@settings(max_examples=LATEX_EXAMPLES, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(book=latex_books)
def test_latex_compiles(tmp_path: Path, book: dict[str, str]) -> None:
    require_tool("latexmk", "lualatex")
    src = tmp_path / "src"
    shutil.rmtree(tmp_path / "src", ignore_errors=True)
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
    src.mkdir()
    write_book(src, book, more=LATEX_EXAMPLES_FIXED)
    built = build(src, "latex", builddir=tmp_path / "build")
    out = built.outdir
    proc = subprocess.run(
        ["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", "fuzz.tex"],
        cwd=out, capture_output=True, text=True, check=False, timeout=600,
    )
    log = (out / "fuzz.log").read_text(encoding="utf-8", errors="replace") if (out / "fuzz.log").exists() else ""
    assert proc.returncode == 0, log[-3000:] or proc.stdout[-3000:]
    assert (out / "fuzz.pdf").stat().st_size > 0
