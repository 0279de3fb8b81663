extensions = ["myst_parser", "sphinx_briefing"]
project = "uncited"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
briefing_check_uncited = True
