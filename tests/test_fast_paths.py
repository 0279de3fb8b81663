"""Shortcuts taken for speed give what the slow way gives: ``educate`` returns a text unchanged
without running Sphinx's educator only where the educator would return it unchanged; the package's
fingerprint walks its files in the order sorted paths gave; a record's flat fingerprint tells the
same changed parts as one pair per option; the listing reads pickled with shared sets answer as the
sets they stand for; the book-wide files' input digest, worked out once per build, is the digest; the
search index dumped with full anchors is the file the index rewritten after the build was; what only
other builders or an edition use (the Word writer, its style table, Babel's number formats) is
loaded when they ask for it, not by every build, and stays importable where it was; the cycle
collector, spared what was loaded while the pages are read and written, gets it back when the build
has finished, and a host's own freeze is left alone."""

from __future__ import annotations

import gc
import hashlib
import html
import json
import pickle
import random
import subprocess
import sys
from pathlib import Path

from conftest import build
from docutils.utils import smartquotes
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.search import js_index
from sphinx_briefing.core.domain import BriefingDomain, get_domain
from sphinx_briefing.core.fingerprint import PACKAGE_DIR, env_version, package_files
from sphinx_briefing.core.model import Record
from sphinx_briefing.core.reads import RECORD_PARTS, Change, ListingReads, changed_parts
from sphinx_briefing.outputs.memo import MEMO_FILE, _digest, inputs_digest
from sphinx_briefing.outputs.typography import _unchanged_by_educator
from test_freshness import write_book


