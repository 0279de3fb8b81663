"""Quotes: the ``briefing-quote`` directive (verbatim, attributed, sourced), the ``{q}`` role for a
quoted phrase inside a sentence, and the quote index.

``{q}`far better shape <bbc-report>``` quotes a phrase where the sentence stands, cited to its
source; ``{q}`far better shape <bbc-report by starmer>``` names the speaker too. Either way the
phrase is a quotation like a block one: checked against the archived source, listed in the
quotation index, and in an edition marked as a translation with the English original.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole

from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.kinds import Kind, Option
from ..core.late_text import REFERENCE_TEXT, give_text, untitled
from ..core.model import ID_PATTERN, Record, not_stated
from ..core.nodes import briefing_inline_quote, briefing_quote
from ..core.objects import BriefingObjectDirective, format_date, source_file
from ..core.pipeline import priority
from ..core.registry import register_kind
from ..i18n.catalog import _, body_translation, brackets, label, separator
from ..listings.api import Listing, ListingContext, ListingOption
from .people import by_country

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.domain import BriefingDomain

#: Words of a quotation shown when a listing links to it.
_EXCERPT_WORDS = 12
#: Words shown by ``{quote}`` after the speaker's name.
_ROLE_WORDS = 6
#: Who may speak: a person, or an organisation (a ministry, a joint statement's governments).
SPEAKER_KINDS = "person|organisation"


def in_quotes(text: str) -> str:
    """*text* in the edition's quotation marks.

    Straight quotes, educated like the body's (typography.py): “…” in English, „…“ in German; 「…」
    in Japanese, which Sphinx does not educate.
    """
    return _('"{text}"').format(text=text)


def in_curly_quotes(text: str) -> str:
    """*text* in the edition's quotation marks where no education follows (“…”, „…“, 「…」)."""
    return _("“{text}”").format(text=text)


def shown_text(record: Record) -> str:
    """The quotation as this edition shows it: its translation, or the verbatim text."""
    return record.translation or record.text


def excerpt(record: Record) -> str:
    """The first words in quotation marks; a translation says that it is one ("(translation)")."""
    words = shown_text(record).split()
    short = " ".join(words[:_EXCERPT_WORDS])
    quoted = in_quotes(f"{short}…" if len(words) > _EXCERPT_WORDS else short)
    if not record.translation:
        return quoted
    # The word outside the f-string: Babel's extractor does not look into one (it stayed English).
    marked = _("({mark})").format(mark=_("translation"))
    return f"{quoted} {marked}"


def original_note(record: Record, then: Sequence[nodes.Node] = ()) -> list[nodes.Node]:
    """After a translated quotation: `` (translation; English original: "…")``, in the edition's
    brackets (full-width in Japanese). *then*, what a listing says of the quotation besides (its
    occasion, its source), goes into the same brackets after a semicolon: one aside, not two in a
    row (`` (…: "…"; Federal Government)``). Nothing for a quotation shown in its own words.

    The original is marked English (``lang="en"``) and is not page text for translators.
    """
    if not record.translation:
        return []
    # Curly English quotation marks: the page's typography would give them the edition's („…“).
    original = nodes.inline("", f"“{record.text}”", classes=["briefing-quote-original", "language-en"])
    more: list[nodes.Node] = [nodes.Text(_("; ")), *then] if then else []
    return bracketed([nodes.Text(label("translation; English original")), original, *more])


def bracketed(content: Sequence[nodes.Node]) -> list[nodes.Node]:
    """*content* in the edition's round brackets after a space (``(…)``), or in full-width brackets,
    which bring their own room (U+FF08 … U+FF09 in Japanese)."""
    left, right = brackets()
    return [nodes.Text((" " if left.isascii() else "") + left), *content, nodes.Text(right)]


