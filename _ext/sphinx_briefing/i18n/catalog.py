"""Translation: the extension's own words, dates and numbers in the book's language, and translated
option values.

Three things are translated, each from its own catalog:

* **The extension's words** (card labels, "not stated", listing headers …) come from the catalog
  ``sphinx_briefing`` shipped in ``locale/<language>/LC_MESSAGES/sphinx_briefing.mo`` beside this
  module, through :func:`sphinx.locale.get_translation` (:func:`_`). Warnings stay English, as
  Sphinx's do. ``scripts/extension-catalog`` regenerates ``sphinx_briefing.pot`` (Babel's extractor
  plus the option headings and listing phrases of every shipped :class:`~sphinx_briefing.core.kinds.Kind`)
  and compiles the ``.po`` files.
* **Option values** that are text (a role, a label, a title …; see
  :attr:`~sphinx_briefing.core.kinds.Option.translated`) come from the *page's* catalog, the one Sphinx's
  ``Locale`` transform uses for the body (``<locale_dirs>/<language>/LC_MESSAGES/<docname>.mo``).
  The directive translates them when it runs (:func:`translate_fields`), so that the record in the
  Domain, and with it the card, the listings, the hover text, the map and ``briefing.json``, is in the
  book's language. For the gettext builder it leaves a :class:`briefing_messages` node carrying the
  original values with the directive's file and line; :class:`DropMessages` removes it for every
  other builder.
* **Dates and numbers** are formatted with Babel in the book's language (:func:`format_date`,
  :func:`format_number`); English keeps the book's own form, ``18 March 2023``.

The language is the one Sphinx's own translations use: ``config.language``, read when the
configuration is final (``config-inited``). Like :data:`sphinx.locale.translators`, it is state of
the process, replaced by every new application, so two books in two languages can be built one
after the other in one process (the test suite does).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel
import babel.dates
from docutils import nodes
from sphinx import addnodes, locale
from sphinx.builders.gettext import I18nBuilder
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from ..core.internals import builder_class, lazy_translation
from ..core.pipeline import priority

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: The extension's message catalog (``sphinx_briefing.po`` / ``.mo``).
CATALOG = "sphinx_briefing"
#: Where its compiled catalogs live: ``locale/<language>/LC_MESSAGES/sphinx_briefing.mo``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

#: Translates one of the extension's own words at build time; before any application has loaded
#: the catalog (at import time) it returns a lazy proxy that translates when it is turned into text.
_ = locale.get_translation(CATALOG)


class _BookWords:
    """The book's own translations of its kinds' words, for the application building now (set at
    config-inited by :mod:`.conf_catalog`, reset with the catalog, like :class:`_Language`)."""

    messages: dict[str, str] = {}  # replaced per application, never mutated


def use_book_words(messages: dict[str, str]) -> None:
    """Translate the kinds' words through *messages* (msgid -> msgstr) first (see :func:`word`)."""
    _BookWords.messages = dict(messages)


def book_words() -> dict[str, str]:
    """The book's own translations of its kinds' words now in use (msgid -> msgstr; a copy)."""
    return dict(_BookWords.messages)


def word(text: str) -> str:
    """One of a kind's words (an option's heading, a relation, a plural) in the book's language:
    from the book's own catalog (:attr:`~sphinx_briefing.core.kinds.Kind.catalog`), else the
    extension's, else as written."""
    return _BookWords.messages.get(text) or _(text)


def lazy(message: str) -> str:
    """*message* as a proxy translated whenever it is used, for strings declared at import time.

    Always lazy (unlike :func:`_`, which is lazy only before the catalog is loaded), so a constant
    follows the language of whichever application is building. The proxy is typed as ``str``
    because it behaves as one wherever Python asks for ``str(x)``; join it only after ``str()``.
    """
    return lazy_translation(CATALOG, message)


class _Language:
    """The language of the application building now (see the module docstring)."""

    code = "en"


def language() -> str:
    """The book's language (``de``, ``ja``; ``en`` when none is set)."""
    return _Language.code


