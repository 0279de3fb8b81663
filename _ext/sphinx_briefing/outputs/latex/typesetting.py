"""Print typesetting for the LaTeX writer: attribution dashes and complex-script runs.

The LaTeX side lives in ``latex/briefing-print.sty`` (loaded after ``briefing.sty``):

- Sphinx's LaTeX writer puts ``---`` before every attribution and, under LuaLaTeX and XeLaTeX,
  switches TeX ligatures off, so readers saw three hyphens. The attribution visitor here writes
  ``\\briefingattributiondash{}`` (an em dash) instead, for every attribution of the document, not
  only the toolkit's quotations.
- Runs of scripts that TeX's node mode cannot shape (Devanagari conjuncts, joined Arabic) or that
  read right to left become :class:`script_run` nodes, written as ``\\briefingscript{<tag>}{…}``
  (in body text, section titles and rubrics alike); the style sets them in a HarfBuzz-shaped font
  and, for Arabic and Hebrew, right to left.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...core.nodes import ancestors
from ...core.pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

#: Script tag (ISO 15924, lower case) -> the characters of that script. briefing-print.sty defines
#: ``\briefingscript`` for each; fonts-lualatex.tex gives each a HarfBuzz family.
#: (Hangul and CJK need no run: the main fonts' Noto CJK fallback is shaped by HarfBuzz.)
SCRIPTS: dict[str, str] = {
    "deva": "\u0900-\u097f\ua8e0-\ua8ff\u1cd0-\u1cff",
    "arab": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe",
    "hebr": "\u0590-\u05ff\ufb1d-\ufb4f",
}
#: Marks and spaces inside a run (ZWJ/ZWNJ, and a space between two words of the same script).
_JOINERS = " \u200c\u200d\u00a0"
_RUN = "|".join(f"(?P<{tag}>[{chars}](?:[{chars}{_JOINERS}]*[{chars}])?)" for tag, chars in SCRIPTS.items())


@functools.cache
def _runs() -> re.Pattern[str]:
    # Compiled on first use, by a LaTeX build: the script classes took 1 ms of every build's import.
    return re.compile(_RUN)


#: Text the writer passes through verbatim or where a font switch is not allowed. (Titles and rubrics
#: are not skipped: ``\briefingscript`` is robust, so it survives the contents file and running heads,
#: and PDF bookmarks take its text only.)
_SKIP = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.comment, nodes.target,
         addnodes.desc_signature, nodes.subtitle)


class script_run(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """A run of one complex script; ``script`` holds its ISO 15924 tag (``deva``, ``arab``, ``hebr``).

    Its own node rather than a classed ``inline``: Sphinx's LaTeX writer drops an inline's classes
    inside titles and rubrics, where a name in Devanagari needs its font as much as in a paragraph.
    """


def script_runs(text: str) -> list[tuple[str | None, str]]:
    """Split *text* into ``(tag, run)`` pairs; *tag* is None for text that needs no script font.

    >>> script_runs("Modi (नरेन्द्र मोदी)")
    [(None, 'Modi ('), ('deva', 'नरेन्द्र मोदी'), (None, ')')]
    """
    out: list[tuple[str | None, str]] = []
    pos = 0
    for match in _runs().finditer(text):
        if match.start() > pos:
            out.append((None, text[pos:match.start()]))
        out.append((match.lastgroup, match.group()))
        pos = match.end()
    if pos < len(text):
        out.append((None, text[pos:]))
    return out


class LaTeXScriptRuns(SphinxPostTransform):
    """LaTeX only: wrap each complex-script run in a :class:`script_run`."""

    default_priority = priority("latex-script-runs")
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            if not _runs().search(text) or any(isinstance(a, _SKIP) for a in ancestors(text)):
                continue
            parts: list[nodes.Node] = [
                script_run(run, run, script=tag) if tag else nodes.Text(run)
                for tag, run in script_runs(str(text))
            ]
            text.parent.replace(text, parts)


class LaTeXRoomForTables(SphinxPostTransform):
    """LaTeX only: a section that opens with a table or listing asks for half a page of room.

    A long table cannot split its first row, and a listing's first row can be tall (a source cited
    on every page): with less room, the table moved to the next page and left its heading alone at
    the foot of the page. ``\\briefingtableroom`` (briefing-print.sty) moves the heading along.
    """

    default_priority = priority("latex-room-for-tables")
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            body = [c for c in section.children[1:] if not isinstance(c, (nodes.target, addnodes.index))]
            first = body[0] if body else None
            if isinstance(first, nodes.table) or (
                isinstance(first, nodes.Element) and "briefing-listing" in first.get("classes", [])
            ):
                section.parent.insert(section.parent.index(section),
                                      nodes.raw("", "\\briefingtableroom\n", format="latex"))


class unbreakable_run(nodes.inline):  # noqa: N801
    """Text no line may break inside: a date, or a short figure (``\\mbox`` in LaTeX)."""


_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_DE = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
#: Dates as the editions write them: 18 March 2023, March 2023, 18. März 2023, 2023年3月18日. A string:
#: ``re`` compiles it (and keeps it in its cache) in a LaTeX build, not at every build's start.
_DATE = (
    rf"\b(?:\d{{1,2}} )?(?:{_MONTHS_EN}) \d{{4}}\b"
    rf"|\b\d{{1,2}}\. (?:{_MONTHS_DE}) \d{{4}}\b"
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?"
)
#: A figure shown by {fact} is kept on one line when it is this short ("45.7 billion euros").
SHORT_FIGURE = 24


class LaTeXUnbreakableRuns(SphinxPostTransform):
    """LaTeX only: dates and short figures never break across lines ("18 / March 2023",
    「2023年3月 / 18日」 broke; LuaTeX-ja may break between any two kanji)."""

    default_priority = priority("latex-unbreakable-runs")
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, unbreakable_run) \
                    or any(isinstance(a, (*_SKIP, nodes.title, script_run)) for a in ancestors(text)):
                continue
            if "briefing-ref-fact" in parent.get("classes", []) and len(text) <= SHORT_FIGURE:
                parent.replace(text, unbreakable_run("", str(text)))
                continue
            parts: list[nodes.Node] = []
            pos = 0
            for match in re.finditer(_DATE, str(text)):
                if match.start() > pos:
                    parts.append(nodes.Text(text[pos:match.start()]))
                parts.append(unbreakable_run("", match.group()))
                pos = match.end()
            if parts:
                if pos < len(text):
                    parts.append(nodes.Text(text[pos:]))
                parent.replace(text, parts)


class LaTeXPillarPages(SphinxPostTransform):
    """LaTeX only, with ``briefing_pillar_pages``: each section holding a pillar starts a new page.

    A book that presents its pillars "one page each" gets them so on paper: without it a pillar ran
    on mid-page after the one before.
    """

    default_priority = priority("latex-one-page-sections")
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if not self.config.briefing_pillar_pages:
            return
        for section in list(self.document.findall(nodes.section)):
            pillars = [c for c in section.children
                       if isinstance(c, nodes.Element) and "briefing-pillar" in c.get("classes", [])]
            if pillars and section.parent is not None:
                section.parent.insert(section.parent.index(section), nodes.raw("", "\\clearpage\n", format="latex"))


def _visit_attribution(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\begin{flushright}\n\\briefingattributiondash{}")


def _depart_attribution(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\end{flushright}\n")


def _visit_unbreakable_run(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\\mbox{")


def _visit_script_run(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append(f"\\briefingscript{{{node['script']}}}{{")


def _depart_script_run(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("}")


def setup_typesetting(app: Sphinx) -> None:
    # override=True: the attribution is docutils' node, whose LaTeX visitor Sphinx defines.
    app.add_node(nodes.attribution, override=True, latex=(_visit_attribution, _depart_attribution))
    app.add_node(script_run, latex=(_visit_script_run, _depart_script_run))
    app.add_node(unbreakable_run, latex=(_visit_unbreakable_run, _depart_script_run))
    app.add_post_transform(LaTeXScriptRuns)
    app.add_post_transform(LaTeXRoomForTables)
    app.add_post_transform(LaTeXPillarPages)
    app.add_post_transform(LaTeXUnbreakableRuns)
