"""Bad input, generated from the kinds: every directive and role, every kind of mistake, in MyST and rST.

The cases are not typed out per kind: :func:`cases_for` derives them from each kind's declaration
(its options, their types and link targets, its id, role and listings), for the package's kinds and
for a book's own (the test root's ``treaty``), so a new kind or option is tested as soon as it exists.

Each case is one bad block on a page ``page.<ext>`` between two good paragraphs, in a small book whose
``index`` defines one object of each kind. Each case must give exactly ONE warning, with its exact
text, its ``[briefing.<subtype>]`` and the ``file:line`` of the bad block; and the build must go on:
the good paragraphs, the author's text inside the bad block and the other page are all still there.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from conftest import ROOTS, build, parsed_page
from sphinx_briefing import Kind, Option
from sphinx_briefing.core.diagnostics import Problem
from sphinx_briefing.kinds import SHIPPED
from sphinx_briefing.listings.api import Listing


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


# -- the kinds under test: the package's own, and a book's own (tests/roots/test-kind/treaty.py) --

sys.path.insert(0, str(ROOTS / "test-kind"))
from treaty import TREATY  # noqa: E402

KINDS: list[Kind] = [module.KIND for module in SHIPPED] + [TREATY]
BY_NAME = {kind.name: kind for kind in KINDS}
BODY = "AUTHOR-TEXT stays visible."
INVALID_ID = "(use lower-case letters, digits and single hyphens, e.g. 'olaf-scholz')"


def good_id(kind: str) -> str:
    return f"good-{kind}"


def good_value(option: Option) -> str:
    """A valid value for *option*: the prelude's object of its (first) target kind, or a value of its type."""
    if option.link:
        return good_id(option.targets[0])
    return {
        "date": "2023-03-18",
        "time": "10:30",
        "url": "https://example.org/",
        "choice": option.choices[0] if option.choices else "",
        "flag": "",  # written alone
    }.get(option.type, f"Good {option.heading}")


def valid_options(kind: Kind) -> dict[str, str]:
    """The smallest valid set: the required options, plus a source where one is needed."""
    options = {o.name: good_value(o) for o in kind.options if o.required}
    if kind.needs_source:
        options["source"] = good_id("source")
    return options


# One good object of each kind, which every case may refer to (or clash with).
PRELUDE = [
    Block(
        kind.directive_label,
        good_id(kind.name) if kind.has_id or kind.role else "",
        tuple(valid_options(kind).items()),
        f"Good {kind.name} body.",
    )
    for kind in KINDS
]


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


BAD_VALUES: dict[str, tuple[list[str], Problem, str]] = {
    "date": (["18 March 2023", "2023-13-01", "2023-02-30", "23-03-18", "--02-30"], Problem.BAD_DATE,
             "must be a date as YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD (a day without its year), not {value!r}"),
    "time": (["9am", "25:00", "soon 10:30"], Problem.BAD_VALUE,
             "must be a time as HH:MM (24-hour clock; 'about', 'after', 'before', 'from' or 'until' "
             "may come first), not {value!r}"),
    "url": (["javascript:alert(1)", "example.org"], Problem.BAD_URL,
            "must start with https:// or http://"),
    "choice": (["zzz-no-such-value"], Problem.BAD_VALUE, "must be one of {choices}, not {value!r}"),
}


