"""Archived sources: quotations, values and prose checked against the source's own text.

Each test writes a small book whose source ``art`` archives ``art.txt`` (or an HTML page) and asserts
the exact warnings, with file and line, and that what normalisation allows passes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import DOCS, ROOTS, build

ARCHIVE = (
    "Close collaboration between Germany and Japan\n\n"
    "\u201cWe don't want to wait,\u201d he said. Trade rose to 45.7 billion euros over 9,000\n"
    "kilometres. Germany and Japan want to learn from each other and take joint action for the\n"
    "protection of critical infrastructure \u2014 and much more besides.\n"
)


def md_quote(text: str, source: str = "art", by: str = "pp") -> str:
    return f"```{{briefing-quote}}\n:by: {by}\n:source: {source}\n\n{text}\n```\n"


def md_fact(ident: str, value: str, *extra: str) -> str:
    return "\n".join([f"```{{factbox}} {ident}", f":value: {value}", ":label: L", ":source: art", *extra, "```", ""])


def write_book(srcdir: Path, page: str, archive: str = ARCHIVE, name: str = "art.txt", conf: str = "") -> Path:
    """index.md (source art, person pp) plus page.md holding *page*; returns page.md."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('extensions = ["myst_parser", "sphinx_briefing"]\n' + conf, encoding="utf-8")
    (srcdir / name).write_text(archive, encoding="utf-8")
    (srcdir / "index.md").write_text(
        "# Index\n\n```{toctree}\npage\n```\n\n"
        f"```{{source}} art\n:title: The article\n:archive: {name}\n```\n\n"
        "```{person} pp\n:name: P\n:role: R\n```\n",
        encoding="utf-8",
    )
    path = srcdir / "page.md"
    path.write_text("# Page\n\n" + page, encoding="utf-8")
    return path


def warnings_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if "WARNING" in line]


def build_page(tmp_path: Path, page: str, **kwargs: object) -> tuple[Path, Path, list[str]]:
    conf = kwargs.pop("conf", "")
    path = write_book(tmp_path / "src", page, conf=str(conf), **kwargs)  # type: ignore[arg-type]
    built = build(tmp_path / "src", builddir=tmp_path / "build")
    out, warnings = built.outdir, built.warnings
    return path, out, warnings_of(warnings)


# -- quotations ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "We don\u2019t want to wait",  # a curly apostrophe where the source has a straight one
        "We don't want\nto wait",  # a line break inside the quotation
        "We don't want to wait",  # the reporting comma trimmed
        "We don't want to wait.",  # ... or replaced by a full stop
        "critical infrastructure - and much more besides.",  # a hyphen for the source's em dash
        "\u201cWe don't want to wait\u201d",  # typographic quotation marks in the body
        "Germany and Japan want to learn \u2026 for the protection of critical infrastructure",  # omission
    ],
    ids=["apostrophe", "line-break", "trimmed-comma", "full-stop", "dash", "quote-marks", "ellipsis"],
)
def test_normalised_quotations_pass(quote: str, tmp_path: Path) -> None:
    _, out, warnings = build_page(tmp_path, md_quote(quote))
    assert warnings == []
    assert "quote" in (out / "page.html").read_text(encoding="utf-8")


def test_a_changed_word_fails_at_the_quote_naming_the_difference(tmp_path: Path) -> None:
    page = "Intro.\n\n" + md_quote("Germany and Japan want to learn from one another and take joint action")
    path, out, warnings = build_page(tmp_path, page)
    assert warnings == [
        f"{path}:5: WARNING: briefing-quote directive: quotation not found verbatim in source 'art' "
        "(archive art.txt): it differs after \u201cwant to learn from\u201d: the quotation has "
        "\u201cone another and take joint\u2026\u201d, the source \u201ceach other and take joint\u2026\u201d "
        "[briefing.quote-not-in-source]"
    ]
    # The quotation is still printed as written.
    assert "from one another" in (out / "page.html").read_text(encoding="utf-8")


def test_a_quotation_whose_first_word_is_not_in_the_source(tmp_path: Path) -> None:
    path, _, warnings = build_page(tmp_path, md_quote("Nobody said this"))
    assert warnings == [
        f"{path}:3: WARNING: briefing-quote directive: quotation not found verbatim in source 'art' "
        "(archive art.txt): its first words \u201cNobody said this\u201d are not in the source "
        "[briefing.quote-not-in-source]"
    ]


def test_case_and_word_boundaries_count(tmp_path: Path) -> None:
    # "on't want" is inside "don't want": a quotation must start and end on word boundaries.
    path, _, warnings = build_page(tmp_path, md_quote("on't want to wait") + "\n" + md_quote("we don't want to wait"))
    assert [w.split(": WARNING")[0] for w in warnings] == [f"{path}:3", f"{path}:10"]


