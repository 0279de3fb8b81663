# The later state of the changes test book; tests/test_changes.py builds test-changes-old and puts
# its briefing.json here as previous.json. Between the two: an added person (nishimura), a removed
# fact (trade-rank), a changed value and as-of date (trade-volume), a changed status mark (g7-month),
# a renamed id (hayashi-y -> hayashi, with :replaces:) and a new quotation (ukraine).
import datetime

extensions = ["myst_parser", "sphinx_briefing"]
project = "changes"
version = release = "1.1"
exclude_patterns = ["_build"]
locale_dirs = ["locale/"]
gettext_compact = False
briefing_previous_edition = {"location": "previous.json", "label": "Edition 1.0", "date": datetime.date(2023, 3, 18)}
briefing_leaflet = ["index"]
# A book written before dates and times moved to the programme: its "May" (or "2019") factbox
# keeps building; the suggestion to move it (briefing.deprecated) is silenced by name.
suppress_warnings = ["briefing.deprecated"]
