"""Every ``briefing_*`` config value: declared with its type, checked once at ``config-inited``.

Like sphinx-design's and MyST's config objects, this is the one place that knows the settings. A
value of the wrong shape gives one ``briefing.bad-config`` warning, at the line of ``conf.py`` that
sets it, naming the setting and what it expected; the build then goes on with the default. The
checks run before Sphinx's own type check (priority 800), which therefore sees only good values and
adds no second warning.

The book settings (``briefing_title`` … ``briefing_emblems``) describe the book for its title page,
running headers, footer and PDF metadata; :mod:`.titlepage` turns them into LaTeX.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from docutils import nodes

from ..i18n.catalog import babel_locale, format_date
from .diagnostics import Problem, warn
from .internals import written_value
from .model import LANGUAGE_TAG
from .pipeline import priority
from .status import STATUSES

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: The keys ``briefing_pdf_metadata`` accepts (hyperref's ``pdftitle``, ``pdfsubject`` …).
PDF_METADATA_KEYS = ("title", "subject", "keywords", "author")
#: What ``briefing_citation_style`` takes; kinds/citations.py prints each (a constant of the
#: setting, kept here so that the settings need no kind).
CITATION_STYLES = ("numeric", "short", "title", "notes")

#: A check returns the value to use (normalised), or raises ``ValueError`` with what it expected.
Check = Callable[[Any, "Sphinx"], Any]


class Setting(NamedTuple):
    """One ``briefing_*`` config value: its default, what rebuilds on change, its types and check."""

    # A named tuple, not a frozen dataclass, for the reason core.pipeline.Place gives.

    name: str
    default: Any
    rebuild: Literal["", "env"]
    types: tuple[type, ...]
    check: Check
    description: str


def _text(value: Any, app: Sphinx) -> str:
    if not isinstance(value, str):
        raise ValueError("a string")
    return value




def _language_tag(value: Any, app: Sphinx) -> str:
    """A BCP 47 language tag (``ja``, ``zh-Hant``), or "" for none."""
    if isinstance(value, str) and (value == "" or LANGUAGE_TAG.fullmatch(value)):
        return value
    raise ValueError('a language tag such as "ja" or "zh-Hant", or "" for none')


def _date(value: Any, app: Sphinx) -> str:
    """A string as written, or a ``datetime.date`` written out in the book's language (Babel; in
    English as the pages write dates, ``18 March 2023``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        language = app.config.language or "en"
        if language.split("_")[0].split("-")[0] != "en" and babel_locale(language) is None:
            # As Sphinx does for its own dates: one warning, and the date in English; the build goes on.
            warn(
                Problem.BAD_CONFIG,
                f"briefing_date: Babel knows no language {app.config.language!r} (the book's language); "
                "the date is written in English",
                conf_location(app, "briefing_date"),
            )
        # As the pages write dates (i18n.catalog.format_date): 18 March 2023 in English, not
        # Babel's American "March 18, 2023", so the title page agrees with the text.
        return format_date(value.isoformat(), language) or value.isoformat()
    raise ValueError('a string such as "18 March 2023" or a datetime.date')


def written_date(value: datetime.date, language: str, month_only: bool = False) -> str:
    """*value* in the book's language: ``18 March 2023`` (or ``March 2023``), ``18. März 2023``,
    ``2023年3月18日``; Babel's CLDR forms, English in the book's own day-month-year order."""
    language = language.replace("-", "_")
    if language.split("_")[0] == "en":
        if month_only:
            return f"{value:%B %Y}"
        # The book's own English form, as its pages write dates (objects.format_date): 18 March
        # 2023, not Babel's American "March 18, 2023", so the title page agrees with the text.
        return f"{value.day} {value:%B %Y}"
    from babel.dates import format_date, format_skeleton

    if month_only:
        return str(format_skeleton("yMMMM", value, locale=language))
    return str(format_date(value, format="long", locale=language))


def _strings(value: Any, app: Sphinx) -> list[str]:
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) and item for item in value):
        return list(value)
    raise ValueError("a list of non-empty strings")