def test_quotes_citing_an_unarchived_source_are_not_checked(tmp_path: Path) -> None:
    page = "```{source} other\n:title: Other\n```\n\n" + md_quote("Anything at all", source="other")
    assert build_page(tmp_path, page)[2] == []


def test_html_archive_is_reduced_to_its_visible_text(tmp_path: Path) -> None:
    html = (
        "<html><head><title>T</title><script>var s = 'secret words here';</script></head>"
        "<body><p>We don&rsquo;t\n   want <b>to</b> wait, he said.</p></body></html>"
    )
    page = md_quote("We don't want to wait") + "\n" + md_quote("secret words here")
    path, _, warnings = build_page(tmp_path, page, archive=html, name="art.html")
    assert warnings == [
        f"{path}:10: WARNING: briefing-quote directive: quotation not found verbatim in source 'art' "
        "(archive art.html): its first words \u201csecret words here\u201d are not in the source "
        "[briefing.quote-not-in-source]"
    ]


# -- values --------------------------------------------------------------------------------------


def test_values_as_the_source_writes_them_pass_and_others_fail(tmp_path: Path) -> None:
    page = (
        md_fact("volume", "45.7") + "\n" + md_fact("distance", "9,000") + "\n"
        + md_fact("rounded", "46") + "\n" + md_fact("count", "2", ":derived: counted: the source lists two")
    )
    path, out, warnings = build_page(tmp_path, page)
    assert warnings == [
        f"{path}:15: WARNING: factbox directive: value '46' is not in source 'art' (archive art.txt); "
        "write it as the source does, or say how it was derived with ':derived: <note>' "
        "[briefing.value-not-in-source]"
    ]
    html = (out / "page.html").read_text(encoding="utf-8")
    # The derived value says how it was derived, with the figure.
    assert re.search(r"Derived: </span>counted: the source lists two", html)


# -- copied prose --------------------------------------------------------------------------------

COPIED = "Germany and Japan want to learn from each other and take joint action for"  # 14 words


def test_copied_prose_warns_at_the_line_where_the_run_starts(tmp_path: Path) -> None:
    page = "A first line of our own.\nThey said that " + COPIED.replace(" learn", "\nlearn") + " us.\n"
    path, _, warnings = build_page(tmp_path, page)
    assert warnings == [
        f"{path}:4: WARNING: 14 consecutive words copied from source 'art' (archive art.txt) outside "
        "quotation marks: \u201cgermany and japan want to learn from each\u2026\u201d "
        "(quote it or say it in your own words) [briefing.unmarked-copy]"
    ]


def test_copied_runs_across_list_items_count_but_quotes_and_code_do_not(tmp_path: Path) -> None:
    split = COPIED.split(" learn ")
    page = (
        f"- {split[0]}\n- learn {split[1]}\n\n"  # two list items read one after the other
        f'Quoted: "{COPIED}".\n\n'  # in quotation marks
        f"Typographic: \u201c{COPIED}\u201d.\n\n"
        f"`{COPIED}`\n\n"  # inline code
        f"```text\n{COPIED}\n```\n\n"  # a code block
        + md_quote(COPIED)  # a quotation
    )
    path, _, warnings = build_page(tmp_path, page)
    assert [w.split(": WARNING: ")[0] for w in warnings] == [f"{path}:3"]
    assert "14 consecutive words" in warnings[0]


def test_a_person_card_may_carry_an_official_title_as_the_source_writes_it(tmp_path: Path) -> None:
    # A person's name and official title are the source's own wording ("Minister of State, Department
    # for Business and Trade" is 8 words), not the author's prose; the body of the card is prose.
    page = f"```{{person}} official\n:name: {COPIED}\n:role: {COPIED}\n\nOur note: {COPIED}.\n```\n"
    path, _, warnings = build_page(tmp_path, page)
    assert [w.split(": WARNING: ")[1].split(" consecutive")[0] for w in warnings] == ["14"]
    assert warnings[0].startswith(f"{path}:")


def test_eleven_words_pass_and_the_setting_changes_the_length(tmp_path: Path) -> None:
    eleven = " ".join(COPIED.split()[:11])
    assert build_page(tmp_path / "a", f"They wrote {eleven} here.\n")[2] == []
    path, _, warnings = build_page(tmp_path / "b", "Ours: joint action for the protection of it.\n",
                              conf="briefing_copy_words = 5\n")
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:3: WARNING: 6 consecutive words")
    assert build_page(tmp_path / "c", f"They wrote {COPIED}.\n", conf="briefing_copy_words = 0\n")[2] == []


