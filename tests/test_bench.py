"""Smoke test of the benchmark harness: ``benchmarks/run.py --quick`` builds the synthetic books and
prints the table. It runs the quick mode at the generator's smallest sizes (``--sizes``, :data:`SIZES`):
every flavour, every measurement and every row of the table are there at any size (the no-sidebar
diagnosis, a large-N effect, is left out of ``--quick`` and said so); larger books only cost the suite
time. Timings are not asserted (they depend on the machine); what is asserted is that
every measurement is present, the generated books build without a single warning, and the
incremental build really refreshed the listing page and a page citing the edited person.

sphinx-needs (the peer) comes with the ``bench`` extra; without it the run uses ``--no-needs`` and
the peer rows are checked to be absent instead.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from conftest import REPO


def _has_sphinx_needs() -> bool:
    try:
        metadata.version("sphinx-needs")
    except metadata.PackageNotFoundError:
        return False
    return True


#: The sizes the test runs (``--sizes``): the generator's smallest book (20 objects) and twice that,
#: with the page count each gives, so that scaling, incremental and ``-j 2`` still compare two sizes.
SIZES = ((20, 10), (40, 12))


@pytest.mark.slow
def test_quick_mode_builds_all_flavours_and_prints_the_table(tmp_path: Path) -> None:
    needs = _has_sphinx_needs()
    output = tmp_path / "RESULTS.md"
    cmd = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--sizes", ",".join(str(n) for n, _ in SIZES),
           "--workdir", str(tmp_path / "work"), "--output", str(output), *([] if needs else ["--no-needs"])]
    # The timeout only guards against a hang: in the parallel suite the benchmark shares the cores with
    # the other worker and the PDF builds, and took more than 300 s on a loaded machine.
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=1200, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = proc.stdout

    # The per-size table: one row per N with a time for each flavour and the ratios.
    assert "| N objects | pages | briefing s | plain s |" in table
    time = r"\d+\.\d+ \(\d+\.\d+\)"  # wall seconds (CPU seconds)
    for n, pages in SIZES:
        cells = rf"\| {n} \| {pages} \| {time} \| {time} \| " + (rf"{time} \| " if needs else "")
        assert re.search(cells, table), f"no row for N={n}:\n{table}"

    # Every measurement of the issue is reported, with its target.
    (small, _), (large, _) = SIZES
    for label in (f"overhead at N={small}: briefing ÷ plain", f"overhead at N={large}: briefing ÷ plain",
                  f"scaling: briefing t(N={large}) ÷ t(N={small})", f"incremental at N={large}: edit one profile",
                  f"parallel at N={large}: briefing -j 2", f"peak memory (max RSS) at N={large}, briefing",
                  f"peak memory (max RSS) at N={large}, plain"):
        assert label in table, f"{label!r} missing:\n{table}"
    assert re.search(rf"incremental at N={large}: .*\| \d+\.\d+ \| \d+\.\d+ \| ≤ 0\.2 \| [^|]*met[^|]* \|", table)
    peer = rf"peer at N={large}: briefing ÷ sphinx-needs \| \d+\.\d+ \| \d+\.\d+ \| ≤ 0\.33"
    assert bool(re.search(peer, table)) == needs

    # The incremental rebuild rewrote the listing page and a citing page (checked in the HTML).
    assert "| listing page and a citing page show the edit after the incremental build | yes |  | yes | met |" in table
    # The generated books are valid input: no flavour produced a warning.
    assert "| warnings in the builds | none |" in table
    # --quick leaves out the four builds of the no-sidebar diagnosis (a large-N effect), and says so.
    assert "| (diagnosis) scaling without the sidebar navigation |  |  |  | not measured (--quick) |" in table
    # Progress goes to stderr, one line per build.
    assert re.search(rf"briefing N={large} +incremental .* listing fresh: True", proc.stderr)

    # --output writes the same report, with the versions it was measured with.
    written = output.read_text(encoding="utf-8")
    assert written.startswith("# Benchmark results")
    assert "Sphinx " in written and "docutils " in written and "cores" in written
    assert table.strip().splitlines()[-1] in written


def test_dense_book_references_every_object_about_ten_times() -> None:
    """The reference-dense flavour: N objects of each kind, each the target of ~10 references (prose
    and other objects' options), and the same words and links in the plain flavour."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate import DENSE_PROSE_REFS, PREFIX, plan
    finally:
        sys.path.pop(0)
    book = plan(40, density="dense")
    assert {kind: len(book.of(kind)) for kind in PREFIX} == dict.fromkeys(PREFIX, 40)
    cited: dict[str, int] = {}
    for o in book.objects:
        for part in o.prose:
            if isinstance(part, tuple):
                cited[part[1]] = cited.get(part[1], 0) + 1
        for value in o.fields.values():
            for ident in value if isinstance(value, list) else [value]:
                if ident in {x.id for x in book.objects}:
                    cited[ident] = cited.get(ident, 0) + 1
    assert set(cited) == {o.id for o in book.objects}  # every object, quotations included
    assert min(cited.values()) >= DENSE_PROSE_REFS
    assert 9 <= sum(cited.values()) / len(cited) <= 12


def test_compare_mode_builds_dense_books_side_by_side(tmp_path: Path) -> None:
    """``--compare --density dense`` prints plain and briefing, full and incremental, with ratios,
    and checks that the listing page (all listings on one page) shows the edit."""
    cmd = [sys.executable, str(REPO / "benchmarks" / "run.py"), "--compare", "--density", "dense", "--sizes", "20",
           "--repeats", "1", "--workdir", str(tmp_path / "work")]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = proc.stdout
    assert "| N per kind | pages | plain full s | after full s | after ÷ plain |" in table
    assert re.search(r"\| 20 \| 6 \| \d+\.\d+ \(\d+\.\d+\) \| \d+\.\d+ \(\d+\.\d+\) \| \d+\.\d+ \(\d+\.\d+\) \|", table), table
    assert "Listing page shows the edited role after every incremental build: yes. Warnings: none." in table