def _imports(value: Any, app: Sphinx) -> list[str | tuple[str, str | None]]:
    """Each entry: a location (path or URL of a ``briefing.json``), or a pair (location, base URL)."""
    expected = 'a list of locations ("other/briefing.json") or (location, base URL) pairs'
    if not isinstance(value, (list, tuple)):
        raise ValueError(expected)
    entries: list[str | tuple[str, str | None]] = []
    for entry in value:
        if isinstance(entry, str) and entry:
            entries.append(entry)
        elif (
            isinstance(entry, (list, tuple))
            and len(entry) == 2
            and isinstance(entry[0], str)
            and entry[0]
            and (entry[1] is None or isinstance(entry[1], str))
        ):
            entries.append((entry[0], entry[1]))
        else:
            raise ValueError(f"{expected}; got the entry {entry!r}")
    return entries


def _pdf_metadata(value: Any, app: Sphinx) -> dict[str, str]:
    expected = f"a dict with some of the keys {', '.join(PDF_METADATA_KEYS)} and string values"
    if not isinstance(value, dict):
        raise ValueError(expected)
    unknown = sorted(str(key) for key in value if key not in PDF_METADATA_KEYS)
    if unknown:
        raise ValueError(f"{expected}; unknown key(s): {', '.join(unknown)}")
    metadata: dict[str, str] = {}
    for key, item in value.items():
        if key == "keywords" and isinstance(item, (list, tuple)):
            item = ", ".join(str(word) for word in item)
        if not isinstance(item, str):
            raise ValueError(f"{expected} (keywords may be a list); {key!r} is {type(item).__name__}")
        metadata[key] = item
    return metadata


_IMAGE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
_SAFE_NAME = re.compile(r"[A-Za-z0-9._-]+")


def _emblems(value: Any, app: Sphinx) -> list[str]:
    """Image files (PDF, PNG, JPEG) relative to the configuration directory, checked to exist."""
    expected = "a list of image files (.pdf, .png, .jpg) relative to conf.py"
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        raise ValueError(expected)
    paths: list[str] = []
    for item in value:
        path = Path(app.confdir) / item  # an absolute item stays absolute
        if path.suffix.lower() not in _IMAGE_SUFFIXES:
            raise ValueError(f"{expected}; {item!r} is not one")
        if not path.is_file():
            raise ValueError(f"{expected}; {item!r} does not exist")
        # Sphinx copies each beside the .tex under its own name, which \includegraphics then reads.
        if not _SAFE_NAME.fullmatch(path.name) or path.name in {Path(p).name for p in paths}:
            raise ValueError(f"{expected}, each with a distinct name of letters, digits, '.', '-' "
                             f"and '_'; not {path.name!r}")
        paths.append(str(path))
    return paths


def _editions(value: Any, app: Sphinx) -> list[str]:
    """Language tags, the original edition's first, each once."""
    expected = 'a list of language tags, the original first, such as ["en", "de", "ja"]'
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(tag, str) and LANGUAGE_TAG.fullmatch(tag) for tag in value
    ):
        raise ValueError(expected)
    if len(set(value)) != len(value):
        raise ValueError(f"{expected}, each once")
    return list(value)


def _citation_style(value: Any, app: Sphinx) -> str:
    if value in CITATION_STYLES:
        return str(value)
    raise ValueError(f"one of {', '.join(CITATION_STYLES)}")


def _status_marks(value: Any, app: Sphinx) -> dict[str, str]:
    expected = f"a dict of mark texts keyed by status (known: {', '.join(STATUSES)})"
    if not isinstance(value, dict) or not all(isinstance(text, str) for text in value.values()):
        raise ValueError(expected)
    unknown = [status for status in value if status not in STATUSES]
    if unknown:
        raise ValueError(f"{expected}; unknown status {unknown[0]!r}")
    return dict(value)


#: The keys ``briefing_previous_edition`` accepts.
PREVIOUS_EDITION_KEYS = ("location", "label", "date")