def _load_catalog(app: Sphinx, config: Config) -> None:
    _Language.code = config.language or "en"
    _BookWords.messages = {}
    # sphinx.locale.init *merges* a new language into an already loaded catalog (it adds the new one
    # as a fallback), so a second application in one process would still speak the first one's
    # language: start afresh for every application.
    locale.translators.pop(("general", CATALOG), None)
    locale.translators.pop(("console", CATALOG), None)
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    # The theme's own words (furo's "Next", "Back to top" …) come from Sphinx's "sphinx" catalog,
    # which lacks them in German and Japanese: the toolkit's sphinx.po is added last in that lookup
    # (after the book's own locale/<language>/LC_MESSAGES/sphinx.po and Sphinx's), so a new book's
    # edition does not show English navigation.
    if config.language and config.language != "en":
        locale.init([str(LOCALE_DIR)], config.language, "sphinx")


def separator() -> str:
    """Between the items of a list of names: ``, `` (``、`` in Japanese)."""
    return _(", ")


def brackets() -> tuple[str, str]:
    """The edition's round brackets around an aside or a citation: ``("(", ")")``, full-width in
    Japanese (U+FF08, U+FF09), from the catalog's ``({citation})``."""
    left, _middle, right = _("({citation})").partition("{citation}")
    return left, right


def label(text: str) -> str:
    """*text* as the label before a value: ``Source: `` (``Quelle: `` in German), translated."""
    return _("{label}: ").format(label=_(text))


def sources_label(count: int) -> str:
    """The label before *count* sources (a card's line, a hover text): ``Source: `` for one,
    ``Sources: `` for more. Two messages, not one word with an "s": plurals differ between languages."""
    return label("Sources") if count > 1 else label("Source")


# -- dates and numbers ------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: A day without its year, as ISO 8601 writes it (``--12-03``: 3 December): "Dec 3" in a source.
_YEARLESS = re.compile(r"--(\d{2})-(\d{2})")
#: A number as English sources write it: ``45.7``, ``1,200``, ``-3``.
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?")


@functools.lru_cache(maxsize=32)
def _babel_locale(code: str) -> babel.Locale | None:
    # Parsed once per language, not for every date and number.
    try:
        return babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return None


def parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    """The package's one ISO date parser: ``2023-03-18`` -> (2023, 3, 18); ``2023-03`` ->
    (2023, 3, None); ``2023`` -> (2023, None, None); ``--12-03`` (a day whose year the source does
    not give, ISO 8601's form) -> (0, 12, 3); None if malformed or no such day (``--02-29`` is one)."""
    if yearless := _YEARLESS.fullmatch(value):
        month_of, day_of = int(yearless[1]), int(yearless[2])
        try:
            dt.date(2000, month_of, day_of)  # a leap year: 29 February may be any year's
        except ValueError:
            return None
        return 0, month_of, day_of
    match = _DATE.fullmatch(value)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year or 1, month or 1, day or 1)
    except ValueError:
        return None
    return year or 1, month, day


def babel_locale(code: str) -> babel.Locale | None:
    """Babel's locale for the language tag *code* (``de``, ``zh-Hant``), or None if Babel knows none."""
    return _babel_locale(code)


def format_date(value: str, lang: str | None = None) -> str | None:
    """An ISO date in the book's language; None if *value* is malformed.

    ``2023-03-18`` -> ``18 March 2023`` (English, the book's own form), ``18. März 2023`` (de),
    ``2023年3月18日`` (ja), Babel's long date for any other language; ``2023-03`` -> ``March 2023``,
    ``März 2023``, ``2023年3月``; ``2023`` -> ``2023`` (``2023年`` in Japanese); ``--12-03`` (no year)
    -> ``3 December``, ``3. Dezember``, ``12月3日``.
    """
    parsed = parse_date(value)
    if parsed is None:
        return None
    year, month, day = parsed
    code = lang or language()
    where = _babel_locale(code)
    english = code.split("_")[0].split("-")[0] == "en" or where is None
    if not year:  # a day of a year the source does not give
        date = dt.date(2000, month or 1, day or 1)
        return f"{date.day} {date:%B}" if english else babel.dates.format_skeleton("MMMMd", date, locale=where)
    date = dt.date(year, month or 1, day or 1)
    if english:
        if day:
            return f"{date.day} {date:%B %Y}"
        return f"{date:%B %Y}" if month else f"{date:%Y}"
    skeleton = "yMMMMd" if day else "yMMMM" if month else "y"
    if day:
        return babel.dates.format_date(date, "long", locale=where)
    return babel.dates.format_skeleton(skeleton, date, locale=where)


