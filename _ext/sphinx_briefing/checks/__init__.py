"""Checks beyond a single directive's options: archived sources (quotations verbatim, copied runs),
the content-loss check on literal blocks, the uncited-claim check (``briefing.uncited``), and the
replay of a page's warnings on every build.

May import: ``core``, ``listings`` and ``i18n.catalog``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .archive import setup_archive
from .fences import setup_fences
from .replay import setup_replay
from .uncited import setup_uncited

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_checks(app: Sphinx) -> None:
    """The archive checks (at env-check-consistency), the replay (it records warnings from
    builder-inited to build-finished, both at priority 900, so every other handler's warnings of
    those events fall inside or outside it as before), the nested-fence check (doctree-read), the
    uncited-claim check (doctree-read, original edition only)."""
    setup_archive(app)
    setup_replay(app)
    setup_fences(app)
    setup_uncited(app)
