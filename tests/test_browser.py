"""Each book of the shelf in a real browser (Chromium through Playwright), as readers see it.

One sweep per book loads every page in light and dark mode at 1280 and 390 px, runs axe-core (WCAG 2.0-2.2
A/AA), measures sideways scrolling and the contrast of the briefing boxes, and saves screenshots of
the key pages under ``tests/.artifacts/screenshots/`` (``screenshots/<book>/`` for the books of
``books/``).  Its two passes (one per width, each loading every page in both modes) are shared
builds, made once per run and started early in the background; the tests below assert on what they
collected, per page, mode and width. The map's and the hover's tests
read pages of the Germany-Japan book.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    ARTIFACTS,
    BOOK_BUILDS,
    CHROMIUM,
    CHROMIUM_DISABLED_FEATURES,
    GERMANY_JAPAN,
    SHELF,
    ShelfBook,
    in_own_browser,
    shared,
    shared_build,
    write_artifact,
)

TESTS = Path(__file__).resolve().parent
AXE = TESTS / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MODES = ("light", "dark")
WIDTHS = (1280, 390)
KEY_PAGES = (
    "index.html",
    "at-a-glance.html",
    "pillars/critical-infrastructure.html",
    "delegations/japan.html",
    "who-is-who.html",
    "key-figures.html",
)
BOXES = ".briefing-person, .briefing-fact, .briefing-pillar, .briefing-source, blockquote.briefing-quote"

pytestmark = pytest.mark.slow

# axe findings caused by Sphinx or furo markup, not by this project: (rule, start of the element's
# HTML) -> reason.  Only the matching elements are dropped; the same rule elsewhere still fails.
AXE_THIRD_PARTY: dict[tuple[str, str], str] = {
    # None now: Sphinx's toctree captions lacked aria-level (sphinx-doc/sphinx#14030), which the
    # extension now writes (outputs/aria.py).
}

# WCAG 2 contrast of every visible text run inside the briefing boxes: the text colour (alpha
# blended) against the first opaque background behind it, itself blended down the ancestor chain.
CONTRAST_JS = """
(selector) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([\\d.]+),?\\s*([\\d.]+),?\\s*([\\d.]+)(?:\\s*[,/]\\s*([\\d.]+%?))?\\)/);
    if (!m) return null;
    let a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [+m[1], +m[2], +m[3], a];
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg === null) return null;
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let rgb = [255, 255, 255];
    for (const layer of layers.reverse()) rgb = over(layer, rgb);
    return rgb;
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const results = [];
  const seen = new Set();
  for (const box of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || seen.has(el)) continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) continue;
      const fg = parse(style.color), bg = background(el);
      const text = node.textContent.trim().slice(0, 40);
      if (fg === null || bg === null) {
        results.push({text, ratio: 0, needed: 4.5, color: style.color, bg: 'unparsed'});
        continue;
      }
      const fgRgb = over(fg, bg);
      const [hi, lo] = [lum(fgRgb), lum(bg)].sort((a, b) => b - a);
      const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      results.push({text, ratio: (hi + 0.05) / (lo + 0.05), needed: large ? 3 : 4.5,
                    color: style.color, bg: `rgb(${bg.map(Math.round).join(', ')})`,
                    cls: (box.className || '').toString()});
    }
  }
  return results;
}
"""

PAGE_STATE_JS = """
() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  theme: document.body.dataset.theme,
  bodyBg: getComputedStyle(document.body).backgroundColor,
  wide: [...document.querySelectorAll('article *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.parentElement.closest('[style*=overflow], .table-wrapper, .highlight, pre'))
    .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
})
"""


# What axe's rules other than the colour ones can see of a page, element by element: the DOM (but
# body's data-theme, furo's record of the mode) and how each element is displayed, hidden, clipped,
# scrolled, set (font) and laid out. Two exceptions, each a difference that the mode makes by design
# and that no rule outside axe's "cat.color" reads: the icons inside furo's theme switch (the
# one shown follows the mode; the switch itself, its name and box, are compared) and the weight
# and slant of code tokens inside <pre> (the dark code style sets some bold; of axe's rules only
# p-as-heading reads a font weight, and only of <p> elements). A page whose light and dark
# renderings give the same list differs between the modes in colour alone. The list is hashed in
# the page (SHA-256): a long page's list is a megabyte, which Playwright's pipe would carry twice.
SEEN_BY_AXE_JS = """
async () => {
  const props = ['display', 'visibility', 'content-visibility', 'opacity', 'overflow-x', 'overflow-y', 'position',
                 'clip', 'clip-path', 'pointer-events', 'z-index', 'font-size', 'font-weight', 'font-style',
                 'text-decoration-line', 'white-space', 'cursor'];
  const code = ['font-weight', 'font-style'];
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.closest('.theme-toggle') && !el.matches('.theme-toggle')) continue;
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    const inCode = el.closest('pre') !== null;
    const attrs = [...el.attributes].filter(a => !(el === document.body && a.name === 'data-theme'))
      .map(a => `${a.name}=${a.value}`).join(' ');
    out.push([el.tagName, attrs, ...props.filter(p => !(inCode && code.includes(p))).map(p => style.getPropertyValue(p)),
              box.x, box.y, box.width, box.height, el.scrollWidth, el.scrollHeight].join('|'));
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(out.join('\\n')));
  return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}
