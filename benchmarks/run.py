"""Build the synthetic books side by side and print a table of median wall times and ratios.

Every build is a separate ``python -m sphinx -b html`` process on a fresh output and doctree
directory (except the incremental rebuilds, which reuse the build they follow). Within each repeat
the flavours and sizes alternate, so that slow phases of a busy machine hit all of them alike; the
table shows medians over the repeats.

Measured:

1. overhead: briefing ÷ plain (the same words with no extension) at every size;
2. scaling: briefing t(8N) ÷ t(N) (smallest and largest size);
3. incremental: edit one person's role, rebuild, ÷ the full build just before; the listing page and
   a page citing the person must show the new role (checked, not assumed);
4. parallel: briefing ``-j 2`` ÷ ``-j 1`` at the largest size;
5. peer: briefing ÷ sphinx-needs (the same objects as needs, listings as needtables);
6. peak memory (max RSS of the build process and its workers, from ``os.wait4``).

``--compare`` instead measures briefing against plain Sphinx, full build and incremental rebuild, at
every size of a light or a ``--density dense`` book; with ``--baseline DIR`` (a checkout of an
earlier version of the extension) the earlier code is built in the same interleaved rounds, so that
"before" and "after" share the machine's load.

``--quick`` runs sizes 25 and 200 once, without the no-sidebar diagnosis (about a minute: a smoke test of the harness; tests/test_bench.py adds ``--sizes 20,40``); the default (sizes 250, 1,000 and
2,000, three repeats) takes about 6 minutes on an idle two-core machine, 15 on a busy one. ``--profile N`` instead runs one briefing
build of N objects under cProfile and prints where the extension spends its time.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import DENSITIES, FLAVOURS, LISTINGS, LISTINGS_PAGE, generate, plan

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"overhead": 1.10, "scaling": 9.0, "incremental": 0.2, "peer": 0.33}
#: ``--quick``: the smallest sizes that keep every measurement (scaling still compares N and 8N).
QUICK_SIZES = (25, 200)


@dataclass
class Run:
    wall: float
    #: user + system CPU seconds of the build and its workers: steadier than wall time on a busy machine.
    cpu: float
    maxrss_mb: float
    warnings: list[str]


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def mem(self) -> float:
        return statistics.median(r.maxrss_mb for r in self.runs)

    @property
    def warnings(self) -> int:
        return max((len(r.warnings) for r in self.runs), default=0)


def byte_compile(checkout: Path) -> None:
    """Compile the extension of *checkout* to ``.pyc`` files, as installing a package does.

    With ``PYTHONDONTWRITEBYTECODE`` set (as on some shared and CI machines) Python never writes
    them, and every build process would compile the extension's hundred modules from source (about
    0.15 s): a cost no installed copy pays, and that plain Sphinx's own modules, compiled when they
    were installed, never pay either.
    """
    compileall.compile_dir(str(checkout / "_ext"), quiet=1)


def sphinx(src: Path, out: Path, *, jobs: int = 1, fresh: bool = True, extension: Path | None = None) -> Run:
    """One ``python -m sphinx -b html`` process; its wall time, peak RSS and warnings.

    *extension*: a checkout whose ``_ext`` is imported instead of this one's (``--baseline``).
    """
    if fresh and out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs),
           "-d", str(out / "doctrees"), str(src), str(out / "html")]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        start = time.perf_counter()
        env = dict(os.environ)
        if extension is not None:
            env["PYTHONPATH"] = os.pathsep.join([str(extension / "_ext"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO, env=env)
        # wait4 gives this process's own resource usage (max RSS of it and its -j workers).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-3000:]}")
    warnings = [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, warnings)


# -- the incremental check -------------------------------------------------------------------

def edit_person(src: Path, n: int, flavour: str, tag: str) -> tuple[Path, str, str]:
    """Change the role of a person in the middle of the book; return (file, old text, new role)."""
    book = plan(n)
    people = book.of("person")
    person = people[len(people) // 2]
    page = src / f"chapter-{person.page + 1:04d}.md"
    old = page.read_text(encoding="utf-8")
    role = f"Edited role {tag}"
    line = f":role: {person.fields['role']}\n"
    assert old.count(line) == 1, f"{line!r} not unique in {page}"
    page.write_text(old.replace(line, f":role: {role}\n"), encoding="utf-8")
    # Make sure the change is seen even on filesystems with coarse timestamps.
    later = time.time() + 2
    os.utime(page, (later, later))
    return page, old, role


def html_snapshot(html: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in html.glob("*.html")}


@dataclass
class Incremental:
    full: Series = field(default_factory=Series)
    rebuild: Series = field(default_factory=Series)
    rewritten: list[int] = field(default_factory=list)
    listing_fresh: list[bool] = field(default_factory=list)
    citing_fresh: list[bool] = field(default_factory=list)


def incremental(src: Path, out: Path, n: int, flavour: str, tag: str, full: Run, result: Incremental) -> None:
    """Edit one profile after the full build in *out*, rebuild, and check what readers see."""
    html = out / "html"
    before = html_snapshot(html)
    page, original, role = edit_person(src, n, flavour, tag)
    try:
        rebuild = sphinx(src, out, fresh=False)
    finally:
        page.write_text(original, encoding="utf-8")
    after = html_snapshot(html)
    result.full.runs.append(full)
    result.rebuild.runs.append(rebuild)
    result.rewritten.append(sum(1 for name, mtime in after.items() if before.get(name) != mtime))
    result.listing_fresh.append(role in (html / "who-is-who.html").read_text(encoding="utf-8"))
    # A page elsewhere that cites the person shows the role in the link's hover text (briefing);
    # sphinx-needs shows only the title, so this check is for briefing only. The HTML page links by
    # key; briefing.js takes the text from the one hover-text file (outputs/hovers.py).
    book = plan(n)
    person = book.of("person")[len(book.of("person")) // 2]
    citing = [o.page for o in book.objects if ("person", person.id) in o.prose and o.page != person.page]
    if flavour == "briefing" and citing:
        text = (html / f"chapter-{citing[0] + 1:04d}.html").read_text(encoding="utf-8")
        key = f"person:{person.id}"
        hovers = hover_texts(html)
        result.citing_fresh.append(f'data-briefing-hover="{key}"' in text and role in hovers.get(key, ""))


def hover_texts(html: Path) -> dict[str, str]:
    """The hover-text file's entries (``window.briefingHovers = {...};``), key to text; {} if absent."""
    path = html / "_static" / "briefing-hovers.js"
    if not path.exists():
        return {}
    content = path.read_text(encoding="utf-8")
    return json.loads(content[content.index("=") + 1:].strip().rstrip(";"))


