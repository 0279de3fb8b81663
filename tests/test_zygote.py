"""The tests' fork server for sphinx-build processes (tests/zygote.py): a forked build is a process
of its own with the test's directory, environment, output and exit status; what a fork cannot
honour is refused; a dead server fails the build loudly; the server ends with its test process."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, build, make_book, once_per_run
from zygote import Zygote, ZygoteError


def _python(script: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """*script* run by a new interpreter from the repository, with this directory (where
    ``zygote.py`` is) as its ``sys.argv[1]``: a process of its own, as a test process is."""
    return subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent)], capture_output=True,
                          text=True, cwd=REPO, check=False, env=env)


@pytest.fixture
def zygote() -> Iterator[Zygote]:
    """A server of the test's own (the suite's is shared by every build of this process)."""
    server = Zygote(cwd=REPO)
    yield server
    server.close()


def test_a_forked_build_runs_as_python_m_sphinx_with_the_requests_directory_and_environment(
        zygote: Zygote, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import os, sys\nproject = os.environ['ZYGOTE_PROJECT']\nprint('argv0', sys.argv[0], 'pid', os.getpid())\n",
        encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nText.\n", encoding="utf-8")
    built = zygote.run(["-b", "html", "src", "out"], cwd=tmp_path, env={**os.environ, "ZYGOTE_PROJECT": "Forked"})
    assert built.returncode == 0, built.stderr
    assert "Forked" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")  # cwd and env: the request's
    argv0, pid = built.stdout.split("argv0 ", 1)[1].split()[::2][:2]
    assert Path(argv0).parts[-2:] == ("sphinx", "__main__.py")
    assert int(pid) not in {os.getpid(), zygote.pid}
    assert "build succeeded" in built.stdout
    usage = zygote.run(["-b", "html"], cwd=tmp_path, env=dict(os.environ))
    assert usage.returncode == 2 and usage.stdout == ""
    assert usage.stderr.startswith("usage: sphinx-build")
    assert zygote.forked == 2


@pytest.mark.parametrize("variable", ["PYTHONHASHSEED", "PYTHONPATH", "LANG", "LC_ALL"])
def test_a_variable_read_at_interpreter_start_up_is_refused(zygote: Zygote, variable: str) -> None:
    env = {**os.environ, variable: os.environ.get(variable, "") + "0"}
    with pytest.raises(ValueError, match=f"{variable}: read when an interpreter starts.*new_interpreter=True"):
        zygote.run(["--version"], cwd=REPO, env=env)
    assert zygote.run(["--version"], cwd=REPO, env=dict(os.environ)).stdout.startswith("sphinx-build ")



def test_the_server_keeps_the_environment_it_was_made_in(zygote: Zygote, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's own start-up variable, set when its build happens to start the server, does not
    become the server's (and so every later build's)."""
    monkeypatch.setenv("PYTHONHASHSEED", os.environ.get("PYTHONHASHSEED", "") + "1")
    with pytest.raises(ValueError, match="PYTHONHASHSEED"):
        zygote.run(["--version"], cwd=REPO, env=dict(os.environ))
    monkeypatch.undo()
    assert zygote.run(["--version"], cwd=REPO, env=dict(os.environ)).returncode == 0

def test_a_dead_server_fails_the_build_with_its_status(zygote: Zygote) -> None:
    assert zygote.run(["--version"], cwd=REPO, env=dict(os.environ)).returncode == 0
    assert zygote.pid is not None
    os.kill(zygote.pid, signal.SIGKILL)
    with pytest.raises(ZygoteError, match=r"ended with exit status -9 and (took no request|dropped a build|ended a build)"):
        zygote.run(["--version"], cwd=REPO, env=dict(os.environ))


