"""The Word styles of a briefing: one named style for each briefing element.

The shipped reference document (``reference.docx``, beside this module) defines every style below on
top of pandoc's own (Title, Heading 1 …, Footnote Text, Table); ``scripts/make-reference-docx``
writes it from this table. A book replaces the look by pointing ``briefing_docx_reference`` at its
own copy, edited in Word: the writer only names styles, so any reference document that defines
these names works (a missing one falls back to pandoc's default look).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Style:
    """One Word style: its name (what Word shows), kind and look (sizes in points)."""

    name: str
    kind: Literal["paragraph", "character"]
    description: str
    size: float | None = None
    bold: bool = False
    italic: bool = False
    colour: str | None = None  # RRGGBB
    sans: bool = False
    keep_with_next: bool = False
    indent: float = 0.0  # left indent, pt
    space_before: float | None = None
    space_after: float | None = None
    box: bool = False  # a thin border and a light shading: a card
    align: Literal["left", "center", "right"] | None = None


# Paragraph styles
CARD = Style("Briefing Card", "paragraph", "Text of an object's card (person, fact, pillar, source …)",
             box=True, space_after=2)
CARD_TITLE = Style("Briefing Card Title", "paragraph", "The title of a card (a person's name, a pillar)",
                   size=12, bold=True, sans=True, keep_with_next=True, box=True, space_before=10,
                   space_after=2, colour="1F1F1F")
CARD_DETAIL = Style("Briefing Card Detail", "paragraph", "A card's second line (office, as-of date, publisher)",
                    size=9, colour="4A4F57", box=True, space_after=2)
FIELD = Style("Briefing Field", "paragraph", "One field of a card: label and value", box=True, space_after=1)
KEY_FIGURE = Style("Briefing Key Figure", "paragraph", "A key figure's value, large", size=18, bold=True,
                   sans=True, colour="1A4F8B", box=True, keep_with_next=True, space_after=2)
QUOTATION = Style("Briefing Quotation", "paragraph", "A quotation, verbatim", italic=False, indent=18,
                  space_after=4)
TRANSLATION_MARK = Style("Briefing Translation Mark", "paragraph",
                         "The line saying a quotation is shown in translation", size=9, italic=True,
                         indent=18, colour="4A4F57")
ORIGINAL_LABEL = Style("Briefing Original Label", "paragraph", "The heading over a translation's original",
                       size=9, bold=True, sans=True, indent=18, colour="4A4F57", keep_with_next=True)
ORIGINAL = Style("Briefing Original", "paragraph", "The original of a translated quotation", size=9,
                 indent=18, colour="4A4F57")
ATTRIBUTION = Style("Briefing Attribution", "paragraph", "Who said a quotation", align="right", indent=18,
                    space_after=8)
RUBRIC = Style("Briefing Rubric", "paragraph", "A small heading inside a page (Key points …)", bold=True,
               sans=True, keep_with_next=True, space_before=8)
HANDLING = Style("Briefing Handling Line", "paragraph", "The handling line in header and footer", size=8,
                 sans=True, colour="4A4F57", align="center")
TITLE_OCCASION = Style("Briefing Title Occasion", "paragraph", "The occasion on the title page", size=16,
                       sans=True, space_after=12)
TITLE_DETAIL = Style("Briefing Title Detail", "paragraph", "Date, venue, edition, status on the title page",
                     size=11, sans=True, space_after=4)
TITLE_MARK = Style("Briefing Title Mark", "paragraph", "The book's mark above the title", size=9, bold=True,
                   sans=True, colour="8A1C1C", space_after=18)
SOURCES_LINE = Style("Briefing Sources Line", "paragraph", "The leaflet's sources line", size=8,
                     colour="4A4F57", space_before=8)
# Character styles
FIELD_LABEL = Style("Briefing Field Label", "character", "A field's label (Office:, As of:)", bold=True,
                    sans=True, size=9, colour="4A4F57")
FIELD_VALUE = Style("Briefing Field Value", "character", "A field's value")
FIGURE_VALUE = Style("Briefing Figure Value", "character", "A figure's value in running text", bold=True)
STATUS_MARK = Style("Briefing Status Mark", "character", "A trust mark (likely, single source)", size=8,
                    italic=True, colour="8A5A00")
CITATION = Style("Briefing Citation", "character", "A compact citation of a source", size=9,
                 colour="4A4F57")
OBJECT_REFERENCE = Style("Briefing Object Reference", "character", "A mention of a person, organisation, event …")
NATIVE_NAME = Style("Briefing Native Name", "character", "A name in its own script (岸田文雄)")

STYLES: tuple[Style, ...] = (
    CARD, CARD_TITLE, CARD_DETAIL, FIELD, KEY_FIGURE, QUOTATION, TRANSLATION_MARK, ORIGINAL_LABEL, ORIGINAL,
    ATTRIBUTION, RUBRIC, HANDLING, TITLE_OCCASION, TITLE_DETAIL, TITLE_MARK, SOURCES_LINE,
    FIELD_LABEL, FIELD_VALUE, FIGURE_VALUE, STATUS_MARK, CITATION, OBJECT_REFERENCE, NATIVE_NAME,
)

#: The fonts of the reference document: Latin (as in the PDF) and the East Asian slot (Noto CJK JP,
#: the PDF's Japanese fonts; Word substitutes its own Mincho/Gothic where they are not installed).
SERIF, SANS = "FreeSerif", "FreeSans"
EAST_ASIAN_SERIF, EAST_ASIAN_SANS = "Noto Serif CJK JP", "Noto Sans CJK JP"

#: Placeholders in the reference document's header and footer, filled in for each book.
PLACEHOLDERS = ("{handling}", "{short_title}", "{page_n_of_n}")

__all__ = ["EAST_ASIAN_SANS", "EAST_ASIAN_SERIF", "PLACEHOLDERS", "SANS", "SERIF", "STYLES", "Style"]
