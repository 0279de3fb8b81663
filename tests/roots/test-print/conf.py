# Print checks (tests/test_print.py): native names in three scripts that need shaping or right-to-left
# setting, a quotation with an attribution, a long URL in a narrow table cell. Test data only: the
# names are spelled as their owners' governments publish them; nothing here is a claim of the book.
extensions = ["myst_parser", "sphinx_briefing"]
project = "print checks"
author = "Tests"
latex_engine = "lualatex"
latex_documents = [("index", "print.tex", project, author, "manual")]
latex_elements = {"papersize": "a4paper", "printindex": ""}
exclude_patterns = ["_build"]
