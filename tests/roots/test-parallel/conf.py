extensions = ["myst_parser", "briefing"]
project = "parallel"
exclude_patterns = ["_build"]
