"""The book settings in the PDF: title page, running header, footer mark, metadata and emblems.

``briefing.sty`` draws the title page from macros (``\\briefingtitle``, ``\\briefingmark`` …) that
default to empty or to Sphinx's own ``\\@title``; this module defines them from the validated
``briefing_*`` settings (:mod:`.config`), so a book's ``conf.py`` holds no LaTeX of its own. Every
value goes through Sphinx's LaTeX escaping: ``\\input`` in a title stays text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.texescape import escape

from ...core.config import book_settings, pdf_metadata
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
}


def title_words() -> dict[str, str]:
    """briefing.sty's word macros -> their text in the book's language (plain text, not yet escaped)."""
    return {
        "briefingeditionlabel": _("Edition"),
        "briefingstatuslabel": _("Information"),
        "briefingcompiledbylabel": _("Compiled by"),
        "briefingleafletname": _("At a glance"),
        "briefingleafletmark": _("At a glance: a two-page summary of the briefing book"),
    }


#: Height of each emblem on the title page, side by side with a gap.
EMBLEM_HEIGHT = "2.4cm"


def preamble(config: Config) -> str:
    """The LaTeX lines that set the book's macros and PDF metadata (placed before the author's)."""
    engine = config.latex_engine

    def tex(text: str) -> str:
        return escape(text, engine)

    lines = [
        f"\\renewcommand\\{MACROS[key]}{{{tex(value)}}}"
        for key, value in book_settings(config).items()
    ]
    lines += [f"\\renewcommand\\{macro}{{{tex(text)}}}" for macro, text in title_words().items()]
    info = ", ".join(f"pdf{key}={{{tex(value)}}}" for key, value in pdf_metadata(config).items())
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


def configure_latex(app: Sphinx, config: Config) -> None:
    """Put the book settings into ``latex_elements`` and the emblems beside the .tex."""
    elements = config.latex_elements
    own = preamble(config)
    elements["preamble"] = own + ("\n" + elements["preamble"] if elements.get("preamble") else "")
    # The briefing title page and contents, unless the book draws its own.
    elements.setdefault("maketitle", "\\briefingmaketitle")
    elements.setdefault("tableofcontents", "\\briefingtableofcontents")
    # Sphinx copies latex_additional_files beside the .tex, under their own names.
    config.latex_additional_files.extend(config.briefing_emblems)


def setup_titlepage(app: Sphinx) -> None:
    # After config.validate (priority 400): only checked values arrive here.
    app.connect("config-inited", configure_latex, priority=450)
