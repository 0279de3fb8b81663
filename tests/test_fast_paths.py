"""Shortcuts taken for speed give what the slow way gives: ``educate`` returns a text unchanged
without running Sphinx's educator only where the educator would return it unchanged."""

from __future__ import annotations

import random

from docutils.utils import smartquotes
from sphinx_briefing.outputs.typography import _unchanged_by_educator


def test_a_text_left_alone_is_one_the_educator_leaves_alone() -> None:
    # Typographic characters as escapes: the educator must leave them (and ruff's RUF001) alone.
    alphabet = "ab .-'\"`\\&quot;\u2014\u2013\u2019\u2018\u201c\u201d\u2026,;!?\t\n<>#"
    rnd = random.Random(20)
    texts = ["Olaf Scholz", "Prime Minister", "Dr. Sato", "a -- b", "it's", "x\\.y", "\\\\", "&quot;",
             *("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10))) for _ in range(20000))]
    left = [t for t in texts if _unchanged_by_educator(t)]
    assert len(left) > 1000  # the check lets ordinary texts through
    for action in ("qDe", "1", "2", "3", "qbBdDiew", "0"):  # every action but "-1", which educate() rules out
        for language in ("en", "de", "ja", "fr"):
            changed = [t for t in left
                       if "".join(smartquotes.educate_tokens([("plain", t)], attr=action, language=language)) != t]
            assert not changed, (action, language, changed[:5])