def cases_for(kind: Kind) -> list[Case]:
    """Every bad input the declaration of *kind* implies: missing, empty, unknown, bad id,
    duplicate, unknown or wrong-kind reference, malformed value, no source."""
    name, base, prefix = kind.directive_label, valid_options(kind), kind.name
    arg = "x" if kind.has_id else ""
    known = ", ".join(sorted([*(o.name for o in kind.options), "no-index"]))
    out = [
        Case(f"{prefix}-unknown-option", directive(name, arg, base, zzz_unknown="1"),
             f"{name} directive: unknown option 'zzz-unknown' (known: {known})", Problem.UNKNOWN_OPTION),
    ]
    for option in kind.options:
        o = option.name
        if option.required:
            out.append(Case(f"{prefix}-missing-{o}", directive(name, arg, base, drop=o),
                            f"{name} directive: missing required option {o!r}"
                            + (f" (or ':{option.unless}:')" if option.unless else ""), Problem.MISSING_OPTION))
        required = " (it is required)" if option.required else ""
        if option.type == "flag":
            # Written alone is right; a value after it is the mistake.
            out.append(Case(f"{prefix}-{o}-value", directive(name, arg, base, **{o: "yes please"}),
                            f"{name} directive: option {o!r} is a flag and takes no value (write ':{o}:' "
                            "alone), not 'yes please'", Problem.BAD_VALUE))
            continue
        out.append(Case(f"{prefix}-empty-{o}", directive(name, arg, base, **{o: ""}),
                        f"{name} directive: option {o!r} is empty{required}", Problem.EMPTY_OPTION))
        if option.link:
            wanted = option.targets
            out.append(Case(
                f"{prefix}-{o}-unknown", directive(name, arg, base, **{o: "nobody"}),
                f"{name} directive, option {o!r}: unknown {' or '.join(wanted)} 'nobody'", Problem.UNKNOWN_REF))
            other = next(k for k in KINDS if k.has_id and k.name not in wanted)
            # A kind this build does not load (organisation, until its module lands) keeps its name.
            expected = " or ".join(
                BY_NAME[t].with_article if t in BY_NAME else f"{'an' if t[:1] in 'aeiou' else 'a'} {t}"
                for t in wanted
            )
            out.append(Case(
                f"{prefix}-{o}-wrong-kind", directive(name, arg, base, **{o: good_id(other.name)}),
                f"{name} directive, option {o!r}: {good_id(other.name)!r} is {other.with_article}, "
                f"not {expected}", Problem.WRONG_KIND))
            # An id that differs only in case gets a hint; so does one close to a known id.
            good = good_id(wanted[0])
            out.append(Case(
                f"{prefix}-{o}-case-only", directive(name, arg, base, **{o: good.upper()}),
                f"{name} directive, option {o!r}: unknown {' or '.join(wanted)} {good.upper()!r} "
                f"(did you mean {good!r}? ids are lower-case)", Problem.UNKNOWN_REF))
            if not option.many:
                out.append(Case(
                    f"{prefix}-{o}-several", directive(name, arg, base, **{o: f"{good}, {good}"}),
                    f"{name} directive, option {o!r}: one {' or '.join(wanted)} id is allowed here, but 2 are "
                    f"given ({good!r}, {good!r})", Problem.SEVERAL_IDS))
        elif option.type in BAD_VALUES:
            values, problem, wording = BAD_VALUES[option.type]
            for i, value in enumerate(values):
                text = wording.format(value=value, choices=", ".join(option.choices))
                out.append(Case(f"{prefix}-{o}-bad-{i}", directive(name, arg, base, **{o: value}),
                                f"{name} directive: option {o!r} {text}", problem))
    if kind.needs_source:
        out.append(Case(f"{prefix}-no-source", directive(name, arg, base, drop="source"),
                        f"{name} directive: no source given (add ':source: <source id>')", Problem.NO_SOURCE))
    if kind.has_id:
        ident = good_id(kind.name)
        out += [
            Case(f"{prefix}-no-id", directive(name, "", base),
                 f"{name} directive: missing id argument", Problem.BAD_ID),
            Case(f"{prefix}-id-spaces", directive(name, "two words", base),
                 f"{name} directive: invalid id 'two words' {INVALID_ID}", Problem.BAD_ID),
            Case(f"{prefix}-id-uppercase", directive(name, "Upper", base),
                 f"{name} directive: invalid id 'Upper' {INVALID_ID}", Problem.BAD_ID),
            Case(f"{prefix}-duplicate", directive(name, ident, base),
                 f"duplicate {kind.name} id {ident!r} (first defined at index.{{ext}}:{{line_{ident}}})",
                 Problem.DUPLICATE_ID),
        ]
    for listing, builder in kind.listings.items():
        out.append(Case(f"{listing}-with-body", Block(listing, body=BODY),
                        f"{listing} directive: takes no content; the listing is generated from the book",
                        Problem.UNEXPECTED_CONTENT, shown="Good"))
        # Listing options follow the directives' rules: unknown, empty, and ids checked as references.
        declared = builder.options if isinstance(builder, Listing) else ()
        noun = builder.noun if isinstance(builder, Listing) else ""
        known = f"known: {', '.join(sorted(o.name for o in declared))}" if declared else "it takes none"
        out.append(Case(f"{listing}-unknown-option", Block(listing, options=(("zzz-unknown", "1"),)),
                        f"{listing} directive: unknown option 'zzz-unknown' ({known})",
                        Problem.UNKNOWN_OPTION, shown="Good"))
        for lo in declared:
            if lo.type == "flag":
                out.append(Case(f"{listing}-{lo.name}-value", Block(listing, options=((lo.name, "only"),)),
                                f"{listing} directive: option {lo.name!r} is a flag and takes no value (write "
                                f"':{lo.name}:' alone), not 'only'", Problem.BAD_VALUE, shown="No key figures"))
                continue
            out.append(Case(f"{listing}-empty-{lo.name}", Block(listing, options=((lo.name, ""),)),
                            f"{listing} directive: option {lo.name!r} is empty", Problem.EMPTY_OPTION, shown="Good"))
            if lo.type == "date":
                out.append(Case(f"{listing}-{lo.name}-bad", Block(listing, options=((lo.name, "18 March"),)),
                                f"{listing} directive: option {lo.name!r} must be a date as YYYY-MM-DD, YYYY-MM "
                                "or YYYY, not '18 March'", Problem.BAD_DATE, shown="Good"))
            if lo.link:
                wanted = tuple(lo.link.split("|"))
                good = good_id(wanted[0])
                out.append(Case(
                    f"{listing}-{lo.name}-case-only", Block(listing, options=((lo.name, good.upper()),)),
                    f"{listing} directive, option {lo.name!r}: unknown {' or '.join(wanted)} {good.upper()!r} "
                    f"(did you mean {good!r}? ids are lower-case)", Problem.UNKNOWN_REF,
                    # The filter matches nothing, and the listing says so in words.
                    shown=f"No {noun} "))
    if kind.role:
        role = kind.name
        other = next(k for k in KINDS if k.has_id and k.name != role)
        wrong = good_id(other.name)
        good = good_id(role)
        out += [
            Case(f"{role}-role-unknown", Block(role=(role, "nobody")),
                 f"{role} role: unknown {role} 'nobody'", Problem.UNKNOWN_REF, shown="nobody"),
            Case(f"{role}-role-explicit-unknown", Block(role=(role, "Shown Title <nobody>")),
                 f"{role} role: unknown {role} 'nobody'", Problem.UNKNOWN_REF, shown="Shown Title"),
            Case(f"{role}-role-wrong-kind", Block(role=(role, wrong)),
                 f"{role} role: {wrong!r} is {other.with_article}, not {kind.with_article}",
                 Problem.WRONG_KIND, shown=wrong),
            Case(f"{role}-role-uppercase", Block(role=(role, "Scholz")),
                 f"{role} role: unknown {role} 'Scholz'", Problem.UNKNOWN_REF, shown="Scholz"),
            Case(f"{role}-role-spaces", Block(role=(role, "olaf scholz")),
                 f"{role} role: unknown {role} 'olaf scholz'", Problem.UNKNOWN_REF, shown="olaf scholz"),
            # "Did you mean": a capital, a typo, a name typed for its id; several ids for one.
            *(
                Case(f"{role}-role-{label}", Block(role=(role, target)),
                     f"{role} role: unknown {role} {target!r} ({hint})", Problem.UNKNOWN_REF, shown=target)
                for label, target, hint in (
                    ("case-only", good.upper(), f"did you mean {good!r}? ids are lower-case"),
                    ("close", good[:-1], f"did you mean {good!r}?"),
                    ("name-for-id", f"The {good}", f"did you mean {good!r}?"),
                )
            ),
            Case(f"{role}-role-several", Block(role=(role, f"{good}, nobody")),
                 f"{role} role: one {role} id is allowed here, but 2 are given ({good!r}, 'nobody')",
                 Problem.SEVERAL_IDS, shown=f"{good}, nobody"),
        ]
    return out


