# Entry points. `make serve` and `make test` each do all the set-up they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The port `make serve` and `make preview` listen on: make serve PORT=8123
PORT ?= 8000
# One line, not a server's traceback, when another program holds that port.
ifneq ($(filter serve preview,$(MAKECMDGOALS)),)
ifneq ($(shell $(PYTHON) -c 'import socket; socket.create_server(("127.0.0.1", $(PORT))).close()' 2>/dev/null && echo free),free)
$(error port $(PORT) is in use: stop what holds it, or serve on another one: make $(MAKECMDGOALS) PORT=8123)
endif
endif
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve preview build check test test-fast pdf figures bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# The venv is rebuilt whenever a requirements file or pyproject.toml changes. scripts/ is
# installed into it, editable, as the package studysite (pyproject.toml).
$(BIN)/.runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $@

$(BIN)/.test: requirements-test.txt $(BIN)/.runtime
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

serve: $(BIN)/.runtime ## build and serve the site at http://127.0.0.1:8000 (another port: PORT=8123) with live reload
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# The production build, as the deploy workflow makes it (strict, cheat-sheet PDFs, checked),
# served as plain files the way GitHub Pages serves them.
preview: $(BIN)/.test ## build the site as the deploy does (PDFs, checker) and serve site/ at PORT
	PYTHON=$(BIN)/python sh scripts/install_test_tools.sh
	SITE_URL=http://127.0.0.1:$(PORT)/ CHEATSHEET_PDF=1 $(BIN)/mkdocs build --strict
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/python scripts/check_site.py --site site
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

build: $(BIN)/.runtime ## build the site into site/ (strict)
	$(BIN)/mkdocs build --strict

# The checker builds the site itself, so it reports the sources' faults, the build's and
# the built pages' in one run, even when the build fails.
check: $(BIN)/.runtime ## check sources, a strict build and the built pages: every fault as file:line
	$(BIN)/python scripts/check_site.py

test: $(BIN)/.test ## install test needs (Chromium included), lint, and run every test
	PYTHON=$(BIN)/python sh scripts/install_test_tools.sh
	$(BIN)/ruff check
	$(BIN)/pytest

# Tests are marked `browser` from the fixtures they use (tests/conftest.py).
test-fast: $(BIN)/.test ## lint, and run every test that opens no browser (a few minutes)
	PYTHON=$(BIN)/python sh scripts/install_test_tools.sh
	$(BIN)/ruff check
	$(BIN)/pytest -m "not browser"

pdf: $(BIN)/.test ## build the site with both cheat sheets as PDF, A4 and Letter, linked from their pages
	PYTHON=$(BIN)/python sh scripts/install_test_tools.sh
	CHEATSHEET_PDF=1 $(BIN)/mkdocs build --strict

figures: $(BIN)/.test ## redraw every figure into docs/figures/
	PYTHONPATH=docs/code $(BIN)/python -m studysite.figures.draw

# Lighthouse, pinned in scripts/bench/package-lock.json.
LIGHTHOUSE := scripts/bench/node_modules/.bin/lighthouse
$(LIGHTHOUSE): scripts/bench/package-lock.json
	cd scripts/bench && npm ci --no-audit --no-fund
	touch $@

bench: build $(BIN)/.test $(LIGHTHOUSE) ## print page weights, Lighthouse, deck, drill, offline, search and checker figures, build time against bare Material
	$(BIN)/python -m studysite.bench.page_weight --site site
	$(BIN)/python -m studysite.bench.decks --site site
	$(BIN)/python -m studysite.bench.drill --site site $(if $(DRILL_BASELINE),--baseline $(DRILL_BASELINE))
	$(BIN)/python -m studysite.bench.offline --site site
	$(BIN)/python -m studysite.bench.lighthouse --site site
	$(BIN)/python -m studysite.bench.search --site site
	$(BIN)/python -m studysite.bench.checker
	$(BIN)/python -m studysite.bench.build_time

clean: ## remove the built site and the venv
	rm -rf site $(VENV)