# -- the measurement plan --------------------------------------------------------------------

def versions() -> dict[str, str]:
    out = {"Python": platform.python_version()}
    for dist in ("Sphinx", "docutils", "myst-parser", "sphinx-needs"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def measure(sizes: list[int], repeats: int, workdir: Path, with_needs: bool, log: bool = True,
            diagnose: bool = True) -> dict:
    """Every build of the plan; *diagnose* adds the four builds of the books without the sidebar
    navigation (a diagnosis of the scaling at large N, left out of ``--quick``)."""
    flavours = [f for f in FLAVOURS if with_needs or f != "needs"]
    byte_compile(REPO)
    srcs = {(f, n): generate(n, workdir / "src" / f"{f}-{n}", f) for f in flavours for n in sizes}
    full = {key: Series() for key in srcs}
    parallel = Series()
    incr = {f: Incremental() for f in flavours if f != "plain"}
    largest = max(sizes)
    # The same two books with the theme's sidebar navigation switched off: every page renders the
    # whole toctree there, an O(pages²) cost of Sphinx's that swamps everything else at large N.
    bare = {}
    for f in ("briefing", "plain") if diagnose else ():
        for n in (min(sizes), largest):
            src = workdir / "src" / f"{f}-{n}-no-sidebar"
            shutil.rmtree(src, ignore_errors=True)
            shutil.copytree(srcs[f, n], src)
            with (src / "conf.py").open("a", encoding="utf-8") as conf:
                conf.write('\nhtml_sidebars = {"**": []}\n')
            bare[f, n] = (src, Series())
    for rep in range(repeats):
        # Alternate: every flavour at every size once per repeat, the order shifted each repeat.
        order = [(f, n) for n in sizes for f in flavours]
        shift = rep % len(flavours)
        order = [(flavours[(flavours.index(f) + shift) % len(flavours)], n) for f, n in order]
        for f, n in order:
            out = workdir / "out" / f"{f}-{n}"
            run = sphinx(srcs[f, n], out)
            full[f, n].runs.append(run)
            if log:
                print(f"  [{rep + 1}/{repeats}] {f:8} N={n:<5} {run.wall:6.1f} s (CPU {run.cpu:5.1f} s) {run.maxrss_mb:5.0f} MB"
                      f" {len(run.warnings)} warnings", file=sys.stderr, flush=True)
            if n == largest and f in incr:
                incremental(srcs[f, n], out, n, f, f"{rep + 1}", run, incr[f])
                if log:
                    print(f"  [{rep + 1}/{repeats}] {f:8} N={n:<5} incremental "
                          f"{incr[f].rebuild.runs[-1].wall:6.1f} s, {incr[f].rewritten[-1]} pages rewritten,"
                          f" listing fresh: {incr[f].listing_fresh[-1]}", file=sys.stderr, flush=True)
            if n == largest and f == "briefing":
                run2 = sphinx(srcs[f, n], workdir / "out" / f"{f}-{n}-j2", jobs=2)
                parallel.runs.append(run2)
                if log:
                    print(f"  [{rep + 1}/{repeats}] {f:8} N={n:<5} -j 2 {run2.wall:6.1f} s", file=sys.stderr,
                          flush=True)
        for (f, n), (src, series) in bare.items():
            series.runs.append(sphinx(src, workdir / "out" / f"{f}-{n}-no-sidebar"))
    return {"sizes": sizes, "repeats": repeats, "flavours": flavours, "full": full, "parallel": parallel,
            "incremental": incr, "no_sidebar": {key: series for key, (_, series) in bare.items()}}


def verdict(wall: float, cpu: float | None, target: float) -> str:
    met = [wall <= target] + ([cpu <= target] if cpu is not None else [])
    if all(met):
        return "met"
    if not any(met):
        return "NOT met"
    return "met on CPU time only" if not met[0] else "met on wall time only"


def report(results: dict, seconds: float, load: tuple[float, float]) -> str:
    sizes, full, flavours = results["sizes"], results["full"], results["flavours"]
    needs = "needs" in flavours
    names = {"plain": "plain", "briefing": "briefing", "needs": "sphinx-needs"}
    v = versions()
    lines = [
        f"Machine: {os.cpu_count()} cores ({platform.machine()}, {platform.system()}); load average "
        f"{load[0]:.2f} at the start, {load[1]:.2f} at the end. "
        + ", ".join(f"{k} {val}" for k, val in v.items()) + ".",
        "",
        f"Medians of {results['repeats']} run(s) each; html builder, default theme (alabaster); every full build "
        "a fresh `python -m sphinx` process on a fresh output and doctree directory; total "
        f"{seconds / 60:.1f} min. Times are wall seconds, with the CPU seconds (user + system of the build "
        "and its workers) in brackets: on a shared machine the CPU time is the steadier figure.",
        "",
    ]
    head = ["N objects", "pages", *(f"{names[f]} s" for f in flavours), "briefing ÷ plain"]
    head += ["briefing ÷ sphinx-needs"] if needs else []
    head += [f"{names[f]} MB" for f in flavours]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))

    def both(a: Series, b: Series) -> str:
        return f"{a.wall / b.wall:.2f} ({a.cpu / b.cpu:.2f})"

    for n in sizes:
        row = [f"{n:,}", str(plan(n).pages + len(LISTINGS) + 1)]  # chapters, listings, index
        row += [f"{full[f, n].wall:.1f} ({full[f, n].cpu:.1f})" for f in flavours]
        row.append(both(full["briefing", n], full["plain", n]))
        if needs:
            row.append(both(full["briefing", n], full["needs", n]))
        row += [f"{full[f, n].mem:.0f}" for f in flavours]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")

    small, large = min(sizes), max(sizes)
    summary = [("measure", "wall", "CPU", "target", "")]

    def ratio_row(label: str, a: Series, b: Series, target: float, shown: str) -> None:
        w, c = a.wall / b.wall, a.cpu / b.cpu
        summary.append((label, f"{w:.2f}", f"{c:.2f}", shown, verdict(w, c, target)))

    for n in sizes:
        ratio_row(f"overhead at N={n:,}: briefing ÷ plain", full["briefing", n], full["plain", n],
                  TARGETS["overhead"], "≤ 1.10")
    b_small, b_large = full["briefing", small], full["briefing", large]
    p_small, p_large = full["plain", small], full["plain", large]
    ratio_row(f"scaling: briefing t(N={large:,}) ÷ t(N={small:,}) (plain: {p_large.wall / p_small.wall:.2f}"
              f" wall, {p_large.cpu / p_small.cpu:.2f} CPU)", b_large, b_small, TARGETS["scaling"],
              f"≤ {TARGETS['scaling']:.0f} (for {large // small}x N)")
    bare = results["no_sidebar"]
    if bare:
        ratio_row(f"(diagnosis) scaling without the sidebar navigation: briefing t(N={large:,}) ÷ t(N={small:,}) "
                  f"(plain: {bare['plain', large].wall / bare['plain', small].wall:.2f} wall)",
                  bare["briefing", large], bare["briefing", small], TARGETS["scaling"],
                  f"≤ {TARGETS['scaling']:.0f} (for {large // small}x N)")
    else:  # (--quick: at its sizes the sidebar's O(pages²) cost is nowhere near showing)
        summary.append(("(diagnosis) scaling without the sidebar navigation", "", "", "", "not measured (--quick)"))
    inc = results["incremental"]["briefing"]
    ratio_row(f"incremental at N={large:,}: edit one profile and rebuild ({inc.rebuild.wall:.1f} s, "
              f"{statistics.median(inc.rewritten):.0f} pages rewritten) ÷ full build ({inc.full.wall:.1f} s)",
              inc.rebuild, inc.full, TARGETS["incremental"], "≤ 0.2")
    fresh = all(inc.listing_fresh) and all(inc.citing_fresh)
    summary.append(("listing page and a citing page show the edit after the incremental build",
                    "yes" if fresh else "NO", "", "yes", "met" if fresh else "NOT met"))
    par = results["parallel"]
    summary.append((f"parallel at N={large:,}: briefing -j 2 ({par.wall:.1f} s) ÷ -j 1 ({b_large.wall:.1f} s)",
                    f"{par.wall / b_large.wall:.2f}", "", "< 1", "met" if par.wall < b_large.wall else "NOT met"))
    if needs:
        for n in sizes:
            ratio_row(f"peer at N={n:,}: briefing ÷ sphinx-needs", full["briefing", n], full["needs", n],
                      TARGETS["peer"], "≤ 0.33")
        ninc = results["incremental"]["needs"]
        summary.append((f"(context) sphinx-needs incremental at N={large:,}, same edit ({ninc.rebuild.wall:.1f} s "
                        f"÷ {ninc.full.wall:.1f} s, {statistics.median(ninc.rewritten):.0f} pages rewritten); "
                        "its needtable page shows the edit",
                        f"{ninc.rebuild.wall / ninc.full.wall:.2f}", f"{ninc.rebuild.cpu / ninc.full.cpu:.2f}", "",
                        "yes" if all(ninc.listing_fresh) else "no: stale"))
    for f in flavours:
        summary.append((f"peak memory (max RSS) at N={large:,}, {names[f]}", f"{full[f, large].mem:.0f} MB",
                        "", "", ""))
    warn = {f"{names[f]} N={n}": full[f, n].warnings for f, n in full if full[f, n].warnings}
    summary.append(("warnings in the builds", ", ".join(f"{k}: {c}" for k, c in warn.items()) or "none",
                    "", "", ""))
    lines.append("| " + " | ".join(summary[0]) + " |")
    lines.append("|---|---|---|---|---|")
    lines += ["| " + " | ".join(row) + " |" for row in summary[1:]]
    return "\n".join(lines) + "\n"


