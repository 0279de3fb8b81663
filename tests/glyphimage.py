"""Comparing rendered text as images, without an imaging library: PGM in, ink profile out.

``render_pdf_region`` rasterises part of a PDF page with pdftoppm; ``render_shaped`` draws text with
HarfBuzz's ``hb-view`` (through PDF, so both go through the same rasteriser). ``difference`` crops both to
their ink, scales them to one grid and returns (aspect-ratio difference, mean absolute ink difference).
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: A pixel darker than this (0 black .. 255 white) is ink; the native names print in grey #4A4A4A.
INK = 170
GRID = (120, 24)


@dataclass
class Gray:
    width: int
    height: int
    pixels: bytes  # row-major, one byte per pixel

    def ink_box(self) -> tuple[int, int, int, int]:
        xs, ys = [], []
        for y in range(self.height):
            row = self.pixels[y * self.width:(y + 1) * self.width]
            for x, value in enumerate(row):
                if value < INK:
                    xs.append(x)
                    ys.append(y)
        if not xs:
            raise ValueError("no ink in the image")
        return min(xs), min(ys), max(xs) + 1, max(ys) + 1

    def ink_grid(self) -> tuple[float, list[float]]:
        """(aspect ratio of the ink box, ink fraction per cell of GRID over that box)."""
        x0, y0, x1, y1 = self.ink_box()
        cols, rows = GRID
        w, h = x1 - x0, y1 - y0
        cells = []
        for r in range(rows):
            ya, yb = y0 + r * h // rows, max(y0 + (r + 1) * h // rows, y0 + r * h // rows + 1)
            for c in range(cols):
                xa, xb = x0 + c * w // cols, max(x0 + (c + 1) * w // cols, x0 + c * w // cols + 1)
                total = ink = 0
                for y in range(ya, yb):
                    row = self.pixels[y * self.width + xa:y * self.width + xb]
                    total += len(row)
                    ink += sum(1 for v in row if v < INK)
                cells.append(ink / total if total else 0.0)
        return w / h, cells


def read_pgm(path: Path) -> Gray:
    data = path.read_bytes()
    # P5 <width> <height> <maxval> <one whitespace> <bytes>
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    return Gray(width, height, data[pos + 1:pos + 1 + width * height])


def render_pdf_region(pdf: Path, page: int, box: tuple[float, float, float, float], dpi: int = 300) -> Gray:
    """Page *page* (1-based) of *pdf*, the region *box* = (x0, y0, x1, y1) in PDF points from top left."""
    scale = dpi / 72
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "region"
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-x", str(x0),
                        "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0), "-singlefile", str(pdf), str(out)],
                       check=True)
        return read_pgm(out.with_suffix(".pgm"))


def render_shaped(text: str, font_file: str, face_index: int = 0, *extra: str, dpi: int = 300) -> Gray:
    """*text* drawn by hb-view with *font_file*; *extra* are further hb-view options."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "shaped.pdf"
        subprocess.run(["hb-view", f"--font-file={font_file}", f"--face-index={face_index}", "--font-size=36",
                        "--margin=8", "--output-format=pdf", f"--output-file={pdf}", *extra, "--", text],
                       check=True)
        out = Path(tmp) / "shaped"
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-singlefile", str(pdf), str(out)], check=True)
        return read_pgm(out.with_suffix(".pgm"))


def difference(a: Gray, b: Gray) -> tuple[float, float]:
    """(relative difference of the ink boxes' aspect ratios, mean absolute difference of the ink grids)."""
    ra, ga = a.ink_grid()
    rb, gb = b.ink_grid()
    return abs(ra - rb) / max(ra, rb), sum(abs(x - y) for x, y in zip(ga, gb, strict=True)) / len(ga)
