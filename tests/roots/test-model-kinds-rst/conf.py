extensions = ["sphinx_briefing"]
project = "model kinds"
version = release = "1.0"
copyright = "2026, the briefing authors"
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "lualatex"
# The office's own text below states figures, dates and acts and repeats the archived article: the
# uncited and copy checks must leave it alone (tests/test_model_kinds.py).
briefing_check_uncited = True
briefing_leaflet = ["glance"]
