"""The PDF typeset for the book's language (LuaLaTeX): babel for European languages, luatexja for Japanese.

Sphinx's LuaLaTeX defaults load polyglossia for every language. That serves English; for other
languages this module chooses what typesetters there use:

- German (and any language babel knows): babel, with the language as a class option (``ngerman``),
  so the German hyphenation patterns (Debian ``texlive-lang-german``) and German quotation and
  spacing rules apply; babel names the language in the log ("Package babel Info").
- Japanese: luatexja (Debian ``texlive-lang-japanese``) with its Japanese font metrics, so lines break
  between any two kanji or kana, punctuation is set at half width at line ends and no line starts
  with 。 or 、; the Japanese fonts are Noto Serif/Sans CJK JP (``fonts-noto-cjk``), embedded; Latin
  text keeps the book's FreeFont. ``jacharrange={-9}`` keeps dashes and quotation marks that
  luatexja counts as ambiguous in the Latin font. No babel: captions come from Sphinx's own
  Japanese catalog and the extension's.

The contents page is named by the language's own word (Sphinx's "Table of Contents" translated),
not by the root toctree's caption, which Sphinx would otherwise use. Other engines are left as Sphinx
sets them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.builders.latex.util import ExtBabel
from sphinx.locale import _ as sphinx_

from ...core.internals import written_in_conf
from ...core.pipeline import priority
from ..assets import LATEX_DIR
from .titlepage import tex_escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: luatexja and its fonts, placed before the book's Latin fonts (fonts-lualatex.tex).
JAPANESE_FONTS = r"""% Japanese: luatexja (line breaking, punctuation, metrics), Noto CJK JP as the Japanese fonts;
% [match]: \sffamily (headings, title page, cards) sets Japanese in the Gothic too, not only Latin.
% \briefingcjkfont (briefing-fonts.lua): the document's own subset of each face when it covers the text
% (luatexja, like luaotfload's fallback, copies a font's whole character table at every size).
\directlua{dofile(kpse.find_file("briefing-fonts.lua", "lua"))}
\usepackage[match]{luatexja-fontspec}
\ltjsetparameter{jacharrange={-9}}
\setmainjfont{\briefingcjkfont{NotoSerifCJKjp-Regular}}[BoldFont=\briefingcjkfont{NotoSerifCJKjp-Bold}]
\setsansjfont{\briefingcjkfont{NotoSansCJKjp-Regular}}[BoldFont=\briefingcjkfont{NotoSansCJKjp-Bold}]
"""


def is_japanese(config: Config) -> bool:
    return config.language == "ja" or config.language.startswith("ja_")


def _configure(app: Sphinx, config: Config) -> None:
    if config.latex_engine != "lualatex":
        return
    elements = config.latex_elements
    english = config.language in ("", "en") or config.language.startswith("en_")
    # Sphinx names the contents after the root toctree's caption; use the language's own word
    # (Sphinx's catalog: "Contents"; for other languages its "Table of Contents": Inhaltsverzeichnis, 目次).
    contents = tex_escape(sphinx_("Contents") if english else sphinx_("Table of Contents"), "lualatex")
    if is_japanese(config):
        # Sphinx's default classes for Japanese (jsbook, jreport) are pLaTeX's; luatexja works with
        # the standard ones, which briefing.sty styles.
        if not written_in_conf(config, "latex_docclass"):
            config.latex_docclass = {"manual": "report", "howto": "article"}
        elements.setdefault("polyglossia", "")
        elements.setdefault("babel", "")
        if "fontpkg" not in elements:
            latin = (LATEX_DIR / "fonts-lualatex.tex").read_text(encoding="utf-8")
            elements["fontpkg"] = JAPANESE_FONTS + latin
        ours = (
            f"\\renewcommand{{\\contentsname}}{{{contents}}}\n"
            # "第1章", as Japanese books number chapters (briefing.sty's chapter heading label), set
            # without luatexja's space between kanji and digits, so that 第10章 reads like 第1章.
            "\\DeclareRobustCommand\\briefingjachapter{{\\ltjsetparameter{autoxspacing=false}第\\thechapter 章}}\n"
            "\\renewcommand{\\briefingchapterlabel}{\\briefingjachapter}\n"
            # The running head too (the class would print "Chapter 1. 概要"); a howto has no chapters.
            "\\AtBeginDocument{\\ifdefined\\chaptermark\\renewcommand{\\chaptermark}[1]"
            "{\\markboth{\\briefingjachapter\\quad #1}{}}\\fi}\n"
        )
    elif english:  # Sphinx's polyglossia
        ours = f"\\addto\\captionsenglish{{\\renewcommand{{\\contentsname}}{{{contents}}}}}\n"
    elif ExtBabel(config.language).is_supported_language():
        elements.setdefault("polyglossia", "")
        elements.setdefault("babel", "\\usepackage{babel}")
        name = ExtBabel(config.language).get_language()
        ours = f"\\addto\\captions{name}{{\\renewcommand{{\\contentsname}}{{{contents}}}}}\n"
    else:
        return
    elements["preamble"] = elements.get("preamble", "") + "\n" + ours


def setup_latex_language(app: Sphinx) -> None:
    # Before assets.py gives lualatex its default fonts (config-inited, 500).
    app.connect("config-inited", _configure, priority=priority("configure-latex-language"))


__all__ = ["JAPANESE_FONTS", "is_japanese", "setup_latex_language"]