def _previous_edition(value: Any, app: Sphinx) -> dict[str, str]:
    """``{"location": path or URL, "label": "Edition 1.0", "date": ...}``, or ``{}`` for none.

    The location is a ``briefing.json`` relative to ``conf.py`` or an ``https://`` / ``http://``
    URL; the date is a string as printed or a ``datetime.date`` (written in the book's language).
    """
    expected = ('a dict such as {"location": "_previous/briefing.json", "label": "Edition 1.0", '
                '"date": datetime.date(2023, 3, 18)}, or {} for none')
    if not isinstance(value, dict):
        raise ValueError(expected)
    if not value:
        return {}
    unknown = sorted(str(key) for key in value if key not in PREVIOUS_EDITION_KEYS)
    if unknown:
        raise ValueError(f"{expected}; unknown key(s): {', '.join(unknown)}")
    location = value.get("location")
    if not isinstance(location, str) or not location.strip():
        raise ValueError(f"{expected}; 'location' (a path or URL) is required")
    if "://" in location and not location.startswith(("https://", "http://")):
        raise ValueError(f"{expected}; a URL must start with https:// or http://")
    label = value.get("label", "")
    if not isinstance(label, str):
        raise ValueError(f"{expected}; 'label' must be a string")
    return {"location": location.strip(), "label": label, "date": _date(value.get("date", ""), app)}


def _count(value: Any, app: Sphinx) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ValueError("a whole number, 0 or more (0 turns the check off)")


def _flag(value: Any, app: Sphinx) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("True or False")


