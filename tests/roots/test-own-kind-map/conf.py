import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "sphinx_briefing", "agreement"]
project = "own kind"
exclude_patterns = ["_build"]
locale_dirs = ["locale/"]
gettext_compact = False