#: The weekdays as sources name them, the values of an event's ``:weekday:`` (Monday first, as
#: ISO 8601 and Babel count them).
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_weekday(value: str, lang: str | None = None) -> str:
    """A weekday (``Saturday``) in the book's language, by Babel (``Samstag``, ``土曜日``); as
    written when it is not one of :data:`WEEKDAYS`."""
    if value not in WEEKDAYS:
        return value
    code = lang or language()
    where = _babel_locale(code)
    if code.split("_")[0].split("-")[0] == "en" or where is None:
        return value
    return str(babel.dates.get_day_names("wide", "format", locale=where)[WEEKDAYS.index(value)])


def format_number(value: str, lang: str | None = None) -> str:
    """A number written the English way (``45.7``, ``1,200``) in the book's language's form.

    ``45.7`` -> ``45,7`` in German; anything that is not one plain number (``about 45``,
    ``2-3``) is returned as written, so no value is ever changed beyond its notation. Digits are
    grouped only where the author grouped them: ``9,000`` -> ``9.000`` in German, but a year such as
    ``2019`` stays ``2019``.
    """
    code = lang or language()
    where = _babel_locale(code)
    text = value.strip()
    if where is None or code.startswith("en") or not _NUMBER.fullmatch(text):
        return value
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return value
    decimals = len(text.partition(".")[2])
    # Keep exactly the digits the source gives (45.70 stays 45,70); only grouping and marks change.
    # The source's notation decides the grouping: a year or a count written "2019" is not "2.019".
    pattern = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
    # Imported here: only an edition in another language than English formats numbers, and the
    # module took ~1 ms of every build's start (plain Sphinx imports babel.dates, not this one).
    import babel.numbers

    return babel.numbers.format_decimal(number, format=pattern, locale=where)


# -- option values: the page's catalog ----------------------------------------------------------


def page_catalog(env: BuildEnvironment) -> gettext.NullTranslations:
    """The catalog of the page being read: the ``.mo`` files the ``Locale`` transform reads for it.

    Read afresh once per page (kept in ``env.temp_data``, which Sphinx clears per page), not from
    :mod:`gettext`'s process-wide cache, so a changed catalog is seen on the next incremental build.
    """
    cached = env.temp_data.get("briefing_catalog")
    if isinstance(cached, gettext.NullTranslations):
        return cached
    catalog = gettext.NullTranslations()
    lang = env.config.language
    if lang:
        domain = docname_to_domain(env.docname, env.config.gettext_compact)
        for directory in env.config.locale_dirs:
            found = gettext.find(domain, str(Path(env.srcdir, directory)), [lang])
            if found:
                with open(found, "rb") as handle:
                    catalog.add_fallback(gettext.GNUTranslations(handle))
    env.temp_data["briefing_catalog"] = catalog
    return catalog


def translate(env: BuildEnvironment, message: str) -> str:
    """*message* (an option value, a paragraph) from the page's catalog; itself if untranslated."""
    return page_catalog(env).gettext(message) if message else message


def translate_fields(
    env: BuildEnvironment, fields: dict[str, str | list[str]], names: Iterable[str]
) -> tuple[dict[str, str | list[str]], dict[str, str]]:
    """The *fields* with the options *names* translated, and the originals of those that changed."""
    translated = dict(fields)
    originals: dict[str, str] = {}
    for name in names:
        value = fields.get(name)
        if isinstance(value, str) and value:
            text = translate(env, value)
            if text != value:
                translated[name] = text
                originals[name] = value
    return translated, originals


