"""The extension's ``env_version``: a fingerprint of its own files, for a preview that never lies.

Sphinx keeps the pickled environment of the last build and rereads only changed pages; it discards
the whole environment when an extension's ``env_version`` differs from the one it was pickled with
("build environment version not current"). A hand-bumped number is forgotten when ``people.py`` or
``briefing.css`` changes, and sphinx-autobuild then reports "no targets are out of date" after an
edit of the extension. Hashing every file of the package (code, CSS, JS, LaTeX, schema) makes any
such edit rebuild every page, in ``make livehtml`` and in a plain ``make html`` alike. sphinx-autobuild
runs each build in a fresh ``python -m sphinx`` process, so the hash is always of the files on disk.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent.parent  # the whole package, not only core/


@cache
def env_version(package_dir: Path = PACKAGE_DIR) -> int:
    """A positive int (48 bits of SHA-256) over the relative paths and bytes of the package's files."""
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return int(digest.hexdigest()[:12], 16)