SETTINGS: tuple[Setting, ...] = (
    # -- The book, for the PDF's title page, running header, footer and metadata ---------------
    # (rebuild "": only the LaTeX output uses them, and the LaTeX builder writes every page anyway)
    Setting("briefing_title", "", "", (str,), _text,
            "Title on the title page (default: the project)."),
    Setting("briefing_subtitle", "", "", (str,), _text, "Line under the title."),
    Setting("briefing_occasion", "", "", (str,), _text,
            "The event the book prepares for, under the title."),
    Setting("briefing_date", "", "", (str, datetime.date), _date,
            "Date of the occasion, as printed (a string, or a datetime.date)."),
    Setting("briefing_venue", "", "", (str,), _text, "Place of the occasion."),
    Setting("briefing_edition", "", "", (str,), _text,
            'Edition line (default: "Edition <release>").'),
    Setting("briefing_status", "", "", (str,), _text,
            "How current the information is, printed on the title page."),
    Setting("briefing_short_title", "", "", (str,), _text,
            "Title in the running header (default: the title)."),
    Setting("briefing_footer_mark", "", "", (str,), _text,
            "Mark in the footer and above the title (default: none)."),
    Setting("briefing_pdf_metadata", {}, "", (dict,), _pdf_metadata,
            "PDF metadata: title, subject, keywords (string or list), author."),
    Setting("briefing_emblems", [], "", (list, tuple), _emblems,
            "Images on the title page, side by side (default: none)."),
    Setting("briefing_pdfa", True, "", (bool,), _flag,
            "Archival PDF: the book's and the leaflet's PDF as PDF/A-2b (outputs/latex/pdfa.py); False: plain PDF."),
    Setting("briefing_docx_reference", "", "", (str,), _text,
            "A Word reference document (.docx, relative to conf.py) whose styles replace the shipped ones."),
    # -- Handling and preparation: on every page of every output (handling.py), and the title page --
    Setting("briefing_handling", "", "env", (str,), _text,
            "Handling line, at the top and bottom of every PDF and HTML page, e.g. "
            '"PUBLIC — compiled from open sources — not an official document of either government".'),
    Setting("briefing_prepared_on", "", "env", (str, datetime.date), _date,
            "Date of preparation (a string, or a datetime.date written in the edition's form)."),
    Setting("briefing_prepared_by", "", "env", (str,), _text,
            "The office or author that prepared the book (default: the author)."),
    Setting("briefing_reference", "", "env", (str,), _text, "The book's reference, e.g. a file number."),
    Setting("briefing_information_as_of", "", "env", (str, datetime.date), _date,
            "The date the information is current to (a string, or a datetime.date)."),
    Setting("briefing_pillar_pages", False, "", (bool,), _flag,
            "In the PDF, each pillar starts a new page (a book presenting them \"one page each\")."),
    Setting("briefing_leaflet", [], "env", (list, tuple), _strings,
            'Pages (docnames) making the two-page leaflet, the first opening it; [] for none.'),
    # -- Editions (editions.py) ------------------------------------------------------------------
    Setting("briefing_editions", [], "env", (list, tuple), _editions,
            "The book's languages, the original first; HTML pages link to the other editions."),
    Setting("briefing_original_only", [], "env", (list, tuple), _strings,
            "Pages (docnames) of the original edition only, left out of translations and gettext."),
    # -- Objects -----------------------------------------------------------------------------
    Setting("briefing_native_language", "ja", "env", (str,), _language_tag,
            "Language of the person directive's native-name (HTML lang attribute)."),
    Setting("briefing_status_marks", {}, "env", (dict,), _status_marks,
            "Mark text per trust status (status.py); default: the status name."),
    Setting("briefing_headline_figures", 3, "env", (int,), _count,
            "Factboxes the book may mark :headline: (display type) before briefing.too-many-headlines "
            "warns; 0: no limit."),
    # -- Citations and source checks (citations.py, archive.py) ---------------------------------
    Setting("briefing_citation_style", "title", "env", (str,), _citation_style,
            "What {source} prints: numeric, short, title, or notes (a superscript number per source and page, "
            "the page's notes at its end, real footnotes in the PDF)."),
    Setting("briefing_first_mention_links", [], "env", (list, tuple), _strings,
            'Kinds whose mentions link only at their first mention in a section (["person", "organisation"]); '
            "later mentions are plain text. []: every mention links."),
    Setting("briefing_copy_words", 12, "env", (int,), _count,
            "Words copied from an archived source that briefing.unmarked-copy reports; 0: off."),
    Setting("briefing_check_uncited", False, "env", (bool,), _flag,
            "Warn (briefing.uncited) on a sentence stating a fact without a citation."),
    # -- Machine-readable data (export.py) ------------------------------------------------------
    Setting("briefing_json_builders", ["html", "dirhtml", "singlehtml"], "", (list, tuple), _strings,
            "Builders that write briefing.json."),
    Setting("briefing_import", [], "env", (list, tuple), _imports,
            "Other books' briefing.json, for references to their objects."),
    # -- Changes since the previous edition (changes/) -----------------------------------------
    Setting("briefing_previous_edition", {}, "env", (dict,), _previous_edition,
            "The previous edition: its briefing.json (location: path or URL), label and date; "
            "the changes listing and the marks compare the book with it. {}: none."),
    Setting("briefing_change_marks", True, "env", (bool,), _flag,
            'Mark new and changed objects ("new", "changed") on cards and listing rows.'),
)


class Renamed(NamedTuple):
    """A setting's former name, read for one more release with a ``briefing.deprecated`` warning.

    *since* is the release that renamed it; the release after it stops reading *old*. *convert* turns
    the old value into the new setting's shape (default: as it is).
    """

    old: str
    new: str
    since: str
    convert: Callable[[Any], Any] | None = None

    def carried(self, value: Any) -> Any:
        """The old setting's value in the new setting's shape."""
        return self.convert(value) if self.convert else value


#: Settings renamed by an upgrade, oldest first (CHANGELOG.md's "Upgrading" says why, for each).
RENAMED: tuple[Renamed, ...] = ()


def carry_renamed(app: Sphinx, config: Config, renamed: tuple[Renamed, ...] | None = None) -> None:
    """Give each renamed setting's value to its new name, with one ``briefing.deprecated`` warning.

    A book that sets both names keeps the new one's value (the warning says the old one is ignored).
    Runs before :func:`validate`, so that the carried value is checked like any other.
    """
    for rename in RENAMED if renamed is None else renamed:
        value = getattr(config, rename.old, None)
        if value is None:
            continue
        where = conf_location(app, rename.old)
        both = conf_location(app, rename.new).line is not None
        warn(
            Problem.DEPRECATED,
            f"{rename.old} was renamed {rename.new} in sphinx-briefing {rename.since}; write "
            f"{rename.new} = {_shown(rename.carried(value))} instead"
            + ("; the old name is ignored, as conf.py sets both" if both
               else "; the old name is still read in this release, not in the next"),
            where,
        )
        if not both:
            setattr(config, rename.new, rename.carried(value))


