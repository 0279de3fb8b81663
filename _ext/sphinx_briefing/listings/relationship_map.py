"""The ``relationship-map`` listing: who met whom, drawn as a diagram.

The map draws what the kinds declare: every option with a :class:`~sphinx_briefing.core.kinds.
Relation` (a person's counterparts, an event's participants, a book's own agreement's parties) is an
edge from the object to each object the option names. Objects whose kind has a ``country`` option
stand in their country's column (people, organisations); the others (events, agreements) stand
between the columns. No kind is named here. The diagram is drawn by Graphviz through :mod:`sphinx.ext.graphviz`
(``render_dot``, its cache and its ``graphviz_dot`` setting):

- HTML: the SVG is inlined, so each box is a real link to its card (with an accessible name listing
  the box's connections), and the page's colours apply in light and dark mode;
- LaTeX: Sphinx's own ``graphviz`` node, a vector PDF at its own size, shrunk to the text width if
  wider (its text, 10 pt, then prints at 8 pt and more: :data:`FIT_WIDTH`);
- text, man, texinfo, EPUB, or any builder when ``dot`` is missing: a plain list of the same pairs,
  made of ordinary docutils nodes, so every reference resolves like an author's own role.

A map is drawn to be read, not shrunk: labels wrap, boxes without a connection are left out (unless
``:unconnected: show``), the countries stand side by side or one above the other, whichever fits the
page (:data:`FIT_WIDTH`, :data:`FIT_HEIGHT`), and a map that fits no way is drawn in titled parts
(:func:`split`): the counterparts, then the events of each day, each part split again between its
events (or pairs) if it is still too big.

An edge whose object (either end, or the event) is not confirmed (``:status:`` ``likely``,
``unconfirmed`` or ``disputed``) is dashed and says its status in its label.
"""

from __future__ import annotations

import functools
import itertools
import re
import shutil
import subprocess
import textwrap
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.ext.graphviz import GraphvizError, graphviz, render_dot
from sphinx.util.docutils import SphinxDirective

from ..core import status
from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.model import Record
from ..core.nodes import briefing_listing
from ..core.options import OptionSpec, id_list, read_options
from ..core.options import text as _text
from ..core.walk import Walk, add_step
from ..i18n.catalog import _, format_date, parse_date, word
from .api import ListingContext, ListingOption, check_linked_options, page_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..core.kinds import Kind, Relation

NAME = "relationship-map"
#: Statuses (issue "trust marks") that make an edge dashed: the source is unsure of the object.
UNCERTAIN = frozenset({"likely", "unconfirmed", "disputed"})
#: Builders that draw the diagram; the others (text, man, texinfo, epub …) get the list of pairs.
_DRAWN_FORMATS = {"html": "svg", "latex": "pdf", "docx": "png"}  # docx: outputs/docx
_LIST_ONLY_BUILDERS = frozenset({"epub"})
#: The two-page leaflets (outputs/latex/leaflet.py, PDF and Word): one map, never split into parts.
_ONE_MAP_BUILDERS = frozenset({"briefing-leaflet", "briefing-leaflet-docx"})
#: Links in the DOT source point here; the HTML visitor swaps in the page-relative URL. A URL with
#: a host is left alone by ``fix_svg_relative_paths``, and one SVG then serves every page.
_PLACEHOLDER = "https://briefing-map.invalid/"
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "{http://www.w3.org/1999/xlink}"


def mapped_kinds(kinds: Mapping[str, Kind]) -> dict[str, Kind]:
    """The kinds a map shows, in the order it shows them: first those that relations name (in the
    order the declarations name them), then those that declare relations and are named by none.

    For the shipped kinds: person, organisation (an event's participants), event.
    """
    named: list[str] = []
    declaring: list[str] = []
    for kind in kinds.values():
        for option in kind.options:
            if option.relation:
                named += option.targets
                declaring.append(kind.name)
    order = list(dict.fromkeys(named + declaring))
    return {name: kinds[name] for name in order if name in kinds}


def by_plural(kinds: Mapping[str, Kind]) -> dict[str, str]:
    """``:kinds:`` value -> kind name: ``people`` -> ``person``, ``agreements`` -> ``agreement``."""
    return {kind.plural_label: name for name, kind in mapped_kinds(kinds).items()}


def in_columns(kind: Kind | None) -> bool:
    """Whether the kind's objects stand in their country's column (it has a ``country`` option)."""
    return kind is not None and kind.option("country") is not None


def participant_option(kinds: Mapping[str, Kind]) -> ListingOption:
    """The map's ``:participant:``: an id of any kind that a relation names (checked at write time)."""
    named = [name for name, kind in mapped_kinds(kinds).items() if in_columns(kind)]
    return ListingOption("participant", link="|".join(named))