def test_the_server_ends_when_its_test_process_ends(tmp_path: Path) -> None:
    """Not only at ``close()``: a test process killed outright leaves no server behind either, nor the
    directory of the socket the server's clients connect to."""
    script = ("import os, sys\nsys.path.insert(0, sys.argv[1])\nfrom zygote import Zygote\n"
              "z = Zygote()\nprint(z.command().split()[-1].rsplit('/', 1)[0])\n"
              "z.run(['--version'], cwd=os.getcwd(), env=dict(os.environ))\n"
              "print(z.pid, flush=True)\nos.kill(os.getpid(), 9)\n")
    proc = _python(script)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    socket_dir, pid = proc.stdout.split()
    server = int(pid)
    for _ in range(100):  # its parent gone, it is re-parented; it reads end-of-file at once
        if not Path(f"/proc/{server}").exists() or "Z" in _state(server):
            break
        subprocess.run(["sleep", "0.1"], check=True)
    assert not Path(f"/proc/{server}").exists() or "Z" in _state(server)
    assert not Path(socket_dir).exists()  # (the directory of the socket its clients connect to)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def test_the_client_command_stands_for_python_m_sphinx(zygote: Zygote, tmp_path: Path) -> None:
    """What ``make SPHINXBUILD=...`` runs: the client's arguments, directory, environment and streams
    reach the forked build, its status comes back; what the server cannot do, the client says."""
    command = shlex.split(zygote.command())
    assert command[:3] == [sys.executable, "-I", "-S"]

    def client(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *args], capture_output=True, text=True, cwd=tmp_path, check=False,
                              env={**os.environ, **env})

    assert client("--version").stdout.startswith("sphinx-build ")
    usage = client("-b", "html")
    assert usage.returncode == 2 and usage.stderr.startswith("usage: sphinx-build")
    refused = client("--version", PYTHONHASHSEED="7")
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == "zygote client: PYTHONHASHSEED: read when an interpreter starts, which a forked build does not\n"
    assert zygote.pid is not None
    os.kill(zygote.pid, signal.SIGKILL)
    subprocess.run(["sleep", "0.2"], check=True)
    gone = client("--version")
    assert gone.returncode == 1 and "the sphinx-build fork server at" in gone.stderr and "is not running" in gone.stderr


def _probe_project(src: Path, conf: str) -> Path:
    """A one-page project whose conf.py runs *conf* (after ``import os, sys, time``)."""
    src.mkdir()
    (src / "conf.py").write_text("import os, sys, time\n" + conf, encoding="utf-8")
    (src / "index.rst").write_text("Title\n=====\n\nText.\n", encoding="utf-8")
    return src


