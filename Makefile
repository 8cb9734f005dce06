# The two commands: `make run` and `make test`. Both set everything up.
# docs/testing.md explains the test runs; .ci/run is what CI calls.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests keep their files (secret key, static) apart from the demo site's.
TEST_VAR_DIR := $(CURDIR)/var/test
CHECK_VAR_DIR := $(CURDIR)/var/check

.PHONY: run test check install clean bench-reader screens

# Reinstalled whenever pyproject.toml changes (new dependency, new extra).
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# axe-core for the browser accessibility test (tests/site/test_browser.py).
# Without npm the axe test skips (or fails under KHABAR_REQUIRE_SERVICES=1).
# The stamp is touched after `npm ci`, which dates the files it unpacks 1985.
# --ignore-scripts: with no Java 11+ on the machine, vnu-jar's install
# script would download one from GitHub; bench/reader_pages.py uses the
# machine's java (apt-get install default-jre-headless).
$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error \
			&& touch $(NPM_STAMP); \
	else \
		echo "npm not found: skipping axe-core; the accessibility test will skip" \
			"(apt-get install npm)."; \
	fi

install: $(STAMP) $(NPM_STAMP)

# Links and logins printed by the demo use the address being served.
run: export KHABAR_BASE_URL ?= http://$(HOST):$(PORT)
run: $(STAMP)
	$(BIN)/khabar migrate --no-input
	$(BIN)/khabar collectstatic --no-input --verbosity 0
	$(BIN)/khabar demo --if-empty
	$(BIN)/khabar serve --host $(HOST) --port $(PORT)

# Style (ruff), the layers (import-linter, contracts in pyproject.toml),
# Django's system checks and "no model change without its migration".
check: $(STAMP)
	$(BIN)/ruff check khabar tests bench
	$(BIN)/ruff format --check khabar tests bench
	$(BIN)/lint-imports --no-cache
	KHABAR_VAR_DIR=$(CHECK_VAR_DIR) $(BIN)/khabar check --fail-level WARNING
	KHABAR_VAR_DIR=$(CHECK_VAR_DIR) $(BIN)/khabar makemigrations --check --dry-run

# The whole suite. PYTEST_ARGS passes options: make test PYTEST_ARGS='-k feed'
test: check $(NPM_STAMP)
	KHABAR_VAR_DIR=$(TEST_VAR_DIR) $(BIN)/python -m pytest -ra --durations=15 \
		$(PYTEST_ARGS)

# The reader pages against issue #17's bars: Lighthouse, the Nu Html
# Checker and bytes (docs/benchmarks.md). ARGS passes options:
# make bench-reader ARGS='--only nu --url http://127.0.0.1:8000'
bench-reader: $(STAMP) $(NPM_STAMP)
	$(BIN)/python bench/reader_pages.py $(ARGS)

# Screenshots of every reader page type, 360 and 1280 px, light and dark,
# into docs/design/ (ARGS='--out /tmp/screens' writes elsewhere).
screens: $(STAMP)
	$(BIN)/python bench/screens.py $(ARGS)

clean:
	rm -rf $(VENV) var node_modules *.egg-info
