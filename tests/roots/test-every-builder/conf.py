extensions = ["myst_parser", "sphinx_briefing"]
project = "every-builder"
version = release = "1.0"
copyright = "2026, the briefing authors"
exclude_patterns = ["_build"]
nitpicky = True
