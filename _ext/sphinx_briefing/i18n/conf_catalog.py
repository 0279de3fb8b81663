"""The book's settings in the edition's language, translated in the book's own catalogs.

conf.py's texts (the project's name, the HTML and EPUB titles, the title page's lines, the PDF
metadata, the status marks ...) are translated where the pages are: the gettext builder writes them
to ``conf.pot`` beside the pages' ``.pot`` files (each with its line of conf.py), ``sphinx-intl
update`` makes ``locale/<language>/LC_MESSAGES/conf.po`` of it, and a build in that language puts
the translations into the configuration before anything reads it. Translators work in one place
and one format; conf.py holds no dictionary per language.

A text without a translation stays as conf.py writes it, as Sphinx does for pages; a fuzzy one is
used exactly when Sphinx uses the pages' fuzzy entries (``gettext_allow_fuzzy_translations``), so an
edition follows one rule for its pages and its title page alike. Dates are not texts: a ``datetime.date`` in ``briefing_date`` is written out by Babel in the
edition's language (:mod:`.config`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository

from ..core.config import conf_location
from ..core.internals import written_in_conf, written_value
from ..core.kinds import Kind, kinds_of
from ..core.pipeline import priority
from ..kinds import SHIPPED
from .catalog import use_book_words

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: The catalog's name: ``conf.pot`` / ``conf.po``, after the file its texts come from.
DOMAIN = "conf"

#: The settings whose texts are translated; in lists, tuples and dicts, every string inside.
#: (``latex_documents``: the PDF's title and author; the file name and class are no texts.)
TRANSLATED = (
    "project", "author", "copyright",
    "html_title", "html_short_title",
    "epub_title", "epub_author", "epub_publisher", "epub_copyright", "epub_description",
    "latex_documents",
    "briefing_title", "briefing_subtitle", "briefing_occasion", "briefing_date", "briefing_venue",
    "briefing_edition", "briefing_status", "briefing_short_title", "briefing_footer_mark",
    "briefing_pdf_metadata", "briefing_status_marks", "briefing_previous_edition",
    "briefing_handling", "briefing_prepared_on", "briefing_prepared_by", "briefing_reference",
    "briefing_information_as_of",
)
#: Keys of a dict setting that are no text (a file's location).
_NOT_TEXT = {"briefing_previous_edition": ("location",)}
#: In a ``latex_documents`` entry, the positions of texts (title, author).
_LATEX_TEXTS = (2, 3)


def texts(name: str, value: Any) -> Iterator[str]:
    """Every translatable string of one setting's value, in order."""
    if isinstance(value, str):
        if value:
            yield value
    elif name == "latex_documents" and isinstance(value, (list, tuple)):
        for entry in value:
            for position in _LATEX_TEXTS:
                if isinstance(entry, (list, tuple)) and len(entry) > position:
                    yield from texts("", entry[position])
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT.get(name, ()):
                yield from texts(name, item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(name, item)


def translate(name: str, value: Any, messages: dict[str, str]) -> Any:
    """*value* with each translatable string replaced by its translation, if there is one."""
    if isinstance(value, str):
        return messages.get(value, value)
    if name == "latex_documents" and isinstance(value, (list, tuple)):
        return [
            tuple(translate("", item, messages) if position in _LATEX_TEXTS else item
                  for position, item in enumerate(entry)) if isinstance(entry, (list, tuple)) else entry
            for entry in value
        ]
    if isinstance(value, dict):
        return {key: item if key in _NOT_TEXT.get(name, ()) else translate(name, item, messages)
                for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(translate(name, item, messages) for item in value)
    return value


def _known_locale(language: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return language


def messages(app: Sphinx, config: Config, domain: str = DOMAIN) -> dict[str, str]:
    """msgid -> msgstr of the book's catalog *domain* (``conf.po``) in the build's language: translated
    entries, and fuzzy ones when ``gettext_allow_fuzzy_translations`` lets Sphinx use them for the pages."""
    from babel.messages.pofile import read_po

    repo = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    found: dict[str, str] = {}
    fuzzy_too = bool(config.gettext_allow_fuzzy_translations)
    for catalog in repo.catalogs:
        if catalog.domain != domain:
            continue
        with open(catalog.po_path, "rb") as po:
            # (Babel's locale only names the catalog's plural rules; a language Babel does not know
            # must not stop the build, as it does not stop Sphinx's.)
            for message in read_po(po, locale=_known_locale(config.language)):
                if message.id and isinstance(message.id, str) and isinstance(message.string, str) \
                        and message.string and (fuzzy_too or not message.fuzzy):
                    found.setdefault(message.id, message.string)
    return found


def _kinds(app: Sphinx) -> list[Kind]:
    """Every kind registered with *app* (the registry's table; the Domain is not set up yet)."""
    return list(kinds_of(app.registry.domain_object_types.get("briefing", {})).values())


def _own_kinds(app: Sphinx) -> list[Kind]:
    """The kinds a book declares itself (the shipped kinds' words are in the extension's catalog)."""
    # By identity: a book's own kind may bear a shipped kind's name (it replaces it; core.registry).
    shipped = [module.KIND for module in SHIPPED]
    return [kind for kind in _kinds(app) if not any(kind is own for own in shipped)]


def _book_words(app: Sphinx, config: Config, conf_messages: dict[str, str]) -> None:
    """The kinds' words from the catalog each kind names (default ``conf.po``), for :func:`word`."""
    words: dict[str, str] = {}
    by_domain = {DOMAIN: conf_messages}
    for kind in _kinds(app):
        domain = kind.catalog or DOMAIN
        if domain not in by_domain:
            by_domain[domain] = messages(app, config, domain)
        found = by_domain[domain]
        words.update((text, found[text]) for text in kind.words if text in found and text not in words)
    use_book_words(words)
    # Cards and listings are drawn when a page is read: a changed translation must reread the pages,
    # which Sphinx does when an "env" configuration value changes.
    config.briefing_kind_words = words


def _translate_settings(app: Sphinx, config: Config) -> None:
    found = messages(app, config) if config.language else {}
    _book_words(app, config, found)
    if not found:
        return
    for name in TRANSLATED:
        if name in config:
            setattr(config, name, translate(name, getattr(config, name), found))


def _extract(app: Sphinx) -> None:
    """gettext builder: conf.py's texts into ``conf.pot``, each with its line of conf.py."""
    if app.builder.name != "gettext":
        return
    from sphinx.builders.gettext import MsgOrigin

    catalog = app.builder.catalogs[DOMAIN]  # type: ignore[attr-defined]
    # The values as conf.py wrote them (a list of keywords, a date), not as checked and derived since;
    # a setting conf.py leaves to its default has nothing to translate.
    for name in TRANSLATED:
        if not written_in_conf(app.config, name):
            continue
        where = conf_location(app, name)
        for text in texts(name, written_value(app.config, name)):
            catalog.add(text, MsgOrigin(str(where.source), where.line or 0))
    # A book's own kinds' words, into the catalog each names (conf.pot by default); the line is
    # conf.py's extensions entry that loads the kind, the closest place an author can look.
    conf = conf_location(app, "extensions")
    for kind in _own_kinds(app):
        kind_catalog = app.builder.catalogs[kind.catalog or DOMAIN]  # type: ignore[attr-defined]
        for text in kind.words:
            kind_catalog.add(text, MsgOrigin(str(conf.source), conf.line or 0))


def setup_conf_catalog(app: Sphinx) -> None:
    # Set by _book_words, not by conf.py: the kinds' words from the book's catalogs, kept in the
    # configuration so that a changed translation rebuilds the pages (not in SETTINGS: no author sets it).
    app.add_config_value("briefing_kind_words", {}, "env", types=frozenset({dict}))
    # Before the settings are checked (config.validate, 400) and turned into LaTeX (titlepage, 450).
    app.connect("config-inited", _translate_settings, priority=priority("translate-settings"))
    app.connect("builder-inited", _extract, priority=priority("extract-conf-messages"))


__all__ = ["DOMAIN", "TRANSLATED", "messages", "setup_conf_catalog", "texts", "translate"]