QUOTE = BY_NAME["quote"]
CASES = [
    case for kind in KINDS for case in cases_for(kind)
] + [
    # What a kind's own directive class adds (quotes: generated ids, a body required).
    # A quotation's id is optional; given, it must be a slug and unique.
    Case("quote-invalid-id", directive(QUOTE.directive_label, "Scholz 1", valid_options(QUOTE)),
         "briefing-quote directive: invalid id 'Scholz 1' (use lower-case letters, digits and single "
         "hyphens, e.g. 'scholz-dependencies')", Problem.BAD_ID),
    Case("quote-duplicate-id", directive(QUOTE.directive_label, "good-quote", valid_options(QUOTE)),
         "duplicate quote id 'good-quote' (first defined at index.{ext}:{line_good-quote})", Problem.DUPLICATE_ID),
    Case("quote-no-body", Block(QUOTE.directive_label, "", tuple(valid_options(QUOTE).items())),
         "briefing-quote directive: the quotation (the body) is empty", Problem.NO_CONTENT,
         shown="Good Name"),
    # What the source directive adds: an archive path that must exist inside the book.
    Case("source-bad-archive", directive("source", "x", valid_options(BY_NAME["source"]), archive="no-such.txt"),
         "source directive: option 'archive': 'no-such.txt' does not exist", Problem.BAD_ARCHIVE),
    # {fact-value}: the fact role's checks, under its own name.
    Case("fact-value-role-unknown", Block(role=("fact-value", "nobody")),
         "fact-value role: unknown fact 'nobody'", Problem.UNKNOWN_REF, shown="nobody"),
    Case("fact-value-role-case-only", Block(role=("fact-value", "GOOD-FACT")),
         "fact-value role: unknown fact 'GOOD-FACT' (did you mean 'good-fact'? ids are lower-case)",
         Problem.UNKNOWN_REF, shown="GOOD-FACT"),
    Case("fact-value-role-wrong-kind", Block(role=("fact-value", "good-person")),
         "fact-value role: 'good-person' is a person, not a fact", Problem.WRONG_KIND, shown="good-person"),
    # The relationship map (relationship_map.py): a listing with options of its own. (`:unconnected: show`:
    # the test book's people meet nobody, and a map leaves unconnected boxes out unless asked.)
    Case("relationship-map-with-body", Block("relationship-map", options=(("unconnected", "show"),), body=BODY),
         "relationship-map directive: takes no content; the listing is generated from the book",
         Problem.UNEXPECTED_CONTENT, shown="Good"),
    Case("relationship-map-unknown-option", Block("relationship-map", options=(("colour", "red"), ("unconnected", "show"))),
         "relationship-map directive: unknown option 'colour' (known: country, kinds, participant, unconnected)",
         Problem.UNKNOWN_OPTION, shown="Good"),
    Case("relationship-map-participant-case-only", Block("relationship-map", options=(("participant", "GOOD-PERSON"),)),
         "relationship-map directive, option 'participant': unknown person or organisation 'GOOD-PERSON' "
         "(did you mean 'good-person'? ids are lower-case)", Problem.UNKNOWN_REF, shown="to map."),
    Case("relationship-map-empty-option", Block("relationship-map", options=(("country", ""), ("unconnected", "show"))),
         "relationship-map directive: option 'country' is empty", Problem.EMPTY_OPTION, shown="Good"),
    Case("relationship-map-bad-kinds", Block("relationship-map", options=(("kinds", "people, treaties"), ("unconnected", "show"))),
         "relationship-map directive: option 'kinds' takes people, organisations, events, agreements, not 'treaties'",
         Problem.BAD_VALUE, shown="Good"),
]


