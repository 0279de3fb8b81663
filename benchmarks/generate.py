"""Write a synthetic briefing book of N objects, in three equivalent flavours.

* ``briefing``: the extension's directives (person, organisation, event, pillar, factbox,
  briefing-quote, source), roles (``{person}``, ``{organisation}``, ``{event}``, ``{fact}``,
  ``{pillar}``, ``{source}``) and one page of each listing (``organisations`` and ``agenda`` too).
* ``plain``: the same words with no extension: ordinary sections, admonitions, ``{ref}`` links, and
  the listings written out by hand as tables and lists (the floor any extension is measured against).
* ``needs``: the same objects as sphinx-needs needs (one need type per kind, the id-valued options as
  need links), ``{need}`` references, and the listings as ``needtable`` directives.

The text is synthetic (numbered delegates, ministries and figures), deterministic for a given N and
seed, with about four references per object (the density of the real book in ``docs/``: 208
references for 50 objects). Ten objects share a page, so N = 2,000 gives 200 pages.

Two densities of the same three flavours:

* ``light`` (the default): N objects in all, in the mix of the real book, four references in the
  prose after each object, one page per listing;
* ``dense``: N objects *of each kind* (7 N in all), every object referenced about ten times (eight
  times from the prose after other objects, the rest through other objects' options: a person's
  counterpart, a pillar's leads, an event's participants, every object's source), quotations
  referenced too, and every listing on one page (``listings``). This is the book where per-page
  and per-reference work of the extension shows; plain Sphinx carries the same text and the same
  number of links.

Usage: ``python benchmarks/generate.py N OUTDIR [--flavour briefing|plain|needs] [--density light|dense] [--seed S]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FLAVOURS = ("briefing", "plain", "needs")
DENSITIES = ("light", "dense")
PER_PAGE = 10
#: Dense books put five objects of each kind on a page (35 objects), so N = 2,000 per kind is 400 pages.
DENSE_PER_PAGE = 35
#: References to each object from the prose of a dense book (options add about two more).
DENSE_PROSE_REFS = 8
#: The page holding every listing in a dense book.
LISTINGS_PAGE = "listings"
#: The kind of object i is KIND_CYCLE[i % 20]: 25 % people, 20 % facts, 15 % quotes, 15 % sources,
#: 10 % pillars, 10 % organisations, 5 % events (roughly the mix of the real book).
KIND_CYCLE = ("person", "fact", "quote", "source", "organisation", "person", "fact", "pillar", "person",
              "quote", "event", "source", "person", "fact", "organisation", "pillar", "quote", "source",
              "person", "fact")
PREFIX = {"person": "p", "fact": "f", "quote": "q", "source": "s", "pillar": "g", "organisation": "o",
          "event": "e"}
EVENT_STATUSES = ("held", "planned", "announced")
COUNTRIES = ("Germany", "Japan", "France", "Italy")
TOPICS = ("energy", "trade", "security", "research", "transport", "health", "finance", "climate",
          "digital policy", "raw materials", "hydrogen", "space", "defence", "education")
FIRST = ("Anna", "Kenji", "Claire", "Marco", "Lena", "Haruto", "Sophie", "Luca", "Jonas", "Yui",
         "Emma", "Taro", "Paul", "Aiko", "Marie", "Sota")
LAST = ("Becker", "Tanaka", "Durand", "Rossi", "Hoffmann", "Sato", "Moreau", "Bianchi", "Wagner",
        "Suzuki", "Laurent", "Greco", "Schulz", "Ito", "Fontaine", "Ricci")
WORDS = ("the", "delegation", "agreed", "to", "deepen", "cooperation", "on", "supply", "chains",
         "and", "resilience", "of", "both", "economies", "ministers", "discussed", "a", "joint",
         "framework", "for", "investment", "in", "critical", "infrastructure", "with", "partners",
         "across", "region", "talks", "continue", "next", "year", "government", "consultations",
         "signed", "declaration", "intent", "common", "approach", "towards", "markets", "stability")


@dataclass
class Obj:
    kind: str
    id: str
    page: int
    fields: dict[str, str | list[str]]
    text: str
    #: The prose paragraph after the object: words and (kind, id) references, in order.
    prose: list[str | tuple[str, str]] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The section title above the object (its slug must not clash with the object's anchor)."""
        if self.kind == "fact":
            return str(self.fields["label"])
        if self.kind == "quote":
            return f"Quotation {self.id}"
        if self.kind == "organisation":
            return str(self.fields["name"])
        return self.title

    @property
    def title(self) -> str:
        """What a reference to the object shows (the extension's ``display``)."""
        if self.kind == "person":
            return str(self.fields["name"])
        if self.kind == "fact":
            return f"{self.fields['value']} {self.fields['unit']}"
        if self.kind == "quote":
            words = self.text.split()
            return "“" + " ".join(words[:12]) + ("…”" if len(words) > 12 else "”")
        if self.kind == "organisation":
            return str(self.fields["short"])
        return str(self.fields["title"])