"""


@dataclass
class PageResult:
    axe: list[dict[str, Any]] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    contrast: list[dict[str, Any]] = field(default_factory=list)
    #: "all": axe ran every rule on the page; "colour": its colour rules, the others' findings being
    #: the light page's (:func:`_sweep_pass`).
    axe_rules: str = "all"


Sweep = dict[tuple[str, int], dict[str, PageResult]]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _serve(html_dir: Path) -> Iterator[tuple[str, list[str]]]:
    handler = functools.partial(QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    pages = sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html"))
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(book_html: tuple[Path, str]) -> Iterator[tuple[str, list[str]]]:
    """Each built book on http://127.0.0.1:<free port>/ and the list of its pages."""
    with _serve(book_html[0]) as served:
        yield served


@pytest.fixture(scope="session")
def germany_japan_site(germany_japan_html: tuple[Path, str]) -> Iterator[tuple[str, list[str]]]:
    """The Germany-Japan book served, for the tests that open its own pages."""
    with _serve(germany_japan_html[0]) as served:
        yield served


def _shots(book: ShelfBook) -> str:
    """The book's screenshot folder below tests/.artifacts/ (the first book's stay where they were)."""
    return "screenshots" if book.id == GERMANY_JAPAN else f"screenshots/{book.id}"


def _key_pages(book: ShelfBook, pages: list[str]) -> tuple[str, ...]:
    """The pages photographed: the Germany-Japan book's six; another book's start and leaflet pages."""
    if book.id == GERMANY_JAPAN:
        return KEY_PAGES
    return tuple(page for page in ("index.html", *(f"{name}.html" for name in book.leaflet_pages)) if page in pages)


def mode_options(mode: str, width: int) -> tuple[tuple[str, ...], dict[str, Any]]:
    """The init scripts and context options of :func:`new_page` (for ``reading_page``)."""
    return ((f"localStorage.setItem('theme', '{mode}')",),
            {"viewport": {"width": width, "height": 900}, "color_scheme": mode, "reduced_motion": "reduce"})


@contextlib.contextmanager
def new_page(browser: Any, mode: str, width: int, *scripts: str) -> Iterator[Any]:
    """A page in *mode*: the OS preference emulated and furo's own switch (localStorage) set; *scripts*
    run in every document it opens, before the document's own."""
    own_scripts, options = mode_options(mode, width)
    context = browser.new_context(**options)
    for script in (*own_scripts, *scripts):
        context.add_init_script(script)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


#: The size Playwright's ``page.screenshot(full_page=True)`` photographs: the largest of the root's
#: and body's scroll, offset and client sizes.
FULL_PAGE_SIZE_JS = """
async () => {
  await document.fonts.ready;
  const [b, d] = [document.body, document.documentElement];
  return {width: Math.max(b.scrollWidth, d.scrollWidth, b.offsetWidth, d.offsetWidth, b.clientWidth, d.clientWidth),
          height: Math.max(b.scrollHeight, d.scrollHeight, b.offsetHeight, d.offsetHeight, b.clientHeight, d.clientHeight),
          viewport: [window.innerWidth, window.innerHeight]};
}
"""


