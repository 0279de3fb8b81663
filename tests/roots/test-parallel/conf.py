extensions = ["myst_parser", "sphinx_briefing"]
project = "parallel"
exclude_patterns = ["_build"]
