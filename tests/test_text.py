"""An object's text in ``briefing.json`` (and in the quote listings) is the text as rendered.

A body's roles were flattened to their targets ("In office since in-office-since; see report").
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import RootBuilds, build, parsed_page
from test_builders import write_book

PAGE = """# Page

```{source} report
:title: Example report
```

```{factbox} ministries
:value: 12
:label: Ministries overseen
:source: report
```

```{person} berg
:name: Anna Berg
:role: Minister

Oversees {fact}`ministries` ministries; see {source}`report` and {person}`her <berg>`.
```

```{briefing-quote}
:by: berg
:source: report

We met {person}`berg` with {fact}`ministries` ministers.
```

```{quote-index}
```
"""


def test_export_text_is_the_rendered_text(tmp_path: Path, built_root: RootBuilds) -> None:
    src = write_book(tmp_path / "src", {"index.md": PAGE})
    outdir = built_root(src)
    data = json.loads((outdir / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["person"]["berg"]["text"] == "Oversees 12 ministries; see Example report and her."
    (quote,) = data["objects"]["quote"].values()
    assert quote["text"] == "We met Anna Berg with 12 ministers."
    soup = parsed_page(outdir, "index")
    listing = soup.select_one(".briefing-quote-index")
    assert listing is not None and "We met Anna Berg with 12 ministers." in listing.get_text()


def test_export_text_follows_a_changed_value(tmp_path: Path) -> None:
    src = write_book(tmp_path / "src", {
        "index.md": "# Index\n\n```{toctree}\nfacts\n```\n\n" + PAGE.split("```{factbox}")[0]
        + PAGE[PAGE.index("```{person}"):],
        "facts.md": "# Facts\n\n```{factbox} ministries\n:value: 12\n:label: Ministries overseen\n"
        ":source: report\n```\n",
    })
    out = tmp_path / "out"
    # (the first build in this process, the environment sphinx-build leaves; the rebuild a process)
    assert build(src, builddir=out, options=("-n", "-W"), fresh=False, like_subprocess=True).returncode == 0
    (src / "facts.md").write_text((src / "facts.md").read_text().replace(":value: 12", ":value: 13"))
    assert build(src, builddir=out, subprocess=True, options=("-n", "-W"), fresh=False).returncode == 0
    data = json.loads((out / "html" / "briefing.json").read_text(encoding="utf-8"))
    assert data["objects"]["person"]["berg"]["text"] == "Oversees 13 ministries; see Example report and her."
