"""A fork server ("zygote") for the tests' ``sphinx-build`` processes: :class:`Zygote`, one per test
process (each xdist worker, or the one process of ``-n 0``), started at its first such build.

Why: a ``python -m sphinx`` process spends about 0.5 CPU-second importing Sphinx, its built-in
domains and builders, MyST-Parser, sphinx-design, Furo and this extension before it reads a single
page; a no-op rebuild of a small test root costs about 0.98 CPU-second as a new interpreter,
against 0.25 in a child forked from a process that has already imported them (the server's own
start costs about 0.6, once per test process). Most of the ~200 short Python processes a whole run
started were such builds.

What it keeps: each build is still a **separate process** (a child forked from the server), started
with the test's own argument list, working directory and environment, writing to the test's own
output, with its own exit status. It reads the pickled environment and the doctrees another process
left on disk, so an incremental rebuild is still about a build that continues a previous process's
work, and ``-j 2`` still forks Sphinx's own worker processes, from that child. What differs from a
new interpreter: the child shares the server's hash seed (``PYTHONHASHSEED``), its ``sys.flags``
and the locale and encodings of its standard streams as an interpreter sets them at start-up, and
the modules above are already imported when the build begins (what they computed at import from
the clock and environment is computed again, and tests/test_zygote.py checks that nothing else is;
``sys.modules["__main__"]`` stays this file, ``sys.orig_argv`` the server's, and the warning filters
include those of the modules imported). A test about any of those (another
interpreter or venv, ``PYTHON*``/``LANG``/``LC_*`` variables, reproducible output compared across
builds with different hash seeds, Python's own start-up) asks ``conftest.build`` for
``new_interpreter=True``; an environment that sets those variables without it is refused
(``ValueError``), since a fork cannot honour them.

The server imports those modules and nothing else: no application is made and no catalog loaded
(``sphinx.locale._`` returns lazy words only until a catalog is loaded, see conftest's
``_import_sphinx_extensions``); it checks that before it serves.

The protocol, all over Unix sockets (no port):

* the test process and the server share a control socket pair (``SOCK_SEQPACKET``), made before the
  server starts. A request is one message carrying four file descriptors (``SCM_RIGHTS``): one end of
  a new stream socket pair for this build, then the build's stdin (``/dev/null``), stdout and stderr
  (two temporary files of the test process, read after the build: no pipe to drain, whatever it
  writes);
* the server forks a *handler* per request and goes back to listening (builds from the suite's
  background threads run side by side); the handler reads the request (JSON: argv, cwd, env) from
  the stream, forks the *build* child, waits for it and writes back ``{"pid": …, "returncode": …}``,
  with ``returncode`` as ``subprocess`` gives it (``-N`` for a signal);
* the build child puts the three descriptors at 0, 1, 2 (streams buffered as an interpreter's),
  changes directory, replaces its environment, computes again what the server's imports computed
  from the clock and environment (the time zone, the gettext builder's POT-Creation-Date), sets
  ``sys.argv`` and ``sys.path[0]`` as ``python -m sphinx`` sets them and runs
  ``sphinx.cmd.build.main``; it ends with ``os._exit`` after what an interpreter does at exit
  (joining the threads that are not daemons, then the exit handlers);
* for a program that runs sphinx-build itself (``make SPHINXBUILD=...``), :meth:`Zygote.command` is
  a small client that connects to a socket the test process binds (in a private temporary
  directory) before the server starts, and sends its own stdin, stdout and stderr the same way.

The server waits for its handlers and they for their builds (``SIGCHLD`` is not ignored), so the
builds' CPU time is added to the test run's as a ``subprocess.run`` child's is.

Failures are loud: if the server has died, or a handler ends without a reply, the build raises
:class:`ZygoteError` with the server's exit status and its own log; nothing falls back to a new
interpreter. The server ends when the test process closes its end of the control socket
(:meth:`Zygote.close`, at ``pytest_unconfigure``) or dies, however it dies: it then reads end-of-file.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import io
import json
import locale
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

#: The modules the tests' builds import, imported once by the server before it forks (besides
#: Sphinx's built-in extensions): what an HTML or LaTeX build of a test root still imported after
#: the first list, checked with ``set(sys.modules)`` before and after ``main()``.
PRELOADED = (
    "sphinx.cmd.build", "sphinx.application", "sphinx.builders.html", "sphinx.builders.latex",
    "sphinx.builders.epub3", "sphinx.builders.gettext", "sphinx.builders.text", "sphinx.writers.html5",
    "sphinx.writers.latex", "sphinx.search", "sphinx.environment", "sphinx.ext.graphviz",
    "sphinx.ext.intersphinx", "sphinx.ext.mathjax", "sphinx.util.math", "docutils.parsers.rst.directives",
    "docutils.languages.en", "jinja2", "jinja2.ext", "babel", "babel.numbers", "alabaster",
    "alabaster.support", "xml.dom.minidom", "encodings.utf_8_sig", "encodings.unicode_escape", "myst_parser",
    "myst_parser.sphinx_ext.main", "myst_parser.sphinx_ext.directives", "myst_parser.sphinx_ext.mathjax",
    "myst_parser.sphinx_ext.myst_refs", "myst_parser.parsers.sphinx_", "myst_parser.mdit_to_docutils.sphinx_",
    "sphinx_design", "furo", "sphinx_briefing", "sphinx_briefing.changes.compare",
    "sphinx_briefing.changes.listing", "sphinx_briefing.changes.previous",
)
#: Variables Python reads when an interpreter starts (hash seed, paths, flags, the locale and the
#: encodings of the standard streams): a forked child cannot take them from its request.
_STARTUP_PREFIXES = ("PYTHON", "LC_")
_STARTUP_NAMES = {"LANG"}
_FDS = 4  # the request's stream, stdin, stdout, stderr
#: What a client sends first, with its three standard streams.
_CLIENT_HELLO = b"client"
#: sphinx/__main__.py, argv[0] of ``python -m sphinx`` (set by the server).
_SPHINX_MAIN = "-m"


class ZygoteError(RuntimeError):
    """The fork server could not run a build: it died, or a build's handler ended without a reply."""


