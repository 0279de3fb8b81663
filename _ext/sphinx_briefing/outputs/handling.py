"""Handling and preparation on every page: the handling line, who prepared the book, when, its reference.

A briefing is handed out: every page says how it may be handled (``briefing_handling``, e.g. "PUBLIC —
compiled from open sources — not an official document of either government"), and the book says who
prepared it, when, under which reference and how current its information is (``briefing_prepared_by``,
``briefing_prepared_on``, ``briefing_reference``, ``briefing_information_as_of``; checked in
:mod:`..core.config`, translated through ``conf.po``).

- PDF and leaflet: ``briefing.sty`` heads and closes every page with the handling line; the title page
  names each setting once and the leaflet's foot all of them (:mod:`.latex.titlepage`).
- HTML (and print): a line at the top of every page's article, and one at its foot with the preparation
  line, both text escaped like the print header (:mod:`.printing`).
- EPUB: the handling line is the book's description, the reference its identifier, unless conf.py says
  otherwise; ``briefing.json`` carries all of them under ``book`` (:mod:`.export`).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..core.config import book_settings, handling_settings
from ..core.internals import written_in_conf
from ..core.pipeline import priority
from ..i18n.catalog import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def preparation_line(config: Config) -> str:
    """"Prepared by <office> on <date> · Reference <ref> · Information as of <date>", with only the
    parts that are set; "" when none is."""
    settings = handling_settings(config)
    parts = []
    by, on = settings["prepared_by"], settings["prepared_on"]
    if by and on:
        parts.append(_("Prepared by {office} on {date}").format(office=by, date=on))
    elif by:
        parts.append(_("Prepared by {office}").format(office=by))
    elif on:
        parts.append(_("Prepared on {date}").format(date=on))
    if settings["reference"]:
        parts.append(_("Reference {reference}").format(reference=settings["reference"]))
    if settings["information_as_of"]:
        parts.append(_("Information as of {date}").format(date=settings["information_as_of"]))
    return " · ".join(parts)


def book_metadata(config: Config) -> dict[str, str]:
    """The settings as ``briefing.json``'s ``book`` object writes them (empty strings for unset ones)."""
    settings = handling_settings(config)
    return {key: settings[key] for key in ("handling", "prepared_on", "prepared_by", "reference",
                                           "information_as_of")}


def _html_lines(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if app.builder.format != "html" or "body" not in context:
        return
    handling = app.config.briefing_handling
    preparation = preparation_line(app.config)
    if not handling and not preparation:
        return
    top = (f'<p class="briefing-handling briefing-handling-top">{escape(handling)}</p>\n'
           if handling else "")
    foot = '<div class="briefing-handling-foot">'
    if preparation:
        foot += f'<p class="briefing-preparation">{escape(preparation)}</p>'
    if handling:
        foot += f'<p class="briefing-handling">{escape(handling)}</p>'
    context["body"] = top + context["body"] + foot + "</div>\n"


def _epub_metadata(app: Sphinx, config: Config) -> None:
    """EPUB's description from the handling settings, where conf.py set none."""
    settings = handling_settings(config)
    if not written_in_conf(config, "epub_description"):
        description = " · ".join(v for v in (settings["handling"], preparation_line(config)) if v)
        if description:
            config.epub_description = description
    # (Not the identifier: EPUB 2's toc.ncx repeats epub_uid, not epub_identifier, and EPUBCheck
    # requires the two to agree (NCX-001); the reference travels in the description's preparation line.)


class MastheadDirective(SphinxDirective):
    """``briefing-masthead``: what, when, where and who prepared it, from the book settings.

    For the landing page: the occasion, its date and venue, and the preparation line, in one block
    (no argument, no content). The PDF's title page says the same, so LaTeX leaves it out.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        settings = book_settings(self.config)
        block = nodes.container(classes=["briefing-masthead"])
        if what := settings["occasion"] or settings["subtitle"]:
            block += nodes.paragraph("", "", nodes.strong("", what), classes=["briefing-masthead-what"])
        when_where = " · ".join(v for v in (settings["date"], settings["venue"]) if v)
        if when_where:
            block += nodes.paragraph("", when_where, classes=["briefing-masthead-when"])
        if preparation := preparation_line(self.config):
            block += nodes.paragraph("", preparation, classes=["briefing-preparation"])
        self.set_source_info(block)
        return [block]


class DropMastheadInPrint(SphinxPostTransform):
    """LaTeX: the title page carries the masthead's lines already."""

    default_priority = priority("drop-masthead-in-print")
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(nodes.container)):
            if "briefing-masthead" in node["classes"]:
                node.parent.remove(node)


def setup_handling(app: Sphinx) -> None:
    app.add_directive("briefing-masthead", MastheadDirective)
    app.add_post_transform(DropMastheadInPrint)
    # After the settings are translated (300) and checked (400).
    app.connect("config-inited", _epub_metadata, priority=priority("epub-metadata"))
    # Before printing.py's print header (default 500), so the print header stays the page's first line.
    app.connect("html-page-context", _html_lines, priority=priority("handling-lines"))
