# Another project linking to a briefing book through intersphinx; the tests fill
# intersphinx_mapping with the book's objects.inv. It loads briefing for the domain's roles.
extensions = ["sphinx.ext.intersphinx", "sphinx_briefing"]
project = "intersphinx"
exclude_patterns = ["_build"]
