"""A book's own status mark (``briefing_status_marks`` in conf.py) in the edition's language.

conf.py's texts are translated from the book's ``conf.po`` (conf_catalog.py) before the toolkit
reads them, so the mark the book writes ("likely, single source") is shown translated wherever the
toolkit puts it: the card's status line, every mention, its hover text and the relationship map.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, copy_root, parsed_page

MARK = "likely, single source"
TRANSLATIONS = {"de": "wahrscheinlich, eine Quelle", "ja": "可能性が高い・単一の情報源"}


@pytest.mark.parametrize("language", ["de", "ja"])
def test_book_status_mark_translated_from_conf_po(tmp_path: Path, language: str) -> None:
    src = copy_root("i18n", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"briefing_status_marks = {{'likely': {MARK!r}}}\n",
                    encoding="utf-8")
    po = src / "locale" / language / "LC_MESSAGES" / "conf.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "{MARK}"\nmsgstr "{TRANSLATIONS[language]}"\n', encoding="utf-8")
    built = build(src, "html", confoverrides={"language": language})
    outdir, warnings = built.outdir, built.warnings
    assert "WARNING" not in warnings
    shown = TRANSLATIONS[language]
    people = parsed_page(outdir, "people")
    card = people.select_one("#person-kishida .briefing-status-line")
    assert card is not None and shown in card.get_text()
    for name in ("people", "facts", "listings"):
        # The page with its links' hover texts, as briefing.js fills them from the hover-text file.
        html = str(parsed_page(outdir, name))
        assert MARK not in html, name  # no mention, hover text or map label left in English
    assert MARK not in (outdir / "_static" / "briefing-hovers.js").read_text(encoding="utf-8")
    listings = str(parsed_page(outdir, "listings"))
    assert listings.count(shown) >= 3  # who-is-who, hover text, relationship map