def test_cases_are_generated_for_every_kind() -> None:
    """The table is derived from the declarations: a new option or kind brings its cases along."""
    ids = {case.id for case in CASES}
    assert len(ids) == len(CASES)
    for kind in KINDS:
        for option in kind.options:
            assert f"{kind.name}-{'' if option.type == 'flag' else 'empty-'}{option.name}{'-value' if option.type == 'flag' else ''}" in ids
    assert {"treaty-at-bad-0", "treaty-treaty-status-bad-0", "treaty-parties-wrong-kind"} <= ids


def write_book(srcdir: Path, ext: str, bad: Block) -> tuple[Path, int, dict[str, int]]:
    """Write the small book; return the bad page, the bad block's line and the prelude's lines."""
    pages, lines = write_pages(srcdir, ext, {"page": bad})
    return (*pages["page"], lines)


def write_pages(srcdir: Path, ext: str, blocks: Mapping[str, Block]) -> tuple[dict[str, tuple[Path, int]], dict[str, int]]:
    """Write the small book with one page per entry of *blocks* (page name -> its bad block); return
    each page's file and its bad block's line, and the prelude's lines."""
    srcdir.mkdir(parents=True, exist_ok=True)
    # The book's own kind (tests/roots/test-kind/treaty.py) gets the same checks as the package's.
    (srcdir / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOTS / 'test-kind')!r})\n"
        'extensions = ["myst_parser", "sphinx_briefing", "treaty"]\n',
        encoding="utf-8",
    )
    index = ["# Index", ""] if ext == "md" else ["Index", "=====", ""]
    lines: dict[str, int] = {}
    for block in PRELUDE:
        lines[block.arg] = len(index) + 1
        index += [*block.render(ext).splitlines(), ""]
    # (the table of contents last: the prelude's lines are the same however many pages there are)
    if ext == "md":
        index += ["```{toctree}", *blocks, "```", ""]
    else:
        index += [".. toctree::", "", *(f"   {name}" for name in blocks), ""]
    (srcdir / f"index.{ext}").write_text("\n".join(index), encoding="utf-8")
    pages = {}
    for name, bad in blocks.items():
        bad_page = ["# Page", "", "BEFORE-TEXT.", ""] if ext == "md" else ["Page", "====", "", "BEFORE-TEXT.", ""]
        line = len(bad_page) + 1
        bad_page += [*bad.render(ext).splitlines(), "", "AFTER-TEXT.", ""]
        path = srcdir / f"{name}.{ext}"
        path.write_text("\n".join(bad_page), encoding="utf-8")
        pages[name] = (path, line)
    return pages, lines


