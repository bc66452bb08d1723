# Two commands on a fresh machine: `make serve` (or `make site`) and `make test`.
# The first use creates .venv from the pinned, hash-checked requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# Dates that a build writes (sitemap, PDFs) come from the last commit, so two builds of one
# commit are byte-identical; outside git a fixed date is used. Set it yourself to override.
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 1735689600)
endif
export SOURCE_DATE_EPOCH

# Node tools for the quality gates (axe-core, the Nu HTML Checker, Lighthouse), pinned in
# package-lock.json. Installed when npm exists; without it those tests are skipped (in CI,
# CI=true, they fail instead). --ignore-scripts: vnu-jar's postinstall would download Java.
NPM        := $(shell command -v npm 2>/dev/null)
NODE_STAMP := node_modules/.installed

.PHONY: help serve site check test test-quick lint schema lock clean node_modules lighthouse

help:
	@echo "make serve   preview at http://127.0.0.1:8000 with live reload"
	@echo "make site    build site/ (strict); the previous site/ stays if the build fails"
	@echo "make check   validate all data and prose without building"
	@echo "make test    run the whole test suite (installs node_modules first when npm exists)"
	@echo "make test-quick  the suite without the browser tests (a fast loop while editing)"
	@echo "make lint    ruff, ruff format --check, mypy --strict, and ESLint on the browser scripts"
	@echo "make lighthouse  Lighthouse scores of three pages into benchmarks/lighthouse-results.md"
	@echo "make schema  rewrite the JSON Schemas from the models"
	@echo "make lock    re-pin requirements.lock from requirements.in"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# serve and test run what `python -m build_tools serve` and `... test` run (build_tools/run.py),
# so the options live in one place and the same commands work without make (see CONTRIBUTING.md).
serve: $(STAMP)
	$(BIN)/python -m build_tools serve

# Build into a scratch folder (.site-build) and swap it in only when the strict build succeeds;
# a second `make site` at the same time waits for the first (build_tools/publish.py).
site: $(STAMP)
	$(BIN)/python -m build_tools site

check: $(STAMP)
	$(BIN)/python -m build_tools check

test: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/python -m build_tools test

# Everything but the tests marked `browser` (Chromium, axe, Lighthouse): for your own loop.
# `make test` (and CI) always runs the whole suite.
test-quick: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/python -m pytest -m "not browser"

# Lint and types: configs in pyproject.toml (ruff, mypy) and eslint.config.js. .ci/run runs this.
lint: $(STAMP) $(if $(NPM),$(NODE_STAMP))
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@if [ -x node_modules/.bin/eslint ]; then node_modules/.bin/eslint .; \
	elif [ -n "$$CI" ]; then echo "error: node_modules/.bin/eslint is missing (make node_modules)" >&2; exit 1; \
	else echo "warning: ESLint not installed (make node_modules): the browser scripts were not linted" >&2; fi

node_modules: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if npm ci --ignore-scripts --no-audit --no-fund; then touch $@; \
	elif [ -n "$$CI" ]; then exit 1; \
	else echo "warning: npm ci failed; the tests that need node_modules are skipped" >&2; fi

lighthouse: $(STAMP) $(NODE_STAMP) site
	$(BIN)/python benchmarks/lighthouse.py

schema: $(STAMP)
	$(BIN)/python -m build_tools schema

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf site .site-build .site-old .site.lock $(VENV) *.egg-info .pytest_cache

# Build benchmark: N = 10, 100 and 1,000 synthetic exercises against bare Material and a
# Python-Markdown floor (about 10 minutes); writes benchmarks/results.md. Options, e.g.:
# make bench BENCH_ARGS="--sizes 10,100 --runs 5" (see .venv/bin/python -m benchmarks --help)
.PHONY: bench
BENCH_ARGS ?= --profile
bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)
