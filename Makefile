# aimap_publish: `make pdf` builds the print PDF, `make test` runs the tests.
# Both set up everything first: Debian packages (as root), .venv and the Python packages.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   := data/report.yaml
ID     := $(shell sed -n 's/^id: *//p' $(DATA))
SOURCES := $(shell find src templates fonts -type f -not -name '*.pyc' 2>/dev/null) $(DATA) aimap.toml $(wildcard theme.toml)

.PHONY: all setup pdf slides web figures check test preflight bench watch thumbnails references clean
.DELETE_ON_ERROR:

all: pdf slides

setup: $(VENV)/.installed

$(VENV)/.system: tools/system-packages.txt tools/setup-system.sh
	tools/setup-system.sh
	@mkdir -p $(VENV) && touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.system
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

pdf: dist/$(ID)-print.pdf

dist/$(ID)-print.pdf: $(SOURCES) $(VENV)/.installed
	$(BIN)/aimap-publish pdf --edition print

slides: dist/$(ID).pptx

dist/$(ID).pptx: $(SOURCES) $(VENV)/.installed
	$(BIN)/aimap-publish slides

web: $(VENV)/.installed
	$(BIN)/aimap-publish web

figures: $(VENV)/.installed
	$(BIN)/aimap-publish figures

check: $(VENV)/.installed
	$(BIN)/aimap-publish check

tests/tools/node_modules/.installed: tests/tools/package.json tests/tools/package-lock.json $(VENV)/.system
	npm install --prefix tests/tools --no-audit --no-fund --no-save --silent
	@touch $@

# Test files run in parallel, one worker per core; a file's tests stay together (shared builds).
test: $(VENV)/.installed tests/tools/node_modules/.installed
	$(BIN)/python -m pytest -n $(shell nproc) --dist loadfile

# The preflight gate: the shipped report, tests/fixtures/second and every report folder under
# tests/fixtures/corpus/, each built in all three languages into a temporary folder and checked by
# `aimap-publish preflight` (tests/corpus; a report fails with its findings listed).
$(VENV)/.preflight: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,preflight]'
	@touch $@

preflight: $(VENV)/.preflight tests/tools/node_modules/.installed
	$(BIN)/python -m pytest -m corpus -n $(shell nproc) --dist load tests

# The peers the benchmark times (pandoc from Debian, Typst from PyPI), installed for it only.
$(VENV)/.bench: $(VENV)/.installed tools/bench-packages.txt
	tools/setup-system.sh tools/bench-packages.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	@touch $@

bench: $(VENV)/.bench tests/tools/node_modules/.installed
	$(BIN)/python bench/run.py

watch: $(VENV)/.installed
	$(BIN)/aimap-publish watch

# Pictures of the print PDF's pages and the deck's slides for the README (docs/pictures/).
thumbnails: dist/$(ID)-print.pdf dist/$(ID).pptx
	$(BIN)/python tools/thumbnails.py dist $(ID) docs/pictures

# The reference images the tests compare the look with (tests/references/), drawn again after a
# deliberate change of the look; commit them with the change.
references: $(VENV)/.installed
	$(BIN)/python tests/references.py tests/references

clean:
	rm -rf dist figures build .aimap-cache