def test_a_fact_reference_counts_as_the_value_it_prints(tmp_path: Path) -> None:
    # The reader sees "Trade rose to 45.7 billion euros over 9,000 kilometres ..." in the prose.
    page = md_fact("volume", "45.7") + "\nWe don't want to wait, he said. Trade rose to {fact}`volume` billion euros over 9,000 kilometres.\n"
    path, _, warnings = build_page(tmp_path, page)
    assert len(warnings) == 1 and "[briefing.unmarked-copy]" in warnings[0]
    # 18 words: "45.7" is two, and the reference prints it between "to" and "billion".
    assert warnings[0].startswith(f"{path}:9: WARNING: 18 consecutive words")


def test_a_source_title_as_published_is_not_copied_prose_but_its_note_is(tmp_path: Path) -> None:
    # A source's :title: names the document as published: an official title of 8 words or more is
    # in its own archive (the shelf's summit book: "Remarks by President António Costa at the joint
    # press conference ..."), and an address may spell it (WiredGov's). The card's note is the
    # author's prose and is still checked.
    page = (
        f"```{{source}} titled\n:title: {COPIED}\n:url: https://example.org/{COPIED.replace(' ', '+')}\n"
        ":archive: art.txt\n\nA note of our own.\n```\n\n"
        f"```{{source}} noted\n:title: Our own description\n:archive: art.txt\n\nIt says {COPIED}.\n```\n"
    )
    path, out, warnings = build_page(tmp_path, page, conf="briefing_copy_words = 8\n")
    assert [w.split(": WARNING: ")[0] for w in warnings] == [f"{path}:15"]
    assert "14 consecutive words" in warnings[0] and "[briefing.unmarked-copy]" in warnings[0]
    # The title is still printed on the card, as published.
    assert COPIED in (out / "page.html").read_text(encoding="utf-8")


# -- bad archives and silencing -------------------------------------------------------------------


def test_an_archive_outside_the_book_is_refused(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    write_book(srcdir, "Text.\n")
    (tmp_path / "outside.txt").write_text(ARCHIVE, encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":archive: art.txt", ":archive: ../outside.txt"),
                     encoding="utf-8")
    warnings = warnings_of(build(srcdir, builddir=tmp_path / "build").warnings)
    assert warnings == [
        f"{index}:7: WARNING: source directive: option 'archive': '../outside.txt' is outside the book's "
        "source directory [briefing.bad-archive]"
    ]


@pytest.mark.parametrize(
    ("page", "subtype"),
    [
        (md_quote("Nobody said this"), "quote-not-in-source"),
        (md_fact("rounded", "46"), "value-not-in-source"),
        (f"They wrote {COPIED}.\n", "unmarked-copy"),
    ],
)
def test_each_archive_subtype_can_be_silenced(page: str, subtype: str, tmp_path: Path) -> None:
    write_book(tmp_path / "src", page)
    loud = warnings_of(build(tmp_path / "src", builddir=tmp_path / "loud").warnings)
    assert len(loud) == 1 and loud[0].endswith(f"[briefing.{subtype}]")
    quiet = build(tmp_path / "src", builddir=tmp_path / "quiet",
                  confoverrides={"suppress_warnings": [f"briefing.{subtype}"]})
    assert warnings_of(quiet.warnings) == []


# -- the book ------------------------------------------------------------------------------------


