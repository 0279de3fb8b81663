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
import os
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent.parent  # the whole package, not only core/


def package_files(package_dir: Path = PACKAGE_DIR) -> list[tuple[str, ...]]:
    """The package's files as path parts relative to *package_dir*, in the order of their sorted
    ``Path`` objects, bytecode caches left out.

    ``os.walk`` rather than ``Path.rglob`` and ``is_file``: it is paid at every build's start, and
    the walk hands over each directory's entries already split into folders and files.
    """
    found: list[tuple[str, ...]] = []
    for root, folders, names in os.walk(package_dir):
        folders[:] = [folder for folder in folders if folder != "__pycache__"]
        parts = Path(root).relative_to(package_dir).parts
        found.extend((*parts, name) for name in names)
    # Paths sort by their parts ("a/b" before "a-b"), not as strings.
    found.sort()
    return found


@cache
def env_version(package_dir: Path = PACKAGE_DIR) -> int:
    """A positive int (48 bits of SHA-256) over the relative paths and bytes of the package's files."""
    # SHA-256 rather than MD5: with the SHA extensions of current x86 and ARM CPUs it hashes the
    # package (~1.1 MB) in ~0.8 ms against MD5's ~1.8 ms. Callgrind, which emulates no such
    # extension, counts the opposite (~30 M instructions against ~10 M): judge this one by CPU time.
    digest = hashlib.sha256()
    for parts in package_files(package_dir):
        digest.update("/".join(parts).encode() + b"\0")
        with open(os.path.join(package_dir, *parts), "rb") as file:
            digest.update(file.read() + b"\0")
    return int(digest.hexdigest()[:12], 16)
