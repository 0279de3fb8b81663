# Book B: refers to book A's people and facts; the tests set briefing_import to A's briefing.json.
extensions = ["myst_parser", "sphinx_briefing"]
project = "import"
exclude_patterns = ["_build"]