def startup_variables(env: Mapping[str, str]) -> dict[str, str]:
    """The variables of *env* that an interpreter reads at start-up (``PYTHON*``, ``LANG``, ``LC_*``)."""
    return {k: v for k, v in env.items() if k.startswith(_STARTUP_PREFIXES) or k in _STARTUP_NAMES}


def changed_startup_variables(env: Mapping[str, str], started: Mapping[str, str]) -> list[str]:
    """The start-up variables (:func:`startup_variables`) that *env* sets, drops or gives another
    value than *started* (the server's environment), sorted: what a forked build cannot honour."""
    return sorted(k for k in {*startup_variables(env), *startup_variables(started)} if env.get(k) != started.get(k))


class Zygote:
    """The test process's side: starts the server at the first :meth:`run` or :meth:`command`,
    sends it builds.

    Thread-safe: the suite's background builds and a test's own may ask at once.
    """

    def __init__(self, python: str = sys.executable, cwd: Path | None = None) -> None:
        """*python* and *cwd*: the interpreter and directory the server starts with; its environment
        is this process's now (a test's temporary variables, set when the first build starts the
        server, would otherwise become every later build's start-up variables)."""
        self._python, self._cwd = python, cwd or Path.cwd()
        self._started_env = dict(os.environ)
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._log: BinaryIO | None = None
        self._socket_dir: str | None = None
        #: Builds sent by :meth:`run` so far (not counting those of :meth:`command`'s clients).
        self.forked = 0
        #: The process that made this object: only it may end the server (a copy made by ``os.fork``
        #: inherits the object and its exit handler, not the server).
        self._owner = os.getpid()

    @property
    def pid(self) -> int | None:
        """The server's process id, once started."""
        return None if self._proc is None else self._proc.pid

    def command(self) -> str:
        """A command line that stands for ``python -m sphinx`` where a program runs it (``make
        SPHINXBUILD=...``): a small client (``python -I -S``, the standard library only, about a
        twentieth of a CPU-second) that has the server fork the build with the client's own
        arguments, directory, environment and standard streams, and exits with its status. The
        server refuses (status 1, saying why on stderr) an environment whose start-up variables
        differ from its own, as :meth:`run` does, and a client that finds no server says so."""
        with self._lock:
            self._started()
            assert self._socket_dir is not None
            return f"{self._python} -I -S {__file__} --client {self._socket_dir}/socket"

    def run(self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
        """``python -m sphinx ARGS`` in a child of the server, in *cwd* with exactly *env*: what
        ``subprocess.run(..., capture_output=True, text=True)`` returns for it.

        Raises ``ValueError`` when *env* gives an interpreter start-up variable another value than
        the server started with, :class:`ZygoteError` when the server cannot run the build.
        """
        stdin = os.open(os.devnull, os.O_RDONLY)
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                with self._lock:
                    control = self._started()
                    changed = changed_startup_variables(env, self._started_env)
                    if changed:
                        raise ValueError(f"{', '.join(changed)}: read when an interpreter starts, which a forked "
                                         "build does not; pass new_interpreter=True")
                    try:
                        socket.send_fds(control, [b"build"], [theirs.fileno(), stdin, out.fileno(), err.fileno()])
                    except OSError as exc:
                        raise self._died(f"took no request ({exc})") from exc
                    self.forked += 1
                theirs.close()
                request = {"argv": list(args), "cwd": str(cwd), "env": dict(env)}
                try:
                    mine.sendall(json.dumps(request).encode("utf-8"))
                    mine.shutdown(socket.SHUT_WR)
                    reply = _read_all(mine)
                except OSError as exc:
                    raise self._died(f"dropped a build ({exc})") from exc
            finally:
                mine.close()
                theirs.close()
                os.close(stdin)
            try:
                answer = json.loads(reply)
            except ValueError:
                raise self._died(f"ended a build without its exit status (reply {reply[:200]!r})") from None
            if "error" in answer:
                raise ValueError(answer["error"])
            return subprocess.CompletedProcess(
                [self._python, "-m", "sphinx", *args], answer["returncode"], _text(out), _text(err))

    def _started(self) -> socket.socket:
        """The control socket of a running server, starting it the first time (under the lock)."""
        if self._control is not None:
            return self._control
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # The socket :meth:`command`'s clients connect to, listening before the server starts (a
        # client's connection waits in the backlog while the server imports). A short path in the
        # temporary directory: a Unix socket's path has at most 107 bytes.
        self._socket_dir = tempfile.mkdtemp(prefix="zygote-")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(f"{self._socket_dir}/socket")
        listener.listen(16)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - read by _died, closed with this process
        # From the repository, as conftest runs ``python -m sphinx`` (sys.path[0] is set to it).
        fds = [theirs.fileno(), listener.fileno()]
        self._proc = subprocess.Popen(
            [self._python, __file__, *map(str, fds)], pass_fds=fds, cwd=self._cwd,
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, env=self._started_env)
        theirs.close()
        listener.close()
        self._control = mine
        atexit.register(self.close)
        return mine

    def _died(self, what: str) -> ZygoteError:
        """The error for a server that *what*, with its exit status and log."""
        assert self._proc is not None and self._log is not None
        try:
            status = self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            state = f"is still running (pid {self._proc.pid}) but"
        else:
            state = f"(pid {self._proc.pid}) ended with exit status {status} and"
        self._log.seek(0)
        log = self._log.read().decode("utf-8", "replace")[-4000:]
        return ZygoteError(f"the sphinx-build fork server of this test process {state} {what}; its log:\n{log}")

    def close(self) -> None:
        """End the server: it reads end-of-file on the control socket and exits (builds under way
        finish first, as ``subprocess.run`` would have waited for them). In a copy of the process
        that made this object (``os.fork``), only that copy's end of the socket is closed."""
        with self._lock:
            if self._control is None:
                return
            self._control.close()
            self._control = None
            if os.getpid() != self._owner:  # a fork's copy: its end of the socket closed, nothing else
                return
            assert self._proc is not None
            try:
                self._proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._socket_dir is not None:
                shutil.rmtree(self._socket_dir, ignore_errors=True)


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _text(file: BinaryIO) -> str:
    """What ``subprocess.run(text=True)`` makes of the bytes written to *file*."""
    file.seek(0)
    text = file.read().decode(locale.getpreferredencoding(False))
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- The server ------------------------------------------------------------------------------------


def preload() -> None:
    """Import what the server imports before it forks: :data:`PRELOADED` and Sphinx's built-in extensions."""
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)
    from sphinx.application import builtin_extensions

    for name in builtin_extensions:
        importlib.import_module(name)


