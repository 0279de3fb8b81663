extensions = ["myst_parser", "briefing"]
project = "basic"
exclude_patterns = ["_build"]
