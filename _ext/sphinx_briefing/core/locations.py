"""The line an author wrote a directive on, also where MyST reports the next one.

MyST reports a directive nested in colon fences one line late when the content follows the
opening lines directly (``::::{tab-set}`` / ``:::{tab-item}`` / ```` ```{person} tab ````): the
warning and the exported line pointed at ``:name: …`` instead of the directive. Checked against
the file itself: when the reported line does not open the directive and the line before it
does, the line before is the one.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path


@functools.lru_cache(maxsize=64)
def _lines(path: str, mtime: float) -> tuple[str, ...]:
    # Lines end at "\n" only, as the parsers count them (splitlines() also ends one at U+2028 …).
    return tuple(Path(path).read_text(encoding="utf-8").split("\n"))


@functools.lru_cache(maxsize=256)
def _opening(name: str) -> re.Pattern[str]:
    return re.compile(r"^\s*(?:[-*+]\s+)?(?:`{3,}|~{3,}|:{3,})\s*\{" + re.escape(name) + r"\}")


def opening_line(path: str, line: int | None, name: str) -> int | None:
    """*line*, or the line before it when only that one opens the directive *name*."""
    if not line or not path:
        return line
    try:
        # One stat per directive (its mtime keys the cache); not a file: nothing to check.
        status = os.stat(path)
    except OSError:
        return line
    if not stat.S_ISREG(status.st_mode):
        return line
    lines = _lines(path, status.st_mtime)
    opens = _opening(name)
    if 1 < line <= len(lines) and not opens.match(lines[line - 1]) and opens.match(lines[line - 2]):
        return line - 1
    return line
