"""Warnings of the briefing extension: one ``type="briefing"`` with a subtype per kind of problem.

Authors silence a kind by name, e.g. ``suppress_warnings = ["briefing.no-source"]``. Each subtype is
documented by the docstring under it (what triggers it; then, after a blank line, what the book
shows); the ``briefing-warning-table`` directive turns those docstrings into the authoring guide's
table, so the table cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx

logger = logging.getLogger("briefing")
#: The directive that prints the table of warnings (the authoring guide's).
WARNING_TABLE = "briefing-warning-table"


class Problem(StrEnum):
    """The subtypes; the value is what goes after ``briefing.`` in ``suppress_warnings``."""

    MISSING_OPTION = "missing-option"
    """A required option is absent (e.g. a ``person`` without ``:role:``).

    *not stated* in its place (for a name or title: the id)."""

    UNKNOWN_OPTION = "unknown-option"
    """An option the directive does not know, e.g. a misspelt ``:counterpart:``; the message lists the
    known ones.

    The object without that option."""

    EMPTY_OPTION = "empty-option"
    """An option written without a value, e.g. ``:unit:`` alone; the message says if it is required.

    The object without that option (*not stated* if it is required)."""

    BAD_ID = "bad-id"
    """A missing id argument, or an id that is not lower-case words joined by single hyphens
    (``Olaf_Scholz``); or an id given to a ``briefing-quote``, which takes none.

    The object, without an anchor; references to it fail."""

    DUPLICATE_ID = "duplicate-id"
    """A second object of the same kind with an id already used; the message names the first one's
    file and line.

    Both objects; references go to the first."""

    UNKNOWN_REF = "unknown-ref"
    """A role or an option holding ids (``counterpart``, ``leads``, ``participants``, ``source`` …)
    names an id no object of that kind has; an id differing only in case, or close to a known one,
    gets a "did you mean" hint.

    The id as plain text, not a link."""

    WRONG_KIND = "wrong-kind"
    """The id exists, but as another kind, e.g. `` {fact}`scholz` ``.

    The id as plain text."""

    BAD_DATE = "bad-date"
    """A date option (a fact's ``as-of``, an event's ``date``) that is not ``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``, or not a real date (``2023-02-30``).

    The value as written."""

    BAD_VALUE = "bad-value"
    """A time that is not ``HH:MM`` (optionally after ``about``, ``after``, ``before``, ``from`` or
    ``until``), or a value that is not one of the option's choices (a ``:status:`` other than
    ``confirmed``, ``likely``, ``unconfirmed``, ``disputed``; an event's ``event-status``; a
    ``relationship-map``'s ``:kinds: treaties``).

    The value as written (an unknown status: no mark)."""

    NO_SOURCE = "no-source"
    """A ``factbox`` or ``briefing-quote`` without ``:source:``.

    The object without a source."""

    NO_CONTENT = "no-content"
    """A ``briefing-quote`` with an empty body.

    An empty quotation."""

    UNEXPECTED_CONTENT = "unexpected-content"
    """A listing directive with a body.

    The listing; the body is ignored."""

    BAD_URL = "bad-url"
    """A ``url`` that does not start with ``https://`` or ``http://``, or an object in another book's
    ``briefing.json`` (``briefing_import``) whose address is neither http(s) nor relative
    (``javascript:``, ``data:`` …), reported at conf.py's ``briefing_import`` line.

    The address as plain text, not a link; references to such an imported object as text."""

    BAD_IMPORT = "bad-import"
    """An entry of ``briefing_import`` that cannot be read or parsed.

    References to that book's objects fail."""

    BAD_PREVIOUS = "bad-previous"
    """The previous edition's ``briefing.json`` (``briefing_previous_edition``) cannot be read (no
    such file, a URL that does not answer and no cached copy) or is not an export; reported at the
    line of ``conf.py`` that sets it.

    The book without changes: the ``changes`` listing says so, and no object carries a mark."""

    BAD_CONFIG = "bad-config"
    """A ``briefing_*`` setting in ``conf.py`` of the wrong shape or value, e.g. an unknown
    ``briefing_citation_style`` or an unknown status in ``briefing_status_marks``; reported at the
    line of ``conf.py`` that sets it, with what the setting expects.

    The build goes on with the setting's default."""

    DEPRECATED = "deprecated"
    """A setting or option under a name an upgrade of the toolkit changed (CHANGELOG.md, "Upgrading"):
    the message names its new form and the release that stops reading the old one. Also a
    ``factbox`` holding a date, time, weekday or duration (``Saturday``, ``15:30``, ``about 50``
    minutes): the programme's item, which the message says which event option takes.

    The book as before: the old name keeps working, its value going to the new one; such a factbox
    as written, listed apart from the key figures."""

    BAD_ARCHIVE = "bad-archive"
    """An ``:archive:`` path that does not exist, cannot be read or lies outside the book.

    The source without archive checks."""

    QUOTE_NOT_IN_SOURCE = "quote-not-in-source"
    """A quotation not found verbatim in its source's archived text; the message names the first
    words that differ.

    The quotation as written."""

    VALUE_NOT_IN_SOURCE = "value-not-in-source"
    """A factbox value not found in its source's archived text, without ``:derived:``.

    The figure as written."""

    UNMARKED_COPY = "unmarked-copy"
    """Prose repeating ``briefing_copy_words`` or more consecutive words of an archived source outside
    quotation marks and code.

    The text as written: quote it or reword it."""

    SEVERAL_IDS = "several-ids"
    """Several ids (separated by commas) where one is allowed: a role, or an option such as ``source``
    or ``by``.

    The ids as plain text, not a link."""

    NO_GRAPHVIZ = "no-graphviz"
    """Graphviz's ``dot`` is not installed (or ``graphviz_dot`` names no program); reported once per
    build, naming the Debian package ``graphviz``.

    Each relationship map as a list of pairs."""

    NESTED_FENCE = "nested-fence"
    """A code block without a language holding a line that opens one of this extension's directives
    (```` ```{factbox} ````): usually an inner fence as long as its outer directive's closed that
    directive early, so the rest of the page became code. Open the outer directive with more
    backticks than the fences inside it.

    The code block, as MyST parsed it."""

    UNCITED = "uncited"
    """With ``briefing_check_uncited``: a sentence of the prose (or a table row) that states a figure, a
    date, a quotation or a named person's act and holds no ``{source}`` reference; reported at its
    line with its first words. Cite the source in the sentence, or mark a summary whose facts are
    cited nearby with ``{cited-nearby}`reason```.

    The sentence as written."""

    TOO_MANY_HEADLINES = "too-many-headlines"
    """More factboxes marked ``:headline:`` than ``briefing_headline_figures`` allows (3 by default):
    reported at each figure past the limit, in book order, naming the ones before it.

    Every marked figure in display type, as written; the warning asks the author to choose."""

    LINE_SEPARATOR = "line-separator"
    """An option line holding a character that Python, and so MyST's and docutils' option parsers,
    read as a line end though no editor shows one (U+2028 LINE SEPARATOR, U+2029, U+0085 …), pasted
    from a word processor or a web page: it ended the option block there, and the options after it
    became body text.

    The character is read as a space; every option is kept."""

    DUPLICATE_ANCHOR = "duplicate-anchor"
    """A heading, label or other element on the page with the id a card needs, e.g. a heading
    *Person Berg* on the page of ``{person} berg``.

    The card keeps the anchor (references land on it); the other element's anchor gets a suffix
    (``person-berg-1``)."""


