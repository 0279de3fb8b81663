"""Checks of a PDF as an archive and as text, shared by every test that builds a PDF (issue 26).

- :func:`pdfa_problems`: the PDF/A-2b structure read with pikepdf (identification in the XMP,
  XMP fields from the book settings, an output intent with an ICC profile, every font embedded, the
  document language, no encryption, qpdf's syntax check). A structural check, not a full
  validator: none installs from PyPI, npm or Debian (veraPDF is in none of them).
- :func:`text_layer_problems`: what ``pdftotext`` extracts holds no ligature code point (U+FB00-FB06)
  and no CJK compatibility ideograph (U+F900-FAFF): search and screen readers read that text.
- :func:`cjk_subsets`: the Noto CJK faces the LaTeX log says came from the document's own subsets
  (outputs/latex/cjk.py, briefing-fonts.lua), with their glyph counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
from conftest import pdftotext

#: Ligatures and CJK compatibility ideographs: code points a reader's search never types.
UNREADABLE = re.compile("[\ufb00-\ufb06\uf900-\ufaff]")


#: briefing-fonts.lua's line for a face taken from its subset (TeX wraps log lines at 79 characters).
SUBSET_LINE = re.compile(r"briefing: CJK font (\S+) from its subset \S+ \((\d+) glyphs\)")


def cjk_subsets(log: str) -> dict[str, int]:
    """``{PostScript name: glyphs}`` of the CJK faces the LaTeX *log* says came from their subsets;
    a face loaded in full (``briefing: CJK font … in full``) is not among them."""
    return {name: int(glyphs) for name, glyphs in SUBSET_LINE.findall(log.replace("\n", ""))}


def text_layer_problems(pdf: Path) -> list[str]:
    """Words of the extracted text that hold a ligature or compatibility code point (at most 20)."""
    text = pdftotext(pdf)
    words = [w for w in text.split() if UNREADABLE.search(w)]
    return [f"{w} ({', '.join(f'U+{ord(c):04X}' for c in w if UNREADABLE.match(c))})" for w in words[:20]]


def _fonts(resources: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    """Every font of a resource dictionary, of its form XObjects and of Type 3 fonts' resources."""
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for font in (resources.get("/Font") or {}).values():
        if font.objgen in seen:
            continue
        seen.add(font.objgen)
        yield font
        yield from _fonts(font.get("/Resources"), seen)
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(xobject.objgen)
        yield from _fonts(xobject.get("/Resources"), seen)


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # drawn by the PDF's own procedures
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdfa_problems(pdf: Path, *, language: str, title: str | None = None, author: str | None = None,
                  subject: str | None = None, keywords: tuple[str, ...] = ()) -> list[str]:
    """What keeps *pdf* from being the PDF/A-2b document the book settings describe ([] if nothing)."""
    problems: list[str] = []
    with pikepdf.open(pdf) as doc:
        with doc.open_metadata() as xmp:
            if (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) != ("2", "B"):
                problems.append(f"PDF/A identification: part {xmp.get('pdfaid:part')!r}, "
                                f"conformance {xmp.get('pdfaid:conformance')!r}")
            if title is not None and xmp.get("dc:title") != title:
                problems.append(f"XMP dc:title {xmp.get('dc:title')!r}, expected {title!r}")
            if author is not None and author not in (xmp.get("dc:creator") or []):
                problems.append(f"XMP dc:creator {xmp.get('dc:creator')!r}, expected {author!r}")
            if subject is not None and xmp.get("dc:description") != subject:
                problems.append(f"XMP dc:description {xmp.get('dc:description')!r}, expected {subject!r}")
            missing = set(keywords) - set(xmp.get("dc:subject") or ())
            if missing:
                problems.append(f"XMP dc:subject lacks the keywords {sorted(missing)}")
            if language not in (xmp.get("dc:language") or ()):
                problems.append(f"XMP dc:language {xmp.get('dc:language')!r}, expected {language!r}")
        if str(doc.Root.get("/Lang", "")) != language:
            problems.append(f"/Lang {doc.Root.get('/Lang')!r}, expected {language!r}")
        intents: Any = doc.Root.get("/OutputIntents") or []
        if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
            problems.append("no PDF/A output intent with an ICC profile")
        else:
            profile = next(i.DestOutputProfile for i in intents if i.get("/S") == "/GTS_PDFA1")
            if int(profile.get("/N", 0)) != 3 or len(profile.read_bytes()) < 128:
                problems.append("the output intent's ICC profile is not an RGB profile")
        seen: set[tuple[int, int]] = set()
        for page in doc.pages:
            for font in _fonts(page.get("/Resources"), seen):
                if not _embedded(font):
                    problems.append(f"font not embedded: {font.get('/BaseFont')}")
        if doc.trailer.get("/Encrypt") is not None:
            problems.append("encrypted")
        problems += [f"syntax: {message}" for message in doc.check_pdf_syntax()]  # qpdf's own check
    return problems


__all__ = ["UNREADABLE", "pdfa_problems", "text_layer_problems"]
