"""The content-loss check: a literal block that holds this extension's directive syntax.

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
    names = briefing_directive_names(app)
    if not names:
        return
    alternatives = "|".join(map(re.escape, names))
    opening = re.compile(r"^\s*(?:`{3,}|~{3,}|:{3,})\s*\{(" + alternatives + r")\}")
    for block in doctree.findall(nodes.literal_block):
        if block.get("language") not in _UNMARKED or block.line is None:
            continue
        for offset, line in enumerate(block.astext().splitlines()):
            if match := opening.match(line):
                name = match[1]
                where = nodes.Element()
                # The block starts on the line after its opening fence.
                where.source, where.line = block.source, block.line + 1 + offset
                warn(
                    Problem.NESTED_FENCE,
                    f"a code block holds a {name!r} directive that was not run: a nested fence "
                    f"probably closed an outer directive early; open the outer directive with "
                    f"more backticks than the fences inside it (e.g. ````{{pillar}}), and close it "
                    f"with the same number",
                    where,
                )
                break  # one warning per swallowed block: the rest follows from the first


def setup_fences(app: Sphinx) -> None:
    app.connect("doctree-read", check_literal_blocks)
