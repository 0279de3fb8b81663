"""Sphinx's search page and the book's objects: each hit lands on its card.

Sphinx's search index stores an object's anchor compressed when it is ``<type>-<name>`` (``"-"``), and
its search page rebuilds it from the name it *shows*, which for the book's objects is the display
name, not the id: a hit for a person linked to ``people.html#person-Kenji Mori`` (or ``#person-森健二``)
instead of ``#person-mori`` (sphinx#10380). :class:`FullAnchorsIndex` writes every anchor of this
extension's objects out in full as the HTML builders dump the index; the search page uses it as it is.

Japanese: Sphinx segments the index with TinySegmenter (:class:`sphinx.search.ja.DefaultSplitter`)
but the search page splits the reader's query only at spaces and punctuation, so a compound such as
経済界代表団 (indexed as 経済 / 界 / 代表団) is one term found nowhere (sphinx#13395). A Japanese
edition's search page gets ``briefing-search-ja.js``: the same segmenter, its model written out from
Sphinx's own tables at build time, defining the ``splitQuery`` that Sphinx's search page uses, and
keeping the words of two or more characters, as the index does.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import js_index

from ..core.domain import BriefingDomain, get_domain
from ..core.pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def full_anchors(env: BuildEnvironment, data: dict[str, Any]) -> dict[str, Any]:
    """Sphinx's frozen search index (``IndexBuilder.freeze``) with each briefing object's anchor in full.

    Returns *data* itself when no entry changes; else a copy with new ``objects`` lists, and the
    ``objtypes`` and ``objnames`` keys as the JSON strings they are in the file (the index rewritten
    from the file had them so, in that order: the written index stays the same bytes).
    """
    docindex = {name: i for i, name in enumerate(data.get("docnames", ()))}
    objtypes = {int(i): name for i, name in data.get("objtypes", {}).items()}
    # (document, type, shown prefix, shown name) -> anchor, split as Sphinx splits the display name.
    anchors: dict[tuple[int, str, str, str], str] = {}
    for _name, shown, typ, docname, anchor, search_priority in get_domain(env).get_objects():
        if search_priority >= 0 and docname in docindex:
            prefix, _, last = html.escape(shown).rpartition(".")
            anchors[docindex[docname], f"{BriefingDomain.name}:{typ}", prefix, last] = anchor
    changed = False
    objects: dict[str, list[Any]] = {}
    for prefix, entries in data.get("objects", {}).items():
        objects[prefix] = []
        for entry in entries:
            doc, typeindex, entry_priority, short, last = entry
            full = anchors.get((doc, objtypes.get(typeindex, ""), prefix, last))
            if full is not None and short != full:
                entry = [doc, typeindex, entry_priority, full, last]
                changed = True
            objects[prefix].append(entry)
    if not changed:
        return data
    keyed: dict[str, dict[str, Any]] = {name: {str(k): v for k, v in data[name].items()} for name in ("objtypes", "objnames") if name in data}
    return {**data, **keyed, "objects": objects}


class FullAnchorsIndex:
    """The HTML builder's search index format, writing each briefing object's anchor in full.

    Wraps the builder's ``indexer_format`` (Sphinx's ``js_index``), through which it loads the last
    index and dumps the new one: the anchors are written out in the index Sphinx hands over, before
    it is written, instead of the file being read back, parsed and written again after the build (a
    second parse of the whole index on every build, incremental ones included).
    """

    def __init__(self, inner: Any, env: BuildEnvironment) -> None:
        self.inner = inner
        self.env = env

    def dumps(self, data: Any) -> str:
        return cast("str", self.inner.dumps(full_anchors(self.env, data)))

    def dump(self, data: Any, f: IO[str]) -> None:
        self.inner.dump(full_anchors(self.env, data), f)

    def loads(self, s: str) -> Any:
        return self.inner.loads(s)

    def load(self, f: IO[str]) -> Any:
        return self.inner.load(f)


def use_full_anchors(app: Sphinx) -> None:
    """builder-inited: the HTML builders dump their ``searchindex.js`` through :class:`FullAnchorsIndex`."""
    builder = app.builder
    if isinstance(builder, StandaloneHTMLBuilder) and builder.indexer_format is js_index:
        builder.indexer_format = FullAnchorsIndex(js_index, app.env)


#: The Japanese query splitter's file in ``_static``.
JA_SCRIPT = "briefing-search-ja.js"

_JA_SPLITTER = r"""/* sphinx-briefing: the reader's query segmented as Sphinx segmented the index (TinySegmenter,
 * Taku Kudo, BSD licence; the model is Sphinx's sphinx.search.ja.DefaultSplitter, written at build time). */
