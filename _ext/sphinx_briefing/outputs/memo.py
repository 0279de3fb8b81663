"""Files made from the whole book's records, made again only when what they are made from changed.

``briefing.json``, its schema and ``_static/briefing-hovers.js`` are written at ``build-finished``
from every record of the book (and every imported one). Working them out (a thousand records' fields,
display and hover texts educated with smart quotes, ``json.dumps`` with an indent, which is Python's
slow encoder) costs about as much as writing a page, on every build, also after an edit of one
sentence that changes no record. Each file is made by :func:`write_generated`:

- :func:`inputs_digest` hashes, once per build, everything those files are made from: the package's
  own files (:func:`.fingerprint.env_version`), the builder, every configuration value, the tags,
  the edition's language and the book's own words for its kinds (:func:`.catalog.book_words`), and
  the store's records, the duplicates kept aside, the ``only`` conditions around definitions, the
  citation numbers and the imported records (:class:`.Store`), all in a canonical order;
- ``<doctreedir>/briefing-outputs.json`` remembers, per file written, that digest and the SHA-256 of
  the bytes written;
- a file is made again, and written if its bytes differ, unless both the digest and the file on disk
  are what was remembered. A value that does not pickle the same way in every process (a function
  defined in ``conf.py`` …) makes no digest: then every build makes the files, as before.

The outputs are the same bytes as a clean build's either way (``tests/test_incremental.py`` compares
them after every kind of edit). A module making such a file from anything else than these inputs
must add that input to :func:`inputs_digest`.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from ..core.domain import get_domain
from ..core.fingerprint import env_version
from ..core.internals import tags
from ..i18n.catalog import book_words, language

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: The memory of the last writes, in the doctree directory (Sphinx's own cache, never published).
MEMO_FILE = "briefing-outputs.json"


def _canonical_pickle(value: object) -> bytes:
    # No memo: a string shared by two records in one process and repeated in another pickles alike.
    buffer = BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return buffer.getvalue()


def _stable(value: object) -> object:
    # Sets iterate in an order that changes between processes (string hashing): sort them.
    if isinstance(value, (set, frozenset)):
        return sorted((_stable(v) for v in value), key=repr)
    if isinstance(value, dict):
        return [(_stable(k), _stable(v)) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    return value


def _sorted_items(mapping: dict[Any, Any]) -> list[tuple[Any, Any]]:
    return sorted(mapping.items(), key=lambda item: repr(item[0]))


def inputs_digest(app: Sphinx) -> str | None:
    """SHA-256 (hex) of everything the book-wide generated files are made from; None when some
    input has no stable form (then nothing is remembered and every build makes them).

    Worked out once per build once writing has started (:meth:`.BriefingDomain.while_writing`):
    ``briefing.json`` and the hover file both ask at ``build-finished``, when no input changes any
    more, and hashing every record costs as much as a small page.
    """
    return get_domain(app.env).while_writing("inputs-digest", lambda _domain: _digest(app))


def _digest(app: Sphinx) -> str | None:
    env = app.env
    store = get_domain(env).store
    config = sorted((item.name, _stable(item.value)) for item in app.config)
    records = [(kind, _sorted_items(by_id)) for kind, by_id in sorted(store.objects.items())]
    imported = [(kind, _sorted_items(by_id)) for kind, by_id in sorted(store.imported.items())]
    try:
        digest = hashlib.sha256()
        for part in (
            env_version(), app.builder.name, app.builder.format, config, sorted(tags(env)),
            language(), env.settings.get("language_code"), _sorted_items(book_words()),
            records, sorted(store.shadowed, key=repr), _sorted_items(store.conditions),
            _sorted_items(store.citation_numbers), imported,
        ):
            digest.update(_canonical_pickle(part))
            digest.update(b"\0")
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        return None
    return digest.hexdigest()


def _memo_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / MEMO_FILE


def _load(app: Sphinx) -> dict[str, dict[str, str]]:
    try:
        loaded = json.loads(_memo_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_generated(app: Sphinx, target: Path, make: Callable[[], str], digest: str | None) -> None:
    """Write *make()*'s text to *target* (UTF-8) unless *digest* (:func:`inputs_digest`) and the file
    on disk are those of the last write; rewrite the file only when its bytes change, so that an
    unchanged file keeps its time stamp (caches, rsync)."""
    memo = _load(app)
    key = str(target.resolve())
    seen = memo.get(key, {})
    if digest is not None and seen.get("inputs") == digest:
        try:
            if _sha(target.read_bytes()) == seen.get("sha256"):
                logger.debug("briefing: %s: inputs unchanged, kept", target.name)
                return
        except OSError:
            pass
    data = make().encode("utf-8")
    try:
        unchanged = target.read_bytes() == data
    except OSError:
        unchanged = False
    if not unchanged:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if digest is None:
        memo.pop(key, None)
    else:
        memo[key] = {"inputs": digest, "sha256": _sha(data)}
    path = _memo_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(memo, indent=1, sort_keys=True) + "\n", encoding="utf-8")
