"""The public API for object kinds: one :class:`Kind` declaration, one
:func:`~.registry.register_kind` call (in :mod:`.registry`).

A kind (person, fact, or a book's own) is declared once, as data::

    from sphinx_briefing import Kind, Option, register_kind

    AGREEMENT = Kind(
        name="agreement",
        options=(
            Option("title", required=True),
            Option("signed", type="date"),
            Option("parties", link="person", many=True),
            Option("source", link="source"),
        ),
        listings={"agreement-list": None},
    )

    def setup(app):
        register_kind(app, AGREEMENT)
        return {"parallel_read_safe": True, "parallel_write_safe": True}

and :func:`register_kind` derives everything else from it: the directive (with every bad-input
warning), the role, the object type (so ``objects.inv``, intersphinx and the search index list the
objects), the card node and its LaTeX target, the listings, "Cited by" in the source list, the
``briefing.json`` export and its JSON Schema, the hover card, and the CSS/LaTeX classes
``briefing-object`` plus ``briefing-<name>``. Nothing else in the package knows a kind's name.

The registry (:mod:`.registry`) keeps the table of kinds; this module only declares them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from docutils import nodes

from ..i18n.catalog import _, parse_date, word
from . import status
from .model import Record, not_stated
from .nodes import briefing_object

if TYPE_CHECKING:
    from sphinx.domains import ObjType
    from sphinx.util.docutils import SphinxDirective

#: What :attr:`Kind.listings` maps a listing's name to: a function from a
#: :class:`~sphinx_briefing.listings.api.ListingContext` to the listing's nodes (the listings
#: layer's ``ListingBuilder``; declared loosely here because the core sits below the listings).
ListingBuilder = Callable[[Any], list[nodes.Node]]

#: Values every edition writes in its own form, so never sent to translators.
_CLOCK = re.compile(r"\d{1,2}:\d{2}")

#: How an option's value is read and checked:
#:
#: ``text``
#:     one line of text (the default);
#: ``date``
#:     ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``--MM-DD`` (a day whose year the source does not
#:     give, ISO 8601's form; warning ``briefing.bad-date`` otherwise);
#: ``time``
#:     ``HH:MM``, 24-hour clock, as the source gives it: ``about``, ``after``, ``before``, ``from``
#:     or ``until`` may come first (``briefing.bad-value``);
#: ``url``
#:     an ``https://`` or ``http://`` address, shown as a link (``briefing.bad-url``);
#: ``choice``
#:     one of :attr:`Option.choices` (``briefing.bad-value``);
#: ``language``
#:     a BCP 47 language tag such as ``de``, ``ja`` or ``zh-Hant`` (``briefing.bad-value``);
#: ``flag``
#:     written alone, without a value (``:headline:``): set or not; stored as ``"yes"``. A value
#:     after it is reported (``briefing.bad-value``) and the flag kept. Cards do not show a flag as a
#:     field: it marks how the object is presented (a fact's ``headline``).
#:
#: An option with :attr:`Option.link` holds ids of other objects instead (checked at write time:
#: ``briefing.unknown-ref``, ``briefing.wrong-kind``).
OptionType = Literal["text", "date", "time", "url", "choice", "language", "flag"]


@dataclass(frozen=True)
class Relation:
    """How the relationship map draws the links of one option, e.g. an event's participants.

    An object of a kind with a ``country`` option stands in its country's column; any other (an
    event, an agreement) stands between the columns, joined to the objects its option names.
    """

    #: The edge's class, ``briefing-map-<name>`` (``counterparts``, ``participant``).
    name: str
    #: What the edge says in the list form and in each box's accessible name ("took part"); in an
    #: edition, translated through the kind's catalog (:attr:`Kind.catalog`) or the extension's.
    words: str = ""
    #: The map writes :attr:`words` on the edge (typed relations: "host", "accompanied by"), where
    #: the kind of link is not told by the boxes it joins; counterparts and an event's participants
    #: go unlabelled (their words are in the list form and the boxes' accessible names).
    labelled: bool = False

    @property
    def english_words(self) -> str:
        return self.words or self.name


@dataclass(frozen=True)
class Option:
    """One option of a kind's directive, e.g. ``:role: Federal Chancellor``."""

    #: The option name as authors write it (``native-name``); also the key in ``briefing.json``.
    name: str
    #: Must be given and non-empty (``briefing.missing-option`` / ``briefing.empty-option``).
    required: bool = False
    #: A required option may be left out when the option named here is given instead: a person's
    #: ``name`` and ``role``, unless a ``title`` stands for them ("Prince of Wales").
    unless: str = ""
    #: How the value is read and checked; see :data:`OptionType`.
    type: OptionType = "text"
    #: Allowed values for ``type="choice"``.
    choices: tuple[str, ...] = ()
    #: The kind of object the value names by id (``"person"``), or several kinds
    #: (``("person", "organisation")``): the value becomes a link to whichever has the id.
    link: str | tuple[str, ...] | None = None
    #: Several ids, separated by commas or spaces (only with :attr:`link`).
    many: bool = False
    #: Heading in cards and listing tables; default: the name, capitalised ("Native name").
    label: str = ""
    #: Kept for books that set it (it changes nothing now): a card leaves a missing option out, and a
    #: listing marks a gap with a dash explained once, or drops a column the sources never fill.
    show_empty: bool = False
    #: One line for the authoring guide's option tables and the JSON Schema.
    doc: str = ""
    #: The value goes to translators (the gettext builder extracts it with the directive's file and
    #: line) and is shown translated in an edition; default: yes for a ``text`` option without
    #: :attr:`link`. Say False for what must stay as written (a name in its own script, a number).
    translate: bool | None = None
    #: The relationship map draws the link (only with :attr:`link`): ``Relation("party", "party
    #: to")``. A book's own kind with one appears on the map with the objects it names.
    relation: Relation | None = None

    @property
    def translated(self) -> bool:
        """Whether the value is translated (see :attr:`translate`); never for ids, dates, URLs.

        A time is translated only where it is more than a clock time (:meth:`translates`).
        """
        if self.type not in ("text", "time") or self.link:
            return False
        return True if self.translate is None else self.translate

    def translates(self, value: str) -> bool:
        """Whether this *value* goes to translators: a translated option's text, except what every
        edition writes itself (a clock time ``16:30``, an ISO date ``2023-03-18``, formatted by
        Babel); ``after 16:30`` or ``18 March 2023`` are words, and go."""
        if not self.translated or not value:
            return False
        return not (_CLOCK.fullmatch(value) or ("-" in value and parse_date(value) is not None))

    @property
    def english_heading(self) -> str:
        """The heading as declared, the msgid in the extension's catalog."""
        return self.label or self.name.replace("-", " ").capitalize()

    @property
    def heading(self) -> str:
        """The heading in cards and listing tables, in the book's language."""
        return word(self.english_heading)

    @property
    def targets(self) -> tuple[str, ...]:
        """The kinds the option's ids may name (empty for a text option)."""
        if self.link is None:
            return ()
        return (self.link,) if isinstance(self.link, str) else tuple(self.link)

    @property
    def reftype(self) -> str:
        """The reference type of its links: ``person``, or ``person|organisation`` for several."""
        return "|".join(self.targets)


