# Two commands set everything up: `make run` and `make test`. Nothing clever here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app researcher
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install install-test translations messages lint bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install --quiet -e ".[dense]"
	$(MAKE) translations

install-test: $(BIN)/activate
	$(BIN)/pip install --quiet -e ".[test]"
	$(MAKE) translations

translations:
	$(BIN)/pybabel compile --use-fuzzy -d researcher/translations -f >/dev/null

run: install
	$(FLASK) db upgrade
	$(FLASK) gminas load
	$(FLASK) seed-demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/ruff check .
	$(BIN)/pytest

# Developers: refresh the catalogues after changing user-facing text.
messages: $(BIN)/activate
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location -o researcher/translations/messages.pot .
	$(BIN)/pybabel update -i researcher/translations/messages.pot -d researcher/translations

lint:
	$(BIN)/ruff check .

# Benchmarks read ../shared/data where they need real Polish texts; never part of `make test`.
bench: install-test
	$(BIN)/python bench/analysis.py
	$(BIN)/python bench/sync.py
	$(BIN)/python bench/exports.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
