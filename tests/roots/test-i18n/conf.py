extensions = ["myst_parser", "sphinx_briefing"]
project = "i18n"
exclude_patterns = ["_build"]
# As the book: one catalog per page, in locale/<language>/LC_MESSAGES/<docname>.po.
locale_dirs = ["locale/"]
gettext_compact = False
# A book written before dates and times moved to the programme: its "May" (or "2019") factbox
# keeps building; the suggestion to move it (briefing.deprecated) is silenced by name.
suppress_warnings = ["briefing.deprecated"]
