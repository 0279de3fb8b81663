"""``sphinx-briefing new DIR``: start a separate briefing book project that builds at once.

The project is written from ``templates/new-book/``: files ending in ``.jinja`` are rendered with
the answers (title, occasion, date, venue, language, author), the others are copied as they are, and
a leading ``dot-`` becomes ``.`` (``dot-gitignore`` → ``.gitignore``: packaging tools skip files
whose names start with a dot). The command writes only into a new or empty directory.

Exit status: 0 written; 2 usage error or a directory that is not empty (nothing is written then).

The same command's ``diff`` subcommand compares two editions (:mod:`sphinx_briefing.changes.report`).
"""

from __future__ import annotations

import argparse
import datetime
import re
import shlex
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from .. import __version__

TEMPLATES = Path(__file__).parent / "templates" / "new-book"

#: answer -> (prompt, default); the order in which the command asks.
QUESTIONS: dict[str, tuple[str, str]] = {
    "title": ("Title of the book", "A briefing book"),
    "occasion": ("Occasion (the event it prepares for)", ""),
    "date": ("Date of the occasion: YYYY-MM-DD (printed in the book's language), or text as printed", ""),
    "venue": ("Venue", ""),
    "language": ("Language of the book (Sphinx language code)", "en"),
    "author": ("Author or compiling office", "The authors"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sphinx-briefing",
        description="Tools for briefing books built with Sphinx.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    new = commands.add_parser(
        "new",
        help="start a new briefing book in DIR",
        description="Write a new briefing book project (pages, conf.py, Makefile, Read the Docs "
        "configuration) into DIR, which must be new or empty. Asks for each answer not given as "
        "a flag, unless --no-input.",
    )
    new.add_argument("directory", metavar="DIR", type=Path, help="a new or empty directory")
    for name, (prompt, default) in QUESTIONS.items():
        new.add_argument(f"--{name}", help=f"{prompt} (default: {default!r})")
    new.add_argument(
        "--languages",
        help="the book's editions as language codes, the original first, e.g. 'en,de' (default: "
        "the book's language alone); conf.py and the Makefile get the translation workflow",
    )
    new.add_argument(
        "--requirement",
        help="the line of requirements.txt that installs the toolkit, e.g. a git URL until "
        f"sphinx-briefing is published (default: 'sphinx-briefing[docx,live]=={__version__}')",
    )
    new.add_argument("--no-input", action="store_true", help="ask nothing; use flags and defaults")
    # The comparison of two editions lives with the changes it also shows in a build.
    from ..changes import report

    report.add_parser(commands)
    return parser


def _answers(args: argparse.Namespace, ask: Callable[[str], str]) -> dict[str, str]:
    answers = {}
    for name, (prompt, default) in QUESTIONS.items():
        given = getattr(args, name)
        if given is None and not args.no_input:
            shown = f" [{default}]" if default else ""
            given = ask(f"{prompt}{shown}: ").strip()
        answers[name] = given or default
    return answers


def date_literal(answer: str) -> str:
    """The Python literal conf.py gets for a date answer.

    ``"2030-04-01"`` becomes ``datetime.date(2030, 4, 1)``, which the book prints in its own language
    through Babel ("1 April 2030", "1. April 2030"); anything else ("spring 2030") stays the text typed.
    """
    try:
        day = datetime.date.fromisoformat(answer)
    except ValueError:
        return repr(answer)
    return f"datetime.date({day.year}, {day.month}, {day.day})"


def slug(title: str) -> str:
    """A file name for the PDF and EPUB: ``"Testland: talks 2030"`` → ``"testland-talks-2030"``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words)[:60].strip("-") or "briefing-book"


def editions(answer: str | None, language: str) -> list[str]:
    """The book's editions from ``--languages``: ``"en,de"`` → ``["en", "de"]``, the original first.

    Without the flag the book has one edition, in *language*. The book's language must be among the
    editions, and comes first: it is the original the others translate.

    :raises ValueError: for a code that is not a language tag, or a list without the book's language.
    """
    codes = [code.strip() for code in (answer or language).split(",") if code.strip()]
    for code in codes:
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", code):
            raise ValueError(f"{code!r} is not a language code (such as 'en', 'de', 'pt_BR')")
    if language not in codes:
        raise ValueError(f"the book's language {language!r} is not among --languages {answer!r}")
    codes.remove(language)
    return [language, *dict.fromkeys(codes)]


def render(target: Path, answers: dict[str, str], requirement: str, languages: Sequence[str] = ()) -> list[Path]:
    """Write the project into *target* (new or empty); return the files written, sorted."""
    year = datetime.date.today().year
    context = {
        **answers,
        "copyright": f"{year}, {answers['author']}",
        "date_literal": date_literal(answers["date"]),
        "pdf_subject": ", ".join(v for v in (answers["occasion"], answers["venue"], answers["date"]) if v),
        "requirement": requirement,
        "languages": list(languages) or [answers["language"]],
        "slug": slug(answers["title"]),
        "version": __version__,
    }
    env = Environment(keep_trailing_newline=True, undefined=StrictUndefined, autoescape=False)
    env.filters["py"] = repr  # a Python literal for conf.py: quotes and backslashes stay text
    written = []
    for source in sorted(TEMPLATES.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(TEMPLATES)
        name = relative.name.removesuffix(".jinja")
        if name.startswith("dot-"):
            name = "." + name.removeprefix("dot-")
        destination = target / relative.parent / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.name.endswith(".jinja"):
            text = env.from_string(source.read_text(encoding="utf-8")).render(context)
            destination.write_text(text, encoding="utf-8")
        else:
            destination.write_bytes(source.read_bytes())
        written.append(destination)
    return sorted(written)


def new(args: argparse.Namespace, ask: Callable[[str], str] = input) -> int:
    target: Path = args.directory
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "is not a directory" if not target.is_dir() else "is not empty"
        print(
            f"sphinx-briefing new: {target} {what}; nothing was written. "
            "Give a new or empty directory.",
            file=sys.stderr,
        )
        return 2
    answers = _answers(args, ask)
    try:
        languages = editions(args.languages, answers["language"])
    except ValueError as error:
        print(f"sphinx-briefing new: --languages: {error}; nothing was written.", file=sys.stderr)
        return 2
    requirement = args.requirement or f"sphinx-briefing[docx,live]=={__version__}"
    target.mkdir(parents=True, exist_ok=True)
    written = render(target, answers, requirement, languages)
    print(f"Wrote the briefing book {answers['title']!r} to {target} ({len(written)} files).")
    # Shell-quoted, so the line can be pasted as it is for a directory with spaces, quotes or "$".
    print(f"Next: cd {shlex.quote(str(target))} && make html   (then make epub, make latexpdf, make livehtml)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The ``sphinx-briefing`` console command."""
    args = _parser().parse_args(argv)
    if args.command == "new":
        try:
            return new(args)
        except (EOFError, KeyboardInterrupt):
            print("\nsphinx-briefing new: cancelled; nothing was written.", file=sys.stderr)
            return 2
    if args.command == "diff":
        from ..changes import report

        return report.run(args)
    return 2  # argparse requires a command; not reached


if __name__ == "__main__":
    sys.exit(main())