def test_a_forked_build_reads_the_clock_and_the_time_zone_as_a_new_interpreter_does(
        zygote: Zygote, tmp_path: Path) -> None:
    """What a module computed from the clock or the environment when the server imported it is
    computed again for each build: the gettext builder's POT-Creation-Date follows the build's
    SOURCE_DATE_EPOCH (the server imports the builder at its start, days before some builds), and
    the time zone is the build's TZ."""
    src = _probe_project(tmp_path / "src", "print('zone', time.strftime('%Z', time.localtime(0)))\n")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1679097600", "TZ": "Asia/Tokyo"}  # 2023-03-18
    built = zygote.run(["-b", "gettext", str(src), str(tmp_path / "pot")], cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    assert '"POT-Creation-Date: 2023-03-18 00:00+0000\\n"' in (tmp_path / "pot" / "index.pot").read_text(encoding="utf-8")
    assert "zone JST" in built.stdout


def test_a_forked_build_ends_as_an_interpreter_ends(zygote: Zygote, tmp_path: Path) -> None:
    """At its end the build waits for its threads that are not daemons (an interpreter's first step
    at exit), then runs its exit handlers: what they write is kept, in that order."""
    src = _probe_project(tmp_path / "src", (
        "import atexit, threading\n"
        "def late():\n    time.sleep(0.3)\n    print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()\n"
        "atexit.register(print, 'exit handler')\n"))
    built = zygote.run(["-b", "html", "-q", str(src), str(tmp_path / "out")], cwd=tmp_path, env=dict(os.environ))
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines()[-2:] == ["thread done", "exit handler"]


def test_a_forked_builds_streams_are_buffered_as_a_new_interpreters(zygote: Zygote, tmp_path: Path) -> None:
    """PYTHONUNBUFFERED (or not) as the server was started with it: the build's stdout and stderr are
    as unbuffered, or line-buffered, as a new interpreter's would be in the same environment; and
    they are ``sys.__stdout__`` and the others (the server's, left there, would hold what is
    written to them in a buffer that ``os._exit`` drops)."""
    src = _probe_project(tmp_path / "src", (
        "print('streams', *[(s.line_buffering, s.write_through, type(s.buffer).__name__)"
        " for s in (sys.stdout, sys.stderr)], flush=True)\n"
        "print('originals', sys.stdin is sys.__stdin__, sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)\n"))
    forked = zygote.run(["-b", "html", "-q", str(src), str(tmp_path / "a")], cwd=tmp_path, env=dict(os.environ))
    new = build(src, builddir=tmp_path / "b", subprocess=True, options=("-q",), new_interpreter=True)
    assert forked.returncode == new.returncode == 0, forked.stderr + new.warnings
    assert forked.stdout == new.status


#: Prints, as JSON, every module-level value of a plain type (text, number, tuple, small dict or
#: list) of each module after the server's imports (``zygote.preload``).
_MODULE_VALUES = """
import json, re, sys
sys.path[0] = sys.argv[1]
import zygote
zygote.preload()
plain = (str, bytes, int, float, bool, tuple, list, dict, type(None))
print(json.dumps({f"{name}.{key}": re.sub(" at 0x[0-9a-f]+", "", repr(value))[:500]
                  for name, module in sorted(sys.modules.items())
                  for key, value in sorted(vars(module).items() if module else ())
                  if not key.startswith("__") and isinstance(value, plain)}))
"""


def test_what_the_servers_imports_compute_from_the_environment_each_build_computes_again(tmp_path: Path) -> None:
    """The modules the server imports, imported in two interpreters whose environments differ in
    what a test may give a build (SOURCE_DATE_EPOCH, TZ, COLUMNS, TMPDIR): every module value that
    differs is one a forked build computes again from its own (``zygote._RECOMPUTED``), or the time
    module's, which ``time.tzset`` sets; so a module added to the preload list that reads its
    environment at import cannot give every build the server's."""
    from zygote import _RECOMPUTED

    def values(**env: str) -> dict[str, str]:
        proc = _python(_MODULE_VALUES, env={**os.environ, "PYTHONHASHSEED": "0", **env})  # (sets' order alike)
        assert proc.returncode == 0, proc.stderr
        return dict(json.loads(proc.stdout))

    first = values(TZ="UTC", COLUMNS="80", TMPDIR=str(tmp_path))
    second = values(TZ="Asia/Tokyo", COLUMNS="50", SOURCE_DATE_EPOCH="1679097600", TMPDIR="/tmp")
    differing = {key for key in first.keys() | second.keys() if first.get(key) != second.get(key)}
    expected = {f"{module}.{name}" for module, name in _RECOMPUTED}
    assert "sphinx.builders.gettext.ctime" in differing  # (the comparison sees such a value)
    # (Not read by a build: the variable gettext's ctime was made from, logging's start time for
    # relativeCreated, the main thread's identifier.)
    unread = {"sphinx.builders.gettext.source_date_epoch", "logging._startTime", "threading._active"}
    assert differing - unread - expected == {"time.timezone", "time.altzone", "time.tzname"}


def test_a_shared_build_takes_the_runs_environment_not_the_test_running_beside_it(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shared build (``once_per_run``) is the run's, whichever test's thread makes it: the
    background thread builds the book while another test has set a variable for its own builds
    (test_editions' READTHEDOCS, test_live's PYTHONPATH, which the fork server refuses). Its
    sphinx-build and its ``make`` do not take that variable; the test's own build does."""
    src = _probe_project(tmp_path / "src", "project = os.environ.get('READTHEDOCS', 'Off the docs site')\n")
    monkeypatch.setenv("READTHEDOCS", "On the docs site")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))

    def produce(out: Path) -> dict[str, Any]:
        built = build(src, builddir=out, subprocess=True)
        shown = make_book("--eval", "show: ; @echo \"[$$READTHEDOCS|$$PYTHONPATH]\"", "show")
        return {"returncode": built.returncode, "warnings": built.warnings, "make": shown.stdout + shown.stderr}

    out, made = once_per_run(tmp_path_factory, f"zygote-environment-{os.getpid()}", produce)
    assert made["returncode"] == 0, made["warnings"]
    assert "Off the docs site" in (out / "html" / "index.html").read_text(encoding="utf-8")
    assert made["make"] == "[|]\n"
    monkeypatch.delenv("PYTHONPATH")
    own = build(src, builddir=tmp_path / "own", subprocess=True)
    assert "On the docs site" in (own.outdir / "index.html").read_text(encoding="utf-8")


