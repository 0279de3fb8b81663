"""References to another book's objects through intersphinx read as they do in that book.

Intersphinx shows an inventory entry's display name, and the inventory names a fact
"Bilateral trade volume: 12.5 billion units" (label first, so the search box finds it by label);
a ``{fact}`volume``` into another book therefore read differently from the same reference made
locally or through ``briefing_import`` ("12.5 billion units"). Before intersphinx resolves anything,
:class:`IntersphinxDisplayText` looks the target up in the inventory intersphinx will use, writes
the display text into the reference and marks it explicit, so intersphinx keeps that text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.domain import get_domain
from ..core.late_text import give_text
from ..core.walk import Walk, add_step

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from ..core.kinds import Kind


def display_from_inventory(kind: Kind | None, name: str) -> str:
    """The local display text of an object from its inventory display name.

    A kind with an ``index_name`` is indexed as ``"<label>: <display>"`` (see facts.py); every
    other kind is indexed under its display text itself.
    """
    if kind is not None and kind.index_name is not None and ": " in name:
        return name.rpartition(": ")[2]
    return name


def intersphinx_display_text(walk: Walk) -> None:
    """Walk step: a reference to another book's object shows that book's display text."""
    if getattr(walk.config, "intersphinx_mapping", None) is None:
        return  # sphinx.ext.intersphinx is not loaded
    from sphinx.ext.intersphinx import InventoryAdapter

    inventories = InventoryAdapter(walk.env)
    domain = get_domain(walk.env)
    for ref in walk.xrefs.values():
        if ref.get("refdomain") != "briefing" or ref.get("refexplicit"):
            continue
        kind, target = ref["reftype"], ref["reftarget"]
        if "intersphinx" not in ref and (
            domain.get(kind, target) or target in domain.imported.get(kind, {})
        ):
            continue  # resolved by this book or briefing_import
        name = ref.get("inventory")
        inventory = inventories.named_inventory.get(name, {}) if name else inventories.main_inventory
        item = inventory.get(f"briefing:{kind}", {}).get(target)
        if item is None or item.display_name in ("", "-"):
            continue
        text = display_from_inventory(domain.kinds.get(kind), item.display_name)
        give_text(ref, nodes.inline(text, text, classes=["briefing-ref", f"briefing-ref-{kind}"]))


def setup_intersphinx(app: Sphinx) -> None:
    add_step(app, "intersphinx-display-text", intersphinx_display_text)
