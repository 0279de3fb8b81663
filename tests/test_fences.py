"""Silent content loss: a nested fence closing its outer directive is reported, at file:line.

A ``pillar`` opened with three backticks around a nested ```` ```{briefing-quote} ```` ends at the
quote's closing fence; the pillar's own closing fence then opens a code block that swallows the
rest of the page, a later factbox included, and the build passed without a word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import RootBuilds, build
from sphinx_briefing.checks import fences
from test_builders import write_book

SWALLOWED = """# Index

```{source} report
:title: Example report
```

```{pillar} energy
:title: Energy

```{briefing-quote}
:by: berg
:source: report

Words.
```

More text.
```

```{factbox} volume
:value: 12.5
:label: Trade
:source: report
```
"""

SHOWN = """# Index

How a fact is written:

````markdown
```{factbox} volume
:value: 12.5
```
````

```text
```{person} berg
```
"""


def test_swallowed_directive_is_reported_at_its_line(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src", {"index.md": SWALLOWED})
    built = build(src)
    warnings = built.warnings
    line = SWALLOWED.splitlines().index("```{factbox} volume") + 1
    found = [w for w in warnings.splitlines() if "[briefing.nested-fence]" in w]
    assert len(found) == 1, warnings
    assert f"index.md:{line}: WARNING: " in found[0]
    assert "'factbox'" in found[0] and "fence" in found[0] and "backticks" in found[0]


def test_directive_syntax_shown_on_purpose_is_not_reported(tmp_path: Path, built_root: RootBuilds) -> None:
    built_root(write_book(tmp_path / "src", {"index.md": SHOWN}))  # asserts: not one warning


def test_only_a_page_with_a_code_block_is_matched_against_the_directive_names(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pattern of every directive name is made for the swallowing page, not for a page of prose
    (most pages: an edit of one re-reads it, and the pattern took ~4 M instructions to make)."""
    asked: list[str] = []
    names = fences.briefing_directive_names

    def recording(app: Any) -> list[str]:
        asked.append(app.env.docname)
        return names(app)

    monkeypatch.setattr(fences, "briefing_directive_names", recording)
    prose = "# Prose\n\nText with no code block.\n"
    index = SWALLOWED.replace("# Index\n", "# Index\n\n```{toctree}\nprose\n```\n", 1)
    built = build(write_book(tmp_path / "src", {"index.md": index, "prose.md": prose}))
    assert asked == ["index"]
    assert built.warnings.count("[briefing.nested-fence]") == 1, built.warnings