def warning_lines(warnings: str) -> list[str]:
    return [line for line in warnings.splitlines() if line.strip()]


@dataclass(frozen=True)
class BadBook:
    """Every case of :data:`CASES` built in a book of pages, one page per case (:func:`bad_book`)."""

    #: Each case's page (by case id): its source file, the line of its bad block, its built page.
    pages: Mapping[str, tuple[Path, int, Path]]
    #: The prelude's lines in ``index`` (by object id), the same in each book.
    prelude: Mapping[str, int]
    #: The builds' warning lines, by the case whose page they name; those naming no case's page
    #: under ``""``.
    warnings: Mapping[str, list[str]]


#: The listing directives: a listing reads the whole book, so its cases are built in a book of their
#: own, where no other case's object can match its filter (another case's text ``GOOD-PERSON`` would).
LISTINGS = {"relationship-map", *(listing for kind in KINDS for listing in kind.listings)}


def own_ids(block: Block, n: int) -> Block:
    """*block* with the id ``x`` of a kind's cases made the case's own (``x-<n>``): the cases define
    their objects in one book, where ids shared across pages would clash."""
    return replace(block, arg=f"x-{n}") if block.arg == "x" else block


@pytest.fixture(scope="module")
def bad_book(ext: str, tmp_path_factory: pytest.TempPathFactory) -> BadBook:
    """Every case in *ext*, each on a page of its own beside the same ``index``: one book for the
    objects' and roles' cases, one for the listings' (:data:`LISTINGS`).

    Two builds instead of one per case (over a thousand small builds, each paying for Sphinx's
    set-up, the theme's files and the book's exports). A case's warnings are those that name its
    page, and no warning may name anything else (:func:`test_no_warning_names_anything_but_a_cases_page`),
    so each case still gives exactly one warning, located, and the rest of its page. Pages are named
    ``page-<case>``, read after ``index``, so that ``index`` holds the first definition of each id.
    """
    groups = {"objects": [c for c in CASES if c.block.directive not in LISTINGS],
              "listings": [c for c in CASES if c.block.directive in LISTINGS]}
    pages: dict[str, tuple[Path, int, Path]] = {}
    warnings: list[str] = []
    for group, cases in groups.items():
        src = tmp_path_factory.mktemp(f"bad-{ext}-{group}") / "src"
        written, prelude = write_pages(src, ext, {f"page-{c.id}": own_ids(c.block, n) for n, c in enumerate(cases)})
        built = build(src, builddir=src.parent / "build")
        assert built.returncode == 0, built.status[-3000:]
        pages |= {c.id: (*written[f"page-{c.id}"], built.outdir / f"page-{c.id}.html") for c in cases}
        warnings += warning_lines(built.warnings)
    by_case: dict[str, list[str]] = {case_id: [] for case_id in ["", *(case.id for case in CASES)]}
    prefixes = {f"{path}:": case_id for case_id, (path, _, _) in pages.items()}
    for line in warnings:
        by_case[next((c for p, c in prefixes.items() if line.startswith(p)), "")].append(line)
    return BadBook(pages, prelude, by_case)


