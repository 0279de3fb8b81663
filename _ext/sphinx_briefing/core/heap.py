"""The cycle collector during a build: what was there before the pages are read is set aside.

CPython's cycle collector now and then makes a *full* pass, which visits every object the process
holds: Sphinx's and docutils' modules, the extension's, and the pickled environment loaded for an
incremental build (about a hundred thousand objects for a light book of 1,000 objects). None of
them becomes garbage while pages are read and written, so every full pass over them is work for
nothing, and the extension (its modules, its records in the environment) makes such a pass both
longer and, by the objects it adds, more frequent: at N = 1,000 a prose edit's rebuild made three
full passes against plain Sphinx's two (benchmarks/RESULTS.md).

So every object the process holds is moved to the collector's permanent generation
(:func:`gc.freeze`), which no pass visits, twice: once the extensions are set up and the
configuration is read (``config-inited``, last), so that unpickling the environment, which makes
objects by the ten thousand, no longer sets off a full pass over the modules; and once the
environment is loaded, as Sphinx is about to read (``env-before-read-docs``, last). A clean build
(no environment loaded) is thawed there instead and runs as it would without this. At
``build-finished`` they are given back (:func:`gc.unfreeze`), so that a process building several
times (the tests, sphinx-autobuild) collects them as before. Objects made during the build are
collected as usual; garbage cycles made before a freeze wait until the thaw. A host that froze
objects itself (a forking server) is left alone: then nothing is frozen, since :func:`gc.unfreeze`
cannot tell its objects from ours. ``-j`` workers fork from a frozen process, which spares them
copying its pages as well (the reason :func:`gc.freeze` exists).

In a prose edit's rebuild of the light benchmark book (N = 1,000) the collector then makes one full
pass (during Sphinx's imports), where plain Sphinx makes two and the extension without this made
three (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from .pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


class _Freeze:
    """Whether the objects in the collector's permanent generation are the extension's to give back.

    One for the process, as the collector is: a build that stops between ``config-inited`` and
    ``build-finished`` (an error while Sphinx sets up, before ``build`` is called) leaves its freeze
    behind, and the next application of the process takes it back before freezing anew.
    """

    ours = False

    @classmethod
    def modules(cls, app: Sphinx, config: Config) -> None:
        if cls.ours:
            gc.unfreeze()  # left behind by an application that never finished its build
            cls.ours = False
        if gc.get_freeze_count() or not gc.isenabled():
            return  # the host's own freeze (unfreeze cannot tell its objects from ours), or no collector
        gc.freeze()
        cls.ours = True

    @classmethod
    def environment(cls, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        if not cls.ours:
            return
        if app.fresh_env_used:
            # A clean build loaded nothing to spare, and makes far more objects than it began with
            # (a dense book's doctrees): there, a frozen start only shifts when the full passes come
            # (one more in a dense book's build). It runs as without the extension.
            gc.unfreeze()
            cls.ours = False
        else:
            gc.freeze()

    @classmethod
    def thaw(cls, app: Sphinx, exception: BaseException | None) -> None:
        if cls.ours:
            gc.unfreeze()
            cls.ours = False


def setup_heap(app: Sphinx) -> None:
    app.connect("config-inited", _Freeze.modules, priority=priority("freeze-modules"))
    app.connect("env-before-read-docs", _Freeze.environment, priority=priority("freeze-environment"))
    app.connect("build-finished", _Freeze.thaw, priority=priority("thaw-heap"))
