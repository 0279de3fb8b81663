"""The pipeline: every transform, post-transform and event handler of the extension, in order, with
the reason for its place. Modules take their priority from here (:func:`priority`), never a bare
number; ``tests/test_pipeline.py`` fails on one that does.

Sphinx runs transforms, post-transforms and the handlers of one event by priority (lower first;
ties in registration order). Sphinx's own landmarks: docutils' and MyST's id transforms end at 850,
``doctree-read`` is emitted at 880; after reading, intersphinx's role resolver is 9 and Sphinx's
``ReferencesResolver`` 10, LaTeX's own reshaping runs 400 to 750, handlers default to 500.

The ``walk`` rows are the steps of one post-transform (``briefing-walk``, :mod:`.walk`): the
post-transforms that only look at the extension's own nodes share one pass over each page.

This module imports nothing of the package, so that every layer (``i18n`` included) may take its
priorities from it.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Stage = Literal["transform", "post-transform", "walk", "handler"]


class Place(NamedTuple):
    """One row of the pipeline: what runs, when (*stage*, *event*), at which *priority*, and why."""

    # A named tuple, not a frozen dataclass: the table is built in every build process, and a
    # frozen dataclass compiles six methods when its module is imported (~0.6 ms each class).

    name: str
    stage: Stage
    priority: int
    reason: str
    #: For event handlers: the Sphinx event; for the rest, empty.
    event: str = ""


PIPELINE: tuple[Place, ...] = (
    # -- configuration (config-inited) ---------------------------------------------------------
    Place("load-catalog", "handler", 100, "the extension's catalog before any handler words anything",
          "config-inited"),
    Place("translate-settings", "handler", 300, "conf.py's texts in the edition's language before they are checked",
          "config-inited"),
    Place("carry-renamed-settings", "handler", 390, "a renamed setting's old name carried over before the check",
          "config-inited"),
    Place("validate-config", "handler", 400, "every briefing_* value checked before the handlers that read them",
          "config-inited"),
    Place("configure-titlepage", "handler", 450, "the title page's LaTeX from checked, translated settings",
          "config-inited"),
    Place("exclude-for-language", "handler", 450, "an edition's exclusions before Sphinx lists the sources",
          "config-inited"),
    Place("epub-metadata", "handler", 460, "EPUB metadata from the handling settings, once translated and checked",
          "config-inited"),
    Place("configure-latex-language", "handler", 460, "after the title page: adds to the LaTeX it set up",
          "config-inited"),
    Place("english-in-babel", "handler", 460, "after the edition's language is known; babel options last",
          "config-inited"),
    Place("configure-pdfa", "handler", 470, "PDF/A's metadata once the language's LaTeX is set up (briefing_pdfa checked)",
          "config-inited"),
    Place("configure-latex-assets", "handler", 500, "the shipped .sty once the LaTeX settings are final",
          "config-inited"),
    Place("freeze-modules", "handler", 950, "last of config-inited: the modules and settings set aside from the "
          "cycle collector's passes (core.heap) before Sphinx unpickles the environment", "config-inited"),
    Place("register-static-dir", "handler", 500, "the static folder before the environment compares the "
          "configuration with the pickled one (later, every incremental build reported it changed)",
          "config-inited"),
    # -- the builder (builder-inited; ties run in setup()'s order, which sets the CSS order) ---
    Place("extract-conf-messages", "handler", 500, "conf.py's texts into the catalog template (gettext only)",
          "builder-inited"),
    Place("add-html-assets", "handler", 500, "the extension's CSS and scripts first: the book's own CSS comes after",
          "builder-inited"),
    Place("copy-latex-assets", "handler", 500, "the shipped .sty beside the LaTeX output", "builder-inited"),
    Place("load-imports", "handler", 500, "another book's objects before any page is read", "builder-inited"),
    Place("load-listing-reads", "handler", 500, "what each listing page read when last written, before a re-read "
          "page's entry is cleared", "builder-inited"),
    Place("load-previous-edition", "handler", 500, "the previous edition's export before any page is read",
          "builder-inited"),
    Place("exclude-for-gettext", "handler", 500, "editions' own pages out of the English catalog", "builder-inited"),
    Place("add-editions-css", "handler", 500, "the language switcher's CSS, after the extension's", "builder-inited"),
    Place("add-print-css", "handler", 500, "print CSS last, so it overrides screen rules", "builder-inited"),
    Place("full-search-anchors", "handler", 500, "the search index dumped with every object card's anchor in full",
          "builder-inited"),
    Place("start-warning-recorder", "handler", 900, "last at builder-inited: other handlers' warnings of that event "
          "(another book's import) stay outside the recording", "builder-inited"),
    # -- reading ----------------------------------------------------------------------------------
    Place("note-pages-read", "handler", 500, "which pages this build reads (their warnings are raised afresh)",
          "env-before-read-docs"),
    Place("freeze-environment", "handler", 950, "last before reading: the loaded environment set aside from the "
          "cycle collector's passes until build-finished (core.heap)",
          "env-before-read-docs"),
    Place("check-option-line-ends", "handler", 500, "an option line holding an invisible line end, before parsing",
          "source-read"),
    Place("mark-heading-references", "transform", 500,
          "before doctree-read (880), where the toctree collector copies titles with their references"),
    Place("note-quoted-phrases", "transform", 19,
          "a {q} phrase as written, noted on its paragraph before Sphinx's Locale (20) translates it"),
    Place("record-quoted-phrases", "transform", 21,
          "{q} records after Locale (20): an edition's phrase is known as a translation of the noted one"),
    Place("claim-anchors", "transform", 870,
          "after docutils' and MyST's id transforms (850), before doctree-read (880): collectors read final ids"),
    Place("note-conditions", "handler", 500, "the only-blocks around each object, from the read page", "doctree-read"),
    Place("note-prose", "handler", 650, "each page's prose for the unmarked-copy check, after check-uncited (600) "
          "took out the cited-nearby notes: the page as its doctree is pickled, where the check may read it too",
          "doctree-read"),
    Place("check-literal-blocks", "handler", 500, "fences checked on the read page", "doctree-read"),
    Place("drop-shared-country", "handler", 500, "people's country line when the page shares it, on the read page",
          "doctree-read"),
    Place("check-uncited", "handler", 600, "after the environment collectors (500): the page's metadata is known",
          "doctree-read"),
    Place("add-listing-directives", "handler", 500, "each kind's listing directives as the kind registers",
          "briefing-kind-registered"),
    Place("note-listings", "handler", 500, "pages holding a listing, which a change to what they read rewrites",
          "doctree-read"),
    # -- after reading (env-updated) ------------------------------------------------------------------
    Place("number-sources", "handler", 400, "citation numbers before late text (500): a record's text shows them",
          "env-updated"),
    Place("replay-read-warnings", "handler", 500, "read-time warnings of unread pages, once reading is over",
          "env-updated"),
    Place("resolve-navigation-titles", "handler", 500, "heading references in the toctree's copies of titles",
          "env-updated"),
    Place("resolve-texts", "handler", 500, "records' plain text with every reference's current words",
          "env-updated"),
    Place("check-archives", "handler", 500, "quotations against archived sources, once every page is read",
          "env-check-consistency"),
    Place("check-headline-figures", "handler", 500,
          "how many figures are marked headline, once every page is read (the count is the book's)",
          "env-check-consistency"),
    Place("check-phrase-speakers", "handler", 500, "a {q} speaker's id, once every person is read",
          "env-check-consistency"),
    Place("check-part-of-cycles", "handler", 500, "part-of and after cycles, once every page is read",
          "env-check-consistency"),
    Place("pages-to-rewrite", "handler", 500, "the freshness decider, after env-updated has numbered and resolved",
          "env-get-updated"),
    Place("citation-numbers-outdated", "handler", 500, "freshness input: pages citing a renumbered source",
          "briefing-outdated"),
    Place("previous-edition-outdated", "handler", 500,
          "freshness input: every card and listing page when the previous edition changed", "briefing-outdated"),
    Place("leaflet-outdated", "handler", 500,
          "freshness input: the page with the leaflet's download line, when the leaflet PDF appeared or went",
          "briefing-outdated"),
    Place("editions-outdated", "handler", 500,
          "freshness input: every page, when another edition's HTML appeared or went (the switcher links only "
          "to what exists)", "briefing-outdated"),
    # -- writing: one walk over the briefing nodes of a page ----------------------------------------
    Place("start-writing", "handler", 500, "records are final: hover texts are worked out once from here",
          "write-started"),
    Place("forget-comparison", "handler", 500, "the previous edition is compared anew for each build's writing",
          "write-started"),
    Place("forget-resolve-warnings", "post-transform", 1,
          "first of a page: its old resolve-time warnings are about to be raised anew"),
    Place("leaflet-key-points", "post-transform", 3,
          "leaflet: under a pillar heading a list item, its first key point; before the walk (4), so the "
          "point's own references get their late text there"),
    Place("cite-quoted-phrases", "post-transform", 1,
          "a {q} phrase's citation takes the style's brackets before the notes (2) and the leaflet's (5) "
          "read brackets; after env-updated numbered the sources (numeric: a numbered label is its own bracket)"),
    Place("citation-notes", "post-transform", 2,
          "citations in brackets become notes (citation style 'notes') before the walk (4), so the notes' "
          "references to the source entries resolve there like the author's; before the leaflet's (3, 5)"),
    Place("briefing-walk", "post-transform", 4,
          "the steps below, in one pass: before intersphinx (9) and Sphinx's ReferencesResolver (10), "
          "so listings' references and late texts resolve like the author's"),
    Place("drop-messages", "walk", 1, "translator messages leave every non-gettext page first"),
    Place("relationship-map", "walk", 4, "maps before the other listings (a map placeholder is a listing)"),
    Place("drop-shadowed-anchors", "walk", 5, "a duplicate's anchor goes before anything links to it"),
    Place("listings", "walk", 5, "listings become tables whose references the steps below and Sphinx resolve"),
    Place("listing-cell-labels", "walk", 6, "HTML: labels for the listings' cells, once the tables exist"),
    Place("intersphinx-display-text", "walk", 8, "another book's display text, before intersphinx resolves (9)"),
    Place("late-reference-text", "walk", 9, "a reference's late text (core/late_text.py), before it resolves"),
    Place("original-only-blocks", "walk", 10,
          "{only} blocks naming briefing_original decided before references resolve (Sphinx: after, at 50); "
          "last, once listings and late texts are in the page"),
    Place("speaker-and-words-text", "handler", 500, "a quotation reference's late text: speaker and first words",
          "briefing-reference-text"),
    Place("current-value-text", "handler", 500, "a value reference's late text: the figure's current value",
          "briefing-reference-text"),
    Place("leaflet-references", "post-transform", 5,
          "leaflet: references to what it lacks become text (or their sentence goes), after the walk "
          "built the listings, before intersphinx (9) and the ReferencesResolver (10)"),
    Place("leaflet-whats-new", "post-transform", 6,
          "leaflet: the 'What's new' box after the walk (4) built its pages, before references resolve (10)"),
    Place("change-marks", "post-transform", 7,
          "new/changed marks on cards and on listing rows: after the walk built the listings, before resolving"),
    Place("warn-missing-reference", "handler", 500, "the one located warning for an unresolved reference",
          "warn-missing-reference"),
    # -- writing: after references are resolved -------------------------------------------------------
    Place("resolved-walk", "post-transform", 11,
          "the handlers below in one pass, after the ReferencesResolver (10) has given each reference its text"),
    Place("spell-out-first-mention", "handler", 500,
          "an organisation spelled out at its first mention, once the reference has its words", "briefing-resolved-page"),
    Place("short-form-after-first-mention", "handler", 500,
          "a person's short form after the page's first mention, once the ReferencesResolver (10) gave each its name",
          "briefing-resolved-page"),
    Place("banner-title-under-heading", "handler", 600,
          "a card's banner drops the title its own page's heading already sets, after the mentions' words are final "
          "(it may take the title's paragraph out: last)", "briefing-resolved-page"),
    Place("first-mention-links", "post-transform", 12,
          "after the ReferencesResolver (10) made the links, and the first-mention spelling (11) their words"),
    Place("drop-masthead-in-print", "post-transform", 200,
          "LaTeX: the title page carries the masthead's lines; before LaTeX's own reshaping (400)"),
    Place("latex-classed-paragraphs", "post-transform", 900, "LaTeX: after listings and references are in place"),
    Place("singlehtml-anchors", "post-transform", 900, "singlehtml: repairs every resolved reference (10)"),
    Place("man-internal-references", "post-transform", 900, "man: every resolved in-page reference as text"),
    Place("latex-script-runs", "post-transform", 910, "LaTeX: after the classed paragraphs (900): only text changes"),
    Place("latex-unbreakable-runs", "post-transform", 912,
          "LaTeX: after the script runs (910): dates and short figures kept whole; only plain text changes"),
    Place("latex-room-for-tables", "post-transform", 915, "LaTeX: once tables and listings have their final shape"),
    Place("latex-one-page-sections", "post-transform", 916,
          "LaTeX: a new page before each section the book sets one page each, once the tables have their room (915)"),
    Place("final-walk", "post-transform", 950, "the handlers below in one pass over the page's text blocks and "
          "links, once everything before has changed the page (LaTeX's reshaping, 400 to 916, included)"),
    Place("educate-resolved-text", "handler", 400, "smart quotes for text added after reading, first of the final walk",
          "briefing-final-page"),
    Place("mark-bare-urls", "handler", 500, "HTML: compares a link's final text (quotes educated) with its address",
          "briefing-final-page"),
    Place("link-archives", "handler", 600, "HTML: an archived copy linked from its card; elsewhere its name as "
          "text, taking the link out of the page: last", "briefing-final-page"),
    Place("leaflet-download-line", "handler", 500, "HTML: the leaflet's download line on its first page",
          "doctree-resolved"),
    Place("language-switcher", "handler", 500, "HTML: the editions' switcher, after the download line",
          "doctree-resolved"),
    Place("add-japanese-splitter", "handler", 500, "HTML: the Japanese query splitter on each page",
          "html-page-context"),
    Place("handling-lines", "handler", 450, "HTML: the handling line heads the page, before the print header (500)",
          "html-page-context"),
    Place("print-header", "handler", 500, "HTML: the print header above the body", "html-page-context"),
    Place("alternate-links", "handler", 500, "HTML: the editions' <link rel=alternate>", "html-page-context"),
    # -- the end (build-finished) -------------------------------------------------------------------
    Place("replay-write-warnings", "handler", 900, "last at build-finished: resolve-time warnings of pages not "
          "written this time; the export's own warnings stay outside the recording", "build-finished"),
    Place("thaw-heap", "handler", 950, "last of all: the objects set aside at env-before-read-docs given back to the "
          "cycle collector, after the handlers that could use the cheaper passes", "build-finished"),
    Place("write-japanese-splitter", "handler", 500, "the Japanese splitter script beside the index",
          "build-finished"),
    Place("publish-archives", "handler", 500, "archived copies published beside the pages", "build-finished"),
    Place("write-export", "handler", 500, "briefing.json and its schema from the final records", "build-finished"),
    Place("write-hover-texts", "handler", 500, "HTML: every object's hover text in one file, from the final records "
          "(pages carry only keys)", "build-finished"),
    Place("save-listing-reads", "handler", 500, "what the listing pages written in this build read, for the next "
          "build's decider (after every page is written)", "build-finished"),
    Place("pdfa-header", "handler", 500, "\\DocumentMetadata before \\documentclass of each .tex written",
          "build-finished"),
    Place("extend-latexmkrc", "handler", 500, "LaTeX: the font caches (*.luc, HarfBuzz-mode entries) left out "
          "of latexmk's change detection, and a clean build's first LuaLaTeX pass in draft mode, in the "
          "latexmkrc the builder wrote with its assets", "build-finished"),
    Place("cjk-subsets", "handler", 500, "LaTeX: the Noto CJK subsets cut for every .tex and .sty written "
          "(sphinxmessages.sty comes last, in the builder's finish)", "build-finished"),
)

_BY_NAME = {place.name: place for place in PIPELINE}


def priority(name: str) -> int:
    """The priority of *name* in :data:`PIPELINE` (``KeyError`` for a name not in the table)."""
    return _BY_NAME[name].priority


def place(name: str) -> Place:
    """The row of *name* (``KeyError`` for a name not in the table)."""
    return _BY_NAME[name]