@pytest.mark.parametrize("ext", ["md", "rst"], scope="module")
def test_no_warning_names_anything_but_a_cases_page(bad_book: BadBook) -> None:
    """No warning is left over that a case's own test would not see (``index``, conf.py, none located)."""
    assert bad_book.warnings[""] == []


@pytest.mark.parametrize("ext", ["md", "rst"], scope="module")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_input_gives_one_located_warning(case: Case, ext: str, bad_book: BadBook) -> None:
    path, line, html = bad_book.pages[case.id]
    message = case.message.format_map({"ext": ext, **{f"line_{k}": v for k, v in bad_book.prelude.items()}})
    assert bad_book.warnings[case.id] == [
        f"{path}:{line}: WARNING: {message} [briefing.{case.problem.value}]"
    ]
    # The build went on: the page is complete and the author's words are still there.
    page = html.read_text(encoding="utf-8")
    for expected in ("BEFORE-TEXT.", "AFTER-TEXT.", case.shown or "AUTHOR-TEXT stays visible."):
        assert expected in page
    index = (html.parent / "index.html").read_text(encoding="utf-8")
    assert 'id="person-good-person"' in index and "Good person body." in index


# One case per subtype, for the suppress test; a new subtype without a case fails here.
REPRESENTATIVE = {case.problem: case for case in reversed(CASES)}


#: Subtypes that need more than one bad block: an archived text (tests/test_archive.py) or conf.py
#: (bad-import below; bad-config in tests/test_status.py; uncited, a book setting, in
#: tests/test_uncited.py; deprecated, a renamed setting, in tests/test_upgrade.py). Each is silenced
#: by its own test there.
ELSEWHERE = {
    Problem.QUOTE_NOT_IN_SOURCE, Problem.VALUE_NOT_IN_SOURCE, Problem.UNMARKED_COPY, Problem.BAD_CONFIG,
    Problem.UNCITED, Problem.DEPRECATED,
    Problem.TOO_MANY_HEADLINES,  # four marked factboxes: tests/test_headline_figures.py
}