def test_a_text_left_alone_is_one_the_educator_leaves_alone() -> None:
    # Typographic characters as escapes: the educator must leave them (and ruff's RUF001) alone.
    alphabet = "ab .-'\"`\\&quot;\u2014\u2013\u2019\u2018\u201c\u201d\u2026,;!?\t\n<>#"
    rnd = random.Random(20)
    texts = ["Olaf Scholz", "Prime Minister", "Dr. Sato", "a -- b", "it's", "x\\.y", "\\\\", "&quot;",
             *("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10))) for _ in range(20000))]
    left = [t for t in texts if _unchanged_by_educator(t)]
    assert len(left) > 1000  # the check lets ordinary texts through
    for action in ("qDe", "1", "2", "3", "qbBdDiew", "0"):  # every action but "-1", which educate() rules out
        for language in ("en", "de", "ja", "fr"):
            changed = [t for t in left
                       if "".join(smartquotes.educate_tokens([("plain", t)], attr=action, language=language)) != t]
            assert not changed, (action, language, changed[:5])


def _rglob_version(package_dir: Path) -> int:
    # The fingerprint as it was first written: every file of the sorted Path.rglob, caches left out.
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return int(digest.hexdigest()[:12], 16)


def test_the_package_fingerprint_walks_the_files_as_sorted_paths_did(tmp_path: Path) -> None:
    # "a/b" sorts before "a-b" as paths and after it as strings; caches at any depth are left out.
    names = ["a/b.py", "a-b.py", "a/__pycache__/b.cpython-311.pyc", "__pycache__/x.pyc", "b/c/d.txt",
             "b/c/__pycache__/d.pyc", "B.txt", "\u00e4.po", "a/b/c.json", "a.b/z", "z"]
    for number, name in enumerate(names):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"{number}".encode())
    expected = [p.relative_to(tmp_path).parts for p in sorted(tmp_path.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts]
    assert package_files(tmp_path) == expected
    assert env_version.__wrapped__(tmp_path) == _rglob_version(tmp_path)
    assert env_version() == _rglob_version(PACKAGE_DIR)


def _pairs_parts(before: Record, now: Record) -> frozenset[str]:
    # The changed parts as the fingerprint with one (name, value) pair per option told them.
    def pairs(record: Record) -> dict[str, object]:
        return {k: tuple(v) if isinstance(v, list) else v for k, v in record.fields.items()}
    parts = {name for name in RECORD_PARTS if getattr(before, name) != getattr(now, name)}
    old, new = pairs(before), pairs(now)
    return frozenset(parts | {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)})


def test_a_flat_fingerprint_tells_the_changed_parts_one_pair_per_option_told() -> None:
    rnd = random.Random(9)
    values: list[str | list[str]] = ["", "x", "y", "role", ["a"], ["a", "b"], ["b", "a"], [], "a, b"]
    names = ["name", "role", "source", "country", "value", "unit"]

    def record() -> Record:
        fields = {n: rnd.choice(values) for n in rnd.sample(names, rnd.randint(0, len(names)))}
        return Record("person", "p", rnd.choice(["a", "b"]), 3, fields, text=rnd.choice(["", "t"]),
                      listed=rnd.random() < 0.8, translation=rnd.choice(["", "u"]))

    for _ in range(5000):
        before, now = record(), record()
        assert changed_parts(before.fingerprint(), now.fingerprint()) == _pairs_parts(before, now)
        assert (before.fingerprint() == now.fingerprint()) == (not _pairs_parts(before, now))
    assert changed_parts(None, record().fingerprint()) is None


def test_listing_reads_pickled_with_shared_sets_answer_as_the_sets_did() -> None:
    reads = ListingReads()
    for n in range(300):
        for part in ("name", "role") if n % 3 else ("name",):
            reads.note_part(("person", f"p{n}"), part)
    reads.parts[("person", "all")] = None
    reads.links = {("person", f"p{n}") for n in range(0, 300, 7)}
    reads.lookups = {("organisation", "o1"), ("person", "p1")}
    reads.listed = {"person": tuple(f"p{n}" for n in range(300))}
    loaded = pickle.loads(pickle.dumps(reads, pickle.HIGHEST_PROTOCOL))
    assert loaded == reads
    assert len({id(v) for v in loaded.parts.values() if v is not None}) == 2  # {name} and {name, role}
    changes = [Change(shown, parts) for shown in (False, True)
               for parts in (None, frozenset(), frozenset({"role"}), frozenset({"country"}))]
    for key in [("person", "p1"), ("person", "p3"), ("person", "all"), ("organisation", "o1"), ("page", "x")]:
        for change in changes:
            for watched in (lambda c: True, lambda c: c.shown):
                assert (loaded.stale({key: change}, watched, lambda kind: reads.listed[kind])
                        == reads.stale({key: change}, watched, lambda kind: reads.listed[kind]))
    # Noted again after loading: the record gets a set of its own, the shared one stays as it was.
    loaded.note_part(("person", "p1"), "country")
    assert loaded.parts[("person", "p1")] == {"name", "role", "country"}
    assert loaded.parts[("person", "p2")] == {"name", "role"}
    assert loaded.parts[("person", "p3")] == {"name"}


def test_the_input_digest_worked_out_once_is_the_digest_of_the_finished_build(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src")
    result = build(src, builddir=tmp_path / "build")
    assert result.returncode == 0, result.warnings
    app = result.app
    assert app is not None
    assert get_domain(app.env).while_writing("inputs-digest", lambda _domain: None) is not None
    fresh = _digest(app)
    assert fresh is not None and inputs_digest(app) == fresh
    memo = json.loads((tmp_path / "build" / "doctrees" / MEMO_FILE).read_text(encoding="utf-8"))
    # briefing.json, its schema and the hover file, each remembered with this build's digest.
    assert sorted(Path(key).name for key in memo) == ["briefing-hovers.js", "briefing.json", "briefing.schema.json"]
    assert {entry["inputs"] for entry in memo.values()} == {fresh}


def _rewritten_after_the_build(env: BuildEnvironment, text: str) -> str:
    # The search index as it was fixed before: Sphinx's file read back, each entry's anchor written
    # out in place, the whole written again (when anything changed).
    data = js_index.loads(text)
    docindex = {name: i for i, name in enumerate(data.get("docnames", ()))}
    objtypes = {int(i): name for i, name in data.get("objtypes", {}).items()}
    anchors = {}
    for _name, shown, typ, docname, anchor, search_priority in get_domain(env).get_objects():
        if search_priority >= 0 and docname in docindex:
            prefix, _, last = html.escape(shown).rpartition(".")
            anchors[docindex[docname], f"{BriefingDomain.name}:{typ}", prefix, last] = anchor
    changed = False
    for prefix, entries in data.get("objects", {}).items():
        for entry in entries:
            full = anchors.get((entry[0], objtypes.get(entry[1], ""), prefix, entry[4]))
            if full is not None and entry[3] != full:
                entry[3] = full
                changed = True
    return js_index.dumps(data) if changed else text


def test_the_search_index_dumped_with_full_anchors_is_the_index_rewritten_after_the_build(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src")
    result = build(src, builddir=tmp_path / "build")
    assert result.returncode == 0, result.warnings
    app = result.app
    assert app is not None and isinstance(app.builder, StandaloneHTMLBuilder)
    written = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    # What Sphinx alone would have written: its index frozen again, dumped as it is.
    assert app.builder.indexer is not None
    sphinx_alone = js_index.dumps(app.builder.indexer.freeze())
    assert written != sphinx_alone
    assert written == _rewritten_after_the_build(app.env, sphinx_alone)
    assert '"person-p1"' in written and '"source-alpha"' in written


def test_what_only_other_builders_use_is_loaded_when_they_ask_for_it() -> None:
    # A fresh interpreter, as every build is: importing the extension and registering it (what an
    # HTML build does before reading) loads neither the Word writer nor its style table nor Babel's
    # number formats; each is loaded by its first use, and the package re-exports stay the same.
    code = (
        "import sys\n"
        "from sphinx_briefing import setup\n"
        "import sphinx_briefing.outputs.docx as docx\n"
        "lazy = ('sphinx_briefing.outputs.docx.pandoc', 'sphinx_briefing.outputs.docx.styles', 'babel.numbers')\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
        "from sphinx_briefing.outputs.docx import styled_div\n"
        "from sphinx_briefing.outputs.docx.pandoc import styled_div as own\n"
        "from sphinx_briefing.i18n.catalog import format_number\n"
        "print(styled_div is own, format_number('1,234.5', 'de'), 'babel.numbers' in sys.modules)\n"
    )
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines == ["[]", "True 1.234,5 True"]


_FREEZE_SEEN = (
    "\nimport gc\n"
    "def setup(app):\n"
    "    # What the collector holds aside while a page is read and when the build has finished.\n"
    "    def note(name):\n"
    "        def handler(app, *args):\n"
    "            with open(app.srcdir / 'freeze-seen.txt', 'a', encoding='utf-8') as f:\n"
    "                f.write(f'{name} {gc.get_freeze_count()}\\n')\n"
    "        return handler\n"
    "    app.connect('doctree-read', note('read'))\n"
    "    app.connect('build-finished', note('finished'), priority=999)\n"
)


def _freeze_seen(src: Path) -> dict[str, set[int]]:
    seen: dict[str, set[int]] = {}
    for line in (src / "freeze-seen.txt").read_text(encoding="utf-8").splitlines():
        name, count = line.split()
        seen.setdefault(name, set()).add(int(count))
    (src / "freeze-seen.txt").unlink()
    return seen


def test_the_collector_spares_what_was_loaded_while_pages_are_read_and_gets_it_back(tmp_path: Path) -> None:
    # core.heap: in an incremental build, the modules and the loaded environment are frozen while
    # pages are read and written, and given back at build-finished, so that a process building again
    # (tests, sphinx-autobuild) collects them. A clean build, which loaded nothing, runs unfrozen.
    src = write_book(tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(_FREEZE_SEEN)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    result = build(src, builddir=tmp_path / "build")
    assert result.returncode == 0, result.warnings
    assert _freeze_seen(src) == {"read": {0}, "finished": {0}}

    (src / "c.md").write_text((src / "c.md").read_text(encoding="utf-8") + "\nA sentence more.\n", encoding="utf-8")
    result = build(src, builddir=tmp_path / "build", fresh=False)
    assert result.returncode == 0, result.warnings
    seen = _freeze_seen(src)
    # Sphinx's modules, the extension's, the settings and the unpickled environment.
    assert seen["read"] and min(seen["read"]) > 10_000, seen
    assert seen["finished"] == {0} and gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_host_that_froze_objects_itself_keeps_them_frozen(tmp_path: Path) -> None:
    # gc.unfreeze gives back every frozen object: the extension may not thaw what a host (a forking
    # server) froze, so it freezes nothing then, and leaves the host's freeze as it found it.
    src = write_book(tmp_path / "src")
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(_FREEZE_SEEN)
    gc.freeze()
    try:
        host = gc.get_freeze_count()
        result = build(src, builddir=tmp_path / "build")
        assert result.returncode == 0, result.warnings
        # Neither more (a freeze of ours) nor thawed: a few of the host's frozen objects are freed
        # by their reference counts as the build goes (a cache entry replaced …), nothing else.
        seen = _freeze_seen(src)
        assert all(host - 1_000 < count <= host for counts in seen.values() for count in counts), (host, seen)
        assert host - 1_000 < gc.get_freeze_count() <= host
    finally:
        gc.unfreeze()
