# Two commands on a fresh machine: `make serve` (or `make site`) and `make test`.
# The first use creates .venv from the pinned, hash-checked requirements.lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help serve site check test schema lock clean

help:
	@echo "make serve   preview at http://127.0.0.1:8000 with live reload"
	@echo "make site    build site/ (strict); the previous site/ stays if the build fails"
	@echo "make check   validate all data and prose without building"
	@echo "make test    run the whole test suite"
	@echo "make schema  rewrite the JSON Schemas from the models"
	@echo "make lock    re-pin requirements.lock from requirements.in"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# Build into a scratch folder and swap it in only when the strict build succeeds.
site: $(STAMP)
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf .site-old
	if [ -d site ]; then mv site .site-old; fi
	mv .site-build site
	rm -rf .site-old

check: $(STAMP)
	$(BIN)/python -m build_tools check

test: $(STAMP)
	$(BIN)/python -m pytest

schema: $(STAMP)
	$(BIN)/python -m build_tools schema

lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock requirements.in

clean:
	rm -rf site .site-build .site-old $(VENV) *.egg-info .pytest_cache
