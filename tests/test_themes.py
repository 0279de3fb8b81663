"""The briefing elements keep AA contrast in every HTML theme Sphinx ships and in furo, light and dark.

Themes without a dark mode stay light when the operating system is dark; the briefing accents
must then stay light-mode colours too (they switched to dark-mode pinks on a light box: 2.13:1).
Measured in headless Chromium with the colour scheme emulated, as readers see it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import RootBuilds
from test_browser import CONTRAST_JS, mode_options
from test_builders import write_book

pytestmark = pytest.mark.slow

THEMES = (
    "alabaster", "classic", "nature", "pyramid", "agogo", "bizstyle", "haiku", "scrolls",
    "sphinxdoc", "traditional", "basic", "furo",
)
SELECTOR = (
    ".briefing-person, .briefing-fact, .briefing-pillar, .briefing-source, blockquote.briefing-quote, "
    ".briefing-listing, a.briefing-person-ref, a.briefing-fact-ref"
)

PAGE = """# Contrast

```{source} report
:title: Example report
:publisher: Example publisher
:date: 2023-03-18
:url: https://example.org/report
```

```{person} berg
:name: Anna Berg
:role: Minister
:country: Germany
:native-name: 岸田
:source: report

Met {person}`berg`; trade reached {fact}`volume`.
```

```{factbox} volume
:value: 12.5
:unit: billion units
:label: Bilateral trade volume
:as-of: 2023-03-18
:source: report
```

```{pillar} energy
:title: Energy
:leads: berg
:facts: volume
:source: report

Policy text with {fact}`volume`.
```

```{briefing-quote}
:by: berg
:source: report

Words said.
```

```{who-is-who}
```

```{key-figures}
```
"""


@pytest.fixture(scope="module")
def theme_sites(tmp_path_factory: pytest.TempPathFactory, built_root: RootBuilds) -> dict[str, Path]:
    src = write_book(tmp_path_factory.mktemp("themes") / "src", {"index.md": PAGE})
    return {theme: built_root(src, confoverrides={"html_theme": theme}) / "index.html" for theme in THEMES}


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_briefing_elements_keep_aa_contrast(
    reading_page: Callable[..., Any], theme_sites: dict[str, Path], theme: str, mode: str
) -> None:
    scripts, options = mode_options(mode, 1280)
    page = reading_page(*scripts, **options)  # one context per mode, not one per theme and mode
    page.goto(theme_sites[theme].as_uri(), wait_until="load")
    runs = page.evaluate(CONTRAST_JS, SELECTOR)
    assert len(runs) > 20, runs
    problems = [
        f"{r['text']!r} {r['color']} on {r['bg']}: {r['ratio']:.2f} < {r['needed']}"
        for r in runs if r["ratio"] < r["needed"]
    ]
    assert problems == [], "\n".join(problems)
