"""Static assets: the CSS (HTML builders only) and the LaTeX style package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.pipeline import priority

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"
LATEX_DIR = Path(__file__).parent / "latex"
#: What fonts-lualatex.tex loads to decide whether the document needs the Noto CJK fallback.
FONTS_LUA = LATEX_DIR / "briefing-fonts.lua"
PDF_NAMES_LUA = LATEX_DIR / "briefing-pdfnames.lua"
#: The first line of what :func:`_extend_latexmkrc` adds to Sphinx's ``latexmkrc``.
LATEXMKRC_MARK = "# Added by sphinx-briefing (outputs/assets.py) for LuaLaTeX:"
#: The first line of the draft-pass part of :data:`LATEXMKRC_LINES`.
DRAFT_PASS_MARK = "# sphinx-briefing: a clean build's first LuaLaTeX pass writes no PDF (-draftmode)."
#: A clean build's first LuaLaTeX pass only writes the .aux, .toc, .idx … that the next pass reads:
#: latexmk runs LaTeX again whenever the .aux changed, which it always does after the first pass of
#: a document Sphinx writes (labels, the table of contents, "page N of M"), and the first PDF is
#: thrown away. Under ``-draftmode`` LuaTeX still typesets every page and writes those files (byte
#: for byte the same: tests/test_pdf.py) but no PDF: no fonts embedded and, for each HarfBuzz-mode
#: font, no walk over the ~1.2 million code points luaotfload spreads its glyphs over (U+120000 +
#: glyph id), about 0.9 of the Germany-Japan book's 6.8 CPU-s on its first pass. A pass is a draft
#: only when the .aux holds nothing a LaTeX run wrote (no .aux, or the one-page stub latexmk writes
#: before a document's first run); any later pass may be the last and runs in full, as before. A
#: draft pass that failed, or that left the .aux as it was (latexmk would stop there, with no PDF),
#: is run again in full: the author still gets a PDF and LaTeX's error. Only the ``lualatex``
#: commands of Sphinx's latexmkrc are wrapped (``-pdf``, as make latexpdf and Read the Docs run
#: latexmk, and ``-lualatex``).
DRAFT_PASS_LINES = DRAFT_PASS_MARK + "\n" + r"""# Every later pass (and any pass after an error) runs in full, as before.
foreach my $briefing_rule (\$pdflatex, \$lualatex) {
  $$briefing_rule = "internal briefing_lualatex %Y%R.aux $$briefing_rule" if $$briefing_rule =~ /^lualatex\s/;
}
sub briefing_lualatex {
  my ($aux, @command) = @_;
  my $before = briefing_slurp($aux);
  return system(@command) if $before !~ /\A(?:\s*(?:\\relax|\\gdef\s*\\\@abspage\@last\{1\}))*\s*\z/;
  my $status = system($command[0], '-draftmode', @command[1 .. $#command]);
  return $status if $status == 0 && briefing_slurp($aux) ne $before;
  return system(@command);
}
sub briefing_slurp {
  open(my $fh, '<', $_[0]) or return '';
  local $/;
  return scalar <$fh>;
}
"""
#: luaotfload's font caches and its lookup cache (``luaotfload-lookup-cache.luc``, rewritten after
#: every LuaLaTeX run that looked up a font it had not cached), and luatexja's, are ``*.luc`` files
#: in TeX's cache directory, shared by every LuaLaTeX run on the machine. latexmk lists them among the
#: document's inputs; when another run rewrote one, it typeset the document again for nothing (4
#: passes instead of 2 for the Japanese leaflet on a busy machine) or stopped with "needed too many
#: passes". Caches are no input of the document: their content is left out of the change detection.
#: luaotfload's HarfBuzz-mode cache is one file per font face, named after the font file's path, its
#: face and instance (``…/fonts/hb/.:briefing-cjk-NotoSansCJKjp-Regular-<hash>.otf:1:nil``), so
#: latexmk takes ``otf:1:nil`` for its extension. The book's own CJK subsets (a new name for each new
#: text) are written there while documents compile: two LuaLaTeX runs of documents with the same
#: subset, one writing the entry while the other's latexmk read it, stopped the second with "needed
#: too many passes". The font file itself stays an input. (Faces other than a collection's first,
#: ``ttc:6:nil``, are only ever written once per machine and keep latexmk's own detection.)
LATEXMKRC_LINES = (
    f"{LATEXMKRC_MARK} luaotfload's and luatexja's caches (*.luc, and the HarfBuzz\n"
    "# mode's <font file>:<face>:<instance> entries), rewritten by any LuaLaTeX run on the machine,\n"
    "# are no input of the document: no pass is repeated for them.\n"
    "$hash_calc_ignore_pattern{'luc'} = '^';\n"
    + "".join(f"$hash_calc_ignore_pattern{{'{ext}:1:nil'}} = '^';\n" for ext in ("otf", "ttf", "ttc"))
    + DRAFT_PASS_LINES
)


def _add_html_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("briefing.css")
        if app.config.html_theme == "furo" and app.builder.name != "epub":
            # furo's dark mode follows the system setting; other themes have none (see the file).
            app.add_css_file("briefing-furo.css")
        app.add_js_file("briefing.js", loading_method="defer")


def _copy_latex_assets(app: Sphinx) -> None:
    if app.builder.format == "latex":  # also the leaflet builder (leaflet.py)
        app.add_latex_package("briefing")
        app.add_latex_package("briefing-print")  # print typography (typesetting.py), after briefing


def _extend_latexmkrc(app: Sphinx, exception: Exception | None) -> None:
    """Add :data:`LATEXMKRC_LINES` to the ``latexmkrc`` Sphinx wrote beside the LaTeX (every build
    writes it anew; ``make latexpdf`` and Read the Docs' ``latexmk -r latexmkrc`` read it)."""
    builder = app.builder
    if exception is not None or builder.format != "latex" or app.config.latex_engine != "lualatex":
        return
    rc = Path(builder.outdir) / "latexmkrc"
    if rc.is_file():
        text = rc.read_text(encoding="utf-8")
        if LATEXMKRC_MARK not in text:
            rc.write_text(text.rstrip("\n") + "\n" + LATEXMKRC_LINES, encoding="utf-8")


def setup_assets(app: Sphinx) -> None:
    app.connect("builder-inited", _add_html_assets, priority=priority("add-html-assets"))
    app.connect("build-finished", _extend_latexmkrc, priority=priority("extend-latexmkrc"))
    app.connect("builder-inited", _copy_latex_assets, priority=priority("copy-latex-assets"))
    app.connect("config-inited", _configure_latex, priority=priority("configure-latex-assets"))
    app.connect("config-inited", _register_static_dir, priority=priority("register-static-dir"))


def _register_static_dir(app: Sphinx, config: Config) -> None:
    # Sphinx copies html_static_path into _static; registering here keeps it out of conf.py. It is
    # added at config-inited, before the environment compares the configuration with the pickled
    # one: added at builder-inited, every incremental build reported "The configuration has changed
    # (1 option: 'html_static_path')". Builders that are not HTML never read it.
    if str(STATIC_DIR) not in config.html_static_path:
        config.html_static_path.append(str(STATIC_DIR))


def _configure_latex(app: Sphinx, config: Config) -> None:
    # Sphinx copies latex_additional_files next to the .tex, where \usepackage{briefing} finds it.
    config.latex_additional_files.append(str(LATEX_DIR / "briefing.sty"))
    config.latex_additional_files.append(str(LATEX_DIR / "briefing-print.sty"))
    # Kanji (native names) need a CJK font: under lualatex, default to FreeFont with a Noto CJK
    # fallback, unless the project chose its own fonts (language.py gives a Japanese edition the
    # same fonts after luatexja's); briefing-fonts.lua decides whether the document needs the fallback.
    if config.latex_engine == "lualatex":
        # briefing.sty's check of link and anchor names under LaTeX's PDF management (see the file).
        config.latex_additional_files.append(str(PDF_NAMES_LUA))
        if "fontpkg" not in config.latex_elements:
            config.latex_elements["fontpkg"] = (LATEX_DIR / "fonts-lualatex.tex").read_text(encoding="utf-8")
        if FONTS_LUA.name in config.latex_elements["fontpkg"]:
            config.latex_additional_files.append(str(FONTS_LUA))
