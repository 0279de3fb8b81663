# Every field below holds LaTeX specials, a long unbroken word or nothing: the PDF must still compile
# and print the text as written (tests/test_pdf.py builds it with latexmk).
extensions = ["myst_parser", "sphinx_briefing"]
project = "latex specials"
author = "Tests"  # latex_documents is LaTeX markup (Sphinx does not escape it)
latex_engine = "lualatex"
latex_documents = [("index", "specials.tex", project, author, "manual")]
exclude_patterns = ["_build"]
