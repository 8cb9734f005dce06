# The two commands: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install clean lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/khabar migrate --no-input
	$(BIN)/khabar collectstatic --no-input --verbosity 0
	$(BIN)/khabar demo --if-empty
	$(BIN)/khabar serve --host $(HOST) --port $(PORT)

# Tests keep their files (secret key, static) apart from the demo site's.
test: $(STAMP)
	KHABAR_VAR_DIR=$(CURDIR)/var/test $(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var *.egg-info
