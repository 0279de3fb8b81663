"""The suite's own parallel run (``make test``: pytest-xdist, ``--dist loadgroup``): a module fixture is
made once per run, not once per worker (tests/conftest.py, ``pytest_xdist_make_scheduler``).

pytest 9.2 stopped pytest-xdist's loadgroup from grouping (pytest-dev/pytest-xdist#1386): with it,
every test was a unit of its own, and module fixtures such as the browser sweep were made by both
workers, and again whenever the book under them changed. The check runs pytest with the suite's
conftest over two probe modules that log each time a module fixture is made.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SHELF

TESTS = Path(__file__).resolve().parent

PER_BOOK = '''
import os
import pytest
from conftest import ShelfBook

@pytest.fixture(scope="module")
def per_book(shelf_book: ShelfBook) -> str:
    with open(os.environ["PROBE_LOG"], "a") as log:
        log.write(f"per_book {shelf_book.id}\\n")
    return shelf_book.id

@pytest.mark.parametrize("n", range(4))
def test_reads(per_book: str, shelf_book: ShelfBook, n: int) -> None:
    assert per_book == shelf_book.id
'''

ONCE = '''
import os
import pytest
from conftest import ShelfBook

@pytest.fixture(scope="module")
def once() -> int:
    with open(os.environ["PROBE_LOG"], "a") as log:
        log.write("once -\\n")
    return 1

def test_one(once: int) -> None: pass
def test_per_book(once: int, shelf_book: ShelfBook) -> None: pass
@pytest.mark.parametrize("n", range(6))
def test_alone(n: int) -> None: pass
'''


def test_module_fixtures_are_made_once_per_run_by_two_workers(tmp_path: Path) -> None:
    """A module fixture that depends on the book is made once per book (the books' units may go to
    either worker); one that depends on nothing, once, although its tests run for every book."""
    (tmp_path / "test_probe_per_book.py").write_text(PER_BOOK, encoding="utf-8")
    (tmp_path / "test_probe_once.py").write_text(ONCE, encoding="utf-8")
    log = tmp_path / "made.log"
    # A base directory of its own: with pytest's default one, the probe run would be one more
    # numbered run in the user's temporary directory and, on exit, delete the oldest runs there
    # (other runs' builds, minutes of deleting on a busy machine).
    basetemp = tmp_path / "probe-run"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "xdist.plugin", "-p", "conftest", "-p", "no:cacheprovider",
         "-n", "2", "--dist", "loadgroup", "--no-loadscope-reorder", "--basetemp", str(basetemp), "-q", "."],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        # (not this run's own xdist settings: the probe run is a run of its own). Of the installed
        # plugins it loads pytest-xdist alone, beside the suite's conftest: the others (Hypothesis,
        # AnyIO) have no part in scheduling, and importing them in the controller and both workers
        # was two thirds of the probe run's CPU time.
        env={**{k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")},
             "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONPATH": str(TESTS), "PROBE_LOG": str(log)},
    )
    books = len(SHELF)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"{4 * books + 1 + books + 6} passed" in proc.stdout, proc.stdout[-1000:]
    made = sorted(log.read_text(encoding="utf-8").splitlines())
    assert made == sorted(["once -", *(f"per_book {ident}" for ident in SHELF)])
    # The probes read no shared build, so the probe run started none (no book, no Read the Docs
    # replay in the background): its cost is that of three Python processes, not the book's.
    assert not (basetemp / "shared").exists(), sorted(p.name for p in (basetemp / "shared").iterdir())
