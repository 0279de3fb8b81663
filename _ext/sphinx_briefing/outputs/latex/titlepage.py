"""The book settings in the PDF: title page, running header, footer mark, metadata and emblems.

``briefing.sty`` draws the title page from macros (``\\briefingtitle``, ``\\briefingmark`` …) that
default to empty or to Sphinx's own ``\\@title``; this module defines them from the validated
``briefing_*`` settings (:mod:`.config`), so a book's ``conf.py`` holds no LaTeX of its own. Every
value goes through Sphinx's LaTeX escaping: ``\\input`` in a title stays text.

Sphinx fills its escaping tables only when a LaTeX builder initialises, after ``config-inited``;
before that, :func:`sphinx.util.texescape.escape` returns its input unchanged. The settings become
LaTeX at ``config-inited``, so :func:`tex_escape` fills the tables first: otherwise the first build of a
process (every ``sphinx-build``, ``make latexpdf`` and Read the Docs build) wrote them unescaped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import texescape

from ...core.config import book_settings, pdf_metadata
from ...core.internals import fill_latex_escaping, written_in_conf
from ...core.pipeline import priority
from ...i18n.catalog import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: setting -> the briefing.sty macro it defines
MACROS = {
    "title": "briefingtitle",
    "subtitle": "briefingsubtitle",
    "occasion": "briefingoccasion",
    "date": "briefingdate",
    "venue": "briefingvenue",
    "edition": "briefingedition",
    "status": "briefingstatus",
    "short_title": "briefingshorttitle",
    "footer_mark": "briefingmark",
    "handling": "briefinghandling",
    "prepared_on": "briefingpreparedon",
    "prepared_by": "briefingpreparedby",
    "reference": "briefingreference",
    "information_as_of": "briefinginformationasof",
    "prepared_month": "briefingpreparedmonth",
}


def title_words() -> dict[str, str]:
    """briefing.sty's word macros -> their text in the book's language (plain text, not yet escaped)."""
    return {
        "briefingeditionlabel": _("Edition"),
        "briefingstatuslabel": _("Information"),
        "briefingcompiledbylabel": _("Prepared by"),
        "briefingpreparedonlabel": _("Prepared on"),
        "briefingreferencelabel": _("Reference"),
        "briefinginformationasoflabel": _("Information as of"),
        "briefingleafletname": _("At a glance"),
        "briefingleafletmark": _("At a glance: a two-page summary of the briefing book"),
    }


def tex_escape(text: str, engine: str | None) -> str:
    """*text* as LaTeX that prints it as written (Sphinx's escaping for *engine*), at any time.

    Fills Sphinx's escaping tables if no LaTeX builder has done so yet in this process
    (:func:`sphinx.util.texescape.init` only adds entries, so calling it again is harmless).
    """
    fill_latex_escaping()
    return texescape.escape(text, engine)


def _plain_latex_documents(config: Config) -> None:
    """Escape the title and author of ``latex_documents`` entries that repeat conf.py's plain text.

    ``latex_documents`` is LaTeX markup, but a book's conf.py (and the scaffold's) fills it with
    ``project`` and ``author``, which are plain text for every other builder: ``R&D`` there stopped the
    PDF. An entry whose title (author) *is* the plain ``project`` or ``briefing_title`` (``author``)
    is escaped; anything else is left as the LaTeX its author wrote. (Sphinx's own default already
    escapes, so it never equals the plain text unless escaping changes nothing.)
    """
    if not written_in_conf(config, "latex_documents"):
        return
    plain_titles = {config.project, config.briefing_title} - {""}
    plain_authors = {config.author} - {""}
    entries = []
    for entry in config.latex_documents:
        if isinstance(entry, (list, tuple)) and len(entry) >= 4:
            title, author = entry[2], entry[3]
            if isinstance(title, str) and title in plain_titles:
                title = tex_escape(title, config.latex_engine)
            if isinstance(author, str) and author in plain_authors:
                author = tex_escape(author, config.latex_engine)
            entry = (*entry[:2], title, author, *entry[4:])
        entries.append(entry)
    config.latex_documents = entries


#: Height of each emblem on the title page, side by side with a gap.
EMBLEM_HEIGHT = "2.4cm"


def preamble(config: Config) -> str:
    """The LaTeX lines that set the book's macros and PDF metadata (placed before the author's)."""
    engine = config.latex_engine

    def tex(text: str) -> str:
        return tex_escape(text, engine)

    lines = [
        f"\\renewcommand\\{MACROS[key]}{{{tex(value)}}}"
        for key, value in book_settings(config).items()
    ]
    lines += [f"\\renewcommand\\{macro}{{{tex(text)}}}" for macro, text in title_words().items()]
    # Title and subject in two pairs of braces: under LaTeX's PDF management (\DocumentMetadata,
    # pdfa.py) hyperref parses the value once more, and a comma ended the subject there ("…, Tokyo").
    # Author and keywords stay lists.
    # hyperref turns these into PDF strings, where Sphinx's \sphinxhyphen{} (its escaping of "-")
    # means nothing and \& expands to nothing: both were dropped ("Stand-in" read "Standin").
    def pdf_string(text: str) -> str:
        return tex(text).replace("\\sphinxhyphen{}", "-").replace("\\&", "\\string&")

    info = ", ".join(f"pdf{key}={{{{{pdf_string(value)}}}}}" if key in ("title", "subject")
                     else f"pdf{key}={{{pdf_string(value)}}}"
                     for key, value in pdf_metadata(config).items())
    if info:
        lines.append(f"\\hypersetup{{{info}}}")
    # "Page 3 of 12" in the running foot, in the book's language ("Seite 3 von 12").
    words = re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}"))
    # (Unbreakable spaces, so the foot never breaks inside "Page 3 of 12".)
    pattern = "".join({"{page}": "#1", "{pages}": "#2"}.get(part, tex(part).replace(" ", "~")) for part in words)
    lines.append(f"\\renewcommand\\briefingpagenofn[2]{{{pattern}}}")
    emblems = config.briefing_emblems
    if emblems:
        images = "\\hspace{8mm}".join(
            f"\\includegraphics[height={EMBLEM_HEIGHT}]{{{Path(path).name}}}" for path in emblems
        )
        lines.append(f"\\renewcommand\\briefingtitleart{{{images}}}")
    return "\n".join(lines)


def localised_image(confdir: Path, path: str, config: Config) -> str:
    """*path*, or the edition's own version of it where one exists, found as Sphinx finds a page's
    images (``figure_language_filename``: ``_emblems/logo.de.pdf`` for ``_emblems/logo.pdf`` in German)."""
    if not config.language:
        return path
    root, ext = os.path.splitext(path)
    dirname = os.path.dirname(root)
    try:
        candidate = config.figure_language_filename.format(
            root=root, ext=ext, path=dirname and dirname + "/", basename=os.path.basename(root),
            docpath="", language=config.language)
    except (KeyError, ValueError):
        return path  # Sphinx reports a bad figure_language_filename itself
    return candidate if (confdir / candidate).is_file() else path


def configure_latex(app: Sphinx, config: Config) -> None:
    """Put the book settings into ``latex_elements`` and the emblems beside the .tex."""
    # Every image of an edition is the edition's own where one exists, the title page's emblems too.
    config.briefing_emblems = [localised_image(Path(app.confdir), p, config) for p in config.briefing_emblems]
    _plain_latex_documents(config)
    elements = config.latex_elements
    own = preamble(config)
    elements["preamble"] = own + ("\n" + elements["preamble"] if elements.get("preamble") else "")
    # The briefing title page and contents, unless the book draws its own.
    elements.setdefault("maketitle", "\\briefingmaketitle")
    elements.setdefault("tableofcontents", "\\briefingtableofcontents")
    # Sphinx copies latex_additional_files beside the .tex, under their own names.
    config.latex_additional_files.extend(config.briefing_emblems)


def setup_titlepage(app: Sphinx) -> None:
    # Now, not at the LaTeX builder's init: Sphinx's own default latex_documents escapes the project's
    # name when first read, and conf.po's translation (config-inited, 300) reads it before that.
    fill_latex_escaping()
    # After config.validate (priority 400): only checked values arrive here.
    app.connect("config-inited", configure_latex, priority=priority("configure-titlepage"))