def full_page_png(page: Any) -> bytes:
    """The whole of *page* as a PNG: the pixels ``page.screenshot(full_page=True)`` gives, in less CPU.

    The same DevTools call Playwright makes (``Page.captureScreenshot`` of the page's full size, at
    scale 1, beyond the viewport when the page is larger, after the fonts are ready), with
    ``optimizeForSpeed``: Chromium compresses the PNG with a faster zlib setting and skips the
    stylesheet Playwright adds and removes to hide a text caret (the sweep's pages have no focused
    field). The file is about a quarter larger; the pixels are the same
    (:func:`test_full_page_png_has_playwrights_pixels`). Measured on the Germany-Japan book's six
    key pages at 1280 px: 0.14 CPU-s a photograph instead of 0.25 (Chromium and Playwright's driver).
    """
    size = page.evaluate(FULL_PAGE_SIZE_JS)
    width, height = size["viewport"]
    session = page.context.new_cdp_session(page)
    try:
        shot = session.send("Page.captureScreenshot", {
            "format": "png", "optimizeForSpeed": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
            "captureBeyondViewport": not (size["width"] <= width and size["height"] <= height)})
    finally:
        session.detach()
    return base64.b64decode(shot["data"])


def shot_name(page_path: str, mode: str, width: int) -> str:
    return f"{page_path.removesuffix('.html').replace('/', '_')}-{mode}-{width}.png"


AXE_RUN = "(options) => axe.run(document, {...options, resultTypes: ['violations']})"


def _sweep_pass(book: ShelfBook, html: Path, width: int, browser: Any) -> dict[str, Any]:
    """One pass of the sweep: every page of *book*'s HTML at *width*, in light and then dark mode:
    ``{mode: {page: {"axe", "state", "contrast", "axe_rules"}}}``.

    Per page and mode: its state (theme, background, sideways scrolling), the contrast of the
    briefing boxes and axe's violations (``resultTypes``: the rules passed or not applicable are
    not itemised; the violations come whole); the key pages are photographed.

    axe's rules outside its colour category (``cat.color``: color-contrast, link-in-text-block)
    read a page's DOM and layout, not its colours; they are a third of axe's time on a page, and
    with the stylesheets it fetches again for css-orientation-lock, half. Where the page's dark
    rendering shows those rules exactly what its light one does (:data:`SEEN_BY_AXE_JS`), the dark
    pass runs the colour rules and takes the other rules' findings from the light pass
    (``axe_rules``: ``"colour"``); anywhere else it runs every rule (``"all"``).

    The modes run one after the other, one browser context at a time: with a light and a dark page
    open side by side the pass took a quarter more CPU (Germany-Japan 1280 px: 54-59 CPU-s against
    43 in turn). axe (650 kB) is an init script of each context, so every page has it from the
    start: sent to Chromium once per context, not once per page through Playwright's pipe.
    """
    results: dict[str, Any] = {mode: {} for mode in MODES}
    axe = AXE.read_text(encoding="utf-8")
    seen: dict[str, str] = {}  # page -> what the light page showed axe's other rules
    with _serve(html) as (base, pages):
        key_pages = _key_pages(book, pages)
        for mode in MODES:  # light first: the dark pass compares with it
            with new_page(browser, mode, width, axe) as page:
                colour = page.evaluate("(tags) => axe.getRules(tags).filter(r => r.tags.includes('cat.color'))"
                                       ".map(r => r.ruleId)", AXE_TAGS)
                assert colour, "axe-core names no colour rule: the dark pass would check nothing"
                for path in pages:
                    page.goto(base + path, wait_until="load")
                    state = page.evaluate(PAGE_STATE_JS)
                    contrast = page.evaluate(CONTRAST_JS, BOXES)
                    shown = page.evaluate(SEEN_BY_AXE_JS)
                    same = mode == "dark" and seen[path] == shown
                    seen[path] = shown
                    rules = {"type": "rule", "values": colour} if same else {"type": "tag", "values": AXE_TAGS}
                    violations = page.evaluate(AXE_RUN, {"runOnly": rules})["violations"]
                    if same:  # the light page's findings of the other rules, which saw the same page
                        violations += [v for v in results["light"][path]["axe"] if v["id"] not in colour]
                    results[mode][path] = {"axe": violations, "state": state, "contrast": contrast,
                                           "axe_rules": "colour" if same else "all"}
                    if path in key_pages:
                        write_artifact(f"{_shots(book)}/{shot_name(path, mode, width)}", full_page_png(page))
    return results


def _sweep_of(book: ShelfBook, width: int) -> Callable[[Path], dict[str, Any]]:
    """A *produce* for :func:`conftest.shared_build`: one pass of the sweep over *book*'s shared HTML."""

    def produce(directory: Path) -> dict[str, Any]:
        html = directory.parent / BOOK_BUILDS[book.id][0].key / "html"
        return {"modes": in_own_browser(functools.partial(_sweep_pass, book, html, width))}

    return produce


