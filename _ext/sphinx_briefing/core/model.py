"""Plain records of briefing objects.

Records are what the Domain stores: small, picklable, keyed by id, carrying their document and line,
so incremental (``clear_doc``) and parallel (``merge_domaindata``) builds can move them around freely.
No docutils node is ever stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..i18n.catalog import _

#: Ids are slugs so that they double as stable HTML anchors and LaTeX labels.
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: A BCP 47 language tag as books write them (``ja``, ``de``, ``zh-Hant``): settings and the
#: ``language`` option type are checked against it.
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")



def not_stated() -> str:
    """Shown wherever a source does not state a value ("invent nothing"), in the book's language."""
    return _("not stated")


def anchor_of(kind: str, ident: str) -> str:
    """The HTML anchor (and LaTeX label) of an object: ``person-scholz``."""
    return f"{kind}-{ident}"


@dataclass
class Record:
    """One object of any kind (person, fact, a book's own kind …), as the Domain keeps it."""

    kind: str
    id: str
    docname: str
    lineno: int
    #: Option values as written by the author (lists already split into ids).
    fields: dict[str, str | list[str]]
    #: The body as plain text (the quotation itself for quotes, a summary for others).
    text: str = ""
    #: False for objects marked ``:no-index:`` (e.g. the authoring guide's live examples).
    listed: bool = True
    #: The file holding the definition, relative to the source directory (``lineno`` is a line of
    #: it): the document's own file, or a file it includes. Empty for imported records.
    file: str = ""
    #: The author's English values of the options shown translated (option -> value; ``text``: the
    #: body), empty in an English book: what an edition's ``briefing.json`` gives as the original.
    originals: dict[str, str] = field(default_factory=dict)
    #: The body as this edition shows it translated (a quotation's translation from the page's
    #: catalog); empty when it is shown as written. :attr:`text` stays the author's (verbatim) text.
    translation: str = ""
    #: What wrote the record when not the kind's directive: ``"q role"`` for a quotation inside a
    #: sentence (kinds/quotes.py); warnings about the record name it. (Not ``briefing.json``'s
    #: ``origin``, which says sources or office.)
    written_by: str = ""

    @property
    def anchor(self) -> str:
        return anchor_of(self.kind, self.id)

    def get(self, name: str) -> str:
        value = self.fields.get(name, "")
        return ", ".join(value) if isinstance(value, list) else value

    def get_list(self, name: str) -> list[str]:
        value = self.fields.get(name, [])
        return list(value) if isinstance(value, list) else [value] if value else []

    def fingerprint(self) -> tuple[object, ...]:
        """What a page showing this record depends on; a change triggers a rewrite of dependants.

        ``(docname, listed, text, translation, fields)``, *fields* flat: option names in order, each
        followed by its value (a list as a tuple). Flat rather than a pair per option: the decider
        keeps one fingerprint per record in the pickled environment, and each tuple is one more
        object to load and for the cycle collector to count (:func:`.reads.changed_parts` pairs them
        up again).
        """
        return (
            self.docname,
            self.listed,
            self.text,
            self.translation,
            tuple(part for name in sorted(self.fields) for part in (name, _frozen(self.fields[name]))),
        )


def _frozen(value: str | list[str]) -> str | tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else value