class Pair(NamedTuple):
    """Two connected objects, through one declared relation: counterparts (person, person),
    participation (event, participant), a party (agreement, party)."""

    first: Record
    second: Record
    relation: Relation
    #: The first object stands between the columns (an event): the pair is its participation.
    hub: bool = False

    @property
    def via(self) -> str:
        """The relation's name, the edge's class (``counterparts``, ``participant``)."""
        return self.relation.name

    @property
    def status(self) -> str:
        """The least certain status of the objects involved ("" when all are confirmed)."""
        return next((s for r in (self.first, self.second) if (s := r.get("status")) in UNCERTAIN), "")

    def words(self, marks: Mapping[str, str] | None = None) -> str:
        text = word(self.relation.english_words)
        mark = (marks or {}).get(self.status) or self.status
        return f"{text}; {mark}" if self.status else text


@dataclass
class MapData:
    """What one map shows: its objects (in book order) and its pairs."""

    records: list[Record]
    pairs: list[Pair]
    #: The book's kinds (display names and hover texts come from them).
    kinds: Mapping[str, Kind] = field(default_factory=dict)
    #: Status -> the book's mark text (``briefing_status_marks``: "likely, single source").
    marks: Mapping[str, str] = field(default_factory=dict)

    def name(self, record: Record) -> str:
        """The box's text: the name, and the status mark of an object the sources are unsure of."""
        kind = self.kinds.get(record.kind)
        name = kind.display_of(record) if kind else record.id
        if (state := record.get("status")) in UNCERTAIN:
            return f"{name} ({self.marks.get(state) or state})"
        return name

    def description(self, record: Record) -> str:
        kind = self.kinds.get(record.kind)
        return kind.tooltip(record) if kind else ""


# -- the data --------------------------------------------------------------------------------


def _country(record: Record, kinds: Mapping[str, Kind]) -> str:
    """The record's country column: its country; "No country" for a kind whose missing country means
    it has none (an organisation such as the EU: its ``country`` option does not ``show_empty``);
    "Country not stated" for one whose country the source omits (a person)."""
    if value := record.get("country"):
        return value
    option = kind.option("country") if (kind := kinds.get(record.kind)) else None
    return _("Country not stated") if option is not None and option.show_empty else _("No country")


def _stated(country: str) -> bool:
    return country not in (_("Country not stated"), _("No country"))


def collect(ctx: ListingContext, options: dict[str, Any]) -> MapData:
    """The objects and pairs one map shows, after its ``:kinds:``, ``:country:`` and ``:participant:``."""
    mapped = mapped_kinds(ctx.domain.kinds)
    plurals = by_plural(ctx.domain.kinds)
    kinds = [plurals[k] for k in options.get("kinds") or plurals]
    pool = {(r.kind, r.id): r for kind in mapped for r in ctx.listed(kind)}
    pairs: list[Pair] = []
    seen: set[frozenset[tuple[str, str]]] = set()

    def add(first: Record, second: Record, relation: Relation) -> None:
        key = frozenset({(first.kind, first.id), (second.kind, second.id)})
        if key not in seen and first.kind in kinds and second.kind in kinds:
            seen.add(key)
            pairs.append(Pair(first, second, relation, hub=not in_columns(mapped.get(first.kind))))

    for record in pool.values():
        for option in mapped[record.kind].options:
            if option.relation is None:
                continue
            for ident in record.get_list(option.name):
                other = next((o for t in option.targets if (o := pool.get((t, ident))) is not None), None)
                if other is not None:
                    add(record, other, option.relation)

    shown = [r for r in pool.values() if r.kind in kinds]
    if country := options.get("country"):
        def in_country(r: Record) -> bool:
            if not in_columns(mapped.get(r.kind)):
                return False  # an event has no country (not "not stated"): it joins through its pairs
            # The author's filter is the English value; in an edition the record's is translated.
            return country.casefold() in {_country(r, mapped).casefold(), r.originals.get("country", "").casefold()}

        pairs = [p for p in pairs if in_country(p.first) or in_country(p.second)]
        shown = [r for r in shown if in_country(r) or any(r in (p.first, p.second) for p in pairs)]
    if participant := options.get("participant"):
        # Everything joined to the object, and everything its events (agreements …) join.
        hubs = {(p.first.kind, p.first.id) for p in pairs if p.hub and p.second.id == participant}
        pairs = [
            p for p in pairs
            if participant in (p.first.id, p.second.id) or (p.hub and (p.first.kind, p.first.id) in hubs)
        ]
        shown = [r for r in shown if any(r in (p.first, p.second) for p in pairs)]
    if options.get("unconnected") != "show":
        # A box with no line says nothing a map can say; the who's who lists it.
        joined = {id(r) for p in pairs for r in (p.first, p.second)}
        shown = [r for r in shown if id(r) in joined]
    marks = {s: status.mark_text(ctx.domain.env.config, s) for s in UNCERTAIN}
    return MapData(shown, pairs, ctx.domain.kinds, marks)