def serve(control: socket.socket, listener: socket.socket) -> None:
    """Import :data:`PRELOADED`, then fork a handler for each request (on *control* from the test
    process, or a client's connection to *listener*) until end-of-file on *control*."""
    import importlib.util

    preload()
    import sphinx.locale

    global _SPHINX_MAIN
    spec = importlib.util.find_spec("sphinx.__main__")  # found, not imported: it runs main
    assert spec is not None and spec.origin is not None
    _SPHINX_MAIN = spec.origin

    missing = [f"{module}.{name}" for module, name in _RECOMPUTED if not hasattr(sys.modules.get(module), name)]
    if missing:  # each child recomputes them (_recompute_import_time_values)
        raise SystemExit(f"zygote: values computed at import are no longer where they were: {missing}")
    if sphinx.locale.translators:  # a catalog loaded: class-level words would no longer be lazy
        raise SystemExit(f"zygote: a catalog was loaded while importing: {sorted(sphinx.locale.translators)}")
    gc.freeze()  # the imported objects stay out of the collector: fewer pages copied in each child
    while True:
        _reap(block=False)
        ready, _, _ = select.select([control, listener], [], [])
        if listener in ready:
            connection, _ = listener.accept()
            _fork_handler(control, listener, connection, [])
            connection.close()
        if control in ready:
            message, fds, _flags, _address = socket.recv_fds(control, 16, _FDS)
            if not message:  # the test process closed its end, or died: let the builds under way finish
                _reap(block=True)
                # The socket's directory too, which a test process killed outright leaves behind.
                path = listener.getsockname()
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    os.rmdir(os.path.dirname(path))
                return
            if len(fds) != _FDS:
                raise SystemExit(f"zygote: a request came with {len(fds)} file descriptors, not {_FDS}")
            stream = socket.socket(fileno=fds[0])
            _fork_handler(control, listener, stream, fds[1:])
            stream.close()
            for fd in fds[1:]:
                os.close(fd)