@cache
def problem_docs() -> dict[Problem, tuple[str, str]]:
    """Problem -> (what triggers it, what the book shows), from the docstrings under the members.

    Python keeps no docstring of an enum member; Sphinx's :class:`~sphinx.pycode.ModuleAnalyzer`
    reads them from this module's source, as autodoc does (``find_attr_docs``: (class, attribute)
    -> the docstring's lines, already dedented), in the members' order.
    """
    analyzer = ModuleAnalyzer.for_module(__name__)
    docs: dict[Problem, tuple[str, str]] = {}
    for (scope, name), lines in analyzer.find_attr_docs().items():
        if scope != Problem.__name__ or name not in Problem.__members__:
            continue
        trigger, _, shows = "\n".join(lines).strip().partition("\n\n")
        docs[Problem[name]] = (" ".join(trigger.split()), " ".join(shows.split()))
    return {member: docs[member] for member in Problem if member in docs}


def warn(
    problem: Problem,
    message: str,
    location: Node | tuple[str, int | None] | str | None,
) -> None:
    """Emit one warning of type ``briefing.<problem>`` at *location* (file and line)."""
    logger.warning(
        "%s",  # never format user text as a pattern; Sphinx appends "[briefing.<subtype>]"
        message,
        type="briefing",
        subtype=problem.value,
        location=location,
    )


class WarningTableDirective(SphinxDirective):
    """``briefing-warning-table``: the table of warning subtypes, from their docstrings."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    def run(self) -> list[nodes.Node]:
        headers = ["Subtype", "Triggered by", "What the book shows"]
        group = nodes.tgroup(cols=3)
        group += [nodes.colspec(colwidth=w) for w in (20, 48, 32)]
        group += nodes.thead("", nodes.row("", *(nodes.entry("", nodes.paragraph("", h)) for h in headers)))
        body = nodes.tbody()
        for problem, (trigger, shows) in problem_docs().items():
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal("", problem.value)))
            for text in (trigger, shows):
                inline, messages = self.parse_inline(text, lineno=self.lineno)
                row += nodes.entry("", nodes.paragraph("", "", *inline), *messages)
            body += row
        group += body
        table = nodes.table("", group, classes=["colwidths-given", "briefing-warning-table"])
        self.set_source_info(table)
        return [table]


def setup_diagnostics(app: Sphinx) -> None:
    app.add_directive(WARNING_TABLE, WarningTableDirective)
