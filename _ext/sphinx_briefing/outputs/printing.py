"""Printing HTML pages: a print stylesheet and a running line with the book's title and the page's source.

``static/briefing-print.css`` (``media="print"``) hides the theme's screen furniture (sidebar, search,
theme toggle, page navigation), prints light colours in any mode, keeps boxes whole where they fit and
writes out the address of external links. Each page gets a line, hidden on screen, naming the book, the
page and where it was printed from (``html_baseurl`` + the page, or the page's path without one).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from ..core.pipeline import priority
from ..core.walk import FINAL_EVENT
from ..i18n.catalog import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.walk import FinalPage


def mark_bare_urls(app: Sphinx, page: FinalPage) -> None:
    """HTML: class ``briefing-bare-url`` on links whose text is their address (print shows no copy).

    A step of the final walk (core/walk.py), after smart quotes: it compares a link's final text.
    """
    if page.builder.format != "html":
        return
    for ref in page.references:
        uri = ref.get("refuri", "")
        if uri and ref.astext().strip() in (uri, uri.removeprefix("mailto:")):
            ref["classes"].append("briefing-bare-url")


def _for_print(app: Sphinx) -> bool:
    """HTML builders whose pages a browser prints; not EPUB (a reader sets its own pages)."""
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def _add_print_css(app: Sphinx) -> None:
    if _for_print(app):
        # Last of the briefing sheets (after briefing.css, 500, and the editions', 501).
        app.add_css_file("briefing-print.css", media="print", priority=502)


def _print_header(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if doctree is None or "body" not in context or not _for_print(app):
        return
    page = app.builder.get_target_uri(pagename)
    base = app.config.html_baseurl
    source = (base.rstrip("/") + "/" + page) if base else page
    book = app.config.html_title or app.config.project
    title = context.get("title") or ""
    edition = " · " + _("Edition {release}").format(release=app.config.release) if app.config.release else ""
    context["body"] = (
        '<div class="briefing-print-header" hidden="hidden">'
        f'<span class="briefing-print-title">{escape(book)}</span>{escape(edition)} · {title}<br>'
        + escape(_("Printed from {address}")).format(
            address=f'<span class="briefing-print-source">{escape(source)}</span>'
        )
        + "</div>\n"
        + context["body"]
    )


def setup_printing(app: Sphinx) -> None:
    app.connect("builder-inited", _add_print_css, priority=priority("add-print-css"))
    app.connect("html-page-context", _print_header, priority=priority("print-header"))
    app.connect(FINAL_EVENT, mark_bare_urls, priority=priority("mark-bare-urls"))
