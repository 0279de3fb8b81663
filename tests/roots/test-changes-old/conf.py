# The earlier state of the changes test book (test-changes): built by tests/test_changes.py, whose
# briefing.json becomes test-changes' previous edition.
extensions = ["myst_parser", "sphinx_briefing"]
project = "changes"
version = release = "1.0"
exclude_patterns = ["_build"]
# A book written before dates and times moved to the programme: its "May" (or "2019") factbox
# keeps building; the suggestion to move it (briefing.deprecated) is silenced by name.
suppress_warnings = ["briefing.deprecated"]
