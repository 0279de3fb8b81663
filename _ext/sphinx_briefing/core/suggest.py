""""Did you mean …?" hints for ids that match nothing.

Ids are lower-case slugs, so the commonest slips are a capital (``Scholz``), a typo (``scholtz``)
or several ids where one is allowed (``scholz, misri``). The hint is appended to the warning that
reports the unknown reference; the closeness test is the standard library's :mod:`difflib`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

#: How alike two ids must be (difflib's ratio) to be offered as a correction.
CUTOFF = 0.75
#: What separates several ids in one value. Not spaces: "olaf scholz" is a name typed for an id.
_SEPARATORS = re.compile(r"\s*[,;]\s*")


def several_ids(value: str) -> list[str]:
    """The ids in *value* when it holds more than one (``"scholz, misri"``), else ``[]``."""
    parts = [p for p in _SEPARATORS.split(value.strip()) if p]
    return parts if len(parts) > 1 else []


def did_you_mean(target: str, known: Iterable[str]) -> str:
    """A hint for an unknown id *target* among the *known* ids: ``" (did you mean 'scholz'?)"``.

    Returns ``""`` when nothing is close. An id that differs only in case says so, since ids are
    lower-case; otherwise difflib's closest match above :data:`CUTOFF` is offered.
    """
    candidates = sorted(set(known))
    if not candidates:
        return ""
    lowered = target.lower()
    if lowered != target and lowered in candidates:
        return f" (did you mean {lowered!r}? ids are lower-case)"
    # A name typed for an id ("Olaf Scholz"): one of its words may be the id.
    words = [w for w in re.split(r"\s+", lowered) if w in candidates]
    if len(words) == 1 and words[0] != target:
        return f" (did you mean {words[0]!r}?)"
    close = difflib.get_close_matches(lowered, candidates, n=1, cutoff=CUTOFF)
    return f" (did you mean {close[0]!r}?)" if close else ""
