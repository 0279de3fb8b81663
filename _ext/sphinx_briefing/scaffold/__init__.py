"""``sphinx-briefing new``: a new book project from ``templates/new-book/`` (:mod:`.new`); the same
command's ``diff`` (:mod:`sphinx_briefing.changes.report`).

May import: the package's version and ``changes.report`` (which needs no build).
"""

from __future__ import annotations

from .new import main

__all__ = ["main"]