@dataclass
class Book:
    n: int
    objects: list[Obj]
    pages: int
    density: str = "light"

    def of(self, kind: str) -> list[Obj]:
        return [o for o in self.objects if o.kind == kind]

    def get(self, ident: str) -> Obj:
        return self._by_id[ident]

    def __post_init__(self) -> None:
        self._by_id = {o.id: o for o in self.objects}


def plan(n: int, seed: int = 0, density: str = "light") -> Book:
    """The objects, their fields and the references in the prose; identical for every flavour.

    *n* is the number of objects in a light book, the number of objects of each kind in a dense one.
    """
    rng = random.Random(seed)
    dense = density == "dense"
    if dense:
        kinds = [kind for _ in range(n) for kind in PREFIX]
    else:
        kinds = [KIND_CYCLE[i % len(KIND_CYCLE)] for i in range(n)]
    ids: dict[str, list[str]] = {k: [] for k in PREFIX}
    for kind in kinds:
        ids[kind].append(f"{PREFIX[kind]}-{len(ids[kind]) + 1:04d}")
    # Every kind needs at least one object for references to point at (n >= 20 guarantees it).
    for kind in ids:
        if not ids[kind]:
            ids[kind].append(f"{PREFIX[kind]}-0001")
            kinds.append(kind)

    def words(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    counters = {k: 0 for k in PREFIX}
    objects = []
    for i, kind in enumerate(kinds):
        ident = ids[kind][counters[kind]]
        counters[kind] += 1
        k = counters[kind]
        topic = TOPICS[k % len(TOPICS)]
        source = rng.choice(ids["source"])
        fields: dict[str, str | list[str]]
        if kind == "person":
            fields = {
                "name": f"{FIRST[k % len(FIRST)]} {LAST[(k * 7) % len(LAST)]} {k}",
                "role": f"Minister for {topic.capitalize()} ({k})",
                "country": COUNTRIES[k % len(COUNTRIES)],
                "organisation": rng.choice(ids["organisation"]),
                "counterpart": rng.choice(ids["person"]),
                "source": source,
            }
            text = f"Leads the talks on {topic}. " + words(14)
        elif kind == "fact":
            fields = {
                "value": f"{rng.randint(1, 999)}.{rng.randint(0, 9)}",
                "unit": rng.choice(("billion euros", "per cent", "million tonnes", "projects")),
                "label": f"{topic.capitalize()} indicator {k}",
                "as-of": f"20{rng.randint(18, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "source": source,
            }
            text = words(12)
        elif kind == "pillar":
            fields = {
                "title": f"{topic.capitalize()} cooperation {k}",
                "leads": rng.sample(ids["person"], min(2, len(ids["person"]))),
                "facts": rng.sample(ids["fact"], min(2, len(ids["fact"]))),
                "source": source,
            }
            text = words(30)
        elif kind == "quote":
            fields = {"by": rng.choice(ids["person"]), "source": source}
            text = words(24)
        elif kind == "organisation":
            fields = {
                "name": f"Ministry of {topic.capitalize()} {k}",
                "short": f"M{topic[:3].upper()}{k}",
                "country": COUNTRIES[k % len(COUNTRIES)],
                "source": source,
            }
            text = words(12)
        elif kind == "event":
            fields = {
                "title": f"Meeting on {topic} {k}",
                "date": f"2030-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "start": f"{rng.randint(8, 18):02d}:{rng.choice(('00', '15', '30', '45'))}",
                "venue": f"Conference hall {k % 7 + 1}",
                "participants": [*rng.sample(ids["person"], min(2, len(ids["person"]))),
                                 rng.choice(ids["organisation"])],
                "event-status": rng.choice(EVENT_STATUSES),
                "source": source,
            }
            text = words(16)
        else:
            fields = {
                "title": f"Report on {topic} {k}",
                "publisher": f"Publisher {k % 9 + 1}",
                "url": f"https://example.org/{ident}",
                "date": f"20{rng.randint(18, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            }
            text = words(8)
        prose: list[str | tuple[str, str]] = []
        if not dense:
            for ref_kind in rng.sample(("person", "fact", "pillar", rng.choice(("person", "organisation", "event"))), 4):
                prose.append(words(rng.randint(10, 20)))
                prose.append((ref_kind, rng.choice(ids[ref_kind])))
            prose.append(words(8) + ".")
        per_page = DENSE_PER_PAGE if dense else PER_PAGE
        objects.append(Obj(kind, ident, i // per_page, fields, text, prose))
    if dense:
        # Every object is the target of DENSE_PROSE_REFS references, from the prose of other objects
        # spread over the book (a shuffled round robin, so no page cites only its neighbours).
        targets = [(o.kind, o.id) for o in objects for _ in range(DENSE_PROSE_REFS)]
        rng.shuffle(targets)
        for number, o in enumerate(objects):
            for target in targets[number * DENSE_PROSE_REFS:(number + 1) * DENSE_PROSE_REFS]:
                o.prose.append(words(rng.randint(4, 9)))
                o.prose.append(target)
            o.prose.append(words(6) + ".")
    per_page = DENSE_PER_PAGE if dense else PER_PAGE
    return Book(n, objects, pages=(len(objects) - 1) // per_page + 1, density=density)


# -- writing ------------------------------------------------------------------------------------

LISTINGS = ("who-is-who", "organisations", "agenda", "key-figures", "pillar-overview", "quote-index",
            "source-list")
LISTING_TITLES = {
    "who-is-who": "Who is who",
    "organisations": "Organisations",
    "agenda": "Agenda",
    "key-figures": "Key figures",
    "pillar-overview": "Pillar overview",
    "quote-index": "Quote index",
    "source-list": "Sources",
}
DIRECTIVE = {"person": "person", "fact": "factbox", "pillar": "pillar", "quote": "briefing-quote",
             "source": "source", "organisation": "organisation", "event": "event"}
OPTION_ORDER = {
    "person": ("name", "role", "country", "organisation", "counterpart", "source"),
    "fact": ("value", "unit", "label", "as-of", "source"),
    "pillar": ("title", "leads", "facts", "source"),
    "quote": ("by", "source"),
    "source": ("title", "publisher", "url", "date"),
    "organisation": ("name", "short", "country", "source"),
    "event": ("title", "date", "start", "venue", "participants", "event-status", "source"),
}
#: sphinx-needs: option -> need link type (the id-valued options), other options become fields.
NEED_LINKS = {"counterpart": "counterpart", "source": "cites", "leads": "leads", "facts": "keyfacts",
              "by": "speaker", "organisation": "member_of", "participants": "participants"}
NEED_PREFIX = {"person": "P_", "fact": "F_", "pillar": "G_", "quote": "Q_", "source": "S_",
               "organisation": "O_", "event": "E_"}


def need_id(ident: str) -> str:
    """``p-0001`` -> ``P_0001`` (sphinx-needs ids are upper case)."""
    return ident.upper().replace("-", "_")


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


class Writer:
    """Writes one flavour of a planned book as MyST Markdown."""

    flavour = ""

    def __init__(self, book: Book) -> None:
        self.book = book

    # Each flavour implements these three.
    def ref(self, kind: str, ident: str) -> str:
        raise NotImplementedError

    def obj(self, o: Obj) -> str:
        raise NotImplementedError

    def listing(self, name: str) -> str:
        raise NotImplementedError

    def conf(self) -> str:
        return (
            f'project = "Synthetic briefing ({self.flavour}, N={self.book.n})"\n'
            f"extensions = {self.extensions()!r}\n"
            'myst_enable_extensions = ["colon_fence"]\n'
            'exclude_patterns = ["_build"]\n'
            "html_last_updated_fmt = None\n"
        )

    def extensions(self) -> list[str]:
        return ["myst_parser"]

    def extra_pages(self) -> dict[str, str]:
        """Pages a flavour needs besides chapters and listings (name -> text)."""
        return {}

    def prose(self, o: Obj) -> str:
        return " ".join(p if isinstance(p, str) else self.ref(*p) for p in o.prose)

    def page(self, number: int, objs: Iterable[Obj]) -> str:
        out = [f"# Chapter {number + 1}\n"]
        for o in objs:
            out.append(f"## {o.heading}\n")
            out.append(self.obj(o))
            out.append(self.prose(o) + "\n")
        return "\n".join(out)

    def write(self, outdir: Path) -> Path:
        if outdir.exists():
            shutil.rmtree(outdir)
        outdir.mkdir(parents=True)
        (outdir / "conf.py").write_text(self.conf(), encoding="utf-8")
        chapters = []
        for number in range(self.book.pages):
            name = f"chapter-{number + 1:04d}"
            chapters.append(name)
            objs = [o for o in self.book.objects if o.page == number]
            (outdir / f"{name}.md").write_text(self.page(number, objs), encoding="utf-8")
        if self.book.density == "dense":
            # Every listing on one page: the page that is rewritten whenever any object changes.
            sections = [f"## {LISTING_TITLES[name]}\n\n{self.listing(name)}" for name in LISTINGS]
            text = "# Listings\n\n" + "\n".join(sections)
            (outdir / f"{LISTINGS_PAGE}.md").write_text(text, encoding="utf-8")
            listing_pages: tuple[str, ...] = (LISTINGS_PAGE,)
        else:
            for name in LISTINGS:
                text = f"# {LISTING_TITLES[name]}\n\n{self.listing(name)}"
                (outdir / f"{name}.md").write_text(text, encoding="utf-8")
            listing_pages = LISTINGS
        extra = self.extra_pages()
        for name, text in extra.items():
            (outdir / f"{name}.md").write_text(text, encoding="utf-8")
        toctree = "\n".join([*chapters, *extra, *listing_pages])
        (outdir / "index.md").write_text(
            f"# Synthetic briefing book\n\n```{{toctree}}\n:maxdepth: 1\n\n{toctree}\n```\n", encoding="utf-8"
        )
        return outdir


class BriefingWriter(Writer):
    flavour = "briefing"

    def extensions(self) -> list[str]:
        return ["myst_parser", "sphinx_briefing"]

    def ref(self, kind: str, ident: str) -> str:
        return f"{{{kind}}}`{ident}`"

    def obj(self, o: Obj) -> str:
        # Quotations take an id only in dense books, where {quote} references point at them.
        bare = o.kind == "quote" and self.book.density != "dense"
        head = f"{{{DIRECTIVE[o.kind]}}}" + ("" if bare else f" {o.id}")
        values = {name: ", ".join(_as_list(o.fields[name])) for name in OPTION_ORDER[o.kind]}
        options = "".join(f":{name}: {value}\n" for name, value in values.items())
        return f"```{head}\n{options}\n{o.text}\n```\n"

    def listing(self, name: str) -> str:
        return f"```{{{name}}}\n```\n"


class PlainWriter(Writer):
    """The floor: what an author would write by hand, with the listings typed out."""

    flavour = "plain"

    def label(self, o: Obj) -> str:
        return f"{o.kind}-{o.id}"

    def ref(self, kind: str, ident: str) -> str:
        o = self.book.get(ident)
        return f"{{ref}}`{o.title} <{self.label(o)}>`"

    def refs(self, idents: str | list[str]) -> str:
        return ", ".join(self.ref("", i) for i in _as_list(idents))

    def obj(self, o: Obj) -> str:
        f = o.fields
        if o.kind == "person":
            body = (f"**{f['name']}**\n\n{f['role']}\n\n:Country: {f['country']}\n"
                    f":Organisation: {self.refs(f['organisation'])}\n:Counterpart: {self.refs(f['counterpart'])}\n"
                    f":Source: {self.refs(f['source'])}\n\n{o.text}")
        elif o.kind == "fact":
            body = (f"**{f['value']}** {f['unit']}\n\n{f['label']}\n\n"
                    f"As of: {f['as-of']} · Source: {self.refs(f['source'])}\n\n{o.text}")
        elif o.kind == "pillar":
            body = (f"**{f['title']}**\n\nLeads: {self.refs(f['leads'])}\n\n"
                    f"Key figures: {self.refs(f['facts'])}\n\n{o.text}\n\nSource: {self.refs(f['source'])}")
        elif o.kind == "organisation":
            body = (f"**{f['name']}** ({f['short']})\n\n:Country: {f['country']}\n"
                    f":Source: {self.refs(f['source'])}\n\n{o.text}")
        elif o.kind == "event":
            body = (f"**{f['title']}**\n\n:Date: {f['date']}\n:Start: {f['start']}\n:Venue: {f['venue']}\n"
                    f":Participants: {self.refs(f['participants'])}\n:Status: {f['event-status']}\n"
                    f":Source: {self.refs(f['source'])}\n\n{o.text}")
        elif o.kind == "quote":
            return (f"({self.label(o)})=\n> {o.text}\n>\n> — {self.refs(f['by'])} · "
                    f"{self.refs(f['source'])}\n")
        else:
            body = (f"**{f['title']}**\n\n{f['publisher']} · {f['date']} · <{f['url']}>\n\n{o.text}")
        return f"({self.label(o)})=\n:::{{admonition}} {o.kind.capitalize()}\n{body}\n:::\n"

    def table(self, headers: list[str], rows: list[list[str]]) -> str:
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"

    def listing(self, name: str) -> str:
        book = self.book
        if name == "who-is-who":
            people = book.of("person")
            out = []
            for country in dict.fromkeys(str(p.fields["country"]) for p in people):
                rows = [[self.ref("person", p.id), str(p.fields["role"]), self.refs(p.fields["organisation"]),
                         self.refs(p.fields["counterpart"])] for p in people if p.fields["country"] == country]
                out.append(f"**{country}**\n\n" + self.table(["Name", "Role", "Organisation", "Counterpart"], rows))
            return "\n".join(out)
        if name == "organisations":
            orgs = book.of("organisation")
            out = []
            for country in dict.fromkeys(str(o.fields["country"]) for o in orgs):
                rows = [[str(o.fields["short"]), f"{{ref}}`{o.fields['name']} <{self.label(o)}>`",
                         self.refs(o.fields["source"])] for o in orgs if o.fields["country"] == country]
                out.append(f"**{country}**\n\n" + self.table(["Short name", "Full name", "Source"], rows))
            return "\n".join(out)
        if name == "agenda":
            events = sorted(book.of("event"), key=lambda e: (str(e.fields["date"]), str(e.fields["start"])))
            out = []
            for date in dict.fromkeys(str(e.fields["date"]) for e in events):
                rows = [[str(e.fields["start"]), self.ref("event", e.id), str(e.fields["venue"]),
                         self.refs(e.fields["participants"]), str(e.fields["event-status"])]
                        for e in events if e.fields["date"] == date]
                out.append(f"**{date}**\n\n" + self.table(["Time", "Event", "Venue", "Participants", "Status"], rows))
            return "\n".join(out)
        if name == "key-figures":
            rows = [[str(f.fields["label"]), self.ref("fact", f.id), str(f.fields["as-of"]),
                     self.refs(f.fields["source"])] for f in book.of("fact")]
            return self.table(["Figure", "Value", "As of", "Source"], rows)
        if name == "pillar-overview":
            rows = [[self.ref("pillar", g.id), self.refs(g.fields["leads"]), self.refs(g.fields["facts"])]
                    for g in book.of("pillar")]
            return self.table(["Pillar", "Leads", "Key figures"], rows)
        if name == "quote-index":
            quotes = book.of("quote")
            out = []
            for speaker in dict.fromkeys(str(q.fields["by"]) for q in quotes):
                items = "".join(f"- {{ref}}`“{q.text}” <{self.label(q)}>` ({self.refs(q.fields['source'])})\n"
                                for q in quotes if q.fields["by"] == speaker)
                out.append(f"**{self.ref('person', speaker)}**\n\n{items}")
            return "\n".join(out)
        rows = []
        for s in book.of("source"):
            citing = [f"{o.kind}: {self.ref(o.kind, o.id)}"
                      for kind in ("fact", "quote", "person", "organisation", "event", "pillar")
                      for o in book.of(kind) if o.fields.get("source") == s.id]
            rows.append([self.ref("source", s.id), str(s.fields["publisher"]), "; ".join(citing) or "nothing yet"])
        return self.table(["Source", "Publisher", "Cited by"], rows)


class NeedsWriter(Writer):
    """The peer: sphinx-needs with one need type per kind and needtables as listings."""

    flavour = "needs"

    def extensions(self) -> list[str]:
        return ["myst_parser", "sphinx_needs"]

    def conf(self) -> str:
        types = [
            {"directive": f"{kind}-need", "title": kind.capitalize(), "prefix": NEED_PREFIX[kind]}
            for kind in PREFIX
        ]
        fields = sorted({name for kind, names in OPTION_ORDER.items() for name in names
                         if name not in NEED_LINKS and name != "title"})
        return (
            super().conf()
            + f"needs_types = {types!r}\n"
            + "needs_fields = {name.replace('-', '_'): {'nullable': True}"
            + f" for name in {fields!r}}}\n"
            + f"needs_links = {{name: {{}} for name in {sorted(set(NEED_LINKS.values()))!r}}}\n"
            + 'needs_id_regex = "^[A-Z0-9_]{5,}"\n'
            + "needs_id_required = True\n"
        )

    def ref(self, kind: str, ident: str) -> str:
        return f"{{need}}`{need_id(ident)}`"

    def obj(self, o: Obj) -> str:
        options = [f":id: {need_id(o.id)}\n"]
        for name in OPTION_ORDER[o.kind]:
            if name == "title":
                continue
            value = o.fields[name]
            if name in NEED_LINKS:
                options.append(f":{NEED_LINKS[name]}: {', '.join(need_id(v) for v in _as_list(value))}\n")
            else:
                options.append(f":{name.replace('-', '_')}: {value}\n")
        title = o.title.strip("“”…") if o.kind == "quote" else o.heading if o.kind == "organisation" else o.title
        return f"```{{{o.kind}-need}} {title}\n{''.join(options)}\n{o.text}\n```\n"

    def needtable(self, filter_: str, columns: str, sort: str = "") -> str:
        options = f":filter: {filter_}\n:columns: {columns}\n:style: table\n" + (f":sort: {sort}\n" if sort else "")
        return f"```{{needtable}}\n{options}```\n"

    def listing(self, name: str) -> str:
        if name == "who-is-who":
            countries = dict.fromkeys(str(p.fields["country"]) for p in self.book.of("person"))
            return "\n".join(
                f"**{c}**\n\n" + self.needtable(f'type == "person-need" and country == "{c}"',
                                                "title;role;organisation;counterpart")
                for c in countries
            )
        if name == "organisations":
            countries = dict.fromkeys(str(o.fields["country"]) for o in self.book.of("organisation"))
            return "\n".join(
                f"**{c}**\n\n" + self.needtable(f'type == "organisation-need" and country == "{c}"',
                                                "short;title;cites")
                for c in countries
            )
        return {
            "agenda": self.needtable('type == "event-need"', "date;start;title;venue;participants;event_status",
                                     sort="date"),
            "key-figures": self.needtable('type == "fact-need"', "label;title;as_of;cites"),
            "pillar-overview": self.needtable('type == "pillar-need"', "title;leads;keyfacts"),
            "quote-index": self.needtable('type == "quote-need"', "speaker;title;cites"),
            "source-list": self.needtable('type == "source-need"', "title;publisher;cites_back"),
        }[name]


WRITERS: dict[str, type[Writer]] = {"briefing": BriefingWriter, "plain": PlainWriter, "needs": NeedsWriter}


def generate(n: int, outdir: Path, flavour: str = "briefing", seed: int = 0, density: str = "light") -> Path:
    """Write the *flavour* book of *n* objects (per kind if *density* is dense) into *outdir*
    (replacing it); return *outdir*."""
    if flavour == "needs" and density == "dense":
        raise ValueError("the sphinx-needs flavour is written for light books only")
    return WRITERS[flavour](plan(n, seed, density)).write(outdir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of objects (at least 20)")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--flavour", choices=FLAVOURS, default="briefing")
    parser.add_argument("--density", choices=DENSITIES, default="light")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    out = generate(args.n, args.outdir, args.flavour, args.seed, args.density)
    print(f"wrote a {args.density} {args.flavour} book of {args.n} objects to {out}")


if __name__ == "__main__":
    main()