def _fork_handler(control: socket.socket, listener: socket.socket, stream: socket.socket, fds: list[int]) -> None:
    """Fork a handler for the request on *stream* (its streams *fds*, or, from a client, sent first
    on *stream*); returns in the server only."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.fork() == 0:
        control.close()
        listener.close()
        _handle(stream, fds)


def _reap(*, block: bool) -> None:
    """Wait for the handlers that have ended (all of them if *block*). Waited for, not left to the
    kernel (``SIGCHLD`` ignored): only a waited-for child's CPU time is added to its parent's, and so
    to the test run's (``time``, ``getrusage(RUSAGE_CHILDREN)``)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _handle(stream: socket.socket, fds: list[int]) -> None:
    """In a handler: read the request, fork the build, wait for it, reply; never returns."""
    code = 1
    try:
        with stream:
            if not fds:  # a client's: its stdin, stdout and stderr come with the first bytes
                message, fds, _flags, _address = socket.recv_fds(stream, len(_CLIENT_HELLO), 3)
                if message != _CLIENT_HELLO or len(fds) != 3:
                    raise RuntimeError(f"a client sent {message!r} with {len(fds)} file descriptors")
            request = json.loads(_read_all(stream))
            changed = changed_startup_variables(request["env"], os.environ)  # (the server's own, unchanged)
            if changed:
                stream.sendall(json.dumps({"error": f"{', '.join(changed)}: read when an interpreter starts, "
                                                    "which a forked build does not"}).encode())
                os._exit(0)
            pid = os.fork()
            if pid == 0:
                stream.close()
                _build(request, fds)
            for fd in fds:
                os.close(fd)
            _, status = os.waitpid(pid, 0)
            stream.sendall(json.dumps({"pid": pid, "returncode": os.waitstatus_to_exitcode(status)}).encode())
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stderr.flush()
        os._exit(code)


def _build(request: dict[str, Any], fds: list[int]) -> None:
    """In the build child: become ``python -m sphinx ARGV`` in the request's directory and environment."""
    code: Any = 1
    try:
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        # New stream objects on the new descriptors, in the encodings the server was started with.
        sys.stdin = open(0, encoding=sys.stdin.encoding, closefd=False)  # noqa: SIM115
        sys.stdout, sys.stderr = _stream(1, sys.stdout), _stream(2, sys.stderr)
        # The originals too, as in an interpreter: the server's, left there, would keep what is written
        # to them (sys.__stderr__ by a crash report, a handler made at import) in buffers os._exit drops.
        sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr  # type: ignore[misc]
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        _recompute_import_time_values()
        # What ``python -m sphinx ARGV`` sets: the module's file as argv[0], the directory first on the path.
        sys.argv = [_SPHINX_MAIN, *request["argv"]]
        if not sys.flags.safe_path:  # (PYTHONSAFEPATH, -P: no directory in front, the first entry is the stdlib's)
            sys.path[0] = os.getcwd()
        import sphinx.__main__  # noqa: F401 - runs sphinx.cmd.build.main and raises SystemExit
        code = 0
    except SystemExit as exc:
        code = exc.code
    except BaseException:
        traceback.print_exc()
    _exit(code)


def _stream(fd: int, like: Any) -> io.TextIOWrapper:
    """A standard stream on *fd* as an interpreter makes it (``create_stdio``), in the encoding of
    *like* (the server's own stream): unbuffered if *like* is (``PYTHONUNBUFFERED`` or ``-u`` when
    the server started; ``sys.flags`` does not say), else block-buffered, by line on a terminal and
    always for stderr."""
    raw = io.FileIO(fd, "w", closefd=False)
    unbuffered = isinstance(like.buffer, io.FileIO)
    return io.TextIOWrapper(raw if unbuffered else io.BufferedWriter(raw), encoding=like.encoding, errors=like.errors,
                            line_buffering=not unbuffered and (fd == 2 or raw.isatty()), write_through=unbuffered)