class QuoteDirective(BriefingObjectDirective):
    """``briefing-quote`` — the quotation is the body; ``by`` names the speaker.

    An id argument is optional: given, it is the quotation's stable anchor (``quote-<id>``), which
    ``{quote}`` links to; without one the quotation gets a positional id (``page-0``), good for
    listings but not for links, since it shifts when quotations move.
    """

    def read_id(self) -> str | None:
        if self.arguments:
            ident = self.arguments[0]
            if ID_PATTERN.fullmatch(ident):
                return ident
            self.warn(
                Problem.BAD_ID,
                f"{self.name} directive: invalid id {ident!r} "
                "(use lower-case letters, digits and single hyphens, e.g. 'scholz-dependencies')",
            )
        serial = self.env.new_serialno("briefing-quote")
        return nodes.make_id(f"{self.env.docname}-{serial}") or f"q-{serial}"

    def assert_content_allowed(self) -> None:
        if not self.content:
            self.warn(Problem.NO_CONTENT, f"{self.name} directive: the quotation (the body) is empty")

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        """The quotation and its attribution; in an edition, translated and marked as such.

        The sources give quotations in English only. When the page's catalog translates the
        quotation, the body (which Sphinx's ``Locale`` transform translates in place) is headed by
        "Translation from the English original", and a copy of the English text follows it,
        marked as English and kept out of translation; nothing presents the translation as the
        speaker's own words.
        """
        attribution = nodes.attribution("")
        if speaker := record.get("by"):
            attribution += self.xref(SPEAKER_KINDS, speaker, "by")
        else:
            attribution += nodes.Text(not_stated())
        # The occasion, where the sources name it (the event the words were spoken at).
        if event := record.get("event"):
            attribution += nodes.Text(" · ")
            attribution += self.xref("event", event, "event")
        if source := record.get("source"):
            attribution += nodes.Text(" · ")
            attribution += self.xref("source", source, "source")
        record.translation = body_translation(self.env, body)
        if not record.translation:
            return self.card(*body, attribution)
        mark = nodes.paragraph("", _("Translation from the English original"), classes=["briefing-quote-mark"])
        heading = nodes.paragraph("", label("English original"), classes=["briefing-quote-original-label"])
        original = nodes.container("", *(n.deepcopy() for n in body), classes=["briefing-quote-original", "language-en"])
        for element in original.findall(nodes.Element):
            # Not page text: the copy must stay English when the Locale transform translates the
            # body (the card's other nodes are marked so by the directive, the body's are not).
            if not isinstance(element, nodes.Inline):
                element["translatable"] = False
        card = self.card(mark, *body, heading, original, attribution)
        card["classes"].append("briefing-quote-translated")
        return card


def speaker_order(ctx: ListingContext) -> list[Record]:
    """Who may speak, in who-is-who order: people by country, then organisations, in book order."""
    people = [p for group in by_country(ctx).values() for p in group]
    return people + ctx.listed("organisation")


def pillar_of(ctx: ListingContext, quote: Record) -> Record | None:
    """The pillar a quotation stands in: the last pillar above it on its page (pillars hold them)."""
    above = [p for p in ctx.listed("pillar") if p.docname == quote.docname and p.lineno <= quote.lineno]
    return above[-1] if above else None


def quote_index(ctx: ListingContext) -> list[nodes.Node]:
    """Quotes grouped by speaker, speakers in who-is-who order, each quote linked to where it stands."""
    quotes = ctx.listed("quote")
    if by := ctx.options.get("by"):
        quotes = [q for q in quotes if q.get("by") == by]
    if pillar := ctx.options.get("pillar"):
        quotes = [q for q in quotes if (p := pillar_of(ctx, q)) is not None and p.id == pillar]
    rank = {(r.kind, r.id): i for i, r in enumerate(speaker_order(ctx))}

    def position(speaker: str) -> tuple[int, int]:
        record = ctx.get(SPEAKER_KINDS, speaker) if speaker else None
        found = rank.get((record.kind, record.id)) if record else None
        # Speakers without a profile come last, in the order they are first quoted.
        return (0, found) if found is not None else (1, 0)

    speakers = sorted(dict.fromkeys(q.get("by") for q in quotes), key=position)
    out: list[nodes.Node] = []
    for speaker in speakers:
        record = ctx.get(SPEAKER_KINDS, speaker) if speaker else None
        heading = nodes.rubric("", "", classes=["briefing-listing-group"])
        heading += ctx.ref(record) if record else nodes.Text(speaker or not_stated())
        items = nodes.bullet_list(classes=["briefing-quote-list"])
        for quote in (q for q in quotes if q.get("by") == speaker):
            # The words in the body's type and colour, not a link; after them the occasion and its
            # date where the sources give them, the source, and a link to where the quotation stands.
            para = nodes.paragraph("", "")
            para += nodes.inline("", in_quotes(shown_text(quote)), classes=["briefing-quote-text"])
            details: list[nodes.Node] = []
            event = ctx.get("event", quote.get("event")) if quote.get("event") else None
            if event is not None:
                details.append(ctx.ref(event))
                if when := event.get("date"):
                    details.append(nodes.Text(separator() + (format_date(when) or when)))
            if source := quote.get("source"):
                if details:
                    details.append(nodes.Text(_("; ")))
                details += ctx.refs("source", [source])
            # The translation's note and these details in one pair of brackets.
            para += original_note(quote, details) if quote.translation else bracketed(details) if details else []
            titles = ctx.titles
            if quote.docname in titles:
                para += nodes.Text(" \u2013 ")
                para += ctx.ref(quote, titles[quote.docname].astext())
            items += nodes.list_item("", para)
        out += [heading, items]
    return out


