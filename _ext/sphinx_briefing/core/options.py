"""The one option reader of every briefing directive: objects, listings and the relationship map.

docutils drops a whole directive, content and all, when one option is unknown; an author's text
would be lost for a typo. Each directive's ``option_spec`` is an :class:`OptionSpec`, which lets
every option through (an unknown one marked as :class:`UnknownOption`), and :func:`read_options`
then reports each problem once, located, in the same words for every directive:

- ``briefing.unknown-option``: ``<name> directive: unknown option 'x' (known: a, b)``;
- ``briefing.empty-option``: ``<name> directive: option 'x' is empty``;
- ``briefing.bad-value`` for a value after a flag (``:headline: yes``): ``… takes no value``;

and hands each remaining value to the directive's own check (dates, ids, choices …).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from .diagnostics import Problem, warn

if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective


class UnknownOption(str):
    """Marks a value given for an option the directive does not know."""


class OptionSpec(dict[str, Callable[[str | None], Any]]):
    """An option spec that lets unknown options through, so the directive can warn about them itself.

    docutils and MyST both look converters up with ``spec[name]``; answering instead of raising keeps
    the directive (and its content) alive, where docutils would drop the whole block.
    """

    def __missing__(self, name: str) -> Callable[[str | None], Any]:
        return lambda value: UnknownOption(value or "")


#: C0/C1 control characters (except tab), DEL, U+FFFD (what a NUL or a broken byte becomes on
#: reading) and the non-characters U+FFFE/U+FFFF: invisible in HTML and fatal to LuaTeX ("invalid
#: character", "invalid utf-8 sequence"), so they are dropped from option values (one-line text).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")


def text(value: str | None) -> str:
    """One line of text: control characters dropped, surrounding space stripped."""
    return _CONTROL.sub("", value or "").strip()


#: What a flag option (``:headline:`` alone) is stored as: a record's fields are text.
FLAG_SET = "yes"


def flag(value: str | None) -> str:
    """A flag option's converter: ``:headline:`` alone is set; a value written after it is kept as
    written, for :func:`read_options` to report (a flag takes none)."""
    return text(value) or FLAG_SET


def id_list(value: str | None) -> list[str]:
    """``"scholz, kishida"`` or ``"scholz kishida"`` -> ``["scholz", "kishida"]``."""
    return [item for item in re.split(r"[\s,]+", value or "") if item]


def read_options(
    directive: SphinxDirective,
    known: Collection[str],
    check: Callable[[str, Any], Any] | None = None,
    *,
    skip: Collection[str] = (),
    empty_note: Callable[[str], str] = lambda option: "",
    flags: Collection[str] = (),
) -> dict[str, Any]:
    """The options given to *directive*, each unknown or empty one reported once at its location.

    *known* are the option names the directive takes (any other is unknown; the spec gave it an
    :class:`UnknownOption`); *skip* are flags read elsewhere (``no-index``). *check* gets each other
    value and returns what to keep, or None (after warning) to drop it; *empty_note* adds to the
    empty-option message (" (it is required)"). *flags* are options written alone (``:headline:``):
    each is kept as :data:`FLAG_SET`; a value after one is reported (``briefing.bad-value``) and the
    flag kept set. Returns option name -> kept value, in given order.
    """
    taken = ", ".join(sorted(known))
    known_text = f"known: {taken}" if taken else "it takes none"
    where = f"{directive.name} directive"
    kept: dict[str, Any] = {}
    for option, value in directive.options.items():
        if option in skip:
            continue
        if option not in known:  # (its value is an UnknownOption)
            warn(Problem.UNKNOWN_OPTION, f"{where}: unknown option {option!r} ({known_text})",
                 directive.get_location())
        elif option in flags:
            if text(value) not in ("", FLAG_SET):
                warn(Problem.BAD_VALUE, f"{where}: option {option!r} is a flag and takes no value "
                     f"(write ':{option}:' alone), not {text(value)!r}", directive.get_location())
            kept[option] = FLAG_SET
        elif value in ("", [], None) or (isinstance(value, str) and not value.strip()):
            # Reported as empty even when required: the author wrote the option, so "missing"
            # would send them looking for the wrong mistake.
            warn(Problem.EMPTY_OPTION, f"{where}: option {option!r} is empty{empty_note(option)}",
                 directive.get_location())
        elif (checked := check(option, value) if check else value) is not None:
            kept[option] = checked
    return kept