def test_every_subtype_has_a_case() -> None:
    # nested-fence is a MyST problem (tests/test_fences.py) and duplicate-anchor a page one
    # (tests/test_anchors.py): their silencing cases are below; no-graphviz needs a missing dot.
    # line-separator is a source-text problem (tests/test_edges.py).
    special = {Problem.BAD_IMPORT, Problem.BAD_PREVIOUS, Problem.NESTED_FENCE, Problem.DUPLICATE_ANCHOR,
               Problem.NO_GRAPHVIZ, Problem.LINE_SEPARATOR}
    assert set(REPRESENTATIVE) | special | ELSEWHERE == set(Problem)


@dataclass(frozen=True)
class Trigger:
    """What makes a subtype's one warning in the small book: its block on a page, text appended to
    that page, and settings."""

    block: Block
    appended: str = ""
    settings: Mapping[str, object] = field(default_factory=dict)

    def append(self, srcdir: Path, page: str) -> None:
        """Append the trigger's text to *page* of *srcdir* (a page :func:`write_pages` made), its ids
        named after the page, apart from another trigger's in the same book."""
        if self.appended:
            with (srcdir / f"{page}.md").open("a", encoding="utf-8") as f:
                f.write(self.appended.replace("pq", f"pq-{page}").replace("Pq", f"Pq-{page}"))


GOOD_ROLE = Block(role=("person", good_id("person")))
#: The subtypes that no case of :data:`CASES` gives, and how each is given instead.
SPECIAL_TRIGGERS = {
    Problem.BAD_IMPORT: Trigger(GOOD_ROLE, settings={"briefing_import": ["no-such-export.json"]}),
    Problem.BAD_PREVIOUS: Trigger(GOOD_ROLE, settings={"briefing_previous_edition": {"location": "no-such-previous.json"}}),
    Problem.NESTED_FENCE: Trigger(GOOD_ROLE, "\n```\n\n```{factbox} swallowed\n:value: 1\n```\n"),
    Problem.LINE_SEPARATOR: Trigger(GOOD_ROLE, "\n```{person} pq\n:name: Q\u2028R\n:role: R\n```\n"),
    Problem.DUPLICATE_ANCHOR: Trigger(GOOD_ROLE, "\n(person-pp)=\nA paragraph labelled like the card on the index.\n\n"
                                                 "```{person} pq\n:name: Q\n:role: R\n```\n\n## Person Pq\n"),
    Problem.NO_GRAPHVIZ: Trigger(Block("relationship-map"), settings={"graphviz_dot": "no-such-dot"}),
}
SILENCEABLE = [p for p in Problem if p not in ELSEWHERE]


def trigger(problem: Problem) -> Trigger:
    return SPECIAL_TRIGGERS.get(problem) or Trigger(REPRESENTATIVE[problem].block)


def build_triggers(srcdir: Path, triggers: Mapping[str, Trigger], suppressed: Sequence[str] = ()) -> list[str]:
    """The warning lines of a small book with each of *triggers* on its page (page name -> trigger),
    built with ``suppress_warnings`` = *suppressed*."""
    write_pages(srcdir, "md", {page: own_ids(t.block, n) for n, (page, t) in enumerate(triggers.items())})
    for page, t in triggers.items():
        t.append(srcdir, page)
    settings = {k: v for t in triggers.values() for k, v in t.settings.items()}
    built = build(srcdir, builddir=srcdir.parent / "build", confoverrides={"suppress_warnings": list(suppressed), **settings})
    return warning_lines(built.warnings)


class SpecialWarnings:
    """A special subtype's warnings in a book of its own, nothing suppressed, on the page it has as a
    witness, located relative to the book (:func:`in_book`); each built once, when first asked for."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._found: dict[Problem, list[str]] = {}

    def __contains__(self, problem: Problem) -> bool:
        return problem in SPECIAL_TRIGGERS

    def __getitem__(self, problem: Problem) -> list[str]:
        if problem not in self._found:
            src = self._factory.mktemp(f"loud-{problem.value}") / "src"
            self._found[problem] = [in_book(line, src) for line in build_triggers(src, {"witness": SPECIAL_TRIGGERS[problem]})]
        return self._found[problem]


@pytest.fixture(scope="session")  # (not module: a module fixture would put both syntaxes' bad books in one unit)
def special_warnings(tmp_path_factory: pytest.TempPathFactory) -> SpecialWarnings:
    """The special subtypes' warnings with nothing suppressed (the others' are :func:`bad_book`'s)."""
    return SpecialWarnings(tmp_path_factory)


