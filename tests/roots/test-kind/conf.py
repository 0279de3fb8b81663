import sys
from pathlib import Path

# The kind lives in this book's own module, next to conf.py: no file of sphinx_briefing names it.
sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "sphinx_briefing", "treaty"]
project = "kind"
version = release = "1.0"
copyright = "2026, the briefing authors"
exclude_patterns = ["_build"]
nitpicky = True