def role_text(speaker: str, record: Record) -> str:
    """What ``{quote}`` shows: the speaker and the first words, ``Olaf Scholz: “We want to…”``."""
    words = shown_text(record).split()
    first = " ".join(words[:_ROLE_WORDS]) + ("…" if len(words) > _ROLE_WORDS else "")
    text = f"{speaker}: {in_curly_quotes(first)}" if speaker else in_curly_quotes(first)
    return f"{text} ({_('translation')})" if record.translation else text


def quote_text(app: Sphinx, refs: list[addnodes.pending_xref], domain: BriefingDomain) -> None:
    """A ``{quote}``'s late text (core/late_text.py): the speaker and first words.

    Given before references resolve (10), so the link, its hover text (the whole quotation) and
    its checks are the Domain's as for any role; the speaker's name is looked up at write time,
    so it follows the profile. Only the authors' {quote} roles: listings link quotations with
    their own texts.
    """
    for ref in untitled(refs):
        if ref.get("briefing_context") != "quote role":
            continue
        record = domain.get("quote", ref["reftarget"])
        if record is None:
            continue
        speaker = domain.get(SPEAKER_KINDS, record.get("by"))
        name = domain.kinds[speaker.kind].display_of(speaker) if speaker else record.get("by")
        give_text(ref, nodes.inline("", role_text(name, record), classes=["briefing-ref", "briefing-ref-quote"]))


def full_quotation(record: Record) -> str:
    """The hover text adds the whole quotation when the reference shows only its start.

    A translation always shows the English original too.
    """
    if record.translation:
        return f"{in_curly_quotes(record.translation)} · {label('English original')}“{record.text}”"
    return in_curly_quotes(record.text) if len(record.text.split()) > _EXCERPT_WORDS else ""


KIND = Kind(
    name="quote",
    directive_name="briefing-quote",
    description="Verbatim quotations, each attributed to a person or an organisation and a source.",
    options=(
        Option("by", required=True, link=("person", "organisation"),
               doc="The speaker: a person, or an organisation (a joint statement, a ministry)."),
        Option("event", link="event",
               doc="The event the words were spoken at, where a source names it (its date and occasion "
                   "are shown with the quotation)."),
        Option("source", link="source"),
    ),
    # The id argument is optional (see QuoteDirective); {quote} links to quotations that have one.
    has_id=False,
    needs_source=True,
    display=excerpt,
    tooltip=full_quotation,
    hover_links={"by": "Speaker"},
    listings={
        "quote-index": Listing(
            quote_index,
            (
                ListingOption("by", link=SPEAKER_KINDS, phrase="by {}", doc="Only this speaker's quotations."),
                ListingOption("pillar", link="pillar", phrase="in the pillar {}",
                              doc="Only the quotations standing in this pillar."),
            ),
            noun="quotations",
        ),
    },
    directive=QuoteDirective,
    node=briefing_quote,
)


# -- quotations inside a sentence: the {q} role ---------------------------------------------------

#: ``words <source-id>`` or ``words <source-id by speaker-id>``.
_INLINE = re.compile(r"(?s)(?P<words>.*?)\s*<(?P<source>[^<>\s]+)(?:\s+by\s+(?P<by>[^<>\s]+))?\s*>")
#: The node attribute holding a paragraph's quoted phrases as written, before an edition's
#: Locale transform replaces the paragraph's children (it keeps the paragraph and its attributes).
_ORIGINALS = "briefing_quote_originals"


class InlineQuoteRole(SphinxRole):
    """``{q}`words <source-id>``` (or ``<source-id by speaker-id>``): the words in quotation marks,
    then the source's citation. The record is made once the page's translation is applied
    (:class:`RecordInlineQuotes`), so an edition knows which words are a translation."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        match = _INLINE.fullmatch(self.text.strip())
        where = f"{self.name} role"
        if match is None or not match["words"]:
            warn(Problem.NO_SOURCE, f"{where}: give the words and their source, as {{q}}`words <source-id>` "
                                    f"or {{q}}`words <source-id by speaker-id>`, not {self.text!r}",
                 self.get_location())
            quoted = briefing_inline_quote("", in_quotes(self.text.strip()), classes=["briefing-inline-quote"])
            return [quoted], []
        for ident in (match["source"], match["by"]):
            if ident and not ID_PATTERN.fullmatch(ident):
                warn(Problem.BAD_ID, f"{where}: invalid id {ident!r} (use lower-case letters, digits and "
                                     "single hyphens)", self.get_location())
        words = " ".join(match["words"].split())
        node = briefing_inline_quote("", in_quotes(words), classes=["briefing-inline-quote"],
                                     briefing_text=words, briefing_source=match["source"],
                                     briefing_by=match["by"] or "")
        self.set_source_info(node)
        citation = addnodes.pending_xref(
            "", nodes.inline(match["source"], match["source"]), refdomain="briefing", reftype="source",
            reftarget=match["source"], refexplicit=False, refwarn=True, briefing_context=where,
        )
        self.set_source_info(citation)
        domain = get_domain(self.env)
        domain.note_reference(self.env.docname, "source", match["source"])
        domain.note_inline_source(self.env.docname, match["source"])
        if match["by"]:
            domain.note_reference(self.env.docname, SPEAKER_KINDS, match["by"])
        return [node, nodes.Text(" "), citation], []


def _holder(node: nodes.Node) -> nodes.Element | None:
    """The translatable block holding *node* (its paragraph), whose children Locale replaces."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.TextElement | nodes.Structural):
        parent = parent.parent
    return parent if isinstance(parent, nodes.Element) else None


