"""Editions: the extension's words, dates, numbers, option values and quotations in German and Japanese.

The root tests/roots/test-i18n is a small book with its own ``locale/{de,ja}/LC_MESSAGES/*.po``
(one catalog per page, as the real book). It is built in English, German and Japanese; the tests
read what a reader sees (HTML text, hover text, LaTeX), what a translator gets (the gettext
builder's ``.pot`` with file and line) and what a program gets (``briefing.json``).
"""

from __future__ import annotations

import copy
import json
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import REPO, Build, RootBuilds, build, copy_root, one, parsed_page, require_tool

LOCALE = REPO / "_ext" / "sphinx_briefing" / "i18n" / "locale"
LANGUAGES = ("de", "ja")


def extension_catalog(language: str) -> dict[str, str]:
    """msgid -> msgstr of the shipped catalog of *language*."""
    with (LOCALE / language / "LC_MESSAGES" / "sphinx_briefing.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, built_root: RootBuilds) -> dict[str, Path]:
    """The root built to HTML in en, de and ja (each from its own copy), in one process."""
    return {language: built_root(copy_root("i18n", tmp_path_factory.mktemp(f"i18n-{language}")),
                                 confoverrides={"language": language})
            for language in ("en", *LANGUAGES)}


def reader_text(soup: BeautifulSoup) -> str:
    """The page body's text and hover texts, without the English originals of quotations."""
    body = copy.copy(one(soup, "div.body"))  # its own copy: the page's tree is shared (conftest.parsed_page)
    for original in body.select('[lang="en"]'):
        original.decompose()
    titles = " ".join(str(a.get("title", "")) for a in body.select("[title]"))
    alts = " ".join(str(a.get("alt", "")) + " " + str(a.get("aria-label", "")) for a in body.select("[alt], [aria-label]"))
    return " ".join((body.get_text(" ") + " " + titles + " " + alts).split())


def english_left(text: str, language: str) -> list[str]:
    """The msgids of the extension's catalog that *text* still shows in English.

    A message whose translation is the same word ("Name", "Status" in German) cannot be told
    apart and is skipped; for a message with placeholders, each fixed part of four letters or more
    is looked for.
    """
    left = []
    for msgid, msgstr in extension_catalog(language).items():
        if msgstr == msgid:
            continue
        parts = [p.strip(" :.;,()") for p in re.split(r"\{[^}]*\}", msgid)]
        for part in parts:
            if sum(c.isalpha() for c in part) < 4:
                continue
            # Whole words only: "people" in the address "people.html" is no English text.
            if re.search(rf"(?<![\w-]){re.escape(part)}(?![\w-]|\.\w)", text):
                left.append(msgid)
    return left


def latex_text(body: str) -> str:
    """The text a reader of the PDF sees, roughly: commands, environment names, labels, and the
    quotations' English originals removed."""
    text = re.sub(r"\\begin\{sphinxuseclass\}\{briefing-quote-original\}.*?\\end\{sphinxuseclass\}"
                  r"|\\DUrole\{briefing-quote-original\}\{\\DUrole\{language-en\}\{[^{}]*\}\}", " ", body, flags=re.S)
    text = re.sub(r"\\(?:begin|end|label|hyperref|hypertarget|sphinxstepscope|phantomsection|ref|index)"
                  r"(?:\[[^\]]*\])?(?:\{[^{}]*\})*", " ", text)
    return re.sub(r"\[[^\]]*\]|\{[\w:@.-]*\}|\\[A-Za-z@]+\*?", " ", text)


# -- the extension's catalog -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_extension_catalog_complete(language: str) -> None:
    """Every message translated, none fuzzy (msgfmt's own count), and the .po checks as valid."""
    require_tool("msgfmt")
    po = LOCALE / language / "LC_MESSAGES" / "sphinx_briefing.po"
    proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert re.fullmatch(r"\d+ translated messages?\.\n", proc.stderr), proc.stderr
    assert int(proc.stderr.split()[0]) == len(extension_catalog(language)) >= 100


def test_extension_catalog_up_to_date() -> None:
    """The .pot holds every word the code writes, the .po files are merged, the .mo compiled.
    (The script's own ``run(check=True)``, in this process: what ``--check`` prints and exits 1 on;
    the next test runs the command itself.)"""
    script = runpy.run_path(str(REPO / "scripts" / "extension-catalog"), run_name="extension_catalog")
    assert script["run"](True) == []


_TWO_LANGUAGES_IN_ONE_PROCESS = """
import sys, zlib
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from conftest import ROOTS, build
for name, root, language in (("de", "i18n", "de"), ("en", "basic", "en")):
    out = build(ROOTS / f"test-{root}", builddir=Path(sys.argv[2]) / name, options=("-D", f"language={language}")).outdir
    inventory = zlib.decompress((out / "objects.inv").read_bytes().split(b"\\n", 4)[4]).decode()
    print(name, next(line for line in inventory.splitlines() if line.startswith("py-modindex ")))
"""


def test_in_process_builds_write_sphinxs_words_in_their_own_language(tmp_path: Path) -> None:
    """conftest's in-process builds write Sphinx's own words as a sphinx-build process does, whatever
    language this process built first: in a fresh interpreter whose first build is German, the German
    inventory names the module index in German and the English build after it in English (Sphinx's
    class-level words were once fixed in the first build's language for the whole worker)."""
    proc = subprocess.run([sys.executable, "-c", _TWO_LANGUAGES_IN_ONE_PROCESS, str(REPO / "tests"), str(tmp_path)],
                          capture_output=True, text=True, check=False, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.splitlines() == ["de py-modindex std:label -1 py-modindex.html Python-Modulindex",
                                        "en py-modindex std:label -1 py-modindex.html Python Module Index"]


def test_extension_catalog_check_catches_a_stale_mo(tmp_path: Path) -> None:
    """The check is no rubber stamp: an edited .po without a fresh .mo is reported."""
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "_ext", copy / "_ext", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(REPO / "scripts", copy / "scripts")
    po = copy / "_ext/sphinx_briefing/i18n/locale/de/LC_MESSAGES/sphinx_briefing.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "nicht angegeben"', 'msgstr "k. A."'),
                  encoding="utf-8")
    proc = subprocess.run([sys.executable, str(copy / "scripts" / "extension-catalog"), "--check"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert "de/LC_MESSAGES/sphinx_briefing.mo is not compiled" in proc.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_root_catalogs_complete(language: str) -> None:
    require_tool("msgfmt")
    for po in sorted((REPO / "tests/roots/test-i18n/locale" / language / "LC_MESSAGES").glob("*.po")):
        proc = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
                              capture_output=True, text=True, check=False)
        assert re.fullmatch(r"\d+ translated messages?\.\n", proc.stderr), (po.name, proc.stderr)


# -- what the reader sees ------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_word_of_the_extension_in_an_edition(builds: dict[str, Path], language: str) -> None:
    for name in ("index", "people", "facts", "listings"):
        text = reader_text(parsed_page(builds[language], name))
        assert english_left(text, language) == [], (name, text)


def test_the_english_check_finds_english(builds: dict[str, Path]) -> None:
    """The same check on the English build finds the words (so it can fail)."""
    text = reader_text(parsed_page(builds["en"], "listings"))
    assert {"Nothing to list yet.", "not stated", "Cited by", "Counterpart"} & set(english_left(text, "de"))


def test_german_edition(builds: dict[str, Path]) -> None:
    people = parsed_page(builds["de"], "people")
    scholz = one(people, "#person-scholz")
    assert one(scholz, ".briefing-person-role").get_text() == "Bundeskanzler"
    assert "Land: Deutschland" in " ".join(scholz.get_text(" ").replace(" :", ":").split())
    kishida = one(people, "#person-kishida")
    assert "Status: wahrscheinlich" in " ".join(kishida.get_text(" ").split())
    facts = parsed_page(builds["de"], "facts")
    assert one(facts, ".briefing-fact-number").get_text() == "45,7"
    assert one(facts, ".briefing-fact-unit").get_text() == "Mrd. Euro"
    assert "Stand: März 2023" in " ".join(one(facts, ".briefing-fact-meta").get_text(" ").split())
    event = one(facts, "#event-consultations")
    assert "18. März 2023" in event.get_text()
    assert "stattgefunden" in event.get_text()  # a choice value is the extension's word
    listings = parsed_page(builds["de"], "listings")
    text = reader_text(listings)
    for expected in ("Bundeskanzler", "Amtssitz des Premierministers",
                     "18. März 2023", "Keine Personen aus India.", "45,7 Mrd. Euro", "Energiesicherheit"):
        assert expected in text
    # Hover text of a mention: the translated role, labels in German.
    mention = one(parsed_page(builds["de"], "index"), 'a[href="people.html#person-scholz"]')
    assert str(mention["title"]).startswith("Olaf Scholz · Bundeskanzler, Deutschland · Gegenüber: Fumio Kishida")


def test_japanese_edition(builds: dict[str, Path]) -> None:
    people = parsed_page(builds["ja"], "people")
    kishida = one(people, "#person-kishida")
    assert one(kishida, ".briefing-person-name strong").get_text() == "岸田文雄"
    assert one(kishida, ".briefing-person-role").get_text() == "内閣総理大臣"
    facts = parsed_page(builds["ja"], "facts")
    assert "2023年3月18日" in one(facts, "#event-consultations").get_text()
    assert "2023年3月" in one(facts, ".briefing-fact-meta").get_text()
    listings = reader_text(parsed_page(builds["ja"], "listings"))
    assert "岸田文雄" in listings and "相手方" in listings and "記載なし" in listings
    # The relationship map (SVG with Graphviz, else the list of pairs) names him in kanji too.
    map_node = one(parsed_page(builds["ja"], "listings"), ".briefing-map, .briefing-map-pairs")
    assert "岸田文雄" in map_node.get_text() + str(map_node.get("aria-label", ""))


@pytest.mark.parametrize(("language", "shown"), [("en", "Fumio Kishida 岸田文雄"), ("ja", "岸田文雄")])
def test_native_name_not_repeated(builds: dict[str, Path], language: str, shown: str) -> None:
    """Where the edition's name is the native name (岸田文雄), the card and who-is-who show it once."""
    card = one(parsed_page(builds[language], "people"), "#person-kishida .briefing-person-name")
    assert " ".join(card.get_text(" ").split()) == shown
    listings = parsed_page(builds[language], "listings", private=True)
    cell = next(td for tr in listings.select("tr") if (td := tr.find("td")) and "#person-kishida" in str(td))
    for mark in cell.select(".briefing-status-mark"):  # "(likely)" follows the name
        mark.decompose()
    assert " ".join(cell.get_text(" ").split()) == shown


def fact_value(soup: BeautifulSoup, ident: str) -> str:
    return one(soup, f"#fact-{ident} .briefing-fact-value").get_text()


@pytest.mark.parametrize(("language", "expected"), [
    # A translator's value is shown as written (457億 beside the unit ユーロ, without a space); a
    # translation equal to the English keeps the language's notation, grouped only where the
    # source groups (9,000 -> 9.000; the year 2019 is no "2.019").
    ("en", {"trade": "45.7 billion euros", "delegates": "about 50", "founded": "2019", "visitors": "9,000"}),
    ("de", {"trade": "45,7 Mrd. Euro", "delegates": "etwa 50", "founded": "2019", "visitors": "9.000"}),
    ("ja", {"trade": "457億ユーロ", "delegates": "約50", "founded": "2019", "visitors": "9,000"}),
])
def test_fact_values_translated_or_in_the_languages_notation(
    builds: dict[str, Path], language: str, expected: dict[str, str]
) -> None:
    facts = parsed_page(builds[language], "facts")
    assert {ident: fact_value(facts, ident) for ident in expected} == expected
    # The key figures listing and a mention's hover text show the same value.
    listings = reader_text(parsed_page(builds[language], "listings"))
    assert expected["trade"] in listings and expected["founded"] in listings


@pytest.mark.parametrize(("language", "start", "dates"), [
    ("en", "after 16:30", ("18 March 2023", "Spring 2023")),
    ("de", "nach 16:30 Uhr", ("18. März 2023", "Frühjahr 2023")),
    ("ja", "16時30分以降", ("2023年3月18日", "2023年春")),
])
def test_event_times_and_source_dates_in_the_edition(
    builds: dict[str, Path], language: str, start: str, dates: tuple[str, str]
) -> None:
    facts = parsed_page(builds[language], "facts")
    assert start in one(facts, "#event-reception").get_text()
    # A source's ISO date in the edition's form, a date in words as translated; on the card and on hover.
    assert dates[0] in one(facts, "#source-article").get_text()
    assert dates[1] in one(facts, "#source-statement").get_text()
    citation = one(parsed_page(builds[language], "facts"), 'a[href="#source-article"]')
    assert dates[0] in str(citation["title"])
    # The agenda still orders by the English clock time: the reception after the 10:00 session.
    agenda = reader_text(parsed_page(builds[language], "listings"))
    assert agenda.index(start) > agenda.index("10:00")


def test_english_edition_unchanged(builds: dict[str, Path]) -> None:
    facts = parsed_page(builds["en"], "facts")
    assert one(facts, ".briefing-fact-number").get_text() == "45.7"
    assert "18 March 2023" in one(facts, "#event-consultations").get_text()
    assert "As of: March 2023" in " ".join(one(facts, ".briefing-fact-meta").get_text(" ").split())
    people = parsed_page(builds["en"], "people")
    quote = one(people, "blockquote.briefing-quote")
    assert not quote.select(".briefing-quote-mark, .briefing-quote-original")
    assert quote.p is not None and quote.p.get_text() == "We want to reduce dependencies."


# -- quotations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "mark", "translation"),
    [("de", "Übersetzung aus dem englischen Original", "Wir wollen Abhängigkeiten verringern."),
     ("ja", "英語原文からの翻訳", "私たちは依存を減らしたい。")],
)
def test_quotation_translated_marked_with_original(
    builds: dict[str, Path], language: str, mark: str, translation: str
) -> None:
    quote = one(parsed_page(builds[language], "people"), "blockquote#quote-resilience")
    paragraphs = [p.get_text() for p in quote.find_all("p")]
    # The mark comes first, then the translation, then the English original, marked as English.
    assert paragraphs[0] == mark
    assert paragraphs[1] == translation
    original = one(quote, '.briefing-quote-original[lang="en"]')
    assert original.get_text().strip() == "We want to reduce dependencies."
    # The quotation index: the translation, said to be one, with the original beside it.
    index = one(parsed_page(builds[language], "listings"), ".briefing-quote-list")
    text = " ".join(index.get_text(" ").split())
    assert translation.rstrip("。.") in text
    assert one(index, '.briefing-quote-original[lang="en"]').get_text().strip('"“”') == "We want to reduce dependencies."
    catalog = extension_catalog(language)
    note = catalog["translation; English original"]
    assert note in text
    # One aside after the words, in the edition's brackets: the translation's note, then what the
    # index says besides (the source), not two brackets in a row ("(translation …) (Source)").
    item = " ".join(one(index, "li").get_text("").split())
    left, right = catalog["({citation})"].split("{citation}")
    words = item[item.index(translation.rstrip("。.")):]
    aside = words[words.index(left):]
    assert aside.count(left) == 1 and aside.startswith(left + note), item
    source = aside[aside.index("”") + 1:aside.index(right)]
    assert source.startswith(catalog["; "]) and len(source) > len(catalog["; "]), item


def test_quotation_and_values_in_briefing_json(builds: dict[str, Path]) -> None:
    data = json.loads((builds["de"] / "briefing.json").read_text(encoding="utf-8"))
    assert data["language"] == "de"
    quote = data["objects"]["quote"]["resilience"]
    assert quote["text"] == "We want to reduce dependencies."  # verbatim, as the source gives it
    assert quote["translation"] == "Wir wollen Abhängigkeiten verringern."
    scholz = data["objects"]["person"]["scholz"]
    assert scholz["fields"]["role"] == "Bundeskanzler"
    assert scholz["originals"] == {"name": "Olaf Scholz", "role": "Federal Chancellor", "country": "Germany"} or (
        scholz["originals"] == {"role": "Federal Chancellor", "country": "Germany"}
    )
    kishida = data["objects"]["person"]["kishida"]
    assert kishida["fields"]["native-name"] == "岸田文雄"  # never sent to translators
    english = json.loads((builds["en"] / "briefing.json").read_text(encoding="utf-8"))
    assert english["language"] == "en"
    assert english["objects"]["quote"]["resilience"]["translation"] == ""
    assert english["objects"]["person"]["scholz"]["originals"] == {}


def test_latex_edition(tmp_path: Path, built_root: RootBuilds) -> None:
    """The PDF's source: the extension's words in German, the quotation marked, the original English."""
    outdir = built_root(copy_root("i18n", tmp_path), "latex", confoverrides={"language": "de"})
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\renewcommand\briefingpagenofn[2]{Seite~#1~von~#2}" in tex  # the running foot
    # babel knows English too (for the original), German stays the main language.
    assert r"\PassOptionsToPackage{english,main=ngerman}{babel}" in tex
    body = tex[tex.index(r"\begin{document}"):]
    start = r"\begin{sphinxuseclass}{briefing-quote-original}"
    original = body[body.index(start):]
    assert "We want to reduce dependencies." in original[: original.index(r"\end{sphinxuseclass}")]
    assert "Übersetzung aus dem englischen Original" in body
    assert "Wir wollen Abhängigkeiten verringern." in body
    text = latex_text(body)
    assert english_left(text, "de") == [], text
    for expected in ("Bundeskanzler", "nicht angegeben", "45,7", "18. März 2023"):
        assert expected in text


# -- what the translator gets -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pot(tmp_path_factory: pytest.TempPathFactory, built_root: RootBuilds
        ) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """The gettext builder's templates: page -> msgid -> [(file, line)]."""
    outdir = built_root(copy_root("i18n", tmp_path_factory.mktemp("i18n-gettext")), "gettext")
    out: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for path in outdir.glob("*.pot"):
        with path.open("rb") as handle:
            out[path.stem] = {
                str(m.id): [(Path(f).name, int(line or 0)) for f, line in m.locations]
                for m in read_po(handle) if m.id
            }
    return out


def test_text_options_extracted_with_location(pot: dict[str, dict[str, list[tuple[str, int]]]]) -> None:
    people = pot["people"]
    assert people["Federal Chancellor"] == [("people.md", 3)]  # the line of the directive
    assert people["Prime Minister"] == [("people.md", 12)]
    assert people["Fumio Kishida"] == [("people.md", 12)]
    assert ("people.md", 3) in people["Germany"] and ("people.md", 27) in people["Germany"]
    assert people["Federal Ministry for Economic Affairs"] == [("people.md", 27)]
    facts = pot["facts"]
    for msgid, line in (("Bilateral trade volume", 9), ("billion euros", 9), ("Prime Minister's Office", 17),
                        ("Energy security", 33), ("Federal Government of Germany", 3)):
        assert facts[msgid] == [("facts.md", line)], msgid


def test_what_never_goes_to_translators(pot: dict[str, dict[str, list[tuple[str, int]]]]) -> None:
    every = {msgid for page_messages in pot.values() for msgid in page_messages}
    # A name in its own script, a number, ids, dates, times, a source's title as published …
    for kept in ("岸田文雄", "scholz", "bmwk", "2023-03-18", "2023-03", "10:00", "held",
                 "Close collaboration between Germany and Japan"):
        assert kept not in every
    # A fact's value, a time or a source's date in words do go, to be written the language's way.
    facts = pot["facts"]
    for msgid, line in (("45.7", 9), ("about 50", 42), ("2019", 48), ("after 16:30", 60), ("Spring 2023", 67)):
        assert facts[msgid] == [("facts.md", line)], msgid
    # … and the cards' own labels, which come from the extension's catalog, not from the page.
    for label in ("Country", "Counterpart", "Source", "As of: ", "Status: ", "Leads: ", "not stated"):
        assert label not in every


# -- builds: incremental, and two languages in one process -----------------------------------


#: sphinx-build options of a German edition, as an author types them.
GERMAN = ("-n", "-D", "language=de")


def test_po_change_rebuilds_the_page_and_its_listings(tmp_path: Path) -> None:
    require_tool("msgfmt")
    src = copy_root("i18n", tmp_path)
    # (the first build in this process, the environment sphinx-build leaves; the rebuild a
    # sphinx-build process, which reads it)
    first = build(src, builddir=tmp_path / "out", options=GERMAN, fresh=False, like_subprocess=True)
    assert first.returncode == 0, first.warnings
    po = src / "locale/de/LC_MESSAGES/people.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Bundeskanzler"', 'msgstr "Regierungschef"'),
                  encoding="utf-8")
    second = build(src, builddir=tmp_path / "out", subprocess=True, options=GERMAN, fresh=False)
    assert second.returncode == 0, second.warnings
    assert "people" in second.status and "listings" in second.status
    html = tmp_path / "out/html"
    assert "Regierungschef" in (html / "people.html").read_text(encoding="utf-8")
    listings = (html / "listings.html").read_text(encoding="utf-8")
    assert "Regierungschef" in listings and "Bundeskanzler" not in listings


