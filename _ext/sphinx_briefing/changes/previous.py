"""The previous edition: read once per build, compared with the book, kept fresh.

``briefing_previous_edition`` names the previous edition's ``briefing.json``: a path relative to
``conf.py``, or an ``https://`` / ``http://`` URL. A URL is fetched once per build (when the builder
starts, in the main process, so ``-j`` workers fetch nothing) and the answer is kept in the doctree
directory; when the URL does not answer, that copy is used, so a book builds offline. A file that
cannot be read, and no copy, or data that is not an export, give one ``briefing.bad-previous``
warning at the setting's line in ``conf.py``; the build goes on without changes.

The export goes into the Domain (``previous``, reloaded every build like other books' imports) with
a digest of its bytes, label and date. :func:`outdated_pages`, an input of the freshness decider, compares that digest with the one of
the last build: when it differs (the file was edited, another edition named), every page with an
object and every listing page is rewritten, so marks and the ``changes`` listing follow. An edited
object needs nothing of its own: its page is re-read, and listing pages are rewritten on any change
(:class:`~sphinx_briefing.core.collector.BriefingCollector`).
"""

from __future__ import annotations

import hashlib
import json
import urllib.request
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core import status
from ..core.conditions import rendered
from ..core.config import conf_location
from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.pipeline import priority
from .compare import Comparison, compare, objects_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Seconds to wait for a URL before falling back to the cached copy.
TIMEOUT = 20
#: The cached copies of URLs, in the doctree directory (kept between builds, like the environment).
CACHE_DIR = "briefing-previous"


@dataclass(frozen=True)
class PreviousEdition:
    """The previous edition as the build reads it: its export, how the book names it, a digest."""

    #: Its ``briefing.json``, as read.
    export: dict[str, Any]
    #: "Edition 1.0" as conf.py gives it (translated through conf.po in an edition); may be "".
    label: str
    #: Its date as printed (a ``datetime.date`` in conf.py is written in the book's language).
    date: str
    #: sha256 of the file's bytes, label and date: a change rewrites the marked pages.
    digest: str


def cache_path(app: Sphinx, url: str) -> Path:
    """Where the copy of *url* is kept: ``<doctreedir>/briefing-previous/<sha256 of the URL>.json``."""
    return Path(app.doctreedir) / CACHE_DIR / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")


def fetch(app: Sphinx, location: str) -> bytes:
    """The bytes of *location* (a path relative to ``conf.py``, or a URL, cached); OSError if none."""
    if not location.startswith(("https://", "http://")):
        return (Path(app.confdir) / location).read_bytes()
    cached = cache_path(app, location)
    try:
        with urllib.request.urlopen(location, timeout=TIMEOUT) as response:
            raw: bytes = response.read()
    except OSError as error:  # URLError, timeouts and refused connections are OSErrors
        if not cached.is_file():
            raise OSError(f"{error}; no copy of an earlier fetch in {cached.parent}") from error
        logger.info("briefing_previous_edition: %s does not answer (%s); using the copy fetched before",
                    location, error)
        return cached.read_bytes()
    cached.parent.mkdir(parents=True, exist_ok=True)
    if not cached.is_file() or cached.read_bytes() != raw:
        cached.write_bytes(raw)
    return raw


def load_previous(app: Sphinx) -> None:
    """``builder-inited``: read the previous edition into the Domain (None when there is none)."""
    domain = get_domain(app.env)
    domain.store.previous = None
    setting = app.config.briefing_previous_edition
    if not setting:
        return
    location = setting["location"]
    try:
        raw = fetch(app, location)
        data = json.loads(raw.decode("utf-8"))
        objects_of(data)  # raises MalformedExportError (a ValueError) unless it is an export
    except (OSError, ValueError) as error:
        warn(
            Problem.BAD_PREVIOUS,
            f"briefing_previous_edition: cannot read {location!r}: {error}; the book is built without "
            "changes",
            conf_location(app, "briefing_previous_edition"),
        )
        return
    digest = hashlib.sha256(raw + json.dumps([setting["label"], setting["date"]]).encode()).hexdigest()
    domain.store.previous = PreviousEdition(data, setting["label"], setting["date"], digest)


def previous_edition(env: BuildEnvironment) -> PreviousEdition | None:
    previous = get_domain(env).store.previous
    return previous if isinstance(previous, PreviousEdition) else None


def current_export(env: BuildEnvironment) -> dict[str, Any]:
    """The book's objects as ``briefing.json`` gives them (the fields the comparison reads), from the
    Domain: listed objects only, as the export has them."""
    domain = get_domain(env)
    objects: dict[str, dict[str, Any]] = {}
    for name, kind in domain.kinds.items():
        objects[name] = {
            record.id: {
                "display": kind.display_of(record),
                "fields": record.fields,
                "originals": record.originals,
                "status": status.status_of(record),
                "text": record.text,
                "docname": record.docname,
                "line": record.lineno,
            }
            for record in domain.all(name)
            if record.listed and rendered(env, record)
        }
    # The options' types and links, as the export's ``kinds`` table gives them (compare.py reads them).
    kinds = {
        name: {"plural": kind.plural_label, "options": {
            o.name: {"type": "ids" if o.many else "id" if o.link else o.type, "required": o.required,
                     "link": list(o.targets)}
            for o in kind.options
        }}
        for name, kind in domain.kinds.items()
    }
    return {"objects": objects, "kinds": kinds}


#: The comparison of each environment with its previous edition, worked out once per build (the
#: records do not change once writing starts; ``write-started`` forgets it).
_COMPARISONS: weakref.WeakKeyDictionary[BuildEnvironment, Comparison] = weakref.WeakKeyDictionary()


def comparison(env: BuildEnvironment) -> Comparison | None:
    """What changed since the previous edition; None when the book names none (or it is unreadable)."""
    previous = previous_edition(env)
    if previous is None:
        return None
    if (found := _COMPARISONS.get(env)) is None:
        found = _COMPARISONS[env] = compare(previous.export, current_export(env), list(get_domain(env).kinds))
    return found


def _forget(app: Sphinx, builder: Any) -> None:
    _COMPARISONS.pop(app.env, None)


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> tuple[str, list[str]]:
    """Freshness input (``briefing-outdated``): when the previous edition changed since the last build,
    every page with a card (each may gain or lose its mark) and every listing page."""
    domain = get_domain(env)
    previous = previous_edition(env)
    digest = previous.digest if previous else ""
    if not domain.store.since_last_build("previous_digest", digest).changed:
        return ("previous edition", [])
    pages = {record.docname for by_id in domain.objects.values() for record in by_id.values()}
    return ("previous edition", sorted(pages | domain.listing_docs))


def setup_previous(app: Sphinx) -> None:
    # briefing_previous_edition and briefing_change_marks are declared and checked in config.py.
    app.connect("builder-inited", load_previous, priority=priority("load-previous-edition"))
    app.connect("write-started", _forget, priority=priority("forget-comparison"))
    app.connect("briefing-outdated", outdated_pages, priority=priority("previous-edition-outdated"))
