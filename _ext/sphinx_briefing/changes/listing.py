"""What a reader sees of the changes: the ``changes`` listing, marks, the leaflet's "What's new" box.

- ``changes`` (a listing of every kind, :func:`~sphinx_briefing.listings.api.register_listing`):
  one line saying how much changed since the previous edition, then per kind a table of the new,
  changed and removed objects, each changed value with its old and new value side by side. Filters
  ``:kind:`` and ``:pillar:``, as the other listings have them.
- Marks: the card of a new or changed object, and its row in every other listing, carry a small
  "new" or "changed" mark (:class:`briefing_change_mark`): in HTML with the old values as hover
  text, in the PDF in the margin. ``briefing_change_marks = False`` turns them off.
- The leaflet (``briefing-leaflet``) gets a short "What's new" box.

Values are compared on the English originals (:mod:`.compare`) and shown in the edition's words: the
new values as the edition shows the object, dates and numbers in its language, the extension's words
from its catalog; an old text value from the page's catalog when it has it, from the previous export
when that is an export of the same language, else as written, marked English (``lang="en"``).
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain

from ..core import status
from ..core.domain import get_domain
from ..core.model import Record
from ..core.nodes import briefing_object, briefing_quote
from ..core.objects import format_date
from ..core.pipeline import priority
from ..i18n.catalog import _, format_number, label, separator
from ..listings.api import Cell, Listing, ListingContext, ListingOption, register_listing, table
from .compare import STATUS, TEXT, FieldChange, ObjectChange, Value, display_of
from .previous import PreviousEdition, comparison, previous_edition

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..core.domain import BriefingDomain
    from ..core.kinds import Kind

#: Items the leaflet's "What's new" box names before "and n more".
LEAFLET_ITEMS = 5


class briefing_change_mark(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """The "new" or "changed" mark of an object (``change``: ``added`` or ``changed``).

    ``previous`` is the hover text (what the previous edition said). HTML writes it as the span's
    ``title``; LaTeX puts the word in the margin (``\\briefingchangemark`` in ``briefing.sty``); every
    other builder writes the word as text.
    """


def _html_visit_mark(self: HTML5Translator, node: briefing_change_mark) -> None:
    attributes = {"title": node["previous"]} if node.get("previous") else {}
    self.body.append(self.starttag(node, "span", "", **attributes))


def _html_depart_mark(self: HTML5Translator, node: briefing_change_mark) -> None:
    self.body.append("</span>")


def _latex_visit_mark(self: LaTeXTranslator, node: briefing_change_mark) -> None:
    # The word is the extension's (from its catalog), escaped all the same.
    self.body.append(rf"\briefingchangemark{{{self.encode(node.astext())}}}")
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Element) -> None:
    pass  # not reached: the visitor skipped the node


# -- the edition's words ----------------------------------------------------------------------


def edition_name(previous: PreviousEdition) -> str:
    """``Edition 1.0 of 18 March 2023``, ``Edition 1.0``, or "the previous edition"."""
    name = previous.label or _("the previous edition")
    return _("{edition} of {date}").format(edition=name, date=previous.date) if previous.date else name


def field_heading(kind: Kind | None, name: str) -> str:
    if name == TEXT:
        return _("Text")  # the body, compared where it is the value: a quotation's words
    option = kind.option(name) if kind is not None else None
    return option.heading if option is not None else name.replace("-", " ").capitalize()


class _OldWords:
    """An old English value in the edition's words, where the book's catalogs or the previous export
    (of the same language) have them."""

    def __init__(self, env: BuildEnvironment, previous: PreviousEdition) -> None:
        self.env = env
        self.language = env.config.language or "en"
        self.same_language = str(previous.export.get("language") or "en") == self.language
        self._catalogs: dict[str, gettext.NullTranslations] = {}

    def catalog(self, docname: str) -> gettext.NullTranslations:
        if docname not in self._catalogs:
            catalog = gettext.NullTranslations()
            if not self.language.startswith("en") and docname:
                domain = docname_to_domain(docname, self.env.config.gettext_compact)
                for directory in self.env.config.locale_dirs:
                    found = gettext.find(domain, str(Path(self.env.srcdir, directory)), [self.language])
                    if found:
                        with open(found, "rb") as handle:
                            catalog.add_fallback(gettext.GNUTranslations(handle))
            self._catalogs[docname] = catalog
        return self._catalogs[docname]

    def text(self, change: ObjectChange, name: str, value: str) -> tuple[str, bool]:
        """(*value* in the edition's words, whether it is so); English when nothing translates it."""
        if self.language.startswith("en"):
            return value, True
        old = change.old_entry or {}
        if self.same_language and name != TEXT and isinstance((old.get("fields") or {}).get(name), str):
            return str(old["fields"][name]), True
        for docname in (str(old.get("docname") or ""), str((change.new_entry or {}).get("docname") or "")):
            translated = self.catalog(docname).gettext(value)
            if translated != value:
                return translated, True
        return value, False


def _plain(nodes_: list[nodes.Node]) -> str:
    return "".join(n.astext() for n in nodes_)


class ChangeView:
    """Shows one comparison in the edition's words, as nodes (listing cells) or text (hover, box)."""

    def __init__(self, env: BuildEnvironment, previous: PreviousEdition, ctx: ListingContext | None = None) -> None:
        self.env = env
        self.domain: BriefingDomain = get_domain(env)
        self.previous = previous
        self.ctx = ctx
        self.words = _OldWords(env, previous)

    def kind(self, name: str) -> Kind | None:
        return self.domain.kinds.get(name)

    def record(self, change: ObjectChange) -> Record | None:
        return self.domain.get(change.kind, change.id) if change.change != "removed" else None

    def value(self, change: ObjectChange, name: str, value: Value, side: str) -> list[nodes.Node]:
        """One side of a changed value: *side* ``new`` (as the object now shows it) or ``old``."""
        if value is None or value == "" or value == []:
            return [nodes.Text("—")]
        kind = self.kind(change.kind)
        option = kind.option(name) if kind is not None else None
        record = self.record(change)
        if name == STATUS:
            text = status.mark_text(self.env.config, str(value)) or _("confirmed")
            return [nodes.Text(text)]
        if option is not None and option.link:
            ids = value if isinstance(value, list) else [value]
            out: list[nodes.Node] = []
            for ident in ids:
                if out:
                    out.append(nodes.Text(separator()))
                target = self.domain.get(option.reftype, ident)
                if target is not None and self.ctx is not None:
                    out.append(self.ctx.ref(target))
                elif target is not None:
                    out.append(nodes.Text(self.domain.kinds[target.kind].display_of(target)))
                else:
                    out.append(nodes.Text(display_of(self.previous.export, option.reftype, ident)))
            return out
        text = value if isinstance(value, str) else ", ".join(value)
        if option is not None and option.type == "date":
            return [nodes.Text(format_date(text) or text)]
        if option is not None and option.type == "choice":
            return [nodes.Text(_(text))]
        if side == "new" and record is not None:
            # As the edition shows the object: its translation, else the value in the language's
            # notation (45,7), as a card shows it.
            if name == TEXT:
                return [nodes.Text(record.translation or text)]
            return [nodes.Text(record.get(name) if name in record.originals else format_number(text))]
        shown, translated = self.words.text(change, name, text)
        if not translated and (number := format_number(text)) != text:
            shown, translated = number, True
        return [self.english(shown) if not translated else nodes.Text(shown)]

    def english(self, text: str) -> nodes.Node:
        """*text* of the previous edition that this edition's catalogs do not translate: as written,
        marked English (``lang="en"``) in an edition of another language."""
        if self.words.language.startswith("en"):
            return nodes.Text(text)
        return nodes.inline("", text, classes=["briefing-change-original", "language-en"])

    def fields(self, change: ObjectChange) -> list[FieldChange]:
        """The changed values in the order the kind declares its options (the card's order), the body last."""
        kind = self.kind(change.kind)
        order = {o.name: i for i, o in enumerate(kind.options)} if kind is not None else {}
        return sorted(change.fields, key=lambda f: (f.name == TEXT, order.get(f.name, len(order)), f.name))

    def old_summary(self, change: ObjectChange) -> str:
        """What the kind's hover text said of a removed object (a person's role, a figure's label)."""
        kind, entry = self.kind(change.kind), change.old_entry or {}
        if kind is None:
            return ""
        fields = {**(entry.get("fields") or {}), **{k: v for k, v in (entry.get("originals") or {}).items() if k != TEXT}}
        return kind.tooltip(Record(change.kind, change.id, "", 0, fields, str(entry.get("text") or "")))

    def hover(self, change: ObjectChange) -> str:
        """The mark's hover text: the previous edition's values, one per changed field."""
        name = self.previous.label or _("the previous edition")
        if change.change == "added":
            return _("New since {edition}").format(edition=name)
        kind = self.kind(change.kind)
        parts = [label(field_heading(kind, f.name)) + _plain(self.value(change, f.name, f.old, "old"))
                 for f in self.fields(change)]
        if change.replaces:
            parts.append(label("Id") + change.replaces)
        return _("In {edition}: {values}").format(edition=name, values=" · ".join(parts))

    def mark(self, change: ObjectChange) -> briefing_change_mark:
        word = _("new") if change.change == "added" else _("changed")
        return briefing_change_mark(
            "", word, previous=self.hover(change),
            classes=["briefing-change-mark", f"briefing-change-{change.change}"],
        )


# -- the listing ------------------------------------------------------------------------------


def _pillar_ids(view: ChangeView, change: ObjectChange) -> set[str]:
    """The pillars an object stands in, now or in the previous edition: the pillar itself; for a kind
    a pillar names in an option (``facts``, ``leads``), the pillars naming it; for any other kind
    (quotations), the last pillar above it on its page."""
    found: set[str] = {change.id, change.replaces} - {""} if change.kind == "pillar" else set()
    pillar_kind = view.kind("pillar")
    named_kinds = {t for o in pillar_kind.options for t in o.targets} if pillar_kind is not None else set()
    current: dict[str, Any] = {i: {"fields": r.fields, "docname": r.docname, "line": r.lineno}
                               for i, r in view.domain.objects.get("pillar", {}).items()}
    previous = (view.previous.export.get("objects") or {}).get("pillar") or {}
    for entry, ident, pillars in ((change.new_entry, change.id, current),
                                  (change.old_entry, change.replaces or change.id, previous)):
        if not entry:
            continue
        if change.kind in named_kinds:
            found |= {p for p, pillar in pillars.items()
                      if any(ident in (v if isinstance(v, list) else [v]) for v in (pillar.get("fields") or {}).values())}
            continue
        above = [(int(p.get("line") or 0), i) for i, p in pillars.items()
                 if p.get("docname") == entry.get("docname") and int(p.get("line") or 0) <= int(entry.get("line") or 0)]
        if above:
            found.add(max(above)[1])
    return found


def _kind_matches(kind: Kind | None, name: str, wanted: str) -> bool:
    names = {name}
    if kind is not None:
        names |= {kind.human, kind.plural_label, _(kind.human), _(kind.human.capitalize())}
    return wanted.casefold() in {n.casefold() for n in names}


def changes_listing(ctx: ListingContext) -> list[nodes.Node]:
    """The ``changes`` listing: a summary line, then per kind the changes side by side."""
    env = ctx.domain.env
    previous = previous_edition(env)
    found = comparison(env)
    if previous is None or found is None:
        return [nodes.paragraph("", _("No previous edition is named, so there is nothing to compare with."),
                                classes=["briefing-empty"])]
    view = ChangeView(env, previous, ctx)
    changes = [
        c for c in found.changes
        if (not (wanted := ctx.options.get("kind")) or _kind_matches(view.kind(c.kind), c.kind, wanted))
        and (not (pillar := ctx.options.get("pillar")) or pillar in _pillar_ids(view, c))
    ]
    if not changes:
        if ctx.options:
            return []  # the listing's empty text names the filter
        return [nodes.paragraph("", _("No changes since {edition}.").format(edition=edition_name(previous)),
                                classes=["briefing-changes-summary"])]
    counts = {c: sum(1 for x in changes if x.change == c) for c in ("added", "changed", "removed")}
    out: list[nodes.Node] = [nodes.paragraph(
        "", _("Since {edition}: {added} new, {changed} changed, {removed} removed.").format(
            edition=edition_name(previous), **counts),
        classes=["briefing-changes-summary"],
    )]
    before = previous.label or _("Previous edition")
    for kind_name in dict.fromkeys(c.kind for c in changes):
        kind = view.kind(kind_name)
        rows: list[list[Cell]] = []
        # Grouped by pillar where the kind stands in pillars (a pillar's figures, the quotations on
        # its page): the pillars in book order, then what stands in none, each group in book order.
        of_kind = [c for c in changes if c.kind == kind_name]
        pillars = {c.key: _pillar_of(view, c) for c in of_kind} if kind_name != "pillar" else {}
        positions = {r.id: n for n, r in enumerate(ctx.listed("pillar"))}
        for change in sorted(of_kind, key=lambda c: positions.get(pillars.get(c.key) or "", len(positions))):
            rows.extend(_rows(view, ctx, change, pillars.get(change.key) or ""))
        heading = _(kind.plural_label.capitalize()) if kind is not None else kind_name.capitalize()
        out.append(nodes.rubric("", heading, classes=["briefing-changes-kind"]))
        headings = [_(kind.human.capitalize()) if kind is not None else kind_name, _("What changed"), before,
                    _("This edition")]
        # Every column as given: an empty first cell continues the object above; a dash is a value.
        out.append(table(headings, rows, [28, 18, 27, 27], economy=False))
    return out


def _pillar_of(view: ChangeView, change: ObjectChange) -> str:
    """The one pillar (of this book) an object stands in, for grouping; "" for none or several."""
    found = [p for p in _pillar_ids(view, change) if view.domain.get("pillar", p) is not None]
    return found[0] if len(found) == 1 else ""


def _rows(view: ChangeView, ctx: ListingContext, change: ObjectChange, pillar: str = "") -> list[list[Cell]]:
    record = view.record(change)
    kind = view.kind(change.kind)
    named: nodes.Node = ctx.ref(record) if record is not None else nodes.inline(
        "", "", view.english(change.display), classes=["briefing-change-removed-name"])
    name: Cell = named
    if pillar and (target := view.domain.get("pillar", pillar)) is not None:
        # The pillar it stands in, under its name ("in the pillar Trade", a listing filter's words).
        phrase = _("in the pillar {}").split("{}")
        where = nodes.inline("", "", nodes.Text(phrase[0]), ctx.ref(target), nodes.Text(phrase[-1] if len(phrase) > 1 else ""),
                             classes=["briefing-change-pillar"])
        name = [named, nodes.Text(" "), where]
    if change.change == "added":
        summary = kind.tooltip(record) if kind is not None and record is not None else ""
        return [[name, _("New"), "—", summary or "—"]]
    if change.change == "removed":
        summary = view.old_summary(change)
        return [[name, _("Removed"), view.english(summary) if summary else "—", "—"]]
    rows: list[list[Cell]] = []
    if change.replaces:
        rows.append([name, _("Id"), nodes.literal("", change.replaces), nodes.literal("", change.id)])
    for value in view.fields(change):
        rows.append([
            name if not rows else "",
            field_heading(kind, value.name),
            view.value(change, value.name, value.old, "old"),
            view.value(change, value.name, value.new, "new"),
        ])
    return rows


CHANGES = Listing(
    changes_listing,
    (
        ListingOption("kind", phrase="of kind '{}'", doc="Only the changes of this kind (person, fact …)."),
        ListingOption("pillar", link="pillar", phrase="in the pillar {}",
                      doc="Only the changes in this pillar: the pillar, the objects it names, those on its page."),
    ),
    noun="changes",
)


# -- marks ------------------------------------------------------------------------------------


def _row_object(row: nodes.Element, kind: str) -> addnodes.pending_xref | None:
    """The reference to the object a listing row is about: the row's first reference to an object
    of the listing's kind (a key figure's row names its label first, its figure after)."""
    for ref in row.findall(addnodes.pending_xref):
        if ref.get("refdomain") == "briefing" and kind in str(ref.get("reftype", "")).split("|"):
            return ref
    return None


class ChangeMarks(SphinxPostTransform):
    """Marks on the cards of new and changed objects and on their rows in listings.

    After the listings are built (5), before references are resolved (10): a row is found by the
    reference to its object in its first cell.
    """

    default_priority = priority("change-marks")

    def run(self, **kwargs: Any) -> None:
        if not self.config.briefing_change_marks or (found := comparison(self.env)) is None:
            return
        previous = previous_edition(self.env)
        assert previous is not None
        view = ChangeView(self.env, previous)
        by_anchor: dict[str, ObjectChange] = {}
        by_key: dict[tuple[str, str], ObjectChange] = {}
        for change in found.changes:
            if change.change != "removed" and (record := view.record(change)) is not None:
                by_anchor[record.anchor] = change
                by_key[change.key] = change
        if not by_key:
            return
        for card in list(self.document.findall(nodes.Element)):
            if not isinstance(card, (briefing_object, briefing_quote)):
                continue
            marked = next((by_anchor[i] for i in card["ids"] if i in by_anchor), None)
            if marked is not None:
                self._mark_card(card, view.mark(marked))
        # Which kind each listing lists: its rows are about objects of that kind.
        listed = {f"briefing-{name}": kind for kind in view.domain.kinds.values() for name in kind.listings}
        done: set[int] = set()  # a list item holding a list: its inner items' references once
        for listing in list(self.document.findall(nodes.container)):
            if "briefing-listing" not in listing["classes"]:
                continue
            kind = next((listed[c].name for c in listing["classes"] if c in listed), None)
            if kind is None:
                continue  # the changes listing (its rows are the changes), or one of no kind
            for row in [*listing.findall(nodes.row), *listing.findall(nodes.list_item)]:
                ref = _row_object(row, kind)
                if ref is None or id(ref) in done or (in_row := by_key.get((kind, ref["reftarget"]))) is None:
                    continue
                done.add(id(ref))
                ref.parent.insert(ref.parent.index(ref) + 1, [nodes.Text(" "), view.mark(in_row)])

    @staticmethod
    def _mark_card(card: nodes.Element, mark: briefing_change_mark) -> None:
        """After the card's name (its first paragraph that is not the status line); above a
        quotation, whose first paragraph is the speaker's words."""
        if isinstance(card, briefing_quote):
            card.insert(0, nodes.paragraph("", "", mark, classes=["briefing-change-line"]))
            return
        for paragraph in card.findall(nodes.paragraph):
            if "briefing-status-line" not in paragraph["classes"]:
                paragraph += [nodes.Text(" "), mark]
                return
        card.insert(0, nodes.paragraph("", "", mark))


# -- the leaflet ------------------------------------------------------------------------------


class LeafletWhatsNew(SphinxPostTransform):
    """Leaflet only: a short "What's new" box before the sources line, when there is a previous edition."""

    default_priority = priority("leaflet-whats-new")
    builders = ("briefing-leaflet",)

    def run(self, **kwargs: Any) -> None:
        if (found := comparison(self.env)) is None or found.equal:
            return
        if any("briefing-leaflet-map" in n["classes"] for n in self.document.findall(nodes.container)):
            return  # the leaflet's map, resolved on its own after the pages (leaflet.py): no second box
        previous = previous_edition(self.env)
        assert previous is not None
        view = ChangeView(self.env, previous)
        box = nodes.container("", classes=["briefing-whats-new"])
        box += nodes.paragraph("", "", nodes.strong("", _("What's new")), classes=["briefing-whats-new-title"])
        box += nodes.paragraph("", _("Since {edition}: {added} new, {changed} changed, {removed} removed.").format(
            edition=edition_name(previous), added=found.count("added"), changed=found.count("changed"),
            removed=found.count("removed")))
        items = nodes.bullet_list()
        for change in found.changes[:LEAFLET_ITEMS]:
            kind = view.kind(change.kind)
            if change.change == "changed":
                what = separator().join(field_heading(kind, f.name) for f in view.fields(change)) or _("Id")
                text = _("{name}: changed ({fields})").format(name=change.display, fields=what)
            else:
                word = _("new") if change.change == "added" else _("removed")
                text = _("{name}: {change}").format(name=change.display, change=word)
            items += nodes.list_item("", nodes.paragraph("", text))
        if len(found.changes) > LEAFLET_ITEMS:
            more = _("and {count} more: see the book's list of changes").format(count=len(found.changes) - LEAFLET_ITEMS)
            items += nodes.list_item("", nodes.paragraph("", more))
        box += items
        sources = next((n for n in self.document.findall(nodes.container)
                        if "briefing-leaflet-sources" in n["classes"]), None)
        if sources is not None:
            sources.parent.insert(sources.parent.index(sources), box)
        else:
            self.document += box


def setup_listing(app: Sphinx) -> None:
    register_listing(app, "changes", CHANGES)
    app.add_node(
        briefing_change_mark,
        html=(_html_visit_mark, _html_depart_mark),
        latex=(_latex_visit_mark, _skip),
    )
    app.add_post_transform(ChangeMarks)
    app.add_post_transform(LeafletWhatsNew)


__all__ = ["CHANGES", "ChangeMarks", "FieldChange", "briefing_change_mark", "changes_listing", "setup_listing"]
