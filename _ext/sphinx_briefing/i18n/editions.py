"""The book's editions: one per language, built from the same sources, linked to one another.

- ``briefing_editions`` (``["en", "de", "ja"]``, the original first) turns on a language switcher: on
  every page of an HTML build, a ``<nav>`` linking to the same page in each other edition, with
  ``lang``/``hreflang`` and the language's own name (Babel: "Deutsch", "日本語"). Not in EPUB or PDF.
  The links are relative, for one of two layouts:

  - Read the Docs (``READTHEDOCS`` set): one project per language, linked as translations, each
    edition at ``/<language>/<version>/``;
  - ``make``: the original at ``_build/html``, the others at ``_build/<language>/html``; a link is
    made only to an edition built already (its page is there), and the build says which to build
    (an info message: ``make html -W`` on a fresh checkout passes). A page is rewritten when an
    edition it links to appears or goes.

- ``briefing_original_only`` names pages that belong to the original edition only (a toolkit manual
  inside the book, say): a translated edition leaves them out, toctree entries included, and so does
  the gettext builder, so translators never see them.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.directives.other import TocTree
from sphinx.util import docname_join, logging
from sphinx.util.nodes import explicit_title_re
from sphinx.util.tags import Tags

from ..core.domain import get_domain
from ..core.internals import tags as internal_tags
from ..core.pipeline import priority
from ..core.walk import Walk, add_step
from .catalog import _

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator


def original_language(config: Config) -> str:
    """The language of the original edition: the first of ``briefing_editions`` (default: English)."""
    editions = config.briefing_editions
    return editions[0] if editions else "en"


def language_name(tag: str) -> str:
    """A language's name in that language ("Deutsch", "日本語"), from Babel's CLDR data."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return tag
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]


# -- Pages of the original edition only ------------------------------------------------------------


def _leave_out(app: Sphinx, config: Config, *, gettext: bool = False) -> None:
    """Exclude ``briefing_original_only`` from a translated edition, or from the gettext builder."""
    if not config.briefing_original_only:
        return
    if config.language == original_language(config) and not gettext:
        return
    # Parsers' suffixes (MyST's .md) reach config.source_suffix only later: ask the registry too.
    suffixes = sorted({*config.source_suffix, *app.registry.source_suffix})
    patterns = [docname + suffix for docname in config.briefing_original_only for suffix in suffixes]
    config.exclude_patterns = [*config.exclude_patterns, *patterns]


def _exclude_for_language(app: Sphinx, config: Config) -> None:
    # At config-inited: the environment then records the exclusion with the rest of the configuration,
    # so incremental builds of an edition stay incremental.
    _leave_out(app, config)
    # The tag ``briefing_original`` lets a page say something in the original edition only, such as
    # a link to an original-only page (``{only} briefing_original``), which an edition would lack.
    if config.language == original_language(config):
        app.tags.add("briefing_original")


