"""The content-loss checks: a literal block that holds this extension's directive syntax, and an
option line holding an invisible line break.

In MyST an inner fence as long as its outer one closes the outer directive; the outer directive's
own closing fence then opens a code block that swallows the rest of the page, objects included,
without a single warning. A bare code block (no language: the stray fence had none) with a line
opening a backtick, tilde or colon fence on one of this extension's directives is reported at
that line. Blocks with a language (```` ```markdown ````, ```` ```text ````) show syntax on purpose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.diagnostics import WARNING_TABLE, Problem, warn
from ..core.domain import get_domain
from ..core.pipeline import priority
from ..listings.relationship_map import NAME as RELATIONSHIP_MAP

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_UNMARKED = {None, "", "default", "none"}


def briefing_directive_names(app: Sphinx) -> list[str]:
    """Every directive this package registers for the book: each kind's own and its listings
    (from the Domain's declarations, a book's own kinds included), the map and the warning table."""
    names = {RELATIONSHIP_MAP, WARNING_TABLE}
    for kind in get_domain(app.env).kinds.values():
        names.add(kind.directive_label)
        names.update(kind.listings)
    return sorted(names)


def check_literal_blocks(app: Sphinx, doctree: nodes.document) -> None:
    blocks = [(block, block.line) for block in doctree.findall(nodes.literal_block)
              if block.get("language") in _UNMARKED and block.line is not None]
    # Most pages have no such block: the pattern of every directive name (a few dozen
    # alternatives, compiled anew in every build process) is made only for a page that has one.
    names = briefing_directive_names(app) if blocks else None
    if not names:
        return
    alternatives = "|".join(map(re.escape, names))
    opening = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{(" + alternatives + r")\}")
    for block, first in blocks:
        for offset, line in enumerate(block.astext().splitlines()):
            if match := opening.match(line):
                name = match[1]
                where = nodes.Element()
                # The block starts on the line after its opening fence.
                where.source, where.line = block.source, first + 1 + offset
                warn(
                    Problem.NESTED_FENCE,
                    f"a code block holds a {name!r} directive that was not run: a nested fence "
                    f"probably closed an outer directive early; open the outer directive with "
                    f"more backticks than the fences inside it (e.g. ````{{pillar}}), and close it "
                    f"with the same number",
                    where,
                )
                break  # one warning per swallowed block: the rest follows from the first


#: Characters that str.splitlines() (MyST's and docutils' option parsers use it) takes for a line
#: end, though Markdown, reStructuredText and editors show none (MyST-Parser#963).
HIDDEN_LINE_ENDS = {
    "\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR", "\x85": "U+0085 NEXT LINE",
    "\x0b": "U+000B LINE TABULATION", "\x0c": "U+000C FORM FEED", "\x1c": "U+001C FILE SEPARATOR",
    "\x1d": "U+001D GROUP SEPARATOR", "\x1e": "U+001E RECORD SEPARATOR",
}
_AS_SPACE = str.maketrans(dict.fromkeys(HIDDEN_LINE_ENDS, " "))
#: A directive's opening line: a MyST fence (```{name}, :::{name}) or an rST ``.. name::``.
_DIRECTIVE = re.compile(r"^\s*(?:(?:`{3,}|~{3,}|:{3,})\s*\{[^}]+\}|\.\.\s+[\w:-]+::)")
_OPTION_LINE = re.compile(r"^\s*:[\w-]+:")


def check_option_line_ends(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn at each option line holding a hidden line end, naming the character, and read it as a space.

    Lines are counted at "\\n" only, as the parsers number them.
    """
    lines = source[0].split("\n")
    in_options = False
    changed = False
    for number, line in enumerate(lines, 1):
        if _DIRECTIVE.match(line):
            in_options = True
            continue
        if not in_options or not _OPTION_LINE.match(line):
            in_options = False
            continue
        found = [HIDDEN_LINE_ENDS[c] for c in dict.fromkeys(line) if c in HIDDEN_LINE_ENDS]
        if found:
            option = line.strip().split(":", 2)[1]
            warn(
                Problem.LINE_SEPARATOR,
                f"option {option!r} holds {', '.join(found)}, which ends the option block (the options "
                "after it would become body text); it is read as a space: replace it with a space or "
                "a line break",
                (docname, number),
            )
            lines[number - 1] = line.translate(_AS_SPACE)
            changed = True
    if changed:
        source[0] = "\n".join(lines)


def setup_fences(app: Sphinx) -> None:
    app.connect("doctree-read", check_literal_blocks, priority=priority("check-literal-blocks"))
    app.connect("source-read", check_option_line_ends, priority=priority("check-option-line-ends"))
