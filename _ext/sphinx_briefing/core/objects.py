"""The directive of every object kind, driven by the kind's declaration (:mod:`.kinds`).

:func:`~sphinx_briefing.core.registry.register_kind` binds this class (or a kind's subclass of it) to one
:class:`~sphinx_briefing.core.kinds.Kind`. The declared options give the option spec and the checks: the
directive validates the argument and options, warns once per problem with file and line, stores the
record in the Domain and keeps rendering whatever it can, so that no author text is lost because of
one bad option. Without an overridden :meth:`BriefingObjectDirective.render` it draws a plain card:
the object's name, then one field per option.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..i18n import catalog as i18n
from ..i18n.catalog import _, format_date, parse_date
from ..i18n.catalog import label as label_text
from . import status
from .diagnostics import Problem, warn
from .domain import get_domain, report_duplicate
from .kinds import NOT_SHOWN, OFFICE_CLASS, OFFICE_LABEL_CLASS, office_label
from .locations import opening_line
from .model import ID_PATTERN, LANGUAGE_TAG, Record, anchor_of
from .options import OptionSpec, flag, id_list, read_options
from .options import text as _text
from .text import template_of
from .walk import Walk, add_step

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .kinds import Kind, Option

#: Only these schemes become links; anything else (``javascript:`` …) is shown as text.
SAFE_SCHEMES = ("https://", "http://")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: What a browser drops before it reads a URL's scheme: leading C0 controls and spaces, and tabs and
#: line breaks anywhere (WHATWG URL standard), so "java\tscript:" is a javascript: URL.
_IGNORED_LEADING = "".join(map(chr, range(0x21)))
_IGNORED_INSIDE = re.compile(r"[\t\n\r]")


def safe_url(url: str, *, relative: bool = True) -> bool:
    """Whether *url* may become a link: an ``http``/``https`` address, or (if *relative*) one without
    a scheme. ``javascript:``, ``data:``, ``vbscript:``, ``file:`` … are not, however they are spelled
    (upper case, a leading space or control character, a tab inside the scheme)."""
    cleaned = _IGNORED_INSIDE.sub("", url).lstrip(_IGNORED_LEADING)
    match = _SCHEME.match(cleaned)
    if match is None:
        return relative
    return match.group(1).lower() in ("http", "https")


#: A clock time as a source gives it: ``15:30``, ``after 16:30``, ``about 10:00``.
_TIME = re.compile(r"(?:(?:about|after|before|from|until) )?([01]\d|2[0-3]):[0-5]\d")


class BriefingObjectDirective(SphinxDirective):
    """Defines one briefing object: an id argument, the kind's options, and a body."""

    #: Set by :func:`~sphinx_briefing.core.registry.register_kind` on the class it registers.
    kind: ClassVar[Kind]

    has_content = True
    # Even kinds without an id take an (unwanted) argument: with none allowed, docutils would
    # silently make a stray first-line word part of the body, e.g. of a verbatim quotation.
    optional_arguments = 1
    final_argument_whitespace = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            spec: dict[str, Callable[[str | None], Any]] = {
                o.name: id_list if o.many else flag if o.type == "flag" else _text for o in cls.kind.options
            }
            # OptionSpec is a dict; docutils' stub types the converters a little narrower.
            cls.option_spec = OptionSpec({**spec, "no-index": directives.flag})  # type: ignore[assignment]

    # -- the pipeline ------------------------------------------------------------------

    def run(self) -> list[nodes.Node]:
        self.assert_content_allowed()
        ident = self.read_id()
        fields = self.read_options()
        body = self.parse_content_to_nodes(allow_section_headings=False) if self.content else []
        # Where the author wrote it: an included file and its line, or the document's own.
        source, source_line = self.get_source_info()
        # Text options go to translators with this file and line, and are shown translated from the
        # page's catalog (i18n.py); the record keeps the English values as its originals.
        translated = [
            o.name for o in self.kind.options if isinstance(value := fields.get(o.name), str) and o.translates(value)
        ]
        messages = i18n.messages_node(
            (v for k, v in fields.items() if k in translated and isinstance(v, str)), source, source_line or self.lineno
        )
        fields, originals = i18n.translate_fields(self.env, fields, translated)
        record = Record(
            kind=self.kind.name,
            id=ident or "",
            docname=self.env.docname,
            lineno=source_line or self.lineno,
            fields=fields,
            text=self.body_text(body),
            listed="no-index" not in self.options,
            file=source_file(self.env, source),
            originals=originals,
        )
        owner = self.register(record) if ident else None
        node = self.render(record, body)
        # A status other than confirmed heads the card (every mention carries it too: status.py).
        if line := status.status_line(self.config, record):
            node.insert(0, line)
            node["classes"].append(f"briefing-status-{status.status_of(record)}")
        self.set_source_info(node)
        # A duplicate on another page gets its anchor too: should the earlier definition go, it
        # takes the id over without its page being re-read. Until then DropShadowedAnchors removes
        # it at write time. (On the same page, one anchor only: ids are unique within a page.)
        if owner is not None and (owner is record or owner.docname != record.docname):
            # The anchor is given once the whole page is parsed (anchors.ClaimAnchors), so that a
            # heading, label or other id on the page that uses it is seen, whatever comes first.
            node["briefing_anchor"] = record.anchor
            # Lets DropShadowedAnchors check, at write time, that this node still owns the anchor.
            # (The docname is stored: LaTeX resolves one assembled tree for all documents.)
            node["briefing_key"] = (record.kind, record.id, record.docname, record.lineno)
        # The card's labels and values are the extension's and the options' words, not page text.
        i18n.untranslatable(node, keep=body)
        return [messages, node] if messages is not None else [node]

    def get_source_info(self) -> tuple[str, int]:
        source, line = super().get_source_info()
        # MyST can report a directive nested in colon fences one line late (locations.py).
        return source, opening_line(source, line, self.name) or line

    def assert_content_allowed(self) -> None:
        """Hook for directives that require or forbid a body."""

    def body_text(self, body: list[nodes.Node]) -> str:
        # Roles stay markers until every page is read (text.resolve_texts renders them).
        return template_of(body)

    def read_id(self) -> str | None:
        name = self.name
        if not self.kind.has_id:
            return None
        if not self.arguments:
            self.warn(Problem.BAD_ID, f"{name} directive: missing id argument")
            return None
        ident = self.arguments[0]
        if not ID_PATTERN.fullmatch(ident):
            self.warn(
                Problem.BAD_ID,
                f"{name} directive: invalid id {ident!r} "
                "(use lower-case letters, digits and single hyphens, e.g. 'olaf-scholz')",
            )
            return None
        return ident

    def read_options(self) -> dict[str, str | list[str]]:
        fields: dict[str, str | list[str]] = read_options(
            self, self.options_doc(), self.check_option, skip=("no-index",),
            empty_note=lambda option: " (it is required)" if option in self.kind.required else "",
            flags=self.kind.flags,
        )
        for option in self.kind.required:
            declared = self.kind.option(option)
            instead = declared.unless if declared is not None else ""
            # Given-but-empty or rejected values were reported above; an ``unless`` option stands in.
            if option not in self.options and not (instead and instead in self.options):
                hint = f" (or ':{instead}:')" if instead else ""
                self.warn(Problem.MISSING_OPTION, f"{self.name} directive: missing required option {option!r}{hint}")
        if self.kind.needs_source and "source" not in fields and "source" not in self.options:
            self.warn(Problem.NO_SOURCE, f"{self.name} directive: no source given (add ':source: <source id>')")
        return fields

    def check_option(self, option: str, value: Any) -> str | list[str] | None:
        """Validate one option value by its declared type; warn when it is malformed.

        A malformed value is still kept (and shown): the author's text is not lost, and the
        warning says what to fix. Return None (after warning) to drop a value instead.
        """
        declared = self.kind.option(option)
        if declared is None or declared.link:
            return value  # type: ignore[no-any-return,unused-ignore]
        where = f"{self.name} directive: option {option!r}"
        if declared.type == "date" and parse_date(value) is None:
            self.warn(Problem.BAD_DATE, f"{where} must be a date as YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD "
                                         f"(a day without its year), not {value!r}")
        elif declared.type == "time" and not _TIME.fullmatch(value):
            self.warn(
                Problem.BAD_VALUE,
                f"{where} must be a time as HH:MM (24-hour clock; 'about', 'after', 'before', 'from' "
                f"or 'until' may come first), not {value!r}",
            )
        elif declared.type == "url" and not value.startswith(SAFE_SCHEMES):
            self.warn(Problem.BAD_URL, f"{where} must start with https:// or http://")
        elif declared.type == "choice" and value not in declared.choices:
            self.warn(Problem.BAD_VALUE, f"{where} must be one of {', '.join(declared.choices)}, not {value!r}")
        elif declared.type == "language" and not LANGUAGE_TAG.fullmatch(value):
            # A malformed tag would reach the HTML as lang="…" and mislead screen readers: dropped.
            self.warn(Problem.BAD_VALUE, f"{where} must be a language tag such as 'de', 'ja' or 'zh-Hant', "
                                         f"not {value!r}")
            return None
        return value  # type: ignore[no-any-return,unused-ignore]

    @classmethod
    def options_doc(cls) -> list[str]:
        return [*(o.name for o in cls.kind.options), "no-index"]

    def register(self, record: Record) -> Record:
        """Store *record* in the Domain; return the record owning its id (itself, or an earlier one)."""
        if clash := get_domain(self.env).add(record):
            owner, duplicate = clash
            report_duplicate(self.env, duplicate, owner)
            return owner
        return record

    def render(self, record: Record, body: list[nodes.Node]) -> nodes.Element:
        """The card: the object's name, one field per option that has a value, then the body.

        Override it for a card of the kind's own design; keep :meth:`card` as the outer node so
        that the shared classes and the LaTeX target stay.
        """
        heading = nodes.paragraph("", "", classes=["briefing-object-title"])
        heading += nodes.strong("", self.kind.display_of(record))
        details = nodes.field_list(classes=["briefing-fields"])
        title = next((o.name for o in self.kind.options if o.required and not o.link), None)
        for option in self.kind.options:
            # The status heads the card (run); ``replaces`` is the editor's, for the changes listing.
            if option.name == title or option.name in NOT_SHOWN:
                continue
            if cell := self.option_value(record, option):
                details += field(option.heading, *cell)
        return self.card(heading, *([details] if details.children else []), *body)

    def card(self, *children: nodes.Node) -> nodes.Element:
        """The kind's card node, with the classes ``briefing-<kind>`` and ``briefing-object``.

        The office's own (:attr:`Kind.office`) open with their label and carry ``briefing-office``
        between the two, so that its LaTeX environment sets the box's look before the box opens.
        """
        if not self.kind.office:
            return self.kind.node("", *children, classes=[f"briefing-{self.kind.name}", "briefing-object"])
        mark = nodes.paragraph("", office_label(), classes=[OFFICE_LABEL_CLASS])
        return self.kind.node("", mark, *children,
                              classes=[f"briefing-{self.kind.name}", OFFICE_CLASS, "briefing-object"])

    def option_value(self, record: Record, option: Option) -> list[nodes.Node]:
        """An option's value as nodes: links for ids, a link for a safe URL, else text.

        Empty for a missing option: a card shows only the fields the sources give (a listing marks
        the gap once, :func:`~sphinx_briefing.listings.api.table`).
        """
        value = record.get(option.name)
        if not value or option.type == "flag":  # (a flag marks the presentation; no field)
            return []
        if option.link:
            return self.xref_list(record, option.name)
        if option.type == "url" and value.startswith(SAFE_SCHEMES):
            return [nodes.reference(value, value, refuri=value)]
        if option.type == "date":
            return [nodes.Text(format_date(value) or value)]
        if option.type == "choice":
            return [nodes.Text(_(value))]  # declared values (held, planned): the extension's words
        return [nodes.Text(value)]

    # -- helpers for subclasses ---------------------------------------------------------

    def warn(self, problem: Problem, message: str) -> None:
        warn(problem, message, self.get_location())

    def xref(self, kind: str, target: str, option: str) -> addnodes.pending_xref:
        """A reference to another object named in an option; resolved (and checked) at write time."""
        node = addnodes.pending_xref(
            "",
            nodes.inline(target, target),
            refdomain="briefing",
            reftype=kind,
            reftarget=target,
            refexplicit=False,
            refwarn=True,
            briefing_context=f"{self.name} directive, option {option!r}",
        )
        self.set_source_info(node)
        get_domain(self.env).note_reference(self.env.docname, kind, target)
        return node

    def xref_list(self, record: Record, option: str) -> list[nodes.Node]:
        """Comma-separated references for a list option such as ``leads``."""
        kind = self.kind.links[option]
        out: list[nodes.Node] = []
        for i, target in enumerate(record.get_list(option)):
            if i:
                out.append(nodes.Text(i18n.separator()))
            out.append(self.xref(kind, target, option))
        return out

    def source_line(self, record: Record, label: str = "") -> nodes.paragraph | None:
        source = record.get("source")
        if not source:
            return None
        return nodes.paragraph(
            "", "", nodes.inline("", label or label_text("Source"), classes=["briefing-label"]),
            self.xref("source", source, "source"), classes=["briefing-source-line"],
        )


