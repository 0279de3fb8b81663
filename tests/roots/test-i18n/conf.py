extensions = ["myst_parser", "sphinx_briefing"]
project = "i18n"
exclude_patterns = ["_build"]
# As the book: one catalog per page, in locale/<language>/LC_MESSAGES/<docname>.po.
locale_dirs = ["locale/"]
gettext_compact = False
