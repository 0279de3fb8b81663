"""Warnings of the briefing extension: one ``type="briefing"`` with a subtype per kind of problem.

Authors silence a kind by name, e.g. ``suppress_warnings = ["briefing.no-source"]``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from docutils.nodes import Node

logger = logging.getLogger("briefing")


class Problem(StrEnum):
    """The subtypes; the value is what goes after ``briefing.`` in ``suppress_warnings``."""

    MISSING_OPTION = "missing-option"
    UNKNOWN_OPTION = "unknown-option"
    EMPTY_OPTION = "empty-option"
    BAD_ID = "bad-id"
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REF = "unknown-ref"
    WRONG_KIND = "wrong-kind"
    BAD_DATE = "bad-date"
    BAD_VALUE = "bad-value"
    NO_SOURCE = "no-source"
    NO_CONTENT = "no-content"
    UNEXPECTED_CONTENT = "unexpected-content"
    BAD_URL = "bad-url"
    BAD_IMPORT = "bad-import"
    BAD_CONFIG = "bad-config"
    BAD_ARCHIVE = "bad-archive"
    QUOTE_NOT_IN_SOURCE = "quote-not-in-source"
    VALUE_NOT_IN_SOURCE = "value-not-in-source"
    UNMARKED_COPY = "unmarked-copy"
    NESTED_FENCE = "nested-fence"
    DUPLICATE_ANCHOR = "duplicate-anchor"


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