#: The trust status every kind takes (appended to each kind's options).
STATUS = Option(
    status.OPTION,
    type="choice",
    choices=status.STATUSES,
    doc="How sure the sources are: confirmed (the default), likely, unconfirmed or disputed; "
    "every mention carries the mark.",
)


#: The id an object had in the previous edition, when its id was renamed (appended to each kind's
#: options, like the status): the changes listing and ``sphinx-briefing diff`` match the two
#: (:mod:`sphinx_briefing.changes.compare`). An editor's note, so no card or listing shows it.
REPLACES = Option(
    "replaces",
    translate=False,
    doc="The id the object had in the previous edition, when its id was renamed; the changes since "
    "that edition then show it as changed, not as removed and new.",
)
def office_label() -> str:
    """The label of the office's own objects (:attr:`Kind.office`) in every output, in the book's
    language: "Prepared by the office — not from the sources"."""
    return _("Prepared by the office — not from the sources")


#: The class of their cards and listing entries: styled apart, and skipped by the source checks.
OFFICE_CLASS = "briefing-office"
#: The class of the label line on their cards and listing entries.
OFFICE_LABEL_CLASS = "briefing-office-label"
#: The class a kind gives the lines of a card that are the source's own wording, not the author's
#: prose (a source's title as published, a person's name and official title): the copy check
#: (checks.archive) leaves them out.
AS_PUBLISHED = "briefing-as-published"

