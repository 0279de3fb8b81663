"""Archived sources in the HTML: published as text, linked from each source's card.

A source's ``:archive:`` (plain text, or HTML saved from the publisher) was published as Sphinx
publishes a download, byte for byte: an archived HTML page then opened on the book's own origin and
ran the publisher's scripts with the site's storage. Every archive is now published as its *text* (what
the checks read: HTML reduced to its visible text, without scripts, styles or attributes) in a ``.txt``
file under ``_archive/`` (:func:`~sphinx_briefing.checks.archive.published_name`), which servers send
as ``text/plain``. Only the HTML builders (html, dirhtml, singlehtml) publish; an EPUB holds no file
outside the book and a PDF none at all, so there the card shows the archive's name as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from ..checks.archive import published_name, read_archive
from ..core.domain import get_domain
from ..core.pipeline import priority
from ..core.walk import FINAL_EVENT
from .writers import to_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.walk import FinalPage

logger = logging.getLogger(__name__)


def publishes(builder: Builder) -> bool:
    """Whether *builder* publishes the archives: HTML builders, not EPUB."""
    return builder.format == "html" and not builder.name.startswith("epub")


def link_archives(app: Sphinx, page: FinalPage) -> None:
    """Point each archive link at its published text, relative to the page (html, dirhtml,
    singlehtml, whose target URIs differ); elsewhere, the archive's name as text.

    A step of the final walk (core/walk.py), its last: it may take a link out of the page.
    """
    for ref in page.references:
        if "briefing_archive" not in ref:
            continue
        if publishes(page.builder):
            ref["refuri"] = to_root(page.builder, page.docname) + published_name(ref["briefing_archive"])
        else:
            ref.replace_self(nodes.inline("", "", *ref.children, classes=ref["classes"]))


def publish_archives(app: Sphinx, exception: BaseException | None) -> None:
    """Write the text of every archive into the output (HTML builders), each time, so a changed
    archive is published as it now reads."""
    if exception is not None or not publishes(app.builder):
        return
    srcdir = Path(app.srcdir)
    domain = get_domain(app.env)
    # Whichever kind declares an archive (the shipped one is a source's :archive:).
    for record in (r for kind in domain.kinds for r in domain.all(kind)):
        if not (path := record.get("archive")):
            continue
        try:
            text = read_archive(srcdir / path)
        except (OSError, ValueError) as error:  # reported at the source while reading
            logger.debug("archive %s not published: %s", path, error)
            continue
        target = Path(app.outdir) / published_name(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup_archives(app: Sphinx) -> None:
    app.connect(FINAL_EVENT, link_archives, priority=priority("link-archives"))
    app.connect("build-finished", publish_archives, priority=priority("publish-archives"))
