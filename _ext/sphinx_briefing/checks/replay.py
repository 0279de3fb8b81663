"""Warning replay: a page's briefing warnings come back on every build until the author fixes them.

Sphinx reads and writes only what changed, so a warning raised while reading a page (a bad date)
or while resolving its references (an unknown person) was printed once and then never again: the
next ``sphinx-build -W`` passed while the page still showed the mistake. Here every briefing
warning is kept with the page it was raised for and replayed on each build that does not redo
that page:

- warnings raised while *reading* are kept in the environment (store.DECLARED
  ``replay_warnings``: the Domain clears and merges them with the page's records) and replayed once reading is over (``env-updated``);
- warnings raised while *resolving* a page (after the environment is pickled) are kept per builder
  in a file next to the doctrees and replayed when the build finishes;
- duplicate-id warnings are not kept but derived again from the Domain's shadowed definitions,
  since which definition is the duplicate changes when the other page changes.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.build_phase import BuildPhase
from sphinx.util.logging import get_node_location

from ..core.diagnostics import Problem, logger, warn
from ..core.domain import get_domain, report_duplicate
from ..core.pipeline import priority
from ..core.store import StoredWarning

if TYPE_CHECKING:

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: (subtype, message, "path:line")
Warning_ = StoredWarning


def _read_store(env: BuildEnvironment) -> dict[str, list[Warning_]]:
    return get_domain(env).store.replay_warnings


def _location(app: Sphinx, location: Any) -> str:
    """The location as Sphinx prints it (so a replayed warning reads exactly like the original)."""
    if isinstance(location, tuple):
        docname, lineno = location
        path = str(app.env.doc2path(docname)) if docname else ""
        return f"{path}:{lineno}" if path and lineno else path
    if isinstance(location, nodes.Node):
        return get_node_location(location) or ""
    if location and ":" not in str(location):
        return str(app.env.doc2path(str(location)))
    return str(location or "")


class _Recorder(logging.Handler):
    """Sees every briefing warning before Sphinx's handlers do, and files it under its page."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.replaying = False
        #: (subtype, location) of every briefing warning printed in this build
        self.seen: set[tuple[str, str]] = set()
        #: pages whose warnings this build raised afresh
        self.read_now: set[str] = set()
        self.resolved_now: set[str] = set()
        self.written: dict[str, list[Warning_]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "type", None) != "briefing":
            return
        subtype = str(getattr(record, "subtype", ""))
        where = _location(self.app, getattr(record, "location", None))
        self.seen.add((subtype, where))
        docname = self.app.env.docname
        if self.replaying or not docname or subtype == Problem.DUPLICATE_ID:
            return
        entry = (subtype, record.getMessage(), where)
        if self.app.phase == BuildPhase.READING:
            _read_store(self.app.env).setdefault(docname, []).append(entry)
        elif self.app.phase in (BuildPhase.RESOLVING, BuildPhase.WRITING):
            self.written.setdefault(docname, []).append(entry)

    def replay(self, entries: list[Warning_]) -> None:
        self.replaying = True
        try:
            for subtype, message, where in entries:
                if (subtype, where) not in self.seen:
                    warn(Problem(subtype), message, where or None)
        finally:
            self.replaying = False


def _recorder(app: Sphinx | None = None, env: BuildEnvironment | None = None) -> _Recorder | None:
    """This application's recorder (tests run several applications in one process)."""
    return next(
        (h for h in logger.logger.handlers
         if isinstance(h, _Recorder) and (h.app is app or (env is not None and h.app.env is env))),
        None,
    )


def _store_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"briefing-warnings-{app.builder.name}.json"


def _start(app: Sphinx) -> None:
    recorder = _Recorder(app)
    path = _store_path(app)
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        recorder.written = {doc: [tuple(e) for e in entries] for doc, entries in stored.items()}
    # Attached to the package's own logger, so it sees the record before Sphinx's filters.
    logger.logger.addHandler(recorder)


def _note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if recorder := _recorder(app):
        recorder.read_now.update(docnames)


def _replay_read(app: Sphinx, env: BuildEnvironment) -> None:
    recorder = _recorder(app)
    if recorder is None:
        return
    for docname, entries in sorted(_read_store(env).items()):
        if docname not in recorder.read_now and docname in env.found_docs:
            recorder.replay(entries)
    # Duplicates, from the Domain's current view: the owner may have changed on another page.
    domain = get_domain(env)
    for record in sorted(domain.shadowed, key=lambda r: (r.docname, r.lineno)):
        owner = domain.get(record.kind, record.id)
        where = _location(app, (record.docname, record.lineno))
        if owner is not None and (Problem.DUPLICATE_ID.value, where) not in recorder.seen:
            recorder.replaying = True
            try:
                report_duplicate(env, record, owner)
            finally:
                recorder.replaying = False


class ForgetResolveWarnings(SphinxPostTransform):
    """First post-transform of a page: its old resolve-time warnings are about to be raised anew."""

    default_priority = priority("forget-resolve-warnings")

    def run(self, **kwargs: Any) -> None:
        if recorder := _recorder(env=self.env):
            recorder.resolved_now.add(self.env.docname)
            recorder.written.pop(self.env.docname, None)


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    recorder = _recorder(app)
    if recorder is None:
        return
    logger.logger.removeHandler(recorder)
    if exception is not None:
        return
    found = app.env.found_docs
    recorder.written = {doc: e for doc, e in recorder.written.items() if doc in found}
    for docname, entries in sorted(recorder.written.items()):
        if docname not in recorder.resolved_now:
            recorder.replay(entries)
    _store_path(app).parent.mkdir(parents=True, exist_ok=True)
    _store_path(app).write_text(json.dumps(recorder.written, sort_keys=True), encoding="utf-8")


def setup_replay(app: Sphinx) -> None:
    app.connect("builder-inited", _start, priority=priority("start-warning-recorder"))
    app.connect("env-before-read-docs", _note_read, priority=priority("note-pages-read"))
    app.connect("env-updated", _replay_read, priority=priority("replay-read-warnings"))
    app.connect("build-finished", _finish, priority=priority("replay-write-warnings"))
    app.add_post_transform(ForgetResolveWarnings)
