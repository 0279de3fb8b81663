"""A book's own kind whose parties are people and organisations: the relationship map draws it
because its option declares a Relation, and its words come from the book's own catalog
``locale/<language>/LC_MESSAGES/kind-words.po`` (the catalog the kind names)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx_briefing import Kind, Option, Relation, register_kind

AGREEMENT = Kind(
    name="agreement",
    description="Agreements the book refers to.",
    options=(
        Option("title", required=True, doc="The agreement's name."),
        Option("signed", type="date", doc="Date of signature."),
        Option("parties", link=("person", "organisation"), many=True,
               relation=Relation("party", "party to it"), doc="Who is party to it."),
    ),
    listings={"agreement-list": None},
    catalog="kind-words",
)


def setup(app: Sphinx) -> dict[str, Any]:
    register_kind(app, AGREEMENT)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