#: The sweep of each book, one shared pass per width, both modes (made once per run, by whichever
#: worker or background thread comes first, after the book's HTML).
SWEEPS = {
    book.id: {
        width: shared_build(
            f"sweep-{book.id}-{width}", _sweep_of(book, width), fixtures=(f"sweep[shelf_book={book.id}]",),
            tools=(CHROMIUM, str(AXE)), minutes=0.6 if book.id == GERMANY_JAPAN else 0.3,
            needs=(BOOK_BUILDS[book.id][0],))
        for width in WIDTHS
    }
    for book in SHELF.values()
}


@pytest.fixture(scope="session")
def sweep(shelf_book: ShelfBook, book_html: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Sweep:
    """Every page of each book in light and dark mode at 1280 and 390 px (:data:`SWEEPS`)."""
    results: Sweep = {}
    for width, declared in SWEEPS[shelf_book.id].items():
        _, record = shared(tmp_path_factory, declared)
        for mode in MODES:
            found = record["modes"][mode]
            results[(mode, width)] = {path: PageResult(**page) for path, page in found.items()}
    summary: dict[str, Any] = {
        f"{mode}-{width}": {
            path: {v["id"]: [v["impact"], len(v["nodes"])] for v in r.axe}
            for path, r in res.items()
        }
        for (mode, width), res in results.items()
    }
    summary["rules run"] = {f"{mode}-{width}": {path: r.axe_rules for path, r in res.items()}
                            for (mode, width), res in results.items()}
    write_artifact("axe-summary.json" if shelf_book.id == GERMANY_JAPAN else f"axe-summary-{shelf_book.id}.json",
                   json.dumps(summary, indent=1, sort_keys=True))
    return results


def test_sweep_covers_every_page_in_both_modes(sweep: Sweep, site: tuple[str, list[str]],
                                              shelf_book: ShelfBook) -> None:
    _, pages = site
    assert len(pages) >= (15 if shelf_book.id == GERMANY_JAPAN else 5)
    for (mode, width), per_page in sweep.items():
        assert sorted(per_page) == pages
        for path, result in per_page.items():
            # furo applied the mode: its switch says so, and the page background is dark or light.
            assert result.state["theme"] == mode, (mode, path, result.state)
            rgb = [int(v) for v in result.state["bodyBg"].strip("rgba()").split(",")[:3]]
            assert (sum(rgb) / 3 < 80) == (mode == "dark"), (mode, width, path, rgb)
    key_pages = _key_pages(shelf_book, pages)
    assert key_pages
    for path in key_pages:
        for mode in MODES:
            for width in WIDTHS:
                assert (ARTIFACTS / _shots(shelf_book) / shot_name(path, mode, width)).stat().st_size > 10_000


def own_nodes(violation: dict[str, Any]) -> list[dict[str, Any]]:
    """The violation's elements, less those that Sphinx or furo wrote (AXE_THIRD_PARTY)."""
    return [
        node
        for node in violation["nodes"]
        if not any(
            rule == violation["id"] and node["html"].startswith(prefix)
            for rule, prefix in AXE_THIRD_PARTY
        )
    ]


def test_axe_finds_no_serious_or_critical_violations(sweep: Sweep) -> None:
    problems = []
    for (mode, width), per_page in sweep.items():
        for path, result in per_page.items():
            for v in result.axe:
                nodes = own_nodes(v)
                if v["impact"] in {"serious", "critical"} and nodes:
                    problems.append(
                        f"{mode} {width}px {path}: [{v['impact']}] {v['id']}: {v['help']} "
                        f"({len(nodes)}x, e.g. {nodes[0]['target']}: {nodes[0]['html'][:80]})"
                    )
    assert problems == [], "\n".join(problems)


def test_no_page_scrolls_sideways_on_a_phone(sweep: Sweep) -> None:
    problems = [
        f"{mode} {path}: scrollWidth {r.state['scrollWidth']} > {r.state['innerWidth']}; "
        f"too wide: {r.state['wide']}"
        for mode in MODES
        for path, r in sweep[(mode, 390)].items()
        if r.state["scrollWidth"] > r.state["innerWidth"]
    ]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("mode", MODES)
def test_briefing_boxes_keep_aa_contrast(sweep: Sweep, shelf_book: ShelfBook, mode: str) -> None:
    checked = 0
    problems = []
    for path, result in sweep[(mode, 1280)].items():
        for run in result.contrast:
            checked += 1
            if run["ratio"] < run["needed"]:
                problems.append(
                    f"{path}: {run['text']!r} {run['color']} on {run['bg']}: "
                    f"{run['ratio']:.2f} < {run['needed']}"
                )
    assert checked > (200 if shelf_book.id == GERMANY_JAPAN else 10), checked
    assert problems == [], "\n".join(problems)


def test_person_reference_shows_the_role_on_hover(
    browser: Any, site: tuple[str, list[str]], shelf_book: ShelfBook
) -> None:
    """Hovering a {person} link tells the reader who it is: the role printed on the person card (on
    the Germany-Japan book's background page, on another book's at-a-glance page)."""
    base, _ = site
    start = "background.html" if shelf_book.id == GERMANY_JAPAN else f"{shelf_book.leaflet_pages[0]}.html"
    with new_page(browser, "light", 1280) as page:
        page.goto(base + start)
        link = page.locator("a.briefing-person-ref").first
        href = link.get_attribute("href")
        # The page names the person by key; briefing.js gives the text from the book's hover-text file.
        page.wait_for_function("() => window.briefingHovers !== undefined")
        title = page.evaluate("k => window.briefingHovers[k] || ''", link.get_attribute("data-briefing-hover"))
        assert href and "#person-" in href
        # The role as the person card states it, on the person's own page.
        card_page = page.context.new_page()
        card_page.goto(base + href)
        card = card_page.locator("#" + href.split("#", 1)[1])
        role = card.locator(".briefing-person-role").inner_text().strip()
        card_page.close()
        assert role and role in title, (role, title)
        link.scroll_into_view_if_needed()
        link.hover()
        page.wait_for_timeout(100)
        # Either the native tooltip (title) or a visible tooltip element carries the role.
        tooltips = page.locator("[role=tooltip]:visible")
        shown = link.get_attribute("title") or " ".join(tooltips.all_inner_texts())
        assert role in shown, (role, shown)


MAP_CONTRAST_JS = """
() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const page = getComputedStyle(document.body).backgroundColor;
  const out = [];
  for (const text of document.querySelectorAll("div.briefing-map svg text")) {
    const box = text.parentElement.querySelector("path, polygon, ellipse");
    const inNode = text.closest(".briefing-map-node") !== null && box !== null;
    const bg = inNode ? getComputedStyle(box).fill : page;
    out.push({text: text.textContent, color: getComputedStyle(text).fill, bg, ratio: ratio(getComputedStyle(text).fill, bg)});
  }
  return out;
}
"""


@pytest.mark.parametrize("mode", MODES)
def test_relationship_map_reads_in_both_modes_and_its_links_land(
    browser: Any, germany_japan_site: tuple[str, list[str]], mode: str
) -> None:
    """Every label of the 'Who met whom' map keeps AA contrast in light and dark mode; a box is a link
    that keyboard users reach and that opens the person's card (read on the Germany-Japan book's
    meetings page; tests/test_map_size.py measures every book's map)."""
    base, _ = germany_japan_site
    with new_page(browser, mode, 1280) as page:
        page.goto(base + "delegations/meetings.html", wait_until="load")
        runs = page.evaluate(MAP_CONTRAST_JS)
        assert len(runs) >= 17, runs  # two country labels, fifteen people
        low = [r for r in runs if r["ratio"] < 4.5]
        assert low == [], low
        link = page.locator("div.briefing-map svg a").first
        assert link.get_attribute("aria-label", timeout=2000)
        link.focus()
        assert page.evaluate("document.activeElement.closest('div.briefing-map') !== null")
        href = link.get_attribute("href")
        link.click()
        page.wait_for_load_state("load")
        fragment = href.rpartition("#")[2]
        assert page.url.endswith("#" + fragment)
        assert page.evaluate(f"document.getElementById('{fragment}').classList.contains('briefing-person')")


PROBE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Probe</title><style>{style}</style></head>
<body><main><h1>Probe</h1><p><img src="missing.png"></p><p style="color: #777; background: #fff">Grey on white</p></main></body>
</html>
"""


@pytest.mark.parametrize(("style", "dark_rules", "dark_found"), [
    ("", "colour", {"image-alt", "color-contrast"}),
    ("@media (prefers-color-scheme: dark) { img { display: none } }", "all", {"color-contrast"}),
], ids=["same-page", "dark-hides-the-image"])
def test_the_dark_pass_reports_what_every_rule_finds(browser: Any, tmp_path: Path, style: str, dark_rules: str,
                                                     dark_found: set[str]) -> None:
    """The sweep's dark pass runs axe's colour rules alone only where the dark page shows the other
    rules what the light one does, and then reports the light page's findings of those rules: an
    image without text (image-alt) is reported in both modes, a low contrast (color-contrast) found
    in each; where dark mode hides the image, every rule runs and the hidden image is not reported."""
    (tmp_path / "probe.html").write_text(PROBE.format(style=style), encoding="utf-8")
    book = ShelfBook("probe", tmp_path, {})
    found = _sweep_pass(book, tmp_path, 1280, browser)
    assert found["light"]["probe.html"]["axe_rules"] == "all"
    assert {v["id"] for v in found["light"]["probe.html"]["axe"]} == {"image-alt", "color-contrast"}
    assert found["dark"]["probe.html"]["axe_rules"] == dark_rules
    assert {v["id"] for v in found["dark"]["probe.html"]["axe"]} == dark_found


SAME_PIXELS_JS = """
async ([a, b]) => {
  const load = (src) => new Promise((done, fail) => { const i = new Image(); i.onload = () => done(i); i.onerror = fail; i.src = src; });
  const [x, y] = [await load(a), await load(b)];
  const pixels = (img) => {
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight), context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    return context.getImageData(0, 0, img.naturalWidth, img.naturalHeight).data;
  };
  const [p, q] = [pixels(x), pixels(y)];
  let differ = 0;
  for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) differ++;
  return {sizes: [[x.naturalWidth, x.naturalHeight], [y.naturalWidth, y.naturalHeight]], differ};
}
"""


def test_full_page_png_has_playwrights_pixels(browser: Any, tmp_path: Path) -> None:
    """The sweep's photographs (:func:`full_page_png`) have the pixels of Playwright's full-page
    screenshot, on a page taller than the window with text, colour and an image, in both modes."""
    rows = "".join(f"<p style='color: hsl({i * 37 % 360} 60% 40%)'>Paragraph {i}: the programme, 18 March 2023.</p>"
                   for i in range(80))
    (tmp_path / "tall.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Tall</title><style>"
        "@media (prefers-color-scheme: dark) { body { background: #131416; color: #ddd } }</style></head>"
        f"<body><h1>Tall page</h1><svg width='300' height='80'><circle cx='40' cy='40' r='30' fill='teal'/></svg>{rows}"
        "</body></html>", encoding="utf-8")
    for mode in MODES:
        with _serve(tmp_path) as (base, _), new_page(browser, mode, 390) as page:
            page.goto(base + "tall.html", wait_until="load")
            ours, playwrights = full_page_png(page), page.screenshot(full_page=True)
            found = page.evaluate(SAME_PIXELS_JS, [
                "data:image/png;base64," + base64.b64encode(image).decode("ascii") for image in (ours, playwrights)])
        assert found["sizes"][0] == found["sizes"][1] and found["sizes"][0][1] > 900, found
        assert found["differ"] == 0, found


def _browsers_started_here() -> list[list[str]]:
    """The command lines of the Chromium browser processes this process started (from /proc)."""
    parents, lines = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
                lines[int(entry.name)] = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")
            except (OSError, IndexError):
                continue
    found = []
    for pid, line in lines.items():
        ancestor = parents.get(pid)
        while ancestor and ancestor != os.getpid():
            ancestor = parents.get(ancestor)
        if ancestor and "--remote-debugging-pipe" in line and not any(a.startswith("--type=") for a in line):
            found.append(line)
    return found


def test_chromium_keeps_playwrights_disabled_features(browser: Any) -> None:
    """Chromium reads only the last ``--disable-features``: the tests' own (conftest's CHROMIUM_ARGS)
    comes after Playwright's and must keep every feature Playwright switches off, besides its own
    (a Playwright upgrade that adds one fails here until conftest's list has it too)."""
    lines = _browsers_started_here()
    assert lines, "no Chromium browser process found below this one"
    for line in lines:
        lists = [arg.partition("=")[2].split(",") for arg in line if arg.startswith("--disable-features=")]
        assert len(lists) >= 2, line
        missing = set().union(*map(set, lists[:-1])) - set(lists[-1])
        assert not missing, f"add {sorted(missing)} to conftest.PLAYWRIGHT_DISABLED_FEATURES"
        assert set(CHROMIUM_DISABLED_FEATURES) <= set(lists[-1])