# -- before and after, light and dense --------------------------------------------------------

def edit_role(src: Path, n: int, density: str, tag: str) -> tuple[dict[Path, str], str]:
    """Change one person's role wherever the text shows it (plain books type it in the listing too)."""
    book = plan(n, density=density)
    people = book.of("person")
    old_role = str(people[len(people) // 2].fields["role"])
    role = f"Edited role {tag}"
    originals = {}
    for page in sorted(src.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        if old_role in text:
            originals[page] = text
            page.write_text(text.replace(old_role, role), encoding="utf-8")
            later = time.time() + 2
            os.utime(page, (later, later))
    assert originals, f"{old_role!r} not found in {src}"
    return originals, role


def edit_prose(src: Path, tag: str) -> tuple[dict[Path, str], str, str]:
    """Add a sentence of prose to the middle chapter (no object changes): (originals, the sentence,
    the page's HTML file name)."""
    chapters = sorted(src.glob("chapter-*.md"))
    page = chapters[len(chapters) // 2]
    text = page.read_text(encoding="utf-8")
    sentence = f"Edited prose {tag}."
    page.write_text(f"{text.rstrip()}\n\n{sentence}\n", encoding="utf-8")
    later = time.time() + 2
    os.utime(page, (later, later))
    return {page: text}, sentence, f"{page.stem}.html"


#: What the incremental rebuild of ``--compare`` follows: one person's role edited (wherever the
#: text shows it), or a sentence added to one chapter's prose.
EDITS = ("role", "prose")


@dataclass
class Variant:
    name: str
    flavour: str
    extension: Path | None
    full: Series = field(default_factory=Series)
    rebuild: Series = field(default_factory=Series)
    rewritten: list[int] = field(default_factory=list)
    fresh: list[bool] = field(default_factory=list)


def compare(sizes: list[int], repeats: int, workdir: Path, density: str, baseline: Path | None,
            edit: str = "role") -> str:
    """Full and incremental builds of plain, briefing (and briefing before), interleaved."""
    for checkout in (REPO, baseline):
        if checkout is not None:
            byte_compile(checkout)
    srcs = {(f, n): generate(n, workdir / "src" / f"{density}-{f}-{n}", f, density=density)
            for f in ("briefing", "plain") for n in sizes}
    results: dict[int, list[Variant]] = {}
    for n in sizes:
        variants = [Variant("plain", "plain", None), Variant("after", "briefing", None)]
        if baseline is not None:
            variants.insert(1, Variant("before", "briefing", baseline))
        results[n] = variants
    listing = f"{LISTINGS_PAGE}.html" if density == "dense" else "who-is-who.html"
    for rep in range(repeats):
        for n in sizes:
            variants = results[n]
            # Shift the order each round, so that no variant always follows the same one.
            order = variants[rep % len(variants):] + variants[:rep % len(variants)]
            for v in order:
                out = workdir / "out" / f"{density}-{v.name}-{n}"
                run = sphinx(srcs[v.flavour, n], out, extension=v.extension)
                html = out / "html"
                before = html_snapshot(html)
                if edit == "prose":
                    originals, role, shown = edit_prose(srcs[v.flavour, n], f"{rep + 1}")
                else:
                    originals, role = edit_role(srcs[v.flavour, n], n, density, f"{rep + 1}")
                    shown = listing
                try:
                    rebuild = sphinx(srcs[v.flavour, n], out, fresh=False, extension=v.extension)
                finally:
                    for page, text in originals.items():
                        page.write_text(text, encoding="utf-8")
                after = html_snapshot(html)
                v.full.runs.append(run)
                v.rebuild.runs.append(rebuild)
                v.rewritten.append(sum(1 for name, mtime in after.items() if before.get(name) != mtime))
                v.fresh.append(role in (html / shown).read_text(encoding="utf-8"))
                print(f"  [{rep + 1}/{repeats}] {density} {v.name:6} N={n:<5} full {run.wall:6.1f} s (CPU {run.cpu:5.1f})"
                      f" incremental {rebuild.wall:6.2f} s (CPU {rebuild.cpu:6.2f}), {v.rewritten[-1]} pages,"
                      f" {len(run.warnings)} warnings", file=sys.stderr, flush=True)
    names = [v.name for v in results[sizes[0]]]
    briefings = [name for name in names if name != "plain"]
    per_kind = " per kind" if density == "dense" else ""
    head = [f"N{per_kind}", "pages",
            *(f"{name} full s" for name in names), *(f"{name} ÷ plain" for name in briefings),
            *(f"{name} incr. s" for name in names), *(f"{name} ÷ plain (incr.)" for name in briefings),
            "pages rewritten (" + " / ".join(names) + ")"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for n, variants in results.items():
        plain = variants[0]
        row = [f"{n:,}", str(plan(n, density=density).pages + (1 if density == "dense" else len(LISTINGS)) + 1)]
        row += [f"{v.full.wall:.1f} ({v.full.cpu:.1f})" for v in variants]
        row += [f"{v.full.wall / plain.full.wall:.2f} ({v.full.cpu / plain.full.cpu:.2f})" for v in variants[1:]]
        # (to the hundredth: a light book's rebuild takes about a second, and its ratio is read at 1 %)
        row += [f"{v.rebuild.wall:.2f} ({v.rebuild.cpu:.2f})" for v in variants]
        row += [f"{v.rebuild.wall / plain.rebuild.wall:.2f} ({v.rebuild.cpu / plain.rebuild.cpu:.2f})"
                for v in variants[1:]]
        row.append(" / ".join(f"{statistics.median(v.rewritten):.0f}" for v in variants))
        lines.append("| " + " | ".join(row) + " |")
    stale = [f"{v.name} N={n}" for n, vs in results.items() for v in vs if not all(v.fresh)]
    warned = [f"{v.name} N={n}" for n, vs in results.items() for v in vs if v.full.warnings]
    lines.append("")
    what = "Edited page shows the added sentence" if edit == "prose" else "Listing page shows the edited role"
    lines.append(f"{what} after every incremental build: {'yes' if not stale else 'NO: ' + ', '.join(stale)}."
                 f" Warnings: {', '.join(warned) or 'none'}.")
    return "\n".join(lines) + "\n"


def profile(n: int, workdir: Path, top: int = 25, density: str = "light") -> str:
    """One briefing build of *n* objects under cProfile; the extension's functions by cumulative time."""
    src = generate(n, workdir / "src" / f"briefing-{n}-{density}", "briefing", density=density)
    byte_compile(REPO)
    out = workdir / "out" / f"profile-{n}"
    if out.exists():
        shutil.rmtree(out)
    stats_file = workdir / f"briefing-{n}.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "sphinx", "-b", "html", "-q",
                    "-d", str(out / "doctrees"), str(src), str(out / "html")], check=True, cwd=REPO)
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_, calls, _tt, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/sphinx_briefing/" in filename:
            rows.append((cum, calls, f"{Path(filename).name}:{line}({name})"))
    rows.sort(reverse=True)
    text = [f"cProfile of one briefing build at N={n:,}: {total:.1f} s in all (profiler overhead included)",
            "cumulative s  calls  function"]
    text += [f"{cum:12.2f} {calls:6d}  {where}" for cum, calls, where in rows[:top]]
    return "\n".join(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES[0]} and {QUICK_SIZES[1]}, one run each (~1 min)")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        help="comma-separated N (default 250,1000,2000)")
    parser.add_argument("--repeats", type=int, help="runs per measurement (default 3; 1 with --quick)")
    parser.add_argument("--no-needs", action="store_true", help="leave out the sphinx-needs peer")
    parser.add_argument("--workdir", type=Path, default=REPO / "_build" / "bench")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) to this file")
    parser.add_argument("--profile", type=int, metavar="N", help="profile one briefing build of N objects instead")
    parser.add_argument("--compare", action="store_true",
                        help="briefing against plain, full and incremental, light or dense (see --baseline)")
    parser.add_argument("--density", choices=DENSITIES, default="light",
                        help="with --compare or --profile: dense = N objects per kind, ~10 references each")
    parser.add_argument("--edit", choices=EDITS, default="role",
                        help="with --compare: the incremental edit, one person's role (default) or one chapter's prose")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="with --compare: also build the extension of this checkout, interleaved")
    args = parser.parse_args(argv)

    if args.profile:
        print(profile(args.profile, args.workdir, density=args.density))
        return 0
    sizes = args.sizes or (list(QUICK_SIZES) if args.quick else [250, 1000, 2000])
    repeats = args.repeats or (1 if args.quick else 3)
    if args.compare:
        start, load = time.perf_counter(), os.getloadavg()[0]
        table = compare(sorted(sizes), repeats, args.workdir, args.density, args.baseline, args.edit)
        print(f"{args.density} books, {args.edit} edit, medians of {repeats} run(s); load average {load:.2f} at the start, "
              f"{os.getloadavg()[0]:.2f} at the end; {(time.perf_counter() - start) / 60:.1f} min.\n")
        print(table)
        return 0
    with_needs = not args.no_needs
    if with_needs:
        try:
            metadata.version("sphinx-needs")
        except metadata.PackageNotFoundError:
            raise SystemExit(
                "sphinx-needs is not installed: pip install -e '.[bench]' (or pass --no-needs)"
            ) from None
    if len(sizes) < 2:
        raise SystemExit("give at least two sizes (scaling compares the smallest and the largest)")
    start, load = time.perf_counter(), os.getloadavg()[0]
    results = measure(sorted(sizes), repeats, args.workdir, with_needs, diagnose=not args.quick)
    text = report(results, time.perf_counter() - start, (load, os.getloadavg()[0]))
    print(text)
    if args.output:
        stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        mode = "quick" if args.quick else "full"
        args.output.write_text(
            f"# Benchmark results\n\nA {mode} run of `benchmarks/run.py` on {stamp} "
            f"(`{' '.join(['run.py', *(argv if argv is not None else sys.argv[1:])])}`).\n\n{text}",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