def body_translation(env: BuildEnvironment, body: Sequence[nodes.Node]) -> str:
    """The body's text as the page's catalog translates it (what the ``Locale`` transform will put
    in its place); "" when nothing in it is translated (an English book, a missing entry)."""
    messages = [msg for node in body if isinstance(node, nodes.Element) for _node, msg in extract_messages(node)]
    translated = [translate(env, msg) for msg in messages]
    if translated == messages:
        return ""
    return " ".join(" ".join(t.split()) for t in translated)


class briefing_messages(nodes.Invisible, nodes.Element, addnodes.translatable):  # noqa: N801
    """The original option values of one directive, for the gettext builder to extract.

    It carries the directive's source and line, so every message in the ``.pot`` points at the
    directive that wrote it (``people.md:12``). The values are translated when the directive runs
    (:func:`translate_fields`), so applying a translation here is a no-op; every builder but the
    gettext builders drops the node (:class:`DropMessages`).
    """

    def preserve_original_messages(self) -> None:
        pass  # the originals are the node's attribute and never change

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        pass  # already applied by the directive, to the record as well as to the card

    def extract_original_messages(self) -> Sequence[str]:
        return list(self.get("messages", []))


def messages_node(messages: Iterable[str], source: str, line: int) -> briefing_messages | None:
    """A :class:`briefing_messages` node for *messages* (duplicates dropped), or None if there are none."""
    unique = list(dict.fromkeys(m for m in messages if m))
    if not unique:
        return None
    node = briefing_messages("", messages=unique)
    node.source, node.line = source, line
    return node


def untranslatable(node: nodes.Node, keep: Iterable[nodes.Node] = ()) -> None:
    """Mark every text element of *node* generated by the extension as not page text.

    The gettext builder would otherwise extract a card's labels (Country, Source) and values as if the
    author had written them on the page; they come from the extension's catalog and from
    :class:`briefing_messages`. The nodes in *keep* (the directive's body) and everything inside
    them stay translatable.
    """
    kept = {id(n) for k in keep for n in k.findall()}
    for element in node.findall(nodes.TextElement):
        # Inline nodes are never extracted unless marked, and Sphinx unwraps every inline that
        # carries the mark (RemoveTranslatableInline), losing its classes.
        if id(element) not in kept and not isinstance(element, nodes.Inline):
            element["translatable"] = False


def keeps_messages(env: BuildEnvironment) -> bool:
    """Whether :class:`briefing_messages` stay in the page: for the gettext builders only (the
    pipeline's ``drop-messages`` step removes them for every other builder)."""
    return issubclass(builder_class(env), I18nBuilder)


#: Editions set in their own script, whose LaTeX (luatexja, pLaTeX) sets Latin text without a babel
#: language switch; every other edition loads English into babel for the English originals.
_OWN_SCRIPT = ("ja", "zh", "ko")


def _english_in_babel(app: Sphinx, config: Config) -> None:
    """Let babel know English in an edition, so a quotation's English original is set as English.

    ``briefing.sty`` puts the original into ``otherlanguage*{english}`` (English hyphenation and
    spacing) when babel knows the language; babel loads only the book's language unless asked,
    so ask for English too, keeping the book's as the main language.
    """
    from sphinx.builders.latex.util import ExtBabel

    code = (config.language or "en").replace("-", "_")
    if code.split("_")[0] in ("en", *_OWN_SCRIPT) or config.latex_engine not in ("pdflatex", "lualatex"):
        return
    elements = config.latex_elements
    if "babel" in elements and not elements["babel"]:
        return  # the book turned babel off
    babel_name = ExtBabel(code, False).get_language()
    if not babel_name or babel_name == "english":
        return
    option = f"\\PassOptionsToPackage{{english,main={babel_name}}}{{babel}}"
    existing = elements.get("passoptionstopackages", "")
    if option not in existing:
        elements["passoptionstopackages"] = f"{existing}\n{option}" if existing else option


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_catalog(app: Sphinx) -> None:
    # Early, so that the catalog is in place before any other handler formats a word.
    app.connect("config-inited", _load_catalog, priority=priority("load-catalog"))
    app.connect("config-inited", _english_in_babel, priority=priority("english-in-babel"))
    visitors = {fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo")}
    app.add_node(briefing_messages, **visitors)  # type: ignore[arg-type]
