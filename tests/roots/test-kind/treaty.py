"""A book's own kind, as the authoring guide shows it: treaties, in one module and one call."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx_briefing import Kind, Option, register_kind

TREATY = Kind(
    name="treaty",
    plural="treaties",
    description="Treaties and agreements the book refers to.",
    options=(
        Option("title", required=True, doc="The treaty's name."),
        Option("signed", type="date", show_empty=True, doc="Date of signature."),
        Option("at", type="time", label="Signed at", doc="Time of signature, HH:MM."),
        Option("treaty-status", type="choice", choices=("signed", "in-force", "planned"),
               doc="Where the treaty stands (not :status:, the trust status every kind takes)."),
        Option("parties", link="person", many=True, doc="Who signed it."),
        Option("text", type="url", label="Full text"),
        Option("source", link="source"),
    ),
    tooltip=lambda record: "Treaty",
    listings={"treaty-list": None},
)


def setup(app: Sphinx) -> dict[str, Any]:
    register_kind(app, TREATY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