def _exclude_for_gettext(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        _leave_out(app, app.config, gettext=True)
        # The original-only pages are left out here too: what links to them is not for translators'
        # editions (and would point at a page this build does not have).
        if app.tags.has("briefing_original"):
            app.tags.remove("briefing_original")


def drop_original_only_blocks(walk: Walk) -> None:
    """Walk step: decide ``{only}`` blocks naming ``briefing_original`` before references are resolved.

    Sphinx removes unselected ``only`` blocks after resolving references (priority 50), so a link to
    an original-only page inside one would warn in every edition, which lacks that page. A step of
    the one walk, which finds the page's ``only`` blocks in its pass (a post-transform of its own
    walked every page again to find the few that most books have).
    """
    tags: Tags | None = None
    for node in list(walk.only.values()):
        if "briefing_original" not in node["expr"] or node.parent is None:
            continue
        if tags is None:
            # A fresh Tags: the application's caches each condition's value, across a tag's removal.
            tags = Tags(list(internal_tags(walk.env)))  # as Sphinx's own OnlyNodeTransform reads them
        if not tags.eval_condition(node["expr"]):
            walk.remove(node)


class EditionTocTree(TocTree):
    """Sphinx's ``toctree``, minus entries for ``briefing_original_only`` pages this build leaves out.

    Sphinx would warn "toctree contains reference to excluded document" and keep a dead entry.
    """

    def run(self) -> list[nodes.Node]:
        original_only = set(self.config.briefing_original_only)
        left_out = {d for d in original_only if d not in self.env.found_docs}
        if left_out:
            kept = StringList()
            for offset, line in enumerate(self.content):
                match = explicit_title_re.match(line.strip())
                target = match.group(2) if match else line.strip()
                if docname_join(self.env.docname, target) not in left_out:
                    source, lineno = self.content.info(offset)
                    kept.append(line, source, lineno or 0)
            self.content = kept
        return super().run()


# -- The language switcher -------------------------------------------------------------------------


class editions_nav(nodes.container):  # noqa: N801 (docutils names nodes in lower case)
    """The switcher: a labelled list of links to this page in the other editions (HTML only)."""


class edition_link(nodes.reference):  # noqa: N801
    """A link to one edition; ``hreflang`` holds its language tag."""


def edition_root(config: Config, language: str, output: str = "html") -> str:
    """Where an edition's HTML lives, relative to the place all editions share.

    *output* is the build's directory name under ``make`` (``html``, ``dirhtml``, ``singlehtml``: each
    builder's editions link to that builder's editions); Read the Docs serves one HTML build each.
    """
    if os.environ.get("READTHEDOCS"):
        return f"{language}/{os.environ.get('READTHEDOCS_VERSION') or 'latest'}"
    return output if language == original_language(config) else f"{language}/{output}"


def edition_links(app: Sphinx, docname: str, *, same_page_only: bool = False) -> list[tuple[str, str]]:
    """``(language, relative URL)`` of *docname* in every other edition, in ``briefing_editions`` order.

    A page the other edition does not have (``briefing_original_only``) links to that edition's start
    page, or, with *same_page_only* (``hreflang`` alternates, which must be the same page), not at all.
    """
    config = app.config
    here = config.language
    if here not in config.briefing_editions:
        return []
    target = app.builder.get_target_uri(docname)
    # The file the page is written to (singlehtml: the one root file; i18n may not import outputs,
    # whose writers.page_url says the same).
    written = config.root_doc + ".html" if app.builder.name == "singlehtml" else target
    to_root = "../" * written.split("#", 1)[0].count("/")
    output = Path(app.outdir).name
    links = []
    for language in config.briefing_editions:
        if language == here:
            continue
        page = target
        if docname in config.briefing_original_only and language != original_language(config):
            if same_page_only:
                continue
            page = app.builder.get_target_uri(config.root_doc)
        between = posixpath.relpath(edition_root(config, language, output), edition_root(config, here, output))
        if not edition_built(app, between):
            continue
        links.append((language, f"{to_root}{between}/{page}"))
    return links


def edition_built(app: Sphinx, between: str) -> bool:
    """Whether the edition at *between* (relative to this build's output) is there to link to: always
    on Read the Docs (each edition is a project of its own), else when its HTML has been built."""
    if os.environ.get("READTHEDOCS"):
        return True
    return (Path(app.outdir) / between / "index.html").is_file()


def _missing_editions(app: Sphinx) -> list[str]:
    config = app.config
    if config.language not in config.briefing_editions or os.environ.get("READTHEDOCS"):
        return []
    output = Path(app.outdir).name
    return [
        language for language in config.briefing_editions
        if language != config.language and not edition_built(app, posixpath.relpath(
            edition_root(config, language, output), edition_root(config, config.language, output)))
    ]


def _editions_outdated(app: Sphinx, env: BuildEnvironment) -> tuple[str, list[str]]:
    """Freshness input (``briefing-outdated``): every page, when the set of built editions changed
    since the last build (its switcher did; it is added at write time, so a rewrite does); and, once
    per build, an info message naming the editions not built yet."""
    if not _is_web_html(app) or not app.config.briefing_editions:
        return ("editions", [])
    missing = _missing_editions(app)
    if missing:
        logger.info("briefing: the language switcher leaves out the editions not built yet (%s): run %s, "
                    "then 'make html' again", ", ".join(missing),
                    ", ".join(f"'make html LANGUAGE={language}'" for language in missing))
    changed = get_domain(env).store.since_last_build("missing_editions_seen", missing).changed
    return ("editions", sorted(env.all_docs) if changed else [])


def _is_web_html(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def _add_switcher(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not _is_web_html(app) or not (links := edition_links(app, docname)):
        return
    nav = editions_nav("", classes=["briefing-editions"])
    nav["label"] = _("Other languages")
    items = nodes.bullet_list("", classes=["briefing-editions-list"])
    for language, uri in links:
        name = language_name(language)
        link = edition_link(name, name, refuri=uri, hreflang=language, internal=False)
        items += nodes.list_item("", nodes.paragraph("", "", link))
    nav += items
    doctree.insert(0, nav)


def _alternate_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: nodes.document | None) -> None:
    """``<link rel="alternate" hreflang>`` in the head of every page, search and index included."""
    if not _is_web_html(app):
        return
    from html import escape

    tags = [
        f'<link rel="alternate" hreflang="{escape(language)}" href="{escape(uri)}" />'
        for language, uri in edition_links(app, pagename, same_page_only=True)
    ]
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)


def _visit_nav(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "nav", "", **{"aria-label": node["label"]}))


def _depart_nav(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</nav>\n")


def _visit_link(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "a", "", href=node["refuri"], hreflang=node["hreflang"],
                                   lang=node["hreflang"], CLASS="reference external"))


def _depart_link(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</a>")


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def _add_css(app: Sphinx) -> None:
    if _is_web_html(app) and app.config.briefing_editions:
        # After briefing.css (500), before the print sheet (502): the cascade's order.
        app.add_css_file("briefing-editions.css", priority=501)


def setup_editions(app: Sphinx) -> None:
    app.connect("config-inited", _exclude_for_language, priority=priority("exclude-for-language"))
    app.connect("builder-inited", _exclude_for_gettext, priority=priority("exclude-for-gettext"))
    add_step(app, "original-only-blocks", drop_original_only_blocks)
    app.connect("builder-inited", _add_css, priority=priority("add-editions-css"))
    app.add_directive("toctree", EditionTocTree, override=True)
    # Every other writer skips the switcher (it is inserted for web HTML only, but say so anyway).
    others = {name: (_skip, None) for name in ("latex", "text", "man", "texinfo")}
    app.add_node(editions_nav, html=(_visit_nav, _depart_nav), **others)  # type: ignore[arg-type]
    app.add_node(edition_link, html=(_visit_link, _depart_link), **others)  # type: ignore[arg-type]
    app.connect("doctree-resolved", _add_switcher, priority=priority("language-switcher"))
    app.connect("html-page-context", _alternate_links, priority=priority("alternate-links"))
    app.connect("briefing-outdated", _editions_outdated, priority=priority("editions-outdated"))


__all__ = ["edition_links", "language_name", "original_language", "setup_editions"]
