"""Bad input, table-driven: every directive and role, every kind of mistake, in MyST and in rST.

Each case is one bad block on a page ``page.<ext>`` between two good paragraphs, in a small book whose
``index`` defines one object of each kind. Each case must give exactly ONE warning, with its exact
text, its ``[briefing.<subtype>]`` and the ``file:line`` of the bad block; and the build must go on:
the good paragraphs, the author's text inside the bad block and the other page are all still there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOTS, build_in_process
from sphinx_briefing.diagnostics import Problem


@dataclass(frozen=True)
class Block:
    """One directive (or, with ``role``, one paragraph holding a role), written in either syntax."""

    directive: str = ""
    arg: str = ""
    options: tuple[tuple[str, str], ...] = ()
    body: str = ""
    role: tuple[str, str] | None = None

    def render(self, ext: str) -> str:
        if self.role:
            name, target = self.role
            role = f"{{{name}}}`{target}`" if ext == "md" else f":{name}:`{target}`"
            return f"Text with {role} in it.\n"
        arg = f" {self.arg}" if self.arg else ""
        if ext == "md":
            lines = [f"```{{{self.directive}}}{arg}"]
            lines += [f":{k}: {v}".rstrip() for k, v in self.options]
            lines += ["", self.body] if self.body else []
            lines.append("```")
        else:
            lines = [f".. {self.directive}::{arg}"]
            lines += [f"   :{k}: {v}".rstrip() for k, v in self.options]
            lines += ["", f"   {self.body}"] if self.body else []
        return "\n".join(lines) + "\n"


def opts(**kwargs: str) -> tuple[tuple[str, str], ...]:
    return tuple((k.replace("_", "-"), v) for k, v in kwargs.items())


# The good objects every case may refer to (or clash with): source src, person pp, fact ff, pillar pl.
PRELUDE = [
    Block("source", "src", opts(title="Good source")),
    Block("person", "pp", opts(name="Good Person", role="Good role"), "Good person body."),
    Block("factbox", "ff", opts(value="1", label="Good figure", source="src")),
    Block("pillar", "pl", opts(title="Good pillar", leads="pp", facts="ff", source="src")),
    Block("briefing-quote", "", opts(by="pp", source="src"), "Good quotation."),
]

# Valid options of each directive, varied by the cases below.
PERSON = {"name": "N", "role": "R"}
PILLAR = {"title": "T"}
FACT = {"value": "1", "label": "L", "source": "src"}
QUOTE = {"by": "pp", "source": "src"}
SOURCE = {"title": "T"}
BODY = "AUTHOR-TEXT stays visible."

KNOWN = {
    "person": "counterpart, country, name, native-name, no-index, organisation, role, source",
    "pillar": "facts, leads, no-index, source, title",
    "factbox": "as-of, label, no-index, source, unit, value",
    "briefing-quote": "by, no-index, source",
    "source": "date, no-index, publisher, title, url",
}
INVALID_ID = "(use lower-case letters, digits and single hyphens, e.g. 'olaf-scholz')"


def directive(
    directive_name: str, arg: str, base: dict[str, str], /, *, drop: str = "", **changes: str
) -> Block:
    """A *directive_name* block with *base* options, minus *drop*, plus *changes* (``as_of`` -> ``as-of``)."""
    options = {k: v for k, v in base.items() if k != drop}
    options.update({k.replace("_", "-"): v for k, v in changes.items()})
    return Block(directive_name, arg, tuple(options.items()), BODY)


@dataclass(frozen=True)
class Case:
    id: str
    block: Block
    message: str  # ``{ext}`` stands for the source suffix (the duplicate case names a file)
    problem: Problem
    #: Text the reader must still find on the page (default: the block's body).
    shown: str = ""


CASES = [
    # -- person ---------------------------------------------------------------------------
    Case("person-missing-name", directive("person", "x", PERSON, drop="name"),
         "person directive: missing required option 'name'", Problem.MISSING_OPTION),
    Case("person-missing-role", directive("person", "x", PERSON, drop="role"),
         "person directive: missing required option 'role'", Problem.MISSING_OPTION),
    Case("person-unknown-option", directive("person", "x", PERSON, party="SPD"),
         f"person directive: unknown option 'party' (known: {KNOWN['person']})", Problem.UNKNOWN_OPTION),
    Case("person-empty-option", directive("person", "x", PERSON, country=""),
         "person directive: option 'country' is empty", Problem.EMPTY_OPTION),
    Case("person-empty-required", directive("person", "x", PERSON, name=""),
         "person directive: option 'name' is empty (it is required)", Problem.EMPTY_OPTION),
    Case("person-no-id", directive("person", "", PERSON),
         "person directive: missing id argument", Problem.BAD_ID),
    Case("person-id-spaces", directive("person", "olaf scholz", PERSON),
         f"person directive: invalid id 'olaf scholz' {INVALID_ID}", Problem.BAD_ID),
    Case("person-id-uppercase", directive("person", "Scholz", PERSON),
         f"person directive: invalid id 'Scholz' {INVALID_ID}", Problem.BAD_ID),
    Case("person-duplicate", directive("person", "pp", PERSON),
         "duplicate person id 'pp' (first defined at index.{ext}:{line_pp})",
         Problem.DUPLICATE_ID),
    Case("person-unknown-counterpart", directive("person", "x", PERSON, counterpart="nobody"),
         "person directive, option 'counterpart': unknown person 'nobody'", Problem.UNKNOWN_REF),
    Case("person-counterpart-wrong-kind", directive("person", "x", PERSON, counterpart="ff"),
         "person directive, option 'counterpart': 'ff' is a fact, not a person", Problem.WRONG_KIND),
    Case("person-unknown-source", directive("person", "x", PERSON, source="nowhere"),
         "person directive, option 'source': unknown source 'nowhere'", Problem.UNKNOWN_REF),
    Case("person-source-wrong-kind", directive("person", "x", PERSON, source="pp"),
         "person directive, option 'source': 'pp' is a person, not a source", Problem.WRONG_KIND),
    # -- pillar ---------------------------------------------------------------------------
    Case("pillar-missing-title", directive("pillar", "x", PILLAR, drop="title"),
         "pillar directive: missing required option 'title'", Problem.MISSING_OPTION),
    Case("pillar-unknown-option", directive("pillar", "x", PILLAR, lead="pp"),
         f"pillar directive: unknown option 'lead' (known: {KNOWN['pillar']})", Problem.UNKNOWN_OPTION),
    Case("pillar-empty-option", directive("pillar", "x", PILLAR, facts=""),
         "pillar directive: option 'facts' is empty", Problem.EMPTY_OPTION),
    Case("pillar-empty-required", directive("pillar", "x", PILLAR, title=""),
         "pillar directive: option 'title' is empty (it is required)", Problem.EMPTY_OPTION),
    Case("pillar-no-id", directive("pillar", "", PILLAR),
         "pillar directive: missing id argument", Problem.BAD_ID),
    Case("pillar-id-spaces", directive("pillar", "energy security", PILLAR),
         f"pillar directive: invalid id 'energy security' {INVALID_ID}", Problem.BAD_ID),
    Case("pillar-id-uppercase", directive("pillar", "Energy", PILLAR),
         f"pillar directive: invalid id 'Energy' {INVALID_ID}", Problem.BAD_ID),
    Case("pillar-duplicate", directive("pillar", "pl", PILLAR),
         "duplicate pillar id 'pl' (first defined at index.{ext}:{line_pl})",
         Problem.DUPLICATE_ID),
    Case("pillar-unknown-lead", directive("pillar", "x", PILLAR, leads="nobody"),
         "pillar directive, option 'leads': unknown person 'nobody'", Problem.UNKNOWN_REF),
    Case("pillar-lead-wrong-kind", directive("pillar", "x", PILLAR, leads="ff"),
         "pillar directive, option 'leads': 'ff' is a fact, not a person", Problem.WRONG_KIND),
    Case("pillar-unknown-fact", directive("pillar", "x", PILLAR, facts="nothing"),
         "pillar directive, option 'facts': unknown fact 'nothing'", Problem.UNKNOWN_REF),
    Case("pillar-fact-wrong-kind", directive("pillar", "x", PILLAR, facts="pp"),
         "pillar directive, option 'facts': 'pp' is a person, not a fact", Problem.WRONG_KIND),
    Case("pillar-unknown-source", directive("pillar", "x", PILLAR, source="nowhere"),
         "pillar directive, option 'source': unknown source 'nowhere'", Problem.UNKNOWN_REF),
    # -- factbox --------------------------------------------------------------------------
    Case("fact-missing-value", directive("factbox", "x", FACT, drop="value"),
         "factbox directive: missing required option 'value'", Problem.MISSING_OPTION),
    Case("fact-missing-label", directive("factbox", "x", FACT, drop="label"),
         "factbox directive: missing required option 'label'", Problem.MISSING_OPTION),
    Case("fact-unknown-option", directive("factbox", "x", FACT, year="2023"),
         f"factbox directive: unknown option 'year' (known: {KNOWN['factbox']})", Problem.UNKNOWN_OPTION),
    Case("fact-empty-option", directive("factbox", "x", FACT, unit=""),
         "factbox directive: option 'unit' is empty", Problem.EMPTY_OPTION),
    Case("fact-empty-required", directive("factbox", "x", FACT, value=""),
         "factbox directive: option 'value' is empty (it is required)", Problem.EMPTY_OPTION),
    Case("fact-empty-source", directive("factbox", "x", FACT, source=""),
         "factbox directive: option 'source' is empty", Problem.EMPTY_OPTION),
    Case("fact-no-id", directive("factbox", "", FACT),
         "factbox directive: missing id argument", Problem.BAD_ID),
    Case("fact-id-spaces", directive("factbox", "trade volume", FACT),
         f"factbox directive: invalid id 'trade volume' {INVALID_ID}", Problem.BAD_ID),
    Case("fact-id-uppercase", directive("factbox", "Trade", FACT),
         f"factbox directive: invalid id 'Trade' {INVALID_ID}", Problem.BAD_ID),
    Case("fact-duplicate", directive("factbox", "ff", FACT),
         "duplicate fact id 'ff' (first defined at index.{ext}:{line_ff})",
         Problem.DUPLICATE_ID),
    *(
        Case(f"fact-as-of-{i}", directive("factbox", "x", FACT, as_of=date),
             "factbox directive: option 'as-of' must be a date as YYYY-MM-DD, YYYY-MM or YYYY, "
             f"not {date!r}", Problem.BAD_DATE)
        for i, date in enumerate(["18 March 2023", "2023-13-01", "2023-02-30", "23-03-18"])
    ),
    Case("fact-no-source", directive("factbox", "x", FACT, drop="source"),
         "factbox directive: no source given (add ':source: <source id>')", Problem.NO_SOURCE),
    Case("fact-unknown-source", directive("factbox", "x", FACT, source="nowhere"),
         "factbox directive, option 'source': unknown source 'nowhere'", Problem.UNKNOWN_REF),
    Case("fact-source-wrong-kind", directive("factbox", "x", FACT, source="pp"),
         "factbox directive, option 'source': 'pp' is a person, not a source", Problem.WRONG_KIND),
    # -- briefing-quote -------------------------------------------------------------------
    Case("quote-missing-by", directive("briefing-quote", "", QUOTE, drop="by"),
         "briefing-quote directive: missing required option 'by'", Problem.MISSING_OPTION),
    Case("quote-unknown-option", directive("briefing-quote", "", QUOTE, speaker="pp"),
         f"briefing-quote directive: unknown option 'speaker' (known: {KNOWN['briefing-quote']})",
         Problem.UNKNOWN_OPTION),
    Case("quote-empty-by", directive("briefing-quote", "", QUOTE, by=""),
         "briefing-quote directive: option 'by' is empty (it is required)", Problem.EMPTY_OPTION),
    Case("quote-empty-source", directive("briefing-quote", "", QUOTE, source=""),
         "briefing-quote directive: option 'source' is empty", Problem.EMPTY_OPTION),
    Case("quote-with-id", directive("briefing-quote", "scholz-1", QUOTE),
         "briefing-quote directive: quotes take no id argument; 'scholz-1' is ignored "
         "(put the quotation in the body)", Problem.BAD_ID),
    Case("quote-unknown-speaker", directive("briefing-quote", "", QUOTE, by="nobody"),
         "briefing-quote directive, option 'by': unknown person 'nobody'", Problem.UNKNOWN_REF),
    Case("quote-speaker-wrong-kind", directive("briefing-quote", "", QUOTE, by="src"),
         "briefing-quote directive, option 'by': 'src' is a source, not a person", Problem.WRONG_KIND),
    Case("quote-no-source", directive("briefing-quote", "", QUOTE, drop="source"),
         "briefing-quote directive: no source given (add ':source: <source id>')", Problem.NO_SOURCE),
    Case("quote-unknown-source", directive("briefing-quote", "", QUOTE, source="nowhere"),
         "briefing-quote directive, option 'source': unknown source 'nowhere'", Problem.UNKNOWN_REF),
    Case("quote-source-wrong-kind", directive("briefing-quote", "", QUOTE, source="ff"),
         "briefing-quote directive, option 'source': 'ff' is a fact, not a source", Problem.WRONG_KIND),
    Case("quote-no-body", Block("briefing-quote", "", tuple(QUOTE.items())),
         "briefing-quote directive: the quotation (the body) is empty", Problem.NO_CONTENT,
         shown="Good Person"),
    # -- source ---------------------------------------------------------------------------
    Case("source-missing-title", directive("source", "x", SOURCE, drop="title"),
         "source directive: missing required option 'title'", Problem.MISSING_OPTION),
    Case("source-unknown-option", directive("source", "x", SOURCE, author="Someone"),
         f"source directive: unknown option 'author' (known: {KNOWN['source']})", Problem.UNKNOWN_OPTION),
    Case("source-empty-option", directive("source", "x", SOURCE, publisher=""),
         "source directive: option 'publisher' is empty", Problem.EMPTY_OPTION),
    Case("source-empty-required", directive("source", "x", SOURCE, title=""),
         "source directive: option 'title' is empty (it is required)", Problem.EMPTY_OPTION),
    Case("source-no-id", directive("source", "", SOURCE),
         "source directive: missing id argument", Problem.BAD_ID),
    Case("source-id-spaces", directive("source", "the article", SOURCE),
         f"source directive: invalid id 'the article' {INVALID_ID}", Problem.BAD_ID),
    Case("source-id-uppercase", directive("source", "Article", SOURCE),
         f"source directive: invalid id 'Article' {INVALID_ID}", Problem.BAD_ID),
    Case("source-duplicate", directive("source", "src", SOURCE),
         "duplicate source id 'src' (first defined at index.{ext}:{line_src})",
         Problem.DUPLICATE_ID),
    Case("source-bad-url", directive("source", "x", SOURCE, url="javascript:alert(1)"),
         "source directive: option 'url' must start with https:// or http://", Problem.BAD_URL),
    # -- a book's own kind (treaty) -------------------------------------------------------
    Case("treaty-bad-time", directive("treaty", "x", {"title": "T"}, at="9am"),
         "treaty directive: option 'at' must be a time as HH:MM (24-hour clock), not '9am'",
         Problem.BAD_VALUE),
    Case("treaty-bad-choice", directive("treaty", "x", {"title": "T"}, status="ratified"),
         "treaty directive: option 'status' must be one of signed, in-force, planned, not 'ratified'",
         Problem.BAD_VALUE),
    Case("treaty-party-wrong-kind", directive("treaty", "x", {"title": "T"}, parties="pp, src"),
         "treaty directive, option 'parties': 'src' is a source, not a person", Problem.WRONG_KIND),
    # -- listings -------------------------------------------------------------------------
    *(
        Case(f"{name}-with-body", Block(name, body=BODY),
             f"{name} directive: takes no content; the listing is generated from the book",
             Problem.UNEXPECTED_CONTENT, shown="Good")
        for name in ("who-is-who", "key-figures", "pillar-overview", "quote-index", "source-list")
    ),
    # -- roles ----------------------------------------------------------------------------
    *(
        case
        for role, wrong, wrong_kind in (("person", "ff", "fact"), ("pillar", "pp", "person"),
                                        ("fact", "pp", "person"), ("source", "pl", "pillar"))
        for case in (
            Case(f"{role}-role-unknown", Block(role=(role, "nobody")),
                 f"{role} role: unknown {role} 'nobody'", Problem.UNKNOWN_REF, shown="nobody"),
            Case(f"{role}-role-explicit-unknown", Block(role=(role, "Shown Title <nobody>")),
                 f"{role} role: unknown {role} 'nobody'", Problem.UNKNOWN_REF, shown="Shown Title"),
            Case(f"{role}-role-wrong-kind", Block(role=(role, wrong)),
                 f"{role} role: '{wrong}' is a {wrong_kind}, not a {role}", Problem.WRONG_KIND,
                 shown=wrong),
            Case(f"{role}-role-uppercase", Block(role=(role, "Scholz")),
                 f"{role} role: unknown {role} 'Scholz'", Problem.UNKNOWN_REF, shown="Scholz"),
            Case(f"{role}-role-spaces", Block(role=(role, "olaf scholz")),
                 f"{role} role: unknown {role} 'olaf scholz'", Problem.UNKNOWN_REF, shown="olaf scholz"),
        )
    ),
]


def write_book(srcdir: Path, ext: str, bad: Block) -> tuple[Path, int, dict[str, int]]:
    """Write the small book; return the bad page, the bad block's line and the prelude's lines."""
    srcdir.mkdir(parents=True, exist_ok=True)
    # The book's own kind (tests/roots/test-kind/treaty.py) gets the same checks as the package's.
    (srcdir / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOTS / 'test-kind')!r})\n"
        'extensions = ["myst_parser", "sphinx_briefing", "treaty"]\n',
        encoding="utf-8",
    )
    if ext == "md":
        index = ["# Index", "", "```{toctree}", "page", "```", ""]
        bad_page = ["# Page", "", "BEFORE-TEXT.", ""]
    else:
        index = ["Index", "=====", "", ".. toctree::", "", "   page", ""]
        bad_page = ["Page", "====", "", "BEFORE-TEXT.", ""]
    lines: dict[str, int] = {}
    for block in PRELUDE:
        lines[block.arg] = len(index) + 1
        index += [*block.render(ext).splitlines(), ""]
    line = len(bad_page) + 1
    bad_page += [*bad.render(ext).splitlines(), "", "AFTER-TEXT.", ""]
    (srcdir / f"index.{ext}").write_text("\n".join(index), encoding="utf-8")
    path = srcdir / f"page.{ext}"
    path.write_text("\n".join(bad_page), encoding="utf-8")
    return path, line, lines


def warning_lines(warnings: str) -> list[str]:
    return [line for line in warnings.splitlines() if line.strip()]


@pytest.mark.parametrize("ext", ["md", "rst"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_gives_one_located_warning(case: Case, ext: str, tmp_path: Path) -> None:
    path, line, prelude = write_book(tmp_path / "src", ext, case.block)
    out, warnings = build_in_process("html", tmp_path / "src", tmp_path / "build")
    message = case.message.format(ext=ext, **{f"line_{k}": v for k, v in prelude.items()})
    assert warning_lines(warnings) == [
        f"{path}:{line}: WARNING: {message} [briefing.{case.problem.value}]"
    ]
    # The build went on: the page is complete and the author's words are still there.
    page = (out / "page.html").read_text(encoding="utf-8")
    for expected in ("BEFORE-TEXT.", "AFTER-TEXT.", case.shown or "AUTHOR-TEXT stays visible."):
        assert expected in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="person-pp"' in index and "Good person body." in index


# One case per subtype, for the suppress test; a new subtype without a case fails here.
REPRESENTATIVE = {case.problem: case for case in reversed(CASES)}


def test_every_subtype_has_a_case() -> None:
    assert set(REPRESENTATIVE) | {Problem.BAD_IMPORT} == set(Problem)


@pytest.mark.parametrize("problem", list(Problem), ids=lambda p: p.value)
def test_each_subtype_can_be_silenced(problem: Problem, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    if problem is Problem.BAD_IMPORT:
        write_book(srcdir, "md", Block(role=("person", "pp")))
        extra: dict[str, object] = {"briefing_import": ["no-such-export.json"]}
    else:
        write_book(srcdir, "md", REPRESENTATIVE[problem].block)
        extra = {}
    loud = warning_lines(build_in_process("html", srcdir, tmp_path / "loud", **extra)[1])
    assert len(loud) == 1 and loud[0].endswith(f"[briefing.{problem.value}]")
    quiet = build_in_process(
        "html", srcdir, tmp_path / "quiet", suppress_warnings=[f"briefing.{problem.value}"], **extra
    )[1]
    assert warning_lines(quiet) == []
    # Silencing is per subtype: another subtype's name does not hide this one.
    other = next(p for p in Problem if p is not problem)
    still = build_in_process(
        "html", srcdir, tmp_path / "other", suppress_warnings=[f"briefing.{other.value}"], **extra
    )[1]
    assert warning_lines(still) == loud


def test_the_whole_type_can_be_silenced(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_book(srcdir, "rst", REPRESENTATIVE[Problem.UNKNOWN_REF].block)
    assert warning_lines(build_in_process("html", srcdir, tmp_path / "b", suppress_warnings=["briefing"])[1]) == []