#: Options every kind takes that cards and generic listings do not show as a field of their own.
NOT_SHOWN = (status.OPTION, REPLACES.name)


@dataclass(frozen=True)
class Kind:
    """Everything the package needs to know about one kind of briefing object.

    Only :attr:`name` and :attr:`options` are required; the rest has defaults that give a plain,
    styled card and a table listing.
    """

    #: Role name, object type, anchor prefix (``person-<id>``) and CSS class (``briefing-person``).
    #: Lower case letters and hyphens.
    name: str
    #: The directive's options, in the order they are documented and shown on the card.
    options: tuple[Option, ...] = ()
    #: Directive name, if not :attr:`name` (``factbox``, ``briefing-quote``).
    directive_name: str = ""
    #: Human name in warnings and search results ("organisation"); default :attr:`name`.
    label: str = ""
    #: Plural, for listings and the JSON Schema ("people"); default :attr:`label` + "s".
    plural: str = ""
    #: "a" or "an" before :attr:`label` in warnings; default from its first letter.
    article: str = ""
    #: One sentence for the JSON Schema and the guide.
    description: str = ""
    #: Text of a reference to an object (a name, a value with unit); default: the value of the
    #: first required option, else the id.
    display: Callable[[Record], str] | None = None
    #: Extra hover text (a role, a label); the hover card shows display, this, then the source.
    tooltip: Callable[[Record], str] = lambda record: ""
    #: Link options whose objects the hover text names, with their label (``{"counterpart":
    #: "Counterpart"}`` gives "Counterparts: Koichi Tani, Takeaki Matsumoto"; an "s" for several).
    hover_links: Mapping[str, str] = field(default_factory=dict)
    #: Name in the search index and ``objects.inv``; default :attr:`display`.
    index_name: Callable[[Record], str] | None = None
    #: Text of an inline reference when it depends on the whole book (a source's citation number),
    #: given the record and the BuildEnvironment; default :attr:`display`.
    reference: Callable[[Record, Any], str] | None = None
    #: Objects are named by an id argument (quotes are not: they get generated ids).
    has_id: bool = True
    #: ``{name}`` role, and entries in ``objects.inv`` and the search index.
    role: bool = True
    #: References show a hover card (a source's or a quote's link does without).
    hover_card: bool = True
    #: A ``:source:`` must be given (``briefing.no-source``); facts and quotes are meaningless
    #: without one.
    needs_source: bool = False
    #: Listing directive name -> builder (``None``: a table of the objects and their options).
    listings: Mapping[str, ListingBuilder | None] = field(default_factory=dict)
    #: The directive class; subclass :class:`~sphinx_briefing.core.objects.BriefingObjectDirective`
    #: and override ``render`` for a card of your own design.
    directive: type[SphinxDirective] | None = None
    #: The card node; must subclass a concrete docutils node (default: a container).
    node: type[nodes.Element] = briefing_object
    #: Where an edition finds the kind's words (option headings, relation words, :attr:`plural`):
    #: the name of a catalog in the book's ``locale_dirs`` (``agreements`` for
    #: ``locale/de/LC_MESSAGES/agreements.po``); default the book's own ``conf.po``. The gettext
    #: builder writes a book's own kind's words into that catalog's ``.pot``. The shipped kinds'
    #: words are in the extension's catalog, which the book's catalog overrides.
    catalog: str = ""
    #: Written by the book's authors, not taken from the sources (an objective, a point to make):
    #: every card, listing entry, hover text and ``briefing.json`` entry says so (:func:`office_label`),
    #: the cards carry the class ``briefing-office``, and the archive and uncited checks leave their
    #: words out (a quotation inside one is still checked verbatim).
    office: bool = False

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", self.name):
            raise ValueError(f"kind name {self.name!r}: use lower-case letters and hyphens")
        names = [o.name for o in self.options]
        # Every kind takes the trust status (status.py), appended here so that the directive, the
        # cards, the export, its schema and the guide's tables all see it; no kind may give the
        # name another meaning (an event's own state is its ``event-status``).
        if any(o.name == status.OPTION and o != STATUS for o in self.options):
            raise ValueError(
                f"kind {self.name!r}: the option {status.OPTION!r} is the trust status every kind "
                f"takes ({', '.join(status.STATUSES)}); name the kind's own state differently "
                "(e.g. 'event-status')"
            )
        if STATUS not in self.options:  # (dataclasses.replace passes it in again)
            object.__setattr__(self, "options", (*self.options, STATUS))
            names.append(status.OPTION)
        if any(o.name == REPLACES.name and o != REPLACES for o in self.options):
            raise ValueError(f"kind {self.name!r}: the option {REPLACES.name!r} names the id the object "
                             "had in the previous edition; name the kind's own option differently")
        if REPLACES not in self.options:
            object.__setattr__(self, "options", (*self.options, REPLACES))
            names.append(REPLACES.name)
        if len(names) != len(set(names)) or "no-index" in names:
            raise ValueError(f"kind {self.name!r}: option names must be unique and not 'no-index'")
        for option in self.options:
            if option.relation and not option.link:
                raise ValueError(f"kind {self.name!r}, option {option.name!r}: relation= needs link=")
            if option.many and not option.link:
                raise ValueError(f"kind {self.name!r}, option {option.name!r}: many=True needs link=")
            if option.type == "flag" and (option.required or option.link):
                raise ValueError(f"kind {self.name!r}, option {option.name!r}: a flag is neither required nor a link")
            if option.unless and (not option.required or option.unless not in names):
                raise ValueError(f"kind {self.name!r}, option {option.name!r}: unless= needs required=True "
                                 "and names another option of the kind")
            if option.type == "choice" and not option.choices:
                raise ValueError(f"kind {self.name!r}, option {option.name!r}: a choice needs choices=")

    # -- derived names ----------------------------------------------------------------------

    @property
    def directive_label(self) -> str:
        return self.directive_name or self.name

    @property
    def human(self) -> str:
        return self.label or self.name

    @property
    def with_article(self) -> str:
        """``"an organisation"``, ``"a person"`` (for "'x' is a person, not an organisation")."""
        article = self.article or ("an" if self.human[:1] in "aeiou" else "a")
        return f"{article} {self.human}"

    @property
    def plural_label(self) -> str:
        return self.plural or f"{self.human}s"

    @property
    def words(self) -> list[str]:
        """The kind's words an edition translates: its name ("agreement", and capitalised as a listing's
        first heading), the plural, option headings and relation words."""
        found = [self.human, self.human.capitalize(), self.plural_label]
        for option in self.options:
            found.append(option.english_heading)
            if option.relation:
                found.append(option.relation.english_words)
        return list(dict.fromkeys(found))

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.options if o.required)

    @property
    def flags(self) -> tuple[str, ...]:
        """The options written alone (``type="flag"``)."""
        return tuple(o.name for o in self.options if o.type == "flag")

    @property
    def links(self) -> dict[str, str]:
        """Option name -> reference type (``person``, ``person|organisation``), for options holding ids."""
        return {o.name: o.reftype for o in self.options if o.link}

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    # -- what a record shows --------------------------------------------------------------

    def display_of(self, record: Record) -> str:
        if self.display is not None:
            return self.display(record)
        first = next((o.name for o in self.options if o.required and not o.link), None)
        return (record.get(first) if first else "") or record.id or not_stated()

    def reference_of(self, record: Record, env: Any) -> str:
        """Text of an inline reference to *record* in this build (a source's citation label)."""
        return self.reference(record, env) if self.reference else self.display_of(record)

    def index_name_of(self, record: Record) -> str:
        return (self.index_name or self.display_of)(record)

    def citations(self, record: Record) -> Iterable[tuple[str, str]]:
        """The (kind, id) pairs *record* points to through its options."""
        for option, reftype in self.links.items():
            for target in record.get_list(option):
                for target_kind in reftype.split("|"):
                    yield target_kind, target


def kinds_of(object_types: Mapping[str, ObjType]) -> dict[str, Kind]:
    """The kinds in a Domain's ``object_types``, in registration order."""
    return {name: ot.attrs["kind"] for name, ot in object_types.items() if "kind" in ot.attrs}
