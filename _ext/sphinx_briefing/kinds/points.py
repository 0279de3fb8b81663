"""Points to make: the ``point-to-make`` directive (a line the principal may use), ``{point-to-make}``
and the ``points-to-make`` listing.

A point to make is the office's own, like an objective (:mod:`.objectives`): labelled in every output,
left out of the source checks, and able to cite what it rests on (``:rests-on:``, or roles in its
body). ``:when: if raised`` makes it a point for use only if the other side raises the matter: one
kind with an option, rather than two kinds, so that a point moves between "Points to make" and "If
raised" by one line and every listing of points sees both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.kinds import Kind, Option
from ..core.registry import register_kind
from ..i18n.catalog import _
from ..listings.api import Listing, ListingContext, ListingOption
from .objectives import GROUNDS, office_entries, on_pillar

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: When the point is used: always, or only if the other side raises the matter.
WHEN = ("proactively", "if raised")


def points_to_make(ctx: ListingContext) -> list[nodes.Node]:
    """Points to make, then those for use if raised, each part under its own heading."""
    points = [p for p in on_pillar(ctx, "point-to-make") if ctx.matches(p.get("when") or "proactively", "when")]
    out: list[nodes.Node] = []
    for heading, when in ((_("Points to make"), "proactively"), (_("If raised"), "if raised")):
        part = [p for p in points if (p.get("when") or "proactively") == when]
        if part:
            out += [nodes.rubric("", heading, classes=["briefing-listing-group"]), office_entries(ctx, part)]
    return out


KIND = Kind(
    name="point-to-make",
    label="point to make",
    plural="points to make",
    description="The office's points to make, and those for use if raised (its own words, not from the sources).",
    options=(
        Option("title", required=True, doc="The point in a line, in the office's words."),
        Option("when", type="choice", choices=WHEN,
               doc="proactively (the default) or 'if raised': only if the other side raises the matter."),
        Option("pillar", link="pillar", doc="The pillar it is on; default: the pillar above it on its page."),
        Option("rests-on", link=GROUNDS, many=True,
               doc="The positions, facts, agreements, quotations or sources it rests on."),
    ),
    display=lambda r: r.get("title") or r.id,
    tooltip=lambda r: _("If raised") if r.get("when") == "if raised" else _("Point to make"),
    office=True,
    listings={
        "points-to-make": Listing(
            points_to_make,
            (
                ListingOption("pillar", link="pillar", phrase="on the pillar {}",
                              doc="Only the points on this pillar."),
                ListingOption("when", phrase="for use {}", doc="proactively or 'if raised'."),
            ),
            noun="points to make",
        ),
    },
)


def setup_kind(app: Sphinx) -> None:
    register_kind(app, KIND, shipped=True)