(() => {
  const MODEL = %(model)s;
  const TYPES = %(types)s.map(([source, type]) => [new RegExp(source, "u"), type]);
  const ctype = (ch) => { for (const [re, t] of TYPES) if (re.test(ch)) return t; return "O"; };
  const ts = (name, key) => Object.prototype.hasOwnProperty.call(MODEL[name], key) ? MODEL[name][key] : 0;
  const segment = (input) => {
    if (!input) return [];
    const chars = Array.from(input);
    const seg = ["B3", "B2", "B1", ...chars, "E1", "E2", "E3"];
    const ct = ["O", "O", "O", ...chars.map(ctype), "O", "O", "O"];
    const result = [];
    let word = seg[3], p1 = "U", p2 = "U", p3 = "U";
    for (let i = 4; i < seg.length - 3; i++) {
      const [w1, w2, w3, w4, w5, w6] = seg.slice(i - 3, i + 3);
      const [c1, c2, c3, c4, c5, c6] = ct.slice(i - 3, i + 3);
      let score = MODEL.BIAS;
      score += ts("UP1", p1) + ts("UP2", p2) + ts("UP3", p3) + ts("BP1", p1 + p2) + ts("BP2", p2 + p3);
      score += ts("UW1", w1) + ts("UW2", w2) + ts("UW3", w3) + ts("UW4", w4) + ts("UW5", w5) + ts("UW6", w6);
      score += ts("BW1", w2 + w3) + ts("BW2", w3 + w4) + ts("BW3", w4 + w5);
      score += ts("TW1", w1 + w2 + w3) + ts("TW2", w2 + w3 + w4) + ts("TW3", w3 + w4 + w5) + ts("TW4", w4 + w5 + w6);
      score += ts("UC1", c1) + ts("UC2", c2) + ts("UC3", c3) + ts("UC4", c4) + ts("UC5", c5) + ts("UC6", c6);
      score += ts("BC1", c2 + c3) + ts("BC2", c3 + c4) + ts("BC3", c4 + c5);
      score += ts("TC1", c1 + c2 + c3) + ts("TC2", c2 + c3 + c4) + ts("TC3", c3 + c4 + c5) + ts("TC4", c4 + c5 + c6);
      // (UQ1 twice, as in Sphinx's splitter: the query must split as the index did.)
      score += ts("UQ1", p1 + c1) + ts("UQ2", p2 + c2) + ts("UQ1", p3 + c3);
      score += ts("BQ1", p2 + c2 + c3) + ts("BQ2", p2 + c3 + c4) + ts("BQ3", p3 + c2 + c3) + ts("BQ4", p3 + c3 + c4);
      score += ts("TQ1", p2 + c1 + c2 + c3) + ts("TQ2", p2 + c2 + c3 + c4);
      score += ts("TQ3", p3 + c1 + c2 + c3) + ts("TQ4", p3 + c2 + c3 + c4);
      let p = "O";
      if (score > 0) { result.push(word.trim()); word = ""; p = "B"; }
      p1 = p2; p2 = p3; p3 = p;
      word += seg[i];
    }
    result.push(word.trim());
    return result;
  };
  const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;
  // Sphinx's own splitQuery first (spaces, punctuation); then each Japanese term as the index has it.
  window.splitQuery = (query) => query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term)
    .flatMap((term) => (JAPANESE.test(term) ? segment(term).filter((w) => w.length > 1) : [term]));
})();
"""


def _japanese_search(app: Sphinx) -> bool:
    language = app.config.html_search_language or app.config.language or ""
    return language.split("_")[0].split("-")[0] == "ja" and app.builder.format == "html" \
        and getattr(app.builder, "search", False) and not app.builder.name.startswith("epub")


def japanese_splitter_script() -> str:
    """``briefing-search-ja.js``: Sphinx's Japanese splitter model as JSON and its algorithm in JavaScript."""
    from sphinx.search.ja import DefaultSplitter

    model = {name.removesuffix("__"): value for name, value in vars(DefaultSplitter).items()
             if name.endswith("__") and not name.startswith("_") and isinstance(value, (dict, int))}
    types = [[pattern.pattern, kind] for pattern, kind in DefaultSplitter.patterns_.items()]
    return _JA_SPLITTER % {"model": json.dumps(model, ensure_ascii=False, sort_keys=True),
                           "types": json.dumps(types, ensure_ascii=False)}


def _add_japanese_splitter(app: Sphinx, pagename: str, templatename: str, context: dict[str, object],
                           doctree: object) -> None:
    if pagename == "search" and _japanese_search(app):
        # Only the search page splits queries; loaded before searchtools.js, whose splitQuery is
        # defined only when none is.
        app.add_js_file(JA_SCRIPT, priority=200)


def _write_japanese_splitter(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None and _japanese_search(app):
        target = Path(app.outdir) / "_static" / JA_SCRIPT
        target.parent.mkdir(parents=True, exist_ok=True)
        text = japanese_splitter_script()
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup_search(app: Sphinx) -> None:
    app.connect("builder-inited", use_full_anchors, priority=priority("full-search-anchors"))
    app.connect("html-page-context", _add_japanese_splitter, priority=priority("add-japanese-splitter"))
    app.connect("build-finished", _write_japanese_splitter, priority=priority("write-japanese-splitter"))