def _hub(record: Record, data: MapData) -> bool:
    """Whether *record* stands between the columns (an event), not in its country's."""
    return not in_columns(data.kinds.get(record.kind))


# -- the DOT source ----------------------------------------------------------------------------


def _quote(text: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, so user text stays text; a line break
    becomes DOT's centred line break (backslash n)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


#: Characters per line of a box's label: a long name or title wraps instead of widening its column.
WRAP = 16


def _wrapped(text: str, width: int = WRAP) -> _Label:
    """*text* as a DOT label of lines at most *width* characters (a longer word stays whole), joined
    by DOT's centred line break; each line escaped as :func:`_quote` does, so user text stays text."""
    lines = [line for part in text.split("\n")  # a line break of its own (name, then office) stays
             for line in textwrap.wrap(part, width, break_long_words=False, break_on_hyphens=False) or [""]]
    return _Label('"' + "\\n".join(_quote(line)[1:-1] for line in lines) + '"')


class _Label(str):
    """A DOT string already quoted (a wrapped label): :func:`_attrs` writes it as it is."""


def _attrs(**attributes: str) -> str:
    return "[" + ", ".join(f"{k}={v if isinstance(v, _Label) else _quote(v)}" for k, v in attributes.items()) + "]"


def accessible_name(record: Record, data: MapData) -> str:
    """What a screen reader (and a hover) says for a box: who it is and every connection."""
    name = ", ".join(t for t in (data.name(record), data.description(record)) if t)
    links = []
    for pair in data.pairs:
        if record in (pair.first, pair.second):
            other = pair.second if record is pair.first else pair.first
            links.append(f"{data.name(other)} ({pair.words(data.marks)})")
    return (_("{name}. Connected with: {links}").format(name=name, links="; ".join(links)) if links
            else _("{name}. No connections shown.").format(name=name))


def dot_source(data: MapData, *, links: bool, rankdir: str = "LR", stacked: bool = False) -> str:
    """The map in DOT: one cluster per country (in book order), events between them.

    *rankdir* ``LR`` puts the countries side by side as columns, ``TB`` one above the other as rows
    (:func:`layouts` chooses from the graph's shape); *stacked* keeps two columns (rows), the first
    country and all the others one under the other. Labels wrap at :data:`WRAP` characters.

    With *links*, each box carries a placeholder URL (``https://briefing-map.invalid/<doc>#<anchor>``)
    that the HTML visitor replaces by the page-relative URL of the card.
    """
    font = "Helvetica,Arial,sans-serif"
    lines = [
        f"graph {_quote(NAME)} {{",
        # margin=0: the PDF writer's default page margin (36 pt a side) would be white space that
        # LaTeX shrinks with the map, to the text's cost.
        f"  graph {_attrs(rankdir=rankdir, fontname=font, fontsize='11', nodesep='0.12', ranksep='0.3', bgcolor='transparent', newrank='true', margin='0')};",
        f"  node {_attrs(shape='box', style='rounded,filled', fillcolor='#f4f6f9', color='#4a5563', fontname=font, fontsize='10', margin='0.1,0.03', height='0.3')};",
        f"  edge {_attrs(color='#4a5563', fontname=font, fontsize='10')};",
    ]

    def node_line(record: Record, indent: str) -> str:
        # A person's office under the name (wrapped to keep the boxes narrow): the map answers
        # "who met whom" without a trip to the cards.
        office = " ".join(record.get("role").split()) if record.get("role") else ""
        attributes = {
            # The name wrapped (a long one no longer widens its column), the office under it.
            "label": _wrapped(data.name(record) + (f"\n{office}" if office else "")),
            "class": f"briefing-map-node briefing-map-{record.kind}",
            "tooltip": accessible_name(record, data),
        }
        if _hub(record, data):
            # A square box (people's are rounded) in gold: an ellipse round wrapped lines is half as wide again.
            attributes.update(style="filled", fillcolor="#fff6db")
        if links:
            attributes["URL"] = f"{_PLACEHOLDER}{record.docname}#{record.anchor}"
        return f"{indent}{_quote(record.anchor)} {_attrs(**attributes)};"

    countries: dict[str, list[Record]] = {}
    for record in data.records:
        if not _hub(record, data):
            countries.setdefault(_country(record, data.kinds), []).append(record)
    for i, (country, members) in enumerate(countries.items()):
        lines.append(f"  subgraph cluster_{i} {{")
        # "Country not stated" (the source omits it) is dashed and in italics; "No country" (the EU,
        # a body of no country) is drawn as a country is: two different facts, two looks.
        look = ({"style": "rounded", "class": "briefing-map-country"} if _stated(country)
                else {"style": "rounded", "class": "briefing-map-country briefing-map-no-country"}
                if country == _("No country")
                else {"style": "rounded,dashed", "fontname": "Helvetica-Oblique,Arial Italic,sans-serif:italic",
                      "class": "briefing-map-country briefing-map-country-not-stated"})
        lines.append(f"    graph {_attrs(label=_wrapped(country, 30), color='#8a94a3', fontsize='12', **look)};")
        lines += [node_line(r, "    ") for r in members]
        # One column per country (rankdir=LR), even for people without a connection.
        lines.append("    {rank=same; " + " ".join(_quote(r.anchor) for r in members) + "}")
        lines.append("  }")
    # Invisible edges put the columns in book order, one rank apart (two when events stand
    # between them).
    gap = "2" if any(_hub(r, data) for r in data.records) else "1"
    firsts = [members[0] for members in countries.values()]
    lines += [
        f"  {_quote(a.anchor)} -- {_quote(b.anchor)} {_attrs(style='invis', minlen=gap)};"
        for a, b in ([(firsts[0], f) for f in firsts[1:]] if stacked else itertools.pairwise(firsts))
    ]
    lines += [node_line(r, "  ") for r in data.records if _hub(r, data)]
    # Edges run from the earlier country to the later one, events in between, so that with
    # rankdir=LR the first country stands left, the second right and meetings in the middle.
    rank = {country: 2 * min(i, 1) if stacked else 2 * i for i, country in enumerate(countries)}

    def column(record: Record) -> int:
        return 1 if _hub(record, data) else rank.get(_country(record, data.kinds), 0)

    for pair in data.pairs:
        first, second = sorted((pair.first, pair.second), key=column)
        attributes = {"class": f"briefing-map-edge briefing-map-{pair.via}"}
        if column(first) == column(second):
            attributes["constraint"] = "false"  # two stacked countries: the line must not move a column
        if pair.relation.labelled:
            # A typed relation says which on its line ("hosted by"), and points from the object
            # declaring it to the one it names: the words read along the arrow.
            attributes.update(label=_wrapped(pair.words(data.marks), 16), arrowsize="0.6",
                              dir="forward" if first is pair.first else "back")
        if pair.status:
            attributes.update(style="dashed", label=_wrapped(pair.words(data.marks) if pair.relation.labelled
                                                               else data.marks.get(pair.status) or pair.status, 16),
                              **{"class": attributes["class"] + " briefing-map-uncertain"})
        lines.append(f"  {_quote(first.anchor)} -- {_quote(second.anchor)} {_attrs(**attributes)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- the list form -------------------------------------------------------------------------------


def pair_list(ctx: ListingContext, data: MapData) -> nodes.bullet_list:
    """The same pairs as a list: ``Olaf Scholz \u2013 Fumio Kishida (counterparts)``."""
    items = nodes.bullet_list(classes=["briefing-map-pairs"])
    for pair in data.pairs:
        para = nodes.paragraph("", "", ctx.ref(pair.first), nodes.Text(" \u2013 "), ctx.ref(pair.second))
        para += nodes.Text(f" ({pair.words(data.marks)})")
        items += nodes.list_item("", para)
    return items


class briefing_map(graphviz):  # noqa: N801 (docutils names nodes in lower case)
    """The drawn map. A ``graphviz`` node, so LaTeX and texinfo use sphinx.ext.graphviz's visitors."""


#: The widest a map is drawn, in pt (PostScript points, as Graphviz and PDF count them). The PDF shrinks
#: a map to the text width, and its 10 pt text must print at 8 pt or more, so a map may be at most
#: 1 / 0.8 times the narrowest text width a book is set in: A4 with Sphinx's 1 in margins, 451 pt
#: (letter: 468 pt; the Germany-Japan book, 22 mm margins: 471 pt); 451 / 0.8 = 564. HTML shows a map
#: unscaled (13 px at 100% zoom) and scrolls a wide one. A wider graph is turned or split.
FIT_WIDTH = 560.0
#: The tallest, likewise: a part of a split map is kept on one page with its title (briefing.sty's
#: ``briefing-map-part`` leaves the map the text height less three lines), and the shortest text
#: height is letter's with 1 in margins, 648 pt (A4: 698 pt); (648 - 36) / 0.8 = 765.
FIT_HEIGHT = 760.0


#: Graphviz's default ``pad`` (4 pt), round the drawing in its SVG and PDF but not in ``-Tplain``.
_PAD = 4.0


@functools.lru_cache(maxsize=512)
def natural_size(code: str, dot: str) -> tuple[float, float] | None:
    """The drawing's (width, height) in pt as the SVG and PDF show it, from Graphviz's layout (``dot
    -Tplain``); None if dot fails.

    Cached: a split map tries each part in up to four directions, and HTML and LaTeX ask alike.
    """
    try:
        run = subprocess.run([dot, "-Tplain"], input=code, capture_output=True, text=True, check=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    head = run.stdout.split("\n", 1)[0].split()  # "graph <scale> <width in> <height in>"
    if len(head) < 4 or head[0] != "graph":
        return None
    # The layout's box, plus the 4 pt that the SVG and PDF writers pad it with on every side.
    return float(head[2]) * 72 + 2 * _PAD, float(head[3]) * 72 + 2 * _PAD


@dataclass
class Drawing:
    """One drawn map: its DOT source, its size (pt) and, for one part of a split map, its title."""

    #: What this drawing shows (one part of a split map, or the whole).
    part: MapData
    code: str
    size: tuple[float, float] | None
    #: What the part shows, for its title ("Counterparts", "Events on 18 March 2023"); "" for the whole.
    title: str = ""

    @property
    def fits(self) -> bool:
        """Whether it prints with its text at 8 pt or more (:data:`FIT_WIDTH`, :data:`FIT_HEIGHT`);
        a drawing of unknown size (dot failed) is taken as it is."""
        return self.size is None or (self.size[0] <= FIT_WIDTH and self.size[1] <= FIT_HEIGHT)


def _fitting(data: MapData, dot: str, *, links: bool, title: str = "") -> Drawing:
    """The drawing of *data* in the direction that fits :data:`FIT_WIDTH` and :data:`FIT_HEIGHT`
    (countries side by side first, then one above the other, then the first country beside all the
    others stacked, in either direction), else the one that prints largest."""
    tried = []
    for rankdir, stacked in (("LR", False), ("TB", False), ("LR", True), ("TB", True)):
        code = dot_source(data, links=links, rankdir=rankdir, stacked=stacked)
        drawing = Drawing(data, code, natural_size(code, dot), title)
        if drawing.fits:
            return drawing
        tried.append(drawing)
    # None fits: the one printed largest (the least shrunk to the page's width and height).
    return max(tried, key=lambda d: min(FIT_WIDTH / d.size[0], FIT_HEIGHT / d.size[1]) if d.size else 0.0)


#: What stays together on one part of a split map: pairs (one counterpart pair; an event and its
#: participations) and boxes without a pair (``:unconnected: show``).
_Unit = tuple[list[Pair], list[Record]]


def _part(data: MapData, units: list[_Unit]) -> MapData:
    """The part of *data* that shows *units*: their pairs, and their boxes in book order."""
    pairs = [pair for unit_pairs, _boxes in units for pair in unit_pairs]
    kept = {id(r) for p in pairs for r in (p.first, p.second)} | {id(r) for _pairs, boxes in units for r in boxes}
    return MapData([r for r in data.records if id(r) in kept], pairs, data.kinds, data.marks)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _date_order(date: str) -> tuple[int, int, int, int]:
    """Earliest date first; a bare month (or year) after its days; no date (or a malformed one) last."""
    parsed = parse_date(date) if date else None
    if parsed is None:
        return (1, 0, 0, 0)
    year, month, day = parsed
    return (0, year, month or 13, day or 32)


def split(data: MapData) -> list[tuple[str, list[_Unit]]]:
    """The parts of a map too big for the page, each with its title, in reading order:

    1. the pairs between objects in the countries' columns ("Counterparts"), each pair a unit;
    2. one part per date: the objects that stand between the columns (events, an agreement) dated
       that day, each with every object it joins ("Events on 18 March 2023"), the earliest first,
       then those of no stated date ("Events, date not stated");
    3. boxes with no connection, when the author asks for them ("Not connected").

    Every box of *data* is on some part, and every pair on exactly one. A part is a list of units
    (what must stay on one drawing: one pair, one event with its pairs, one box); :func:`layouts`
    splits a part that is still too big between its units.
    """
    def hub_of(pair: Pair) -> Record | None:
        return next((r for r in (pair.first, pair.second) if _hub(r, data)), None)

    parts: list[tuple[str, list[_Unit]]] = []
    direct = [p for p in data.pairs if hub_of(p) is None]
    if direct:
        relations = dict.fromkeys(word(p.relation.english_words) for p in direct)
        parts.append((_capitalised(", ".join(relations)), [([p], []) for p in direct]))
    joined = {id(r) for p in data.pairs for r in (p.first, p.second)}
    by_date: dict[str, list[Record]] = {}
    for record in data.records:
        if _hub(record, data) and id(record) in joined:  # an event joined to nothing: "Not connected"
            by_date.setdefault(record.get("date"), []).append(record)
    for date in sorted(by_date, key=_date_order):
        hubs = by_date[date]
        kinds = _capitalised(", ".join(dict.fromkeys(
            word(kind.plural_label) if (kind := data.kinds.get(h.kind)) else h.kind for h in hubs)))
        title = (_("{kinds} on {date}").format(kinds=kinds, date=format_date(date) or date) if date
                 else _("{kinds}, date not stated").format(kinds=kinds))
        parts.append((title, [([p for p in data.pairs if hub_of(p) is hub], [hub]) for hub in hubs]))
    if alone := [r for r in data.records if id(r) not in joined]:
        parts.append((_("Not connected"), [([], [r]) for r in alone]))
    return parts


def _packed(data: MapData, title: str, units: list[_Unit], dot: str, *, links: bool) -> list[Drawing]:
    """The drawings of one part: the whole part if it fits, else its units in book order, as many to
    a drawing as fit, each titled "<title> (1 of 2)". A unit too big on its own is drawn alone, in
    the layout that prints it largest."""
    whole = _fitting(_part(data, units), dot, links=links, title=title)
    if whole.fits or len(units) < 2:
        return [whole]
    drawings: list[Drawing] = []
    taken: list[_Unit] = []
    drawing = whole
    for unit in units:
        trial = _fitting(_part(data, [*taken, unit]), dot, links=links, title=title)
        if taken and not trial.fits:
            drawings.append(drawing)
            taken, trial = [], _fitting(_part(data, [unit]), dot, links=links, title=title)
        taken.append(unit)
        drawing = trial
    drawings.append(drawing)
    for n, each in enumerate(drawings, 1):
        each.title = _("{title} ({n} of {total})").format(title=title, n=n, total=len(drawings))
    return drawings


def layouts(data: MapData, dot: str, *, links: bool, split_up: bool = True) -> list[Drawing]:
    """The map as one drawing if it fits the page (:data:`FIT_WIDTH`, :data:`FIT_HEIGHT`) in some
    direction, else (with *split_up*) as the parts of :func:`split`, each drawn whole or, if still
    too big, split between its units (:func:`_packed`)."""
    whole = _fitting(data, dot, links=links)
    if whole.fits or not split_up:
        return [whole]
    drawings = [d for title, units in split(data) for d in _packed(data, title, units, dot, links=links)]
    return drawings or [whole]


def relationship_map(ctx: ListingContext, options: dict[str, Any], builder: str, fmt: str) -> list[nodes.Node]:
    """The nodes of one map for the builder *builder* (format *fmt*): one drawing or, when the whole
    does not fit the page, one per part (:func:`layouts`), each in a ``briefing-map-part`` container
    under a title (a ``briefing-map-title`` paragraph) saying what it shows. The two-page leaflet
    keeps one map, shrunk to the room left on its page."""
    data = collect(ctx, options)
    if not data.pairs and not data.records:
        return [nodes.paragraph("", _subject(options, ctx.domain.kinds), classes=["briefing-empty"])]
    drawn = _DRAWN_FORMATS.get(fmt) if builder not in _LIST_ONLY_BUILDERS else None
    if drawn is None or not ctx.domain.env.config.graphviz_dot or not _dot_available(ctx):
        return [pair_list(ctx, data)] if data.pairs else [nodes.paragraph("", _("No connections to show."), classes=["briefing-empty"])]
    built: list[nodes.Node] = []
    drawings = layouts(data, ctx.domain.env.config.graphviz_dot, links=drawn == "svg",
                       split_up=builder not in _ONE_MAP_BUILDERS)
    for drawing in drawings:
        part = drawing.part
        node = briefing_map(code=drawing.code, options={"docname": ctx.domain.env.docname}, classes=["briefing-map"])
        node["alt"] = _("Relationship map: {objects}, {connections}").format(
            objects=_count(len(part.records), _("{n} object"), _("{n} objects")),
            connections=_count(len(part.pairs), _("{n} connection"), _("{n} connections")),
        )
        if len(drawings) > 1:
            node["alt"] = f"{drawing.title}. {node['alt']}"
        node["briefing_names"] = {r.anchor: accessible_name(r, part) for r in part.records}
        if len(drawings) > 1:
            # The title and its map in one container: kept on one page in print (briefing.sty).
            title = nodes.paragraph("", drawing.title, classes=["briefing-map-title"])
            built.append(nodes.container("", title, node, classes=["briefing-map-part"]))
        else:
            built.append(node)
    return built


def _count(n: int, one: str, several: str) -> str:
    return (one if n == 1 else several).format(n=n)


def _subject(options: dict[str, Any], kinds: Mapping[str, Kind]) -> str:
    """What an empty map says: "No people or organisations to map." (and the filter given); by
    default it names the kinds that stand in columns."""
    default = [k.plural_label for k in mapped_kinds(kinds).values() if in_columns(k)]
    what = _(" or ").join(word(k) for k in (options.get("kinds") or default))
    if country := options.get("country"):
        return _("No {what} with country {value} to map.").format(what=what, value=repr(country))
    if participant := options.get("participant"):
        return _("No {what} connected with {value} to map.").format(what=what, value=repr(participant))
    return _("No {what} to map.").format(what=what)


def _dot_available(ctx: ListingContext) -> bool:
    return bool(shutil.which(ctx.domain.env.config.graphviz_dot))


# -- the directive and its placeholder ---------------------------------------------------------


def kinds_list(value: str | None) -> list[str]:
    return id_list(value)


class briefing_map_placeholder(briefing_listing):  # noqa: N801
    """Where a ``relationship-map`` goes; carries the directive's options. Replaced before writing."""


class RelationshipMapDirective(SphinxDirective):
    """``relationship-map``: no argument, no body; options filter what the map shows."""

    has_content = True  # accepted, so that a stray body is reported rather than fatal
    option_types: ClassVar[dict[str, Any]] = {"country": _text, "participant": _text, "kinds": kinds_list,
                                              "unconnected": _text}
    option_spec = OptionSpec(option_types)  # type: ignore[assignment]

    def run(self) -> list[nodes.Node]:
        if self.content:
            warn(Problem.UNEXPECTED_CONTENT, f"{self.name} directive: takes no content; the listing is generated from the book", self.get_location())
        plurals = by_plural(get_domain(self.env).kinds)

        def check(option: str, value: Any) -> Any:
            if option == "kinds" and (bad := [k for k in value if k not in plurals]):
                allowed = ", ".join(plurals)
                warn(Problem.BAD_VALUE, f"{self.name} directive: option 'kinds' takes {allowed}, not {', '.join(map(repr, bad))}", self.get_location())
                return [k for k in value if k in plurals] or None
            if option == "unconnected" and value not in ("show", "hide"):
                warn(Problem.BAD_VALUE, f"{self.name} directive: option 'unconnected' takes show or hide, not {value!r}", self.get_location())
                return None
            return value

        options = read_options(self, self.option_types, check)
        node = briefing_map_placeholder("", listing=self.name, options=options, classes=["briefing-listing", f"briefing-{self.name}"])
        self.set_source_info(node)
        return [node]


def resolve_maps(walk: Walk) -> None:
    """Walk step: replace each map placeholder before the other listings and the references."""
    placeholders = walk.of(briefing_map_placeholder)
    if not placeholders:
        return
    env = walk.env
    ctx = page_context(walk)
    builder = walk.builder
    for placeholder in placeholders:
        linked = (participant_option(ctx.domain.kinds),)
        check_linked_options(ctx.domain, placeholder, linked, placeholder["options"])
        if builder.format in _DRAWN_FORMATS and builder.name not in _LIST_ONLY_BUILDERS:
            _warn_once_without_dot(walk.app, walk.config.graphviz_dot, placeholder)
        built = relationship_map(ctx, placeholder["options"], builder.name, builder.format)
        replacement = nodes.container("", *built, classes=placeholder["classes"])
        for node in replacement.findall(briefing_map):  # one per part of a split map
            node["briefing_urls"] = {
                f"{_PLACEHOLDER}{r.docname}#{r.anchor}": _card_uri(builder, env.docname, r)
                for kind in mapped_kinds(ctx.domain.kinds) for r in ctx.listed(kind)
            }
        walk.replace(placeholder, replacement)


def _card_uri(builder: Any, fromdoc: str, record: Record) -> str:
    # As make_refnode builds it; singlehtml answers "index.html#document-x", whose fragment the
    # card's own anchor replaces (anchors are unique in the book). A card outside the document
    # being written (a LaTeX document of one page, such as the guide's own PDF) gets no link.
    try:
        page = builder.get_relative_uri(fromdoc, record.docname).split("#")[0]
    except NoUri:
        return ""
    return f"{page}#{record.anchor}"


#: The applications whose build has said that Graphviz is missing: the warning comes once per build,
#: however many maps and pages there are. Kept here, per application and weakly (a finished build's
#: application goes with its record): not in the store, whose data is per page and pickled with the
#: environment (the next build, incremental or not, must say it again), nor as an attribute of
#: Sphinx's builder, which declares none such. Maps are drawn in the main process, also under -j
#: (Sphinx resolves every page there before its workers write), so one record per process suffices.
_WARNED_WITHOUT_DOT: weakref.WeakSet[Sphinx] = weakref.WeakSet()


def _warn_once_without_dot(app: Sphinx, dot: str, placeholder: nodes.Element) -> None:
    if shutil.which(dot or "") or app in _WARNED_WITHOUT_DOT:
        return
    _WARNED_WITHOUT_DOT.add(app)
    warn(
        Problem.NO_GRAPHVIZ,
        f"relationship-map directive: Graphviz's {dot!r} command was not found, so maps are shown as "
        "lists of pairs (install the Debian package 'graphviz', or set graphviz_dot)",
        placeholder,
    )


# -- HTML: the SVG inline ------------------------------------------------------------------------

_XML_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)


def html_visit_map(self: HTML5Translator, node: briefing_map) -> None:
    """Render with sphinx.ext.graphviz, then inline the SVG with page-relative links."""
    try:
        _relfn, outfn = render_dot(self, node["code"], node["options"], "svg", prefix="briefing-map")
    except GraphvizError as exc:
        warn(Problem.NO_GRAPHVIZ, f"relationship-map directive: Graphviz failed: {exc}", node)
        raise nodes.SkipNode from exc
    if outfn is None:  # dot could not be run; the resolver warned and normally gave the list
        raise nodes.SkipNode
    self.body.append(inline_svg(Path(outfn), node))
    raise nodes.SkipNode


def inline_svg(path: Path, node: nodes.Element) -> str:
    """The SVG of *path* for inlining: real links, accessible names, no ids or DOT-only titles."""
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", _XLINK[1:-1])
    root = ET.fromstring(_XML_PROLOGUE.sub("", path.read_text(encoding="utf-8")))
    urls: dict[str, str] = node.get("briefing_urls", {})
    names: dict[str, str] = node.get("briefing_names", {})
    for element in root.iter():
        element.attrib.pop("id", None)
    # Graphviz titles are DOT names ("person-scholz"): noise for screen readers.
    for parent in root.iter():
        for title in [c for c in parent if c.tag == f"{{{_SVG_NS}}}title"]:
            parent.remove(title)
    for link in root.iter(f"{{{_SVG_NS}}}a"):
        href = link.get(f"{_XLINK}href", "")
        if href in urls:
            link.set("href", urls[href])
            link.set(f"{_XLINK}href", urls[href])
            anchor = href.rpartition("#")[2]
            link.set("aria-label", names.get(anchor, link.get(f"{_XLINK}title", "")))
    root.set("role", "group")
    root.set("aria-label", node.get("alt", _("Relationship map")))
    root.set("class", "briefing-map-svg")
    return '<div class="briefing-map">' + ET.tostring(root, encoding="unicode") + "</div>\n"


#: Cairo (Graphviz's PDF writer) stamps the time of the run and ignores SOURCE_DATE_EPOCH; a
#: fixed stamp of the same length keeps the PDF valid (its byte offsets) and builds reproducible.
_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")


def _fix_creation_date(path: Path) -> None:
    data = path.read_bytes()
    fixed = _PDF_DATE.sub(b"/CreationDate (D:20000101000000Z)", data)
    if fixed != data:
        path.write_bytes(fixed)


def latex_visit_map(self: LaTeXTranslator, node: briefing_map) -> None:
    """A vector PDF from sphinx.ext.graphviz at its own size; ``\\sphinxincludegraphics`` shrinks one
    wider than the line or taller than the page, and the layout (:func:`layouts`) keeps maps narrow
    enough that their 10 pt text prints at 8 pt or more.
    """
    try:
        relfn, outfn = render_dot(self, node["code"], node["options"], "pdf", prefix="briefing-map")
    except GraphvizError as exc:
        warn(Problem.NO_GRAPHVIZ, f"relationship-map directive: Graphviz failed: {exc}", node)
        raise nodes.SkipNode from exc
    if relfn is not None and outfn is not None:
        _fix_creation_date(Path(outfn))
        self.body.append(
            # The leaflet's map fits the room left on its last page, shrunk but never enlarged
            # (briefing-print.sty's \\briefingleafletmap); in the book, the map's own size.
            f"\n\\begin{{center}}\\briefingleafletmap{{{relfn}}}\\end{{center}}\n"
            if self.builder.name == "briefing-leaflet" else
            f"\n\\begin{{center}}\\sphinxincludegraphics{{{relfn}}}\\end{{center}}\n"
        )
    raise nodes.SkipNode


def setup_relationship_map(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.add_node(briefing_map, html=(html_visit_map, None), latex=(latex_visit_map, None))
    app.add_directive(NAME, RelationshipMapDirective)
    add_step(app, "relationship-map", resolve_maps)
