"""The only place the package reaches into Sphinx's private attributes, each for want of a public one.

Checked against Sphinx 9.0.4 (and docutils 0.22.4): each function says what it reads, why no public
API gives it, and what Sphinx itself does there. When Sphinx offers a public way, change it here and
nowhere else; ``tests/test_architecture.py`` fails on a private attribute of Sphinx or docutils read
anywhere else in the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.tags import Tags

#: The Sphinx version these reads were checked against.
CHECKED_AGAINST = "9.0.4"


def application(env: BuildEnvironment) -> Sphinx:
    """The application building *env*.

    Transforms and post-transforms get only the environment (``self.env``); ``BuildEnvironment.app``
    and ``SphinxTransform.app`` are deprecated since Sphinx 9 (removed in 11) with no replacement,
    and Sphinx's own post-transforms (``ReferencesResolver``) read ``env._app`` as this does.
    """
    return env._app


def builder(env: BuildEnvironment) -> Builder:
    """The builder writing now (its ``name``, ``format``, ``get_relative_uri``), from a post-transform."""
    return application(env).builder


def builder_class(env: BuildEnvironment) -> type[Builder]:
    """The builder's class, which Sphinx pickles into worker processes as ``env._builder_cls``.

    ``SphinxPostTransform.is_supported`` and ``SphinxSmartQuotes`` read that attribute; it is set
    before any transform runs, also in a parallel read's workers, where the builder itself may not be.
    """
    return env._builder_cls


def tags(env: BuildEnvironment) -> Tags:
    """The builder's tags (``only`` expressions), as Sphinx's ``OnlyNodeTransform`` reads them
    (``env._tags``; the public ``app.tags`` needs the application, see :func:`application`)."""
    return env._tags


def written_in_conf(config: Config, name: str) -> bool:
    """Whether conf.py (or ``-D``) sets *name* itself, rather than leaving it to its default.

    ``Config`` answers every registered name with a value (its default if unset) and has no public
    way to tell the two apart; its ``_raw_config`` is conf.py's namespace.
    """
    return name in getattr(config, "_raw_config", {})


def written_value(config: Config, name: str) -> Any:
    """*name* as conf.py wrote it, before any ``config-inited`` handler changed it (see
    :func:`written_in_conf`); None when conf.py does not set it."""
    return getattr(config, "_raw_config", {}).get(name)


def fill_latex_escaping() -> None:
    """Fill Sphinx's LaTeX escaping tables, unless a LaTeX builder already has in this process.

    ``sphinx.util.texescape.escape`` returns its input unchanged until ``texescape.init()`` has run,
    which the LaTeX builder does only at its own init, after ``config-inited``, where the toolkit (and
    Sphinx's default ``latex_documents``) escape the book's settings. ``init()`` only adds entries, so
    calling it again is harmless; the private table is read only to call it once.
    """
    from sphinx.util import texescape

    if not texescape._tex_escape_map:
        texescape.init()


def lazy_translation(catalog: str, message: str) -> str:
    """*message* as a proxy translated from *catalog* whenever it becomes text.

    ``sphinx.locale.get_translation`` returns a lazy proxy only until the catalog is loaded; a
    constant declared at import time must stay lazy for every later application (another language
    built in the same process), and Sphinx's proxy class ``_TranslationProxy`` is the only one.
    The proxy is typed as ``str`` because it behaves as one wherever Python asks for ``str(x)``.
    """
    from sphinx import locale

    return locale._TranslationProxy(catalog, "general", message)  # type: ignore[return-value]
