"""The package's shape, read from its source with :mod:`ast` (nothing is imported but the layer table).

- No import circle, counting every import: inside functions and ``TYPE_CHECKING`` blocks too, and the
  package ``__init__`` that importing a module runs first.
- Every import follows the layers of :data:`sphinx_briefing.LAYERS` (the table in the package's
  docstring): a module imports from its own unit and from lower layers only.
- Sphinx's and docutils' private attributes are read in ``core/internals.py`` alone.
- A shipped kind's name appears only in its own module (and its companions), apart from the
  exceptions listed here with their reasons.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sphinx_briefing
from conftest import REPO

PACKAGE = REPO / "_ext" / "sphinx_briefing"
NAME = "sphinx_briefing"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> Iterator[tuple[str, int]]:
    """(module of the package, line) for every import statement in module *name*, wherever it is."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target == NAME or target.startswith(NAME + "."):
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    yield (candidate if candidate in MODULES else target), node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == NAME or alias.name.startswith(NAME + "."):
                    yield alias.name, node.lineno


def packages_of(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def graph() -> dict[str, set[str]]:
    """module -> the modules importing it loads: its imports, and their packages' ``__init__``
    (except the importer's own packages, which are loading already)."""
    edges: dict[str, set[str]] = {}
    for name in MODULES:
        own = set(packages_of(name))
        targets: set[str] = set()
        for target, _line in imports(name):
            targets.add(target)
            targets.update(p for p in packages_of(target) if p not in own)
        edges[name] = targets - {name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def unit(name: str) -> tuple[str, int]:
    """The unit (longest entry of LAYERS *name* falls under) and its layer."""
    relative = name.removeprefix(NAME).removeprefix(".")
    best: tuple[str, int] | None = None
    for layer, units in enumerate(sphinx_briefing.LAYERS):
        for entry in units:
            if (entry == "" or relative == entry or relative.startswith(entry + ".")) and (
                best is None or len(entry) > len(best[0])
            ):
                best = (entry, layer)
    assert best is not None, f"{name} is in no layer of sphinx_briefing.LAYERS"
    return best


def test_the_graph_sees_imports_in_functions_and_type_checking_blocks() -> None:
    # The reader itself: registry.py's imports at module level, objects.py's in TYPE_CHECKING.
    assert f"{NAME}.core.domain" in {t for t, _ in imports(f"{NAME}.core.registry")}
    assert f"{NAME}.core.kinds" in {t for t, _ in imports(f"{NAME}.core.objects")}
    # And a circle, made up, is found.
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle() -> None:
    found = cycles(graph())
    assert found == [], "import circles: " + "; ".join(" <-> ".join(c) for c in found)


def test_imports_follow_the_layers() -> None:
    wrong = []
    for name in MODULES:
        own, layer = unit(name)
        for target, line in imports(name):
            their, their_layer = unit(target)
            if their != own and their_layer >= layer:
                wrong.append(f"{MODULES[name].relative_to(REPO)}:{line}: {name} (layer {layer}, "
                             f"{own or 'the package'}) imports {target} (layer {their_layer})")
    assert wrong == [], "\n".join(wrong)


def test_every_subpackage_is_in_a_layer_and_says_what_it_may_import() -> None:
    listed = {entry for units in sphinx_briefing.LAYERS for entry in units}
    for path in PACKAGE.rglob("__init__.py"):
        name = module_name(path).removeprefix(NAME).removeprefix(".")
        if name.count(".") == 0:  # the top-level subpackages (outputs.latex belongs to outputs)
            assert name in listed, f"{name or 'the package'} is not in LAYERS"
            docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert name == "" or "May import:" in docstring, f"{path}: say what it may import"
    # The docstring's table names every unit of LAYERS.
    doc = sphinx_briefing.__doc__ or ""
    for entry in listed - {""}:
        assert f"``{entry}``" in doc, entry


# -- private attributes of Sphinx and docutils ------------------------------------------------------

#: The one module allowed to read them (it names each reason and the Sphinx version).
INTERNALS = PACKAGE / "core" / "internals.py"
_OWN = re.compile(r"_briefing_\w+")  # attributes of our own, set on Sphinx's objects


def private_reads(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own_names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in ("self", "cls")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if isinstance(node.value, ast.Name) and (node.value.id in own_names or node.value.id.isupper()
                                                     or node.value.id.startswith("_")):
                continue  # our own classes' private state (self._x, _Language.code …)
            if not _OWN.fullmatch(node.attr):
                yield f"{path.relative_to(REPO)}:{node.lineno}: .{node.attr}"
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if any(part.startswith("_") for part in node.module.split(".")) and node.module.split(".")[0] in (
                "sphinx", "docutils"
            ):
                yield f"{path.relative_to(REPO)}:{node.lineno}: import {node.module}"
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") in ("getattr", "hasattr", "setattr")
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(attribute := node.args[1].value, str)
            and attribute.startswith("_")
            and not _OWN.fullmatch(attribute)
        ):
            yield f"{path.relative_to(REPO)}:{node.lineno}: getattr {attribute}"


def test_private_attributes_only_in_the_internals_module() -> None:
    found = [hit for path in MODULES.values() if path != INTERNALS for hit in private_reads(path)]
    assert found == [], "\n".join(found)
    # The helper says why, and against which Sphinx.
    text = INTERNALS.read_text(encoding="utf-8")
    assert "CHECKED_AGAINST" in text and re.search(r'CHECKED_AGAINST = "\d+\.\d+\.\d+"', text)
    assert list(private_reads(INTERNALS)), "the check would see a private attribute"


# -- kinds only in their own module -----------------------------------------------------------------

#: kind -> the modules that are its own (its module, and companions that exist for it alone).
OWN_MODULES = {
    "person": {"kinds/people.py"},
    "organisation": {"kinds/organisations.py"},
    "event": {"kinds/events.py"},
    "quote": {"kinds/quotes.py"},
    "fact": {"kinds/facts.py", "kinds/figures.py"},  # figures: {fact-value} in prose
    "pillar": {"kinds/pillars.py"},
    "source": {"kinds/sources.py", "kinds/citations.py"},  # citations: what {source} prints
    "agreement": {"kinds/agreements.py"},
    "position": {"kinds/positions.py"},
    "objective": {"kinds/objectives.py"},
    "point-to-make": {"kinds/points.py"},
}

KIND_MODULES = {relative for modules in OWN_MODULES.values() for relative in modules}

#: (module, kind) -> why the module may name the kind. Each is a known debt or a deliberate core
#: notion; the test fails when one is no longer needed, so the list only shrinks.
EXCEPTIONS = {
    # A source is the core's notion of evidence: Kind.needs_source, the hover card's source line,
    # the {source} role noting inline citations for the source list.
    ("core/objects.py", "source"): "Kind.needs_source: the :source: option every sourced kind has",
    ("core/domain.py", "source"): "the hover card's source line; inline {source} citations",
    # Warning subtypes are public names (suppress_warnings = ["briefing.no-source"]): renaming one
    # would break books' settings.
    ("core/diagnostics.py", "source"): "the subtypes no-source, quote-not-in-source …",
    ("core/diagnostics.py", "quote"): "the subtype quote-not-in-source",
    # The archive checks compare quotations (verbatim) and facts (their figures) with the archived
    # copy of their source: kind-specific checks that should become a declared check per kind.
    ("checks/archive.py", "source"): "archives are kept per source",
    ("checks/archive.py", "quote"): "quotations are checked verbatim against the archive",
    ("checks/archive.py", "fact"): "facts' figures are checked against the archive",
    # The uncited-claim check reads what a reference in a sentence means: a citation, an actor, a figure.
    ("checks/uncited.py", "source"): "a {source} in the sentence is its citation",
    ("checks/uncited.py", "person"): "a {person} in the sentence makes it a named person's act",
    ("checks/uncited.py", "organisation"): "an {organisation} in the sentence makes it a body's act",
    ("checks/uncited.py", "fact"): "a {fact} in the sentence states a figure",
    # The "At a glance" leaflet is a designed page: the pillars' points and the sources they cite.
    ("outputs/latex/leaflet.py", "pillar"): "the leaflet lists the pillars' points",
    ("outputs/latex/leaflet.py", "source"): "the leaflet's own source list",
    ("checks/fences.py", "source"): "Sphinx's event 'source-read', not the kind",
    # The Word edition gives each kind's card parts a named Word style (reference.docx), and turns
    # each citation of a source into a footnote beside the numbered source list.
    ("outputs/docx/pandoc.py", "person"): "a person's name and office as card title and detail styles",
    ("outputs/docx/pandoc.py", "pillar"): "a pillar's title as the card title style",
    ("outputs/docx/pandoc.py", "fact"): "a figure's value as the key figure style",
    ("outputs/docx/pandoc.py", "quote"): "the translation mark and the English original's styles",
    ("outputs/docx/pandoc.py", "source"): "citations as footnotes; the source list numbered",
    ("outputs/docx/__init__.py", "source"): "the footnotes' source entries",
    ("core/pipeline.py", "source"): "Sphinx's event 'source-read' in the pipeline table, not the kind",
    # The changes listing takes :pillar: as key-figures and quote-index do, and groups by it: what a
    # pillar names in its options, or what stands on its page.
    ("changes/listing.py", "pillar"): "the changes listing's :pillar: filter and grouping",
    ("outputs/latex/leaflet.py", "person"): "the leaflet's map of the people who met fills its last page",
    # Print typesetting: a {fact}'s short value never breaks inside; a book may start each pillar on a page.
    ("outputs/latex/typesetting.py", "fact"): "a short figure is kept on one line",
    ("outputs/latex/typesetting.py", "pillar"): "briefing_pillar_pages: each pillar starts a page",
}

#: How code names a kind: ``"person"``, ``"person|organisation"``, an anchor or class such as
#: ``"person-"`` or ``"briefing-source-line"``; prose (a setting's help text) has spaces and is no name.
_KIND = "|".join(OWN_MODULES)
_NAMING = re.compile(rf"(?:[a-z-]*-)?({_KIND})(?:-[a-z-]*)?|({_KIND})(?:\|(?:{_KIND}))+")


def kind_names_in(path: Path) -> Iterator[tuple[str, int]]:
    """(kind, line) for each string in the code (not docstrings, not comments) naming a shipped kind."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                and _NAMING.fullmatch(node.value)):
            for kind in re.findall(rf"(?<![a-z]){_KIND}(?![a-z])", node.value):
                yield kind, node.lineno


def test_kind_names_only_in_their_own_modules() -> None:
    found = []
    used = set()
    for path in MODULES.values():
        relative = path.relative_to(PACKAGE).as_posix()
        for kind, line in kind_names_in(path):
            # A kind's module names its own kind, and the kinds its options link to and its listings
            # show beside its own (a quotation's speaker, a pillar's leads): its declaration.
            if relative in OWN_MODULES[kind] or relative in KIND_MODULES:
                continue
            if (relative, kind) in EXCEPTIONS:
                used.add((relative, kind))
                continue
            found.append(f"{relative}:{line}: names the kind {kind!r}")
    assert found == [], "\n".join(found)
    assert used == set(EXCEPTIONS), f"exceptions no longer needed: {set(EXCEPTIONS) - used}"


@pytest.mark.parametrize("kind", sorted(OWN_MODULES))
def test_own_modules_exist(kind: str) -> None:
    for relative in OWN_MODULES[kind]:
        assert (PACKAGE / relative).is_file()
