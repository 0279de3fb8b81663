"""The archival PDF's LaTeX set-up (issue 26), without running TeX: what the LaTeX builders write
before ``\\documentclass``, the setting that turns PDF/A off, and the text-layer table.

The PDFs themselves are checked where they are built: tests/test_pdf.py (the book and its leaflet),
tests/test_editions_pdf.py (German and Japanese), tests/test_scaffold.py (a new book); the checks
are in tests/pdfarchive.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, build

TEXT_LAYER = REPO / "_ext" / "sphinx_briefing" / "outputs" / "latex" / "briefing-textlayer.lua"


def _tex(tmp_path: Path, **overrides: object) -> list[str]:
    built = build(ROOTS / "test-basic", "latex", builddir=tmp_path,
                  confoverrides={"latex_engine": "lualatex", **overrides})
    assert built.returncode == 0, built.warnings
    (tex,) = built.outdir.glob("*.tex")
    assert (built.outdir / TEXT_LAYER.name).is_file()  # copied beside the .tex for \directlua
    return tex.read_text(encoding="utf-8").splitlines()


def test_pdfa_metadata_and_text_layer_come_before_the_document_class(tmp_path: Path) -> None:
    lines = _tex(tmp_path, language="de")
    head = lines[: next(i for i, line in enumerate(lines) if line.startswith("\\documentclass"))]
    assert "\\DocumentMetadata{pdfstandard=A-2b, pdfversion=1.7, lang=de}" in head
    assert '\\directlua{dofile(kpse.find_file("briefing-textlayer.lua", "lua"))}' in head


def test_briefing_pdfa_false_leaves_pdfa_out_but_keeps_the_text_layer(tmp_path: Path) -> None:
    lines = _tex(tmp_path, briefing_pdfa=False)
    assert not any("DocumentMetadata" in line for line in lines)
    assert any("briefing-textlayer.lua" in line for line in lines[:5])


@pytest.mark.parametrize("code", ["\ufb01", "\ufb03", "\uf9f4", "\uf92c", "\uf9b1"])
def test_text_layer_table_maps_ligatures_and_compatibility_ideographs(code: str) -> None:
    import unicodedata

    expected = unicodedata.normalize("NFKD" if ord(code) >= 0xFB00 else "NFD", code)
    parts = ", ".join(f"0x{ord(c):04X}" for c in expected)
    assert f"[0x{ord(code):04X}] = {{{parts}}}," in TEXT_LAYER.read_text(encoding="utf-8")


def test_text_layer_table_is_what_the_script_writes() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "text-layer-table"), "--check"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, "run scripts/text-layer-table: the shipped table differs from Unicode's"