class NoteInlineQuoteOriginals(SphinxTransform):
    """Before an edition's translation replaces a paragraph's words, note its quoted phrases as
    written on the paragraph (which the Locale transform keeps)."""

    default_priority = priority("note-quoted-phrases")

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(briefing_inline_quote):
            if (holder := _holder(node)) is not None and "briefing_text" in node:
                noted: list[tuple[str, str, int]] = holder.setdefault(_ORIGINALS, [])
                noted.append((node["briefing_text"], node.source or "", node.line or 0))


class RecordInlineQuotes(SphinxTransform):
    """Once the page is translated, make each ``{q}`` a quotation record: the phrase as written
    (checked against the archive) and, in an edition, the translation shown, marked as one with
    the English original after it."""

    default_priority = priority("record-quoted-phrases")

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        counted: dict[int, int] = {}
        # A role has no :no-index: to give: on a page that opts out of listings (``briefing-unlisted``
        # in its front matter, the guide's live examples) its phrases are unlisted, as the
        # directives there say with :no-index:. The page's metadata is collected only after this,
        # and the front matter is still the page's first field list (docutils' DocInfo, at 340,
        # makes it the docinfo), so both are read.
        fronts = [c for c in self.document.children if isinstance(c, nodes.docinfo | nodes.field_list)][:1]
        unlisted = any(
            field[0].astext() == "briefing-unlisted"
            and field[1].astext().strip().lower() not in {"", "false", "no", "0"}
            for front in fronts for field in front.findall(nodes.field)
        )
        for node in list(self.document.findall(briefing_inline_quote)):
            if "briefing_text" not in node:
                continue
            holder = _holder(node)
            originals: list[tuple[str, str, int]] = holder.get(_ORIGINALS, []) if holder is not None else []
            position = counted[id(holder)] = counted.get(id(holder), -1) + 1
            # As written, where written: a translated paragraph's nodes come from its msgstr.
            original, source, line = (originals[position] if position < len(originals)
                                      else (node["briefing_text"], node.source or "", node.line or 0))
            shown = node["briefing_text"]
            fields: dict[str, str | list[str]] = {"source": node["briefing_source"]}
            if node["briefing_by"]:
                fields["by"] = node["briefing_by"]
            serial = env.new_serialno("briefing-inline-quote")
            record = Record(
                kind="quote", id=nodes.make_id(f"{env.docname}-inline-{serial}") or f"inline-{serial}",
                docname=env.docname, lineno=line, fields=fields, text=original,
                translation=shown if shown != original else "",
                file=source_file(env, source or str(env.doc2path(env.docname))), written_by="q role",
                listed=not unlisted,
            )
            get_domain(env).add(record)
            node["briefing_anchor"] = record.anchor
            node["briefing_key"] = (record.kind, record.id, record.docname, record.lineno)
            if record.translation:
                node["classes"].append("briefing-quote-translated")
                note = nodes.inline("", "", *original_note(record), classes=["briefing-quote-note"])
                node.parent.insert(node.parent.index(node) + 1, note)


def check_inline_speakers(app: Sphinx, env: Any) -> None:
    """A ``{q}`` speaker that names no person or organisation: one located warning (the words are
    kept, listed under the id)."""
    domain = get_domain(env)
    for quote in list(domain.objects.get("quote", {}).values()):
        speaker = quote.get("by")
        if quote.written_by and speaker and domain.get(SPEAKER_KINDS, speaker) is None:
            warn(Problem.UNKNOWN_REF, f"{quote.written_by}: unknown speaker {speaker!r} (no person or organisation "
                                      "has this id)", (quote.docname, quote.lineno))


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND)
    app.connect(REFERENCE_TEXT, quote_text, priority=priority("speaker-and-words-text"))
    app.add_role("q", InlineQuoteRole())
    app.add_transform(NoteInlineQuoteOriginals)
    app.add_transform(RecordInlineQuotes)
    app.connect("env-check-consistency", check_inline_speakers, priority=priority("check-phrase-speakers"))
