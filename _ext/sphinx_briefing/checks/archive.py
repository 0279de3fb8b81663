"""Archived sources: a local copy of a source's text, and the checks it makes possible.

``source`` takes ``:archive:``, a path inside the book (relative to the page, or to the source
directory when it starts with ``/``) to the source's text: plain text, or HTML as saved from the
publisher. Once every page is read, each archived source is checked against what cites it:

- a quotation (``briefing-quote``) must occur in the text verbatim, after normalising whitespace,
  typographic quotes, apostrophes and dashes, and may leave out (or end in) a trailing comma or full
  stop; a ``…`` marks an omission, and the parts around it must occur in order. Otherwise
  ``briefing.quote-not-in-source`` at the quote, naming the first words that differ;
- a fact (``factbox``) must have its value in the text as the source writes it (``45.7``, ``9,000``),
  unless its ``:derived:`` option says how it was derived (a count, a date written differently).
  Otherwise ``briefing.value-not-in-source``;
- prose anywhere in the book, outside quotations and code, must not repeat ``briefing_copy_words``
  (default 12) or more consecutive words of the text: ``briefing.unmarked-copy`` at the line where
  the run starts. Words are compared without case and punctuation. The office's own cards
  (objectives, points to make: ``briefing-office``) are not prose of the sources and are skipped;
  a quotation inside one is still a quotation, checked verbatim as above.

The prose of each page is taken from its doctree after reading (every page, so that the check sees
the whole book whichever pages a build re-reads) and kept per page in the Domain's data, while the
book has an archived source; a book without one keeps none, and the check takes the prose it lacks
from the pickled doctrees when an archive appears.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes

from ..core.diagnostics import Problem, warn
from ..core.domain import get_domain
from ..core.kinds import AS_PUBLISHED, OFFICE_CLASS
from ..core.pipeline import priority
from ..listings.api import book_order

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.model import Record
    from ..core.objects import BriefingObjectDirective

#: Suffixes read as HTML saved from the publisher; anything else is plain UTF-8 text.
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# -- normalising -------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        # single quotes, low-9, reversed-9, prime, modifier-letter apostrophe, grave accent
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc`", "'"),
        # double quotes, low-9, reversed-9, double prime, guillemets
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        # hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")


def as_read(text: str) -> str:
    """*text* as a reader sees it: Unicode compatibility-composed (NFKC), so that "café" typed as
    e + combining accent (NFD), full-width digits (U+FF10 to U+FF19) or a ligature (U+FB01, "fi") equal what they look like."""
    return unicodedata.normalize("NFKC", text)


def normalise(text: str) -> str:
    """Compose as a reader sees it (:func:`as_read`), fold typographic quotes, apostrophes and dashes
    to ASCII and collapse whitespace."""
    return _SPACE.sub(" ", as_read(text).translate(_FOLD)).strip()


#: Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar): each
#: character is a token of its own, as no word boundary can be read from the text.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
#: A token: one character of an unspaced script, or a word of any other (apostrophes inside kept).
_WORD_PATTERN = f"[{_UNSPACED}]|(?:(?![{_UNSPACED}])\\w)+(?:'(?:(?![{_UNSPACED}])\\w)+)*"


# Compiled on first use (about 15 ms for the two): only a book with an archived source needs them.
@functools.cache
def _unspaced_char() -> re.Pattern[str]:
    return re.compile(f"[{_UNSPACED}]")


@functools.cache
def _word() -> re.Pattern[str]:
    return re.compile(_WORD_PATTERN)

#: A run in an unspaced script counts a character as half a word (a Japanese word averages about
#: two characters), so briefing_copy_words = 12 finds 24 copied characters.
UNSPACED_WEIGHT = 0.5


def words(text: str) -> list[str]:
    """Lower-case tokens of *text*: words, and single characters of unspaced scripts (punctuation
    dropped, apostrophes kept inside a word)."""
    return [w.lower() for w in _word().findall(normalise(text))]


def _weight(token: str) -> float:
    return UNSPACED_WEIGHT if _unspaced_char().fullmatch(token) else 1.0


# -- reading an archive ---------------------------------------------------------------------------


class _TextOfHTML(HTMLParser):
    """The visible text of an HTML page: no scripts or styles; block elements end a line."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
         "section", "article", "header", "footer", "blockquote", "figcaption", "dt", "dd", "title"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def read_archive(path: Path) -> str:
    """The text of an archive file (HTML reduced to its visible text). Raises OSError, ValueError."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in HTML_SUFFIXES:
        parser = _TextOfHTML()
        parser.feed(raw)
        parser.close()
        return "".join(parser.parts)
    return raw


#: Where the HTML builders publish the archives' text, relative to the output root.
PUBLISHED_DIR = "_archive"


def published_name(path: str) -> str:
    """The published text of the archive at *path* (relative to the source directory), relative to
    the output root: ``_sources_archive/article.txt`` -> ``_archive/_sources_archive/article.txt``,
    ``saved/page.html`` -> ``_archive/saved/page.html.txt``.

    Every archive is published as its text (HTML reduced to its visible text), in a ``.txt`` file
    that servers send as ``text/plain``: a publisher's page never runs its scripts on the book's site.
    """
    return f"{PUBLISHED_DIR}/{path if path.lower().endswith('.txt') else path + '.txt'}"


def check_archive_option(directive: BriefingObjectDirective, value: str) -> str | None:
    """Validate ``:archive:``; return the path relative to the source directory, or None."""
    env = directive.env
    _, absolute = env.relfn2path(value, env.docname)
    path = Path(absolute).resolve()
    srcdir = Path(env.srcdir).resolve()
    problem = ""
    if not path.is_relative_to(srcdir):
        problem = "is outside the book's source directory"
    elif not path.is_file():
        problem = "does not exist"
    else:
        try:
            read_archive(path)
        except (OSError, ValueError) as error:
            problem = f"cannot be read ({error})"
    if problem:
        directive.warn(Problem.BAD_ARCHIVE, f"{directive.name} directive: option 'archive': {value!r} {problem}")
        return None
    # A changed archive re-reads the page defining the source, which runs the checks again.
    env.note_dependency(str(path))
    return path.relative_to(srcdir).as_posix()


# -- the prose of each page -----------------------------------------------------------------------

#: Quotations and code: their text is not the author's prose.
_NOT_PROSE = (
    nodes.block_quote, nodes.literal_block, nodes.doctest_block, nodes.comment, nodes.raw,
    nodes.system_message, nodes.math_block, nodes.literal, nodes.math, nodes.substitution_definition,
    nodes.target, addnodes.pending_xref,
)
# A card's lines in the source's own wording (core.kinds.AS_PUBLISHED) are not prose: a source's
# title, publisher and address (an address spells the title's words), a person's name and official
# title ("Minister of State, Department for Business and Trade" is 8 words, rightly as the source has it).
#: Stands where text was left out (a quotation, code), so no run crosses it.
_GAP = "\x00"
#: Stands for an implicit reference (``{fact}`trade-volume```) until the check puts in what the
#: reader sees there (the fact's value, the person's name): ``\x01fact\x02trade-volume\x01``.
_REF = re.compile("\x01([^\x01\x02]*)\x02([^\x01]*)\x01")
#: Text between quotation marks, straight or typographic, on one line or across a soft break.
_QUOTED = re.compile(r'"[^"\n]*(?:\n[^"\n]*)?"|“[^”]*”|„[^“”]*[“”]')


@dataclass(frozen=True)
class Prose:
    """One block of prose: its first line and its text (soft line breaks kept as newlines)."""

    line: int
    text: str


def _line_of(node: nodes.Node) -> int:
    while node is not None:
        if node.line:
            return int(node.line)
        node = node.parent
    return 0


def _text_of(block: nodes.Element) -> str:
    parts: list[str] = []

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            parts.append(str(node))
        elif isinstance(node, nodes.reference) and node.get("refuri") and node.astext() == node["refuri"]:
            # A bare web address (an agreement's text link) spells the document's title in its path:
            # an address, not the author's prose.
            parts.append(_GAP)
        elif isinstance(node, _NOT_PROSE):
            # An explicit reference text ({person}`the Chancellor <scholz>`) is the author's prose;
            # an implicit one shows the object's name or value, filled in at check time.
            if isinstance(node, addnodes.pending_xref) and node.get("refexplicit"):
                parts.append(node.astext())
            elif isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "briefing":
                parts.append(f"\x01{node['reftype']}\x02{node['reftarget']}\x01")
            else:
                parts.append(_GAP)
        elif isinstance(node, nodes.Element):
            for child in node.children:
                visit(child)

    visit(block)
    return _QUOTED.sub(_GAP, "".join(parts))


def prose_of(doctree: nodes.document) -> list[Prose]:
    """Every paragraph, heading, term … of *doctree*, in reading order, outside quotations and code.

    A quotation or code block between two paragraphs stands as a gap, so that a run of words is
    only found where a reader reads them one after the other (list items and paragraphs join).
    """
    out: list[Prose] = []

    def walk(node: nodes.Element) -> None:
        # Document order; a quotation or code block is a gap, and nothing inside it is prose.
        for child in node.children:
            if not isinstance(child, nodes.Element):
                continue
            # The office's own words (objectives, points to make) claim nothing from the sources.
            if isinstance(child, _NOT_PROSE) or OFFICE_CLASS in child.get("classes", ()):
                if not isinstance(child, nodes.Inline):
                    out.append(Prose(_line_of(child), _GAP))
                continue
            if AS_PUBLISHED in child["classes"]:
                # A source's title as published names the document; a copy of it is a citation,
                # not the author's prose (a title of 8 or more words is copied from its archive).
                # Likewise a person's name and official title on the card.
                out.append(Prose(_line_of(child), _GAP))
                continue
            if isinstance(child, nodes.TextElement) and not isinstance(child, nodes.Inline):
                text = _text_of(child)
                if text.strip(_GAP + " \n"):
                    out.append(Prose(_line_of(child), text))
            walk(child)

    walk(doctree)
    return out


def _prose_store(env: BuildEnvironment) -> dict[str, list[Prose]]:
    return cast("dict[str, list[Prose]]", get_domain(env).store.prose)


def note_prose(app: Sphinx, doctree: nodes.document) -> None:
    """Keep each page's prose for the unmarked-copy check (store.DECLARED ``prose``: the Domain
    clears and merges it with the page), while the book has an archived source.

    A book without one (as the last check found, or before the first build) keeps no prose: walking
    every page for it, and pickling the whole book's text with the environment, cost every build a
    few per cent. When an archive appears, the check takes the prose it lacks from the pages'
    pickled doctrees (:func:`_every_page_prose`), which are the trees this handler sees: it runs last
    among the handlers of ``doctree-read`` that change the page.
    """
    if app.config.briefing_copy_words > 0 and get_domain(app.env).store.archives_seen:
        _prose_store(app.env)[app.env.docname] = prose_of(doctree)


def _every_page_prose(env: BuildEnvironment) -> dict[str, list[Prose]]:
    """Every read page's prose: as kept while reading, else taken from the page's pickled doctree."""
    store = _prose_store(env)
    for docname in sorted(env.all_docs.keys() - store.keys()):
        store[docname] = prose_of(env.get_doctree(docname))
    return store


# -- the checks ------------------------------------------------------------------------------------


@dataclass
class Archive:
    source: Record
    path: str
    text: str  # normalised
    words: list[str]

    @property
    def name(self) -> str:
        return f"source {self.source.id!r} (archive {self.path})"


def _find(needle: str, haystack: str, start: int = 0) -> int:
    """Index of *needle* in *haystack* at word boundaries, from *start*; -1 if absent.

    A boundary is asked for only where the needle has a word character at that end (". And" after an
    omission follows a word: "other. And"), and not in unspaced scripts, where words touch.
    """
    before = r"(?<!\w)" if needle[:1].isalnum() and not _unspaced_char().match(needle[:1]) else ""
    after = r"(?!\w)" if needle[-1:].isalnum() and not _unspaced_char().match(needle[-1:]) else ""
    match = re.compile(before + re.escape(needle) + after).search(haystack, start)
    return match.start() if match else -1


def _excerpt(word_list: list[str], limit: int = 6) -> str:
    more = "…" if len(word_list) > limit else ""
    return "“" + " ".join(word_list[:limit]) + more + "”"


def quote_difference(quote: str, archive: str) -> str | None:
    """None if *quote* occurs in *archive* (both normalised); else where it first differs."""
    position = 0
    # Quotation marks around the whole body are the author's, not the speaker's.
    if len(quote) > 1 and quote[0] == quote[-1] == '"':
        quote = quote[1:-1].strip()
    parts = [p.strip() for p in re.split(r"\[\.\.\.\]|\.\.\.", quote)]
    # What is left of a part once the sentence's punctuation around an omission is set aside: "…."
    # ends a sentence with an omission (the full stop is the author's, the guide's documented form).
    parts = [p for p in parts if p.strip(".,;:!? ")]
    for n, part in enumerate(parts):
        core = re.sub(r"[.,]$", "", part) if n == len(parts) - 1 else part
        found = _find(core, archive, position)
        if found >= 0:
            position = found + len(core)
            continue
        # The longest opening of this part that the source has, to name the first words that differ.
        quoted = part.split(" ")
        matched, where = 0, -1
        for size in range(1, len(quoted) + 1):
            at = _find(" ".join(quoted[:size]), archive, position)
            if at < 0:
                break
            matched, where = size, at
        differing = _excerpt(quoted[matched:], 5)
        if matched == 0:
            return f"its first words {differing} are not in the source"
        after = archive[where:].split(" ")
        source_has = _excerpt(after[matched:], 5)
        return f"it differs after {_excerpt(quoted[max(0, matched - 4):matched], 4)}: the quotation has {differing}, the source {source_has}"
    return None


def _archives(env: BuildEnvironment) -> dict[str, Archive]:
    archives: dict[str, Archive] = {}
    for source in get_domain(env).objects.get("source", {}).values():
        path = source.get("archive")
        if not path:
            continue
        try:
            text = read_archive(Path(env.srcdir) / path)
        except (OSError, ValueError) as error:  # deleted since the page was read
            warn(Problem.BAD_ARCHIVE, f"source directive: option 'archive': cannot read {path!r}: {error}",
                 (source.docname, source.lineno))
            continue
        archives[source.id] = Archive(source, path, normalise(text), words(text))
    return archives


def _copied_runs(
    blocks: list[Prose], kgrams: dict[tuple[str, ...], str], size: int, shown: Callable[[str, str], str]
) -> Iterator[tuple[int, str, str, str]]:
    """(line, "14 consecutive words", source id, excerpt) of each run of *size* or more words found in an archive.

    *blocks* are a page's prose in reading order; *shown* gives the text of an implicit reference.
    """
    tokens: list[tuple[str, int, int]] = []  # word, line, segment (runs never cross a gap)
    segment = 0
    for block in blocks:
        # A {quote} reference shows a quotation (its first words, in quotation marks): not prose.
        text = as_read(_REF.sub(
            lambda m: _GAP if m.group(1) == "quote" else shown(m.group(1), m.group(2)), block.text
        )).translate(_FOLD)
        for match in re.finditer(f"\x00|{_WORD_PATTERN}", text):
            if match.group() == _GAP:
                segment += 1
            else:
                line = block.line + text.count("\n", 0, match.start())
                tokens.append((match.group().lower(), line, segment))
    covered: dict[int, str] = {}
    for i in range(len(tokens) - size + 1):
        window = tokens[i:i + size]
        if window[0][2] != window[-1][2]:
            continue
        if (source := kgrams.get(tuple(w for w, _, _ in window))) is not None:
            for j in range(i, i + size):
                covered.setdefault(j, source)
    i = 0
    while i < len(tokens):
        if i not in covered:
            i += 1
            continue
        j = i
        while j + 1 in covered and tokens[j + 1][2] == tokens[i][2]:
            j += 1
        run = [w for w, _, _ in tokens[i:j + 1]]
        # A run of an unspaced script counts each character as half a word (UNSPACED_WEIGHT).
        if sum(map(_weight, run)) >= size:
            unspaced = all(_unspaced_char().fullmatch(w) for w in run)
            excerpt = "“" + "".join(run[:20]) + ("…" if len(run) > 20 else "") + "”" if unspaced else _excerpt(run, 8)
            unit = "characters" if unspaced else "words"
            yield tokens[i][1], f"{len(run)} consecutive {unit}", covered[i], excerpt
        i = j + 1


def check_archives(app: Sphinx, env: BuildEnvironment) -> None:
    """Check quotes, facts and prose against every archived source (after all pages are read)."""
    archives = _archives(env)
    domain = get_domain(env)
    domain.store.archives_seen = bool(archives)
    if not archives:
        # Nothing to check prose against: keep none (note_prose takes it again once an archive appears).
        _prose_store(env).clear()
        return
    found: list[tuple[str, int, Problem, str]] = []
    for quote in domain.objects.get("quote", {}).values():
        archive = archives.get(quote.get("source"))
        if archive and (difference := quote_difference(normalise(quote.text), archive.text)):
            found.append((quote.docname, quote.lineno, Problem.QUOTE_NOT_IN_SOURCE,
                          f"{quote.written_by or 'briefing-quote directive'}: quotation not found verbatim in "
                          f"{archive.name}: {difference}"))
    for fact in domain.objects.get("fact", {}).values():
        # A figure resting on several sources is checked against those archived: found in one suffices.
        held = [archives[s] for s in fact.get_list("source") if s in archives]
        archive = held[0] if held else None
        # The English value, as the (English) source writes it, not an edition's translation.
        written = fact.originals.get("value") or fact.get("value")
        value = normalise(written)
        if archive and value and not fact.get("derived") and all(_find(value, a.text) < 0 for a in held):
            found.append((fact.docname, fact.lineno, Problem.VALUE_NOT_IN_SOURCE,
                          f"factbox directive: value {written!r} is not in {archive.name}; "
                          "write it as the source does, or say how it was derived with ':derived: <note>'"))
    size = int(env.config.briefing_copy_words)
    if size > 0:
        kgrams: dict[tuple[str, ...], str] = {}
        for ident, archive in archives.items():
            for i in range(len(archive.words) - size + 1):
                kgrams.setdefault(tuple(archive.words[i:i + size]), ident)

        def shown(kind: str, ident: str) -> str:
            record = domain.get(kind, ident)
            if record is None or record.kind not in domain.kinds:
                return _GAP
            # What the reader sees there: a citation's label, a person's name, a fact's value.
            return domain.kinds[record.kind].reference_of(record, env)

        for docname, blocks in _every_page_prose(env).items():
            for line, length, ident, excerpt in _copied_runs(blocks, kgrams, size, shown):
                found.append((docname, line, Problem.UNMARKED_COPY,
                              f"{length} copied from {archives[ident].name} "
                              f"outside quotation marks: {excerpt} (quote it or say it in your own words)"))
    order = book_order(env)
    for docname, line, problem, message in sorted(found, key=lambda f: (order.get(f[0], len(order)), f[0], f[1])):
        warn(problem, message, (docname, line))


def setup_archive(app: Sphinx) -> None:
    # briefing_copy_words is declared and checked in config.py.
    app.connect("doctree-read", note_prose, priority=priority("note-prose"))
    app.connect("env-check-consistency", check_archives, priority=priority("check-archives"))
