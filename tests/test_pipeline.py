"""The pipeline table (``core/pipeline.py``) is the only source of the extension's priorities.

Read from the package's source (``ast``): every ``default_priority`` is ``priority("name")`` and
every ``app.connect`` passes ``priority=priority("name")``, with a name the table has; a bare number
fails. Read from a finished build: every transform, post-transform and event handler the package
registered runs at the table's priority, every step of the one walk is connected, and the
post-transforms that only look at briefing nodes are gone into that walk.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOTS, build
from sphinx_briefing.core import pipeline
from sphinx_briefing.core.walk import WALK_EVENT

PACKAGE = Path(pipeline.__file__).resolve().parent.parent
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _priority_name(node: ast.expr) -> str | None:
    """``priority("name")`` -> "name"; anything else (a number, an expression) -> None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "priority"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _places() -> list[tuple[str, int, str, ast.expr | None]]:
    """(module, line, what, priority expression) for every priority the package's source gives."""
    found: list[tuple[str, int, str, ast.expr | None]] = []
    for path in SOURCES:
        module = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "default_priority" for t in node.targets
            ):
                found.append((module, node.lineno, "default_priority", node.value))
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                  and node.func.attr == "connect" and module != "core/walk.py"):
                given = next((k.value for k in node.keywords if k.arg == "priority"), None)
                found.append((module, node.lineno, "connect", given))
    return found


def test_every_priority_in_the_source_comes_from_the_table() -> None:
    names = {place.name for place in pipeline.PIPELINE}
    bare = [f"{module}:{line} {what}" for module, line, what, expr in _places()
            if expr is None or _priority_name(expr) not in names]
    assert not bare, "priorities not taken from core/pipeline.py: " + ", ".join(bare)
    assert len(_places()) >= 40  # the scan sees the package (transforms and handlers alike)


def test_a_bare_number_is_caught(tmp_path: Path) -> None:
    """The scan above would fail on a module that sets a number itself."""
    tree = ast.parse("class T:\n    default_priority = 5\n")
    assign = next(n for n in ast.walk(tree) if isinstance(n, ast.Assign))
    assert _priority_name(assign.value) is None
    call = ast.parse('priority("listings")').body[0].value  # type: ignore[attr-defined]
    assert _priority_name(call) == "listings"


def test_the_table_names_each_place_once_with_a_reason() -> None:
    names = [place.name for place in pipeline.PIPELINE]
    assert len(names) == len(set(names))
    for place in pipeline.PIPELINE:
        assert place.reason.strip(), place.name
        assert bool(place.event) == (place.stage == "handler"), place.name
    with pytest.raises(KeyError):
        pipeline.priority("no-such-step")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    result = build(ROOTS / "test-basic", builddir=tmp_path_factory.mktemp("pipeline"))
    assert result.returncode == 0, result.warnings
    return result.app


def _ours(obj: object) -> bool:
    return getattr(obj, "__module__", "").startswith("sphinx_briefing")


def test_registered_transforms_run_at_the_table_priority(app) -> None:  # type: ignore[no-untyped-def]
    rows = {place.priority for place in pipeline.PIPELINE if place.stage in ("transform", "post-transform")}
    ours = [t for t in [*app.registry.get_transforms(), *app.registry.get_post_transforms()] if _ours(t)]
    assert ours
    for transform in ours:
        assert transform.default_priority in rows, transform
    names = {t.__name__ for t in ours}
    # The post-transforms that only look at briefing nodes are steps of the one walk now.
    assert "BriefingWalk" in names
    # (The leaflet's two stay post-transforms of their own: they take sentences and list items apart,
    # which the walk's node-by-node steps do not do; they run on the leaflet builders only.)
    gone = {"ListingResolver", "RelationshipMapResolver", "DropShadowedAnchors", "QuoteRefText", "FactValueText",
            "IntersphinxDisplayText", "DropMessages", "ListingCellLabels"}
    assert not names & gone
    # After resolving, the mentions' words and the banners' titles share one walk, and smart quotes,
    # bare URLs and archive links another (the final one), instead of a walk each.
    assert {"ResolvedWalk", "FinalWalk"} <= names
    assert not names & {"SpellOutFirstMention", "ShortFormAfterFirstMention", "PillarTitleUnderItsHeading",
                        "EducateResolvedText", "MarkBareURLs"}


def test_event_handlers_and_walk_steps_are_the_tables(app) -> None:  # type: ignore[no-untyped-def]
    by_event: dict[str, set[int]] = {}
    for place in pipeline.PIPELINE:
        if place.stage == "handler":
            by_event.setdefault(place.event, set()).add(place.priority)
    connected = 0
    for event, listeners in app.events.listeners.items():
        for listener in listeners:
            if event == WALK_EVENT or not _ours(listener.handler):
                continue
            connected += 1
            assert listener.priority in by_event.get(event, set()), (event, listener.handler)
    assert connected >= 25
    steps = {listener.handler.__name__.removeprefix("walk step ") for listener in app.events.listeners[WALK_EVENT]}
    assert steps == {place.name for place in pipeline.PIPELINE if place.stage == "walk"}
    # Run (by priority, ties in registration order, as Sphinx emits) in the table's order.
    run = sorted(app.events.listeners[WALK_EVENT], key=lambda listener: listener.priority)
    assert [listener.handler.__name__.removeprefix("walk step ") for listener in run] == [
        place.name for place in pipeline.PIPELINE if place.stage == "walk"
    ]
