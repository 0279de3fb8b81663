# The earlier state of the changes test book (test-changes): built by tests/test_changes.py, whose
# briefing.json becomes test-changes' previous edition.
extensions = ["myst_parser", "sphinx_briefing"]
project = "changes"
version = release = "1.0"
exclude_patterns = ["_build"]
