"""``sphinx-briefing new``: a new book project from ``templates/new-book/`` (:mod:`.new`).

May import: the package's version only; the scaffold runs without Sphinx loaded.
"""

from __future__ import annotations

from .new import main

__all__ = ["main"]