def test_two_languages_in_one_process(tmp_path: Path) -> None:
    """A German then a Japanese application, without Sphinx's test clean-up in between: the
    extension's words follow each application's language (sphinx.locale would merge them)."""
    from sphinx_briefing.i18n import catalog as i18n

    builds: list[Build] = []
    try:
        for language in ("de", "ja"):
            src = copy_root("i18n", tmp_path / language)
            builds.append(build(src, confoverrides={"language": language}, cleanup=False))
        de, ja = (b.outdir / "people.html" for b in builds)
        # (A card names the person's counterpart with the extension's word for it.)
        assert "Gegenüber" in de.read_text(encoding="utf-8")
        assert "相手方" in ja.read_text(encoding="utf-8")
        assert "Gegenüber" not in ja.read_text(encoding="utf-8")
        # A string declared at import time follows the language of the latest application.
        assert str(i18n.lazy("not stated")) == "記載なし"
    finally:
        for b in builds:
            assert b.app is not None
            b.app.cleanup()
    assert str(i18n.lazy("not stated")) == "not stated"  # no catalog loaded: English


@pytest.mark.parametrize(("language", "role", "organisation", "other_role"),
                         [("en", "Prime Minister", "Federal Ministry for Economic Affairs", "Federal Chancellor"),
                          ("de", "Premierminister", "Bundesministerium für Wirtschaft", "Bundeskanzler"),
                          ("ja", "内閣総理大臣", "連邦経済省", "連邦首相")])