@pytest.mark.parametrize("ext", ["md"], scope="module")
@pytest.mark.parametrize("problem", SILENCEABLE, ids=lambda p: p.value)
def test_each_subtype_can_be_silenced(problem: Problem, bad_book: BadBook, special_warnings: SpecialWarnings,
                                      tmp_path: Path) -> None:
    """``suppress_warnings = ["briefing.<subtype>"]`` hides that subtype's warning and no other.

    One build per subtype: its trigger on one page, the next subtype's (:data:`SILENCEABLE`, in a
    cycle) on the page ``witness``, only this subtype named. So every subtype is shown silenced by
    its own name alone (here), and still warning, word for word and at the same line, while another
    subtype's name is given (in the build of the subtype before it). That it warns with nothing
    suppressed is the bad-input test's build of the same block (:func:`bad_book`), or, for the
    special subtypes, :func:`special_warnings`.
    """
    witness = SILENCEABLE[(SILENCEABLE.index(problem) + 1) % len(SILENCEABLE)]
    # Before: the subtype warns, once, when nothing is suppressed.
    loud = loud_lines(problem, bad_book, special_warnings)
    assert len(loud) == 1 and loud[0].endswith(f"[briefing.{problem.value}]")
    # Silenced by its own name, while the witness's warning stays as it is with nothing suppressed.
    src = tmp_path / "src"
    warnings = build_triggers(src, {"page": trigger(problem), "witness": trigger(witness)}, [f"briefing.{problem.value}"])
    assert [in_book(line, src) for line in warnings] == loud_lines(witness, bad_book, special_warnings)


def loud_lines(problem: Problem, bad_book: BadBook, special_warnings: SpecialWarnings) -> list[str]:
    """*problem*'s warnings with nothing suppressed, located relative to their book, the page of the
    bad block called ``witness.md``."""
    if problem in special_warnings:
        return special_warnings[problem]
    page = bad_book.pages[REPRESENTATIVE[problem].id][0]
    return [re.sub(rf"^{re.escape(page.name)}:", "witness.md:", in_book(line, page.parent))
            for line in bad_book.warnings[REPRESENTATIVE[problem].id]]


def in_book(line: str, srcdir: Path) -> str:
    """*line* with *srcdir* taken out (``page.md:12: WARNING: …``, and a path in the message), as in
    whichever book it was built."""
    return line.replace(f"{srcdir}/", "")


def test_the_whole_type_can_be_silenced(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_book(srcdir, "rst", REPRESENTATIVE[Problem.UNKNOWN_REF].block)
    assert warning_lines(build(srcdir, builddir=tmp_path / "b", confoverrides={"suppress_warnings": ["briefing"]}).warnings) == []


def test_every_subtype_is_documented_and_the_guide_table_is_generated(germany_japan_html: tuple[Path, str]) -> None:
    """The guide's table comes from the docstrings: every subtype, its trigger and what the book shows."""
    from sphinx_briefing.core.diagnostics import problem_docs

    docs = problem_docs()
    assert set(docs) == set(Problem)
    assert all(trigger and shows for trigger, shows in docs.values())
    guide = parsed_page(germany_japan_html[0], "authoring-guide")
    rows = [
        [" ".join(td.get_text(" ", strip=True).split()) for td in tr.select("td")]
        for tr in guide.select("table.briefing-warning-table tbody tr")
    ]
    assert [row[0] for row in rows] == [p.value for p in Problem]
    assert rows[[p for p in Problem].index(Problem.BAD_URL)][1:] == [
        "A url that does not start with https:// or http:// , or an object in another book\u2019s "
        "briefing.json ( briefing_import ) whose address is neither http(s) nor relative ( javascript: , "
        "data: \u2026), reported at conf.py\u2019s briefing_import line.",
        "The address as plain text, not a link; references to such an imported object as text.",
    ]
