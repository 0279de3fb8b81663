"""``setup_i18n``: the extension's words, conf.py's texts and the editions.

Kept apart from ``i18n/__init__.py``: the core imports :mod:`.catalog`, and a package's
``__init__`` runs on every import of one of its modules; the editions import the core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalog import setup_catalog
from .conf_catalog import setup_conf_catalog
from .editions import setup_editions

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_i18n(app: Sphinx) -> None:
    """The catalog loads at config-inited (100) before anything formats a word; conf.py's texts are
    translated at 300, before the settings are checked (400); the editions exclude pages at 450."""
    setup_catalog(app)
    setup_conf_catalog(app)
    setup_editions(app)