_FILLED_CACHES = """
import functools, gc, sys
sys.path[0] = sys.argv[1]
import zygote
zygote.preload()
for cached in gc.get_objects():
    if isinstance(cached, functools._lru_cache_wrapper) and cached.__module__.startswith(("sphinx", "myst", "docutils")):
        if cached.cache_info().currsize:
            print(cached.__module__, cached.__qualname__)
"""


def test_the_server_imports_leave_the_extensions_caches_empty() -> None:
    """No cache of the extension, Sphinx, MyST or docutils is filled by the server's imports, so no
    build inherits one: above all ``env_version``, the hash of the extension's files, which a build
    must compute from the files on disk when it sets the extension up (a cached one would let an
    edit of the extension go unnoticed by the pickled environment)."""
    proc = _python(_FILLED_CACHES)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


def test_a_forked_build_under_pythonsafepath_has_no_directory_on_its_path(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """``PYTHONSAFEPATH`` (``-P``) in the run's environment: ``python -m sphinx`` then puts no directory
    in front of its module path, so a module of the working directory is not imported by accident;
    nor does a forked build (it replaced the path's first entry, the standard library's zip file,
    with its directory)."""
    monkeypatch.setenv("PYTHONSAFEPATH", "1")
    server = Zygote(cwd=REPO)  # (made in that environment, as conftest's is made in the run's)
    src = _probe_project(tmp_path / "src", "print('path', sys.path[:2], os.getcwd() in sys.path)\n")
    try:
        forked = server.run(["-b", "html", "-q", str(src), str(tmp_path / "a")], cwd=REPO, env=dict(os.environ))
    finally:
        server.close()
    new = build(src, builddir=tmp_path / "b", subprocess=True, options=("-q",), new_interpreter=True)
    assert forked.returncode == new.returncode == 0, forked.stderr + new.warnings
    assert forked.stdout == new.status
    assert new.status.endswith(" False\n")


def test_a_fork_of_the_test_process_leaves_its_server_alone(tmp_path: Path) -> None:
    """A copy of the test process made by ``os.fork`` that ends normally runs the exit handlers it
    inherited, ``Zygote.close`` among them: it must not end the server or remove the socket of the
    process that started it (whose ``make`` builds would then find no server)."""
    script = ("import os, subprocess, sys\nsys.path.insert(0, sys.argv[1])\nfrom zygote import Zygote\n"
              "z = Zygote()\ncommand = z.command().split()\n"
              "pid = os.fork()\nif pid == 0:\n    sys.exit(0)\nos.waitpid(pid, 0)\n"
              "sys.exit(subprocess.run([*command, '--version'], check=False).returncode)\n")
    proc = _python(script)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("sphinx-build ")


def test_the_client_dies_of_the_signal_its_build_died_of(zygote: Zygote, tmp_path: Path) -> None:
    """A build killed by a signal: the client is killed by the same one, so ``make`` reports the
    recipe as a killed sphinx-build (and sees a signal, not an exit status of 128 + N)."""
    src = _probe_project(tmp_path / "src", "import signal\nos.kill(os.getpid(), signal.SIGTERM)\n")
    proc = subprocess.run([*shlex.split(zygote.command()), "-b", "html", str(src), str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert proc.returncode == -signal.SIGTERM, proc.stderr
