extensions = ["sphinx_briefing"]
project = "time and people"
exclude_patterns = ["_build"]
version = "1"
copyright = "2026, test"
latex_engine = "lualatex"