def test_the_book_archives_its_article_and_links_it(germany_japan_html: tuple[Path, str]) -> None:
    out, warnings = germany_japan_html
    assert warnings_of(warnings) == []  # built with -W: zero warnings with the checks on
    archived = (DOCS / "_sources_archive" / "article.txt").read_text(encoding="utf-8")
    # The article as published (the seed text, unchanged): title first, then its text.
    assert archived.startswith("Close collaboration between Germany and Japan")
    assert "45.7 billion euros" in archived
    sources = (out / "sources.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="[^"]*briefing-archive[^"]*" href="([^"]+)"><code[^>]*><span class="pre">article\.txt',
                     sources)
    assert link, "the article's entry links its archived text"
    assert (out / link.group(1)).read_text(encoding="utf-8") == archived


@pytest.mark.slow
def test_the_book_fails_on_a_changed_quotation(tmp_path: Path) -> None:
    """The checks are on in the real book: one changed word in a quotation is caught at its line."""
    book = tmp_path / "docs"
    shutil.copytree(DOCS, book, ignore=shutil.ignore_patterns("_build"))
    # The authoring guide includes the test suite's example kind module.
    shutil.copytree(ROOTS / "test-kind", tmp_path / "tests" / "roots" / "test-kind")
    page = book / "pillars" / "supply-chains.md"
    text = page.read_text(encoding="utf-8")
    assert "We want to reduce dependencies and increase" in text
    page.write_text(text.replace("We want to reduce dependencies and increase",
                                 "We want to reduce dependency and increase"), encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    changed = next(n for n, s in enumerate(lines) if "reduce dependency" in s)
    line = max(n for n, s in enumerate(lines[:changed], 1) if s.startswith("```{briefing-quote}"))
    warnings = warnings_of(build(book, builddir=tmp_path / "build").warnings)
    assert warnings == [
        f"{page}:{line}: WARNING: briefing-quote directive: quotation not found verbatim in source 'article' "
        "(archive _sources_archive/article.txt): it differs after \u201cWe want to reduce\u201d: the quotation "
        "has \u201cdependency and increase the resilience\u2026\u201d, the source \u201cdependencies and increase the "
        "resilience\u2026\u201d [briefing.quote-not-in-source]"
    ]


def test_parallel_reading_gives_the_same_warnings(tmp_path: Path) -> None:
    """-j 2 merges each worker's prose: the same copied runs are found, at the same lines."""
    srcdir = tmp_path / "src"
    write_book(srcdir, f"Page text: {COPIED}.\n")
    pages = [f"p{n}" for n in range(6)]
    for n, name in enumerate(pages):
        (srcdir / f"{name}.md").write_text(f"# {name}\n\n" + "Ours.\n" * n + f"They wrote {COPIED}.\n",
                                           encoding="utf-8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("page\n", "page\n" + "\n".join(pages) + "\n"),
                     encoding="utf-8")
    results = []
    for jobs in ("1", "2"):
        # -j 1 in this process; -j 2 a sphinx-build process, whose worker processes read the pages
        proc = build(srcdir, builddir=tmp_path / f"j{jobs}", subprocess=jobs == "2", options=("-n", "-j", jobs),
                     like_subprocess=True)
        results.append(sorted(line for line in proc.warnings.splitlines() if "WARNING" in line))
    assert results[0] == results[1]
    assert len(results[0]) == 7
    assert f"{srcdir / 'p5.md'}:8: WARNING: 14 consecutive words" in "\n".join(results[1])


def test_an_edited_archive_is_checked_again_on_an_incremental_build(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    path = write_book(srcdir, md_quote("We don't want to wait"))
    results: list[list[str]] = []
    for archive in (ARCHIVE, ARCHIVE.replace("want to wait", "wish to wait")):
        (srcdir / "art.txt").write_text(archive, encoding="utf-8")
        built = build(srcdir, builddir=tmp_path / "build", fresh=not results)
        results.append(warnings_of(built.warnings))
    assert results[0] == []
    assert results[1] == [
        f"{path}:3: WARNING: briefing-quote directive: quotation not found verbatim in source 'art' "
        "(archive art.txt): it differs after \u201cWe don't\u201d: the quotation has \u201cwant to wait\u201d, "
        "the source \u201cwish to wait,\" he said.\u2026\u201d [briefing.quote-not-in-source]"
    ]


def test_an_archive_added_later_checks_the_prose_of_pages_not_read_again(tmp_path: Path) -> None:
    """A book without archived sources keeps no prose; when one appears (only its page is read
    again), the pages read in earlier builds are checked too, as a clean build checks them."""
    srcdir = tmp_path / "src"
    path = write_book(srcdir, f"Ours.\nThey wrote {COPIED}.\n")
    index = srcdir / "index.md"
    with_archive = index.read_text(encoding="utf-8")
    without = with_archive.replace(":archive: art.txt\n", "")
    results: list[list[str]] = []
    for n, text in enumerate((without, with_archive, without, with_archive)):
        index.write_text(text, encoding="utf-8")
        built = build(srcdir, builddir=tmp_path / "build", fresh=not results)
        results.append(warnings_of(built.warnings))
        # The page citing nothing new is not read again after the first build.
        assert n == 0 or "page" not in re.findall(r"reading sources\.\.\. \[[^\]]*\] (\S+)", built.status)
    clean = warnings_of(build(srcdir, builddir=tmp_path / "clean").warnings)
    assert results[0] == results[2] == []
    assert results[1] == results[3] == clean
    assert clean == [
        f"{path}:4: WARNING: 14 consecutive words copied from source 'art' (archive art.txt) outside "
        "quotation marks: \u201cgermany and japan want to learn from each\u2026\u201d "
        "(quote it or say it in your own words) [briefing.unmarked-copy]"
    ]