def test_filters_written_in_english_match_translated_values(
    builds: dict[str, Path], language: str, role: str, organisation: str, other_role: str
) -> None:
    """``:country: Japan`` keeps working in an edition whose records say "日本"."""
    text = one(parsed_page(builds[language], "japan"), "div.body").get_text(" ")
    assert role in text and organisation in text
    assert other_role not in text  # the filter still filters


def test_parallel_edition_identical(tmp_path: Path) -> None:
    """``-j 2`` gives the same German pages as ``-j 1`` (translations travel with the records)."""
    outputs = []
    for jobs in ("1", "2"):
        src = copy_root("i18n", tmp_path / f"j{jobs}")
        # -j 1 in this process (the pages sphinx-build writes); -j 2 a sphinx-build process
        proc = build(src, builddir=tmp_path / f"out{jobs}", subprocess=jobs == "2", options=(*GERMAN, "-j", jobs),
                     like_subprocess=True)
        assert proc.returncode == 0 and "WARNING" not in proc.warnings, proc.warnings
        outputs.append({name: (tmp_path / f"out{jobs}/html/{name}.html").read_text(encoding="utf-8")
                        for name in ("people", "facts", "listings", "japan")})
    assert outputs[0] == outputs[1]
    assert "Wir wollen Abhängigkeiten verringern." in outputs[1]["listings"]


def test_latex_japanese_edition(tmp_path: Path, built_root: RootBuilds) -> None:
    tex = next(built_root(copy_root("i18n", tmp_path), "latex", confoverrides={"language": "ja"}).glob("*.tex")
               ).read_text(encoding="utf-8")
    assert r"\renewcommand\briefingpagenofn[2]{#1~/~#2~ページ}" in tex
    body = tex[tex.index(r"\begin{document}"):]
    assert "英語原文からの翻訳" in body and "私たちは依存を減らしたい。" in body and "2023年3月18日" in body
    text = latex_text(body)
    assert english_left(text, "ja") == [], text
