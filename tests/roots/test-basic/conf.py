extensions = ["myst_parser", "sphinx_briefing"]
project = "basic"
exclude_patterns = ["_build"]
