"""One typography everywhere: smart quotes, apostrophes and dashes as Sphinx sets them in the body.

Sphinx educates quotes (``smartquotes``) while it *reads* a page. Text the toolkit makes later (listings,
reference texts, hover-card titles, ``briefing.json``) used to keep the author's straight ``'`` and ``"``,
so a card showed a typographic apostrophe (U+2019) in "we'll" and the quotations page a straight one. Here the same educator, with the same
settings, runs over that text too:

- :func:`educate_resolved_text` re-runs Sphinx's own ``SphinxSmartQuotes`` on the resolved doctree, for
  every builder (it is idempotent on text that was educated while reading) and educates the ``reftitle``
  of references, which hover cards show (a step of the final walk, core/walk.py);
- :func:`educate` is the same for a plain string (``briefing.json``'s display text).

Whether anything is educated follows Sphinx exactly: ``smartquotes``, ``smartquotes_action``,
``smartquotes_excludes`` (builders and languages) and the language's quote characters.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import normalize_language_tag, smartquotes
from sphinx.transforms import SphinxSmartQuotes

from ..core.internals import builder_class
from ..core.pipeline import priority
from ..core.walk import EDUCABLE, FINAL_EVENT

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.walk import FinalPage


def smartquotes_active(env: BuildEnvironment, builder_name: str) -> bool:
    """Whether Sphinx educates quotes for *builder_name* (SphinxSmartQuotes.is_available, per builder)."""
    config = env.config
    excludes = config.smartquotes_excludes
    if not config.smartquotes or builder_name in excludes.get("builders", []):
        return False
    if config.language in excludes.get("languages", []):
        return False
    return _language(env) is not None


def _language(env: BuildEnvironment) -> str | None:
    code = env.settings.get("language_code") or "en"
    return next((tag for tag in normalize_language_tag(code) if tag in smartquotes.smartchars.quotes),
                None)


def educate(text: str, env: BuildEnvironment, builder_name: str) -> str:
    """*text* with quotes, apostrophes and dashes as the body of a page built by *builder_name* has them."""
    # Most texts (a name, a role) hold nothing the educator changes: no need to ask the settings.
    if not text or (_unchanged_by_educator(text) and env.config.smartquotes_action != "-1"):
        return text
    if not smartquotes_active(env, builder_name):
        return text
    return _educate(text, env, _language(env) or "en")


def _educate(text: str, env: BuildEnvironment, language: str) -> str:
    return _educated(text, env.config.smartquotes_action, language)


@functools.lru_cache(maxsize=4096)
def _educated(text: str, action: str, language: str) -> str:
    # Every mention of an object carries the same hover text: educate each text once.
    return "".join(smartquotes.educate_tokens([("plain", text)], attr=action, language=language))


def _unchanged_by_educator(text: str) -> bool:
    # Besides EDUCABLE (core/walk.py), the educator resolves backslash escapes (``\\.`` -> ``.``);
    # only the "-1" action (stupefy) changes typographic characters back, and the caller rules it out.
    return "\\" not in text and not EDUCABLE.search(text)


class _EducableBlocks:
    """The page as SmartQuotes sees it, but listing only the blocks it could change.

    SmartQuotes educates every text block that ``document.findall(TextElement)`` yields. Most blocks
    of a resolved page hold no quote, dash or ellipsis at all, and re-educating the whole page
    doubled Sphinx's own smart-quotes work on every page (a tenth of a build's time). Skipping the
    blocks with nothing to educate gives the same text for a fraction of the work; the blocks come
    from the final walk's one pass (core/walk.py), not from another walk of the page.
    """

    def __init__(self, page: FinalPage) -> None:
        self._document = page.document
        self._blocks = page.educable

    def __getattr__(self, name: str) -> Any:
        return getattr(self._document, name)

    def findall(self, condition: Any) -> Iterator[nodes.Node]:
        if condition is not nodes.TextElement:  # not what SmartQuotes asks today: ask the page
            yield from self._document.findall(condition)
            return
        # A block inside a block is educated as part of it (SmartQuotes skips it): the final walk
        # lists only the outermost ones, and of those the ones holding a text the educator changes.
        yield from self._blocks


def educate_resolved_text(app: Sphinx, page: FinalPage) -> None:
    """Educate the text that was added after reading (listings, reference texts, titles) and the
    hover text (``reftitle``) of every link."""
    env = page.env
    builder = builder_class(env).name  # as SphinxSmartQuotes.is_available reads it
    if not smartquotes_active(env, builder):
        return
    transform = SphinxSmartQuotes(_EducableBlocks(page), startnode=None)  # type: ignore[arg-type]
    if transform.is_available():  # also honours a third-party switch (settings.smart_quotes)
        transform.apply()
    # Checked once above for the whole page, not again for every link's hover text.
    language = _language(env) or "en"
    for ref in page.references:
        if ref.get("reftitle"):
            ref["reftitle"] = _educate(ref["reftitle"], env, language)


def setup_typography(app: Sphinx) -> None:
    app.connect(FINAL_EVENT, educate_resolved_text, priority=priority("educate-resolved-text"))