def conf_location(app: Sphinx, name: str) -> nodes.Node:
    """``conf.py`` at the line that sets *name* (if one does), as a warning location."""
    conf = Path(app.confdir) / "conf.py"
    # Lines as Python numbers them: at "\n" only (splitlines() also breaks at a U+2028 inside a string).
    lines = conf.read_text(encoding="utf-8").split("\n") if conf.is_file() else []
    setting = re.compile(rf"\s*{re.escape(name)}\s*[:=]")  # "name =" or "name: list[str] ="
    line = next((n for n, text in enumerate(lines, 1) if setting.match(text)), None)
    node = nodes.Element()
    node.source, node.line = str(conf), line
    return node


def validate(app: Sphinx, config: Config) -> None:
    """Replace each bad value by its default, with one ``briefing.bad-config`` warning each."""
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        try:
            checked = setting.check(value, app)
        except ValueError as expected:
            warn(
                Problem.BAD_CONFIG,
                f"{setting.name}: expected {expected}, not {_shown(value)}; using the default "
                f"{setting.default!r}",
                conf_location(app, setting.name),
            )
            checked = setting.check(setting.default, app)
        setattr(config, setting.name, checked)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def book_settings(config: Config) -> dict[str, str]:
    """The validated book settings with their fallbacks filled in (title → project, …)."""
    title = config.briefing_title or config.project
    return {
        "title": title,
        "subtitle": config.briefing_subtitle,
        "occasion": config.briefing_occasion,
        "date": config.briefing_date,
        "venue": config.briefing_venue,
        # The release alone: the title page labels it "Edition" already ("Edition — Edition 1.0").
        "edition": config.briefing_edition or config.release,
        "status": config.briefing_status,
        "short_title": config.briefing_short_title or title,
        "footer_mark": config.briefing_footer_mark,
        **handling_settings(config),
    }


def handling_settings(config: Config) -> dict[str, str]:
    """Handling and preparation, checked and written out (dates in the edition's form); ``prepared_month``
    is the date of preparation as month and year, for the leaflet's footer."""
    raw = written_value(config, "briefing_prepared_on")
    month = (written_date(raw, config.language or "en", month_only=True)
             if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime)
             else config.briefing_prepared_on)
    return {
        "handling": config.briefing_handling,
        "prepared_on": config.briefing_prepared_on,
        "prepared_by": config.briefing_prepared_by or config.author,
        "reference": config.briefing_reference,
        "information_as_of": config.briefing_information_as_of,
        "prepared_month": month,
    }


def pdf_metadata(config: Config) -> dict[str, str]:
    """hyperref's ``pdftitle`` …, defaulting to the project's name and author."""
    metadata = {"title": config.project, "author": config.author}
    metadata.update(config.briefing_pdf_metadata)
    return {key: value for key, value in metadata.items() if value}


def setup_config(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, setting.rebuild, types=setting.types,
            description=setting.description,
        )
    for rename in RENAMED:  # read, never shown: None means "not set in conf.py"
        app.add_config_value(rename.old, None, "env", description=f"Deprecated: {rename.new}.")
    # Old names first, so that their values are checked under the new names; all before Sphinx's own
    # type check (priority 800), so that it never sees a bad value (pipeline.py).
    app.connect("config-inited", carry_renamed, priority=priority("carry-renamed-settings"))
    app.connect("config-inited", validate, priority=priority("validate-config"))


__all__ = ["RENAMED", "SETTINGS", "Renamed", "Setting", "book_settings", "carry_renamed", "conf_location",
           "handling_settings", "pdf_metadata", "setup_config", "written_date"]
