# briefing: build the book and run the tests.  `make help` lists the targets.
#
# Every target runs inside .venv, which `make` creates on first use and reuses afterwards.
# The venv is refreshed only when pyproject.toml or constraints.txt changes (stamp file).

PYTHON      ?= python3
VENV        ?= .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXOPTS  ?= -W --keep-going -n
# The book: docs/ (the Germany–Japan book) by default; `make html BOOK=books/<id>` builds another book of
# the shelf (each directory of books/ with a conf.py) into _build/<id>/ (html, latex, epub, de/html …).
# Only a BOOK given on make's command line counts (a variable of that name in the environment is no
# one's choice of book).
ifneq ($(origin BOOK),command line)
  BOOK      := docs
endif
override BOOK := $(patsubst %/,%,$(BOOK))
ifeq ($(wildcard $(BOOK)/conf.py),)
  $(error BOOK=$(BOOK) has no conf.py: give docs or a book of books/ ($(or $(wildcard books/*),none yet)))
endif
SOURCEDIR   := $(BOOK)
BUILDDIR    := $(if $(filter docs,$(BOOK)),_build,_build/$(notdir $(BOOK)))
SPHINXBUILD := $(BIN)/sphinx-build
PYTEST_ARGS ?=
# The suite runs in parallel (pytest-xdist), one worker per core: PYTEST_WORKERS=0 runs it serially.
# --dist loadgroup keeps each module's own fixtures in one worker; tests/conftest.py sets the groups
# and the order (--no-loadscope-reorder keeps it), and builds the real book once for all workers.
PYTEST_WORKERS ?= auto
PYTEST_XDIST := $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder)

# The edition: `make html LANGUAGE=de` (or ja) builds the German (Japanese) book into _build/de/html,
# _build/de/latex/, _build/de/epub, with its own doctrees; no LANGUAGE, or LANGUAGE=en, keeps the
# English book's paths (_build/html ...).
# Each builder keeps its own doctrees (doctrees-html, doctrees-latex, doctrees-epub …): Sphinx's
# environment records the settings it was read with, so one shared between builders let `make latexpdf`
# absorb a settings edit and `make html` afterwards keep the pages written with the old one.  GNU gettext also reads LANGUAGE from the environment, and
# desktop sessions set it ("en_US:en"), so an environment value counts only when it is exactly one of
# EDITIONS; a LANGUAGE given on make's command line always counts.
EDITIONS    := en de ja
ifneq ($(origin LANGUAGE),command line)
  ifneq ($(LANGUAGE),$(filter $(EDITIONS),$(firstword $(LANGUAGE))))
    override LANGUAGE :=
  endif
endif
ifneq ($(filter-out en,$(LANGUAGE)),)
  OUTDIR    := $(BUILDDIR)/$(LANGUAGE)
  LANGOPTS  := -D language=$(LANGUAGE)
else
  OUTDIR    := $(BUILDDIR)
  LANGOPTS  :=
endif

.DEFAULT_GOAL := help
.PHONY: help html latex latexpdf leaflet-download docx manual epub test check lint linkcheck livehtml bench clean distclean venv rtd npm gettext update-po

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,docx,test,live,bench]'
	@touch $@

venv: $(STAMP) ## Create or refresh the virtual environment

html: $(STAMP) ## Build the HTML book into _build/html (LANGUAGE=de: _build/de/html)
	$(SPHINXBUILD) -b html $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-html $(SOURCEDIR) $(OUTDIR)/html
	@$(MAKE) --no-print-directory leaflet-download

latex: $(STAMP) ## Write the LaTeX sources into _build/latex (LANGUAGE=de: _build/de/latex)
	$(SPHINXBUILD) -b latex $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-latex $(SOURCEDIR) $(OUTDIR)/latex

# The leaflet is written by its own builder into its own directory (Read the Docs' latexmk takes every
# .tex of the book's LaTeX directory under one -jobname), then copied next to the book's PDF and, for
# the download link on the at-a-glance page, into the HTML build's _downloads. It reads the pages
# from the book's doctrees, which the LaTeX builder has just brought up to date with the same
# settings, so it reads nothing again (as the Word edition's leaflet does).
LEAFLETDIR  := $(OUTDIR)/leaflet

latexpdf: $(STAMP) ## Build the PDF and the "At a glance" leaflet into _build/latex/ (needs TeX Live, see README)
	$(SPHINXBUILD) -M latexpdf $(SOURCEDIR) $(OUTDIR) $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-latex
	$(SPHINXBUILD) -b briefing-leaflet $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-latex $(SOURCEDIR) $(LEAFLETDIR)
	$(MAKE) -C $(LEAFLETDIR) all-pdf
	cp $(LEAFLETDIR)/*-at-a-glance.pdf $(OUTDIR)/latex/
	@$(MAKE) --no-print-directory leaflet-download

leaflet-download:
	@if [ -d $(OUTDIR)/html ] && ls $(OUTDIR)/latex/*-at-a-glance.pdf >/dev/null 2>&1; then \
	  mkdir -p $(OUTDIR)/html/_downloads && cp $(OUTDIR)/latex/*-at-a-glance.pdf $(OUTDIR)/html/_downloads/; fi

# The Word edition: the book and the leaflet as .docx (pandoc from pypandoc-binary, the `docx` extra);
# one doctree directory for both, so the leaflet's build reads nothing again.
docx: $(STAMP) ## Build the Word edition (book and leaflet, .docx) into _build/docx (LANGUAGE=de: _build/de/docx)
	$(SPHINXBUILD) -b docx $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-docx $(SOURCEDIR) $(OUTDIR)/docx
	$(SPHINXBUILD) -b briefing-leaflet-docx $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-docx $(SOURCEDIR) $(OUTDIR)/docx

# The authoring guide (the toolkit's manual) is a document of its own: in the HTML build it is the
# page authoring-guide.html, linked from "About this book" only; its PDF is made apart from the book's.
MANUALDIR   := $(BUILDDIR)/manual

manual: $(STAMP) ## Build the authoring guide's own PDF into _build/manual/latex/ (its HTML: authoring-guide.html)
	$(SPHINXBUILD) -M latexpdf docs $(MANUALDIR) $(SPHINXOPTS) -t manual -d $(MANUALDIR)/doctrees-latex

epub: $(STAMP) ## Build the EPUB into _build/epub (LANGUAGE=de: _build/de/epub)
	$(SPHINXBUILD) -M epub $(SOURCEDIR) $(OUTDIR) $(SPHINXOPTS) $(LANGOPTS) -d $(OUTDIR)/doctrees-epub

# The editions (German, Japanese): translators work on docs/locale/<language>/LC_MESSAGES/*.po.
# A fresh directory each time: a .pot left from a page that is gone (or left out of the editions, like
# the authoring guide) would make sphinx-intl bring its .po back.
gettext: $(STAMP) ## Extract the book's translatable text into _build/gettext/*.pot
	rm -rf $(BUILDDIR)/gettext
	$(SPHINXBUILD) -b gettext $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-gettext $(SOURCEDIR) $(BUILDDIR)/gettext

update-po: gettext ## Bring <book>/locale/$(LANGUAGE)/*.po up to date with the English book (LANGUAGE=de or ja)
	@test -n "$(filter-out en,$(LANGUAGE))" || { echo "usage: make update-po LANGUAGE=de"; exit 2; }
	$(BIN)/sphinx-intl update -p $(BUILDDIR)/gettext -d $(SOURCEDIR)/locale -l $(LANGUAGE)

linkcheck: $(STAMP) ## Check external links (needs network)
	$(SPHINXBUILD) -b linkcheck -d $(BUILDDIR)/doctrees-linkcheck $(SOURCEDIR) $(BUILDDIR)/linkcheck

livehtml: $(STAMP) ## Rebuild and reload the HTML book on every save
	$(BIN)/sphinx-autobuild $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-html $(SOURCEDIR) $(BUILDDIR)/html --watch _ext

lint: $(STAMP) ## ruff and mypy on the extension, the tests and the scripts
	$(BIN)/ruff check _ext tests benchmarks scripts
	$(BIN)/mypy
	@# A second run: mypy takes one extension-less script per run (each is module __main__).
	$(BIN)/mypy scripts/compare-builds

rtd: $(STAMP) ## Replay the Read the Docs build on a fresh clone of HEAD (scripts/rtd-build)
	$(BIN)/python scripts/rtd-build

npm: ## Install the pinned validators (Nu checker, axe-core) into tests/node_modules
	cd tests && npm ci --no-audit --no-fund

test: $(STAMP) ## Run the test suite in parallel (CI=true makes PDF, browser and validator tests required)
	$(BIN)/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS)

check: test ## Alias of test: every check .ci/run performs

BENCH_ARGS ?= --output $(BUILDDIR)/bench/RESULTS.md

bench: $(STAMP) ## Run the benchmarks (6-15 min; BENCH_ARGS=--quick: about 1 min) and print the table
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean: ## Remove build output (keeps .venv)
	rm -rf $(BUILDDIR) docs/_build tests/.artifacts

distclean: clean ## Remove build output and .venv
	rm -rf $(VENV)