def _recompute_import_time_values() -> None:
    """In the build child, after its environment is the request's: what the server's imports computed
    from its clock and environment, computed again as the build's own import of them would.

    Found by importing :data:`PRELOADED` in two interpreters with different ``SOURCE_DATE_EPOCH``,
    ``TZ`` and ``COLUMNS`` and comparing their modules' values: the time zone (the C library's and
    ``time.timezone``/``tzname``, read from ``TZ``), the gettext builder's POT-Creation-Date
    (``SOURCE_DATE_EPOCH`` or the clock at import), the HTTP date parser's offset, the console width.
    Each name is checked to exist when the server starts (:func:`serve`): an upgrade that moves one
    fails loudly.
    """
    import sphinx.builders.gettext
    import sphinx.util.console
    import sphinx.util.http_date

    time.tzset()
    epoch = os.getenv("SOURCE_DATE_EPOCH")  # (the expressions of each module, as they run at import)
    timestamp = time.gmtime(float(epoch)) if epoch is not None else time.localtime()
    sphinx.builders.gettext.timestamp = timestamp
    sphinx.builders.gettext.ctime = time.strftime("%Y-%m-%d %H:%M%z", timestamp)
    sphinx.util.http_date._GMT_OFFSET = float(time.localtime().tm_gmtoff)
    sphinx.util.console._tw = sphinx.util.console.get_terminal_width()


#: The module values :func:`_recompute_import_time_values` sets, as ``(module, name)``.
_RECOMPUTED = (("sphinx.builders.gettext", "timestamp"), ("sphinx.builders.gettext", "ctime"),
               ("sphinx.util.http_date", "_GMT_OFFSET"), ("sphinx.util.console", "_tw"))


def _exit(code: Any) -> None:
    """End as an interpreter ends on ``SystemExit(code)``: the threads that are not daemons joined
    (what ``threading`` registered for then, too), exit handlers, flushed streams, status."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    try:
        threading._shutdown()  # type: ignore[attr-defined]  # (as multiprocessing's children end too)
        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # a closed stream must not change the status
                stream.flush()
        os._exit(status & 0xFF)


def client(path: str, argv: Sequence[str]) -> int:
    """``python -m sphinx ARGV`` forked by the server listening at *path*, with this process's
    directory, environment and standard streams: its exit status (``-N`` for signal N, of which
    :func:`_end_as` then kills this process), or 1 after saying on stderr why the server could not
    run it."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(path)
            socket.send_fds(connection, [_CLIENT_HELLO], [0, 1, 2])
            request = {"argv": list(argv), "cwd": os.getcwd(), "env": dict(os.environ)}
            connection.sendall(json.dumps(request).encode("utf-8"))
            connection.shutdown(socket.SHUT_WR)
            reply = _read_all(connection)
    except OSError as exc:
        print(f"zygote client: the sphinx-build fork server at {path} is not running ({exc})", file=sys.stderr)
        return 1
    try:
        answer = json.loads(reply)
    except ValueError:
        print(f"zygote client: the fork server at {path} ended the build without its exit status", file=sys.stderr)
        return 1
    if "error" in answer:
        print(f"zygote client: {answer['error']}", file=sys.stderr)
        return 1
    code: int = answer["returncode"]
    return code


def _end_as(code: int) -> None:
    """End this process with *code* as the build ended: exit status, or death by signal ``-code``
    (the default action restored first), so that its parent (``make``) sees what a killed
    sphinx-build shows; 128 + N, as a shell reports it, if the signal does not end it."""
    if code < 0:
        import signal

        sys.stdout.flush()
        sys.stderr.flush()
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        code = 128 - code
    raise SystemExit(code)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--client"]:  # python -I -S tests/zygote.py --client PATH ARGV...
        _end_as(client(sys.argv[2], sys.argv[3:]))
    # ``python tests/zygote.py CONTROL LISTENER``, started by Zygote from the repository: as
    # ``python -m sphinx`` there, the first entry of the module path is that directory, not tests/.
    if not sys.flags.safe_path:  # (under PYTHONSAFEPATH the script's directory was not put there either)
        sys.path[0] = os.getcwd()
    serve(socket.socket(fileno=int(sys.argv[1])), socket.socket(fileno=int(sys.argv[2])))
