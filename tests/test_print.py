"""Print typography on a small root (tests/roots/test-print): complex scripts, attributions, URLs.

Native names in Devanagari, Arabic (right to left) and Hangul are printed by LuaLaTeX and compared, as
images, with the same text shaped by HarfBuzz's own ``hb-view`` in the same font.

Tolerance: both images are cropped to their ink and laid on a 120 x 24 grid; the PDF's rendering
matches when the ink boxes' aspect ratios differ by at most 8 % and the mean absolute difference of
ink per cell is at most 0.15. Measured: 0.04-0.10 for correctly shaped names; an unshaped rendering
(hb-view's fallback shaper: no conjuncts, unjoined Arabic) measures 0.21-0.34 and Arabic set left to
right 0.19, so the check fails on exactly the faults it is there for (see the negative controls).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, require_tool
from glyphimage import Gray, difference, render_pdf_region, render_shaped

ROOT = ROOTS / "test-print"
TOOLS = ("lualatex", "latexmk", "pdftotext", "pdftoppm", "hb-view", "fc-match")
MAX_ASPECT, MAX_INK = 0.08, 0.15

#: (Latin name as printed before it, native name, the font fonts-lualatex.tex sets it in)
NAMES = [
    ("Narendra Modi", "नरेन्द्र मोदी", "Noto Serif Devanagari:style=Regular"),
    ("Mohammed bin Salman", "محمد بن سلمان", "Noto Naskh Arabic:style=Regular"),
    ("Yoon Suk Yeol", "윤석열", "Noto Serif CJK JP:style=Regular"),
]


@pytest.fixture(scope="module")
def print_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_tool(*TOOLS)
    out = tmp_path_factory.mktemp("print")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "latex", "-W", str(ROOT), str(out)],
                          capture_output=True, text=True, cwd=REPO, check=False)
    assert proc.returncode == 0, proc.stderr
    make = subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
                           "print.tex"], capture_output=True, text=True, cwd=out, check=False)
    log = (out / "print.log").read_text(encoding="utf-8", errors="replace")
    assert make.returncode == 0, make.stdout[-3000:] + log[-3000:]
    return out / "print.pdf", log


def _font(pattern: str) -> tuple[str, int]:
    out = subprocess.run(["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True,
                         check=True).stdout
    file, index = out.split("|")
    return file, int(index)


def _native_name_image(pdf: Path, latin: str) -> Gray:
    """The part of the card's name line right of the Latin name: the native name, as printed."""
    for page in range(1, 10):
        xml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox-layout", str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        for line in re.findall(r"<line (.*?)</line>", xml, re.S):
            words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
                               line)
            texts = [w[2] for w in words]
            n = len(latin.split())
            if texts[:n] == latin.split() and len(texts) > n:
                x0, y0, x1, y1 = map(float, re.findall(r'[xy]M(?:in|ax)="([\d.]+)"', line)[:4])
                return render_pdf_region(pdf, page, (float(words[n - 1][1]) + 1, y0 - 2, x1 + 2, y1 + 2))
    raise AssertionError(f"no line starting with {latin!r} and followed by more text")


def test_the_pdf_compiles_without_missing_characters(print_pdf: tuple[Path, str]) -> None:
    pdf, log = print_pdf
    assert [line for line in log.splitlines() if "Missing character" in line] == []
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    for family in ("NotoSerifDevanagari", "NotoNaskhArabic", "NotoSerifCJK"):
        assert family in fonts, fonts


@pytest.mark.parametrize(("latin", "native", "font"), NAMES, ids=["devanagari", "arabic", "hangul"])
def test_native_names_are_shaped_like_harfbuzz(print_pdf: tuple[Path, str], latin: str, native: str,
                                               font: str) -> None:
    pdf, _ = print_pdf
    file, index = _font(font)
    printed = _native_name_image(pdf, latin)
    aspect, ink = difference(printed, render_shaped(native, file, index))
    assert (aspect, ink) <= (MAX_ASPECT, 1.0) and ink <= MAX_INK, (aspect, ink)


@pytest.mark.parametrize(("latin", "native", "font", "broken"), [
    (*NAMES[0], ("--shapers=fallback",)),  # no conjuncts, viramas shown
    (*NAMES[1], ("--shapers=fallback",)),  # letters not joined
    (*NAMES[1], ("--direction=ltr",)),  # right-to-left text set left to right
], ids=["devanagari-unshaped", "arabic-unshaped", "arabic-ltr"])
def test_the_comparison_rejects_broken_shaping(print_pdf: tuple[Path, str], latin: str, native: str,
                                               font: str, broken: tuple[str, ...]) -> None:
    """Negative control: what the PDF printed before HarfBuzz shaping is out of tolerance."""
    pdf, _ = print_pdf
    file, index = _font(font)
    printed = _native_name_image(pdf, latin)
    aspect, ink = difference(printed, render_shaped(native, file, index, *broken))
    assert aspect > MAX_ASPECT or ink > MAX_INK, (aspect, ink)


def test_attribution_has_an_em_dash(print_pdf: tuple[Path, str]) -> None:
    pdf, _ = print_pdf
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "\u2014Narendra Modi" in text
    assert "---" not in text


def test_a_long_url_breaks_in_its_path_only(print_pdf: tuple[Path, str]) -> None:
    pdf, _ = print_pdf
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    url = re.search(r":url:\s*(\S+)", (ROOT / "index.md").read_text(encoding="utf-8"))
    assert url
    # Printed twice (source card, narrow table cell): each time broken only after a "/" of the path.
    lines = [line.strip()[line.find("https:"):] if "https:" in line else line.strip()
             for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if line.startswith("https:")]
    assert len(starts) == 2, lines
    for i in starts:
        parts = [lines[i]]
        while "".join(parts) != url.group(1):
            assert url.group(1).startswith("".join(parts)), parts
            assert parts[-1].endswith("/"), parts  # broken after a path separator
            parts.append(lines[i + len(parts)])
        assert parts[0].startswith("https://deccanchronicle.com/"), parts  # scheme and host whole
