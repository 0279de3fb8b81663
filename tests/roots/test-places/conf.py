extensions = ["myst_parser", "sphinx_briefing", "sphinx_design"]
project = "places"
version = "1"
copyright = "2026"
exclude_patterns = ["_build", "_snippets"]
myst_enable_extensions = ["colon_fence"]