def source_file(env: BuildEnvironment, path: str) -> str:
    """*path* relative to the source directory, for warnings and the export ("people.md")."""
    return _relative(path, str(env.srcdir))


@functools.lru_cache(maxsize=1024)
def _relative(path: str, srcdir: str) -> str:
    # Once per file, not per object: resolving asks the file system about every path component.
    try:
        return Path(path).resolve().relative_to(Path(srcdir).resolve()).as_posix()
    except ValueError:
        return path


def drop_shadowed_anchors(walk: Walk) -> None:
    """Walk step: take the anchor off an object whose id the Domain gave to an earlier definition.

    A duplicate on another page keeps its anchor in the doctree, so that it can take the id over
    when the earlier definition is deleted (an incremental build then rewrites its page without
    re-reading it); and under ``-j`` a clash is only seen when the processes' data are merged. In
    both cases the anchor must not reach the output while another definition owns the id.
    """

    domain = get_domain(walk.env)
    for node in walk.keyed.values():
        key = node.get("briefing_key")
        if key is None:
            continue
        kind, ident, docname, lineno = key
        owner = domain.get(kind, ident)
        if owner is None or (owner.docname, owner.lineno) != (docname, lineno):
            anchor = anchor_of(kind, ident)
            node["ids"] = [i for i in node["ids"] if i != anchor]
            del node["briefing_key"]


def setup_objects(app: Sphinx) -> None:
    add_step(app, "drop-shadowed-anchors", drop_shadowed_anchors)


def field(label: str, *content: nodes.Node | str) -> nodes.field:
    """One ``label: content`` row of a card's field list; user text goes in as Text nodes."""
    children = [nodes.Text(c) if isinstance(c, str) else c for c in content]
    return nodes.field(
        "",
        nodes.field_name("", label),
        nodes.field_body("", nodes.paragraph("", "", *children)),
    )
