# Leerroute: `make run` (demo on http://127.0.0.1:8000) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
DEV_ENV := DEBUG=true
TEST_WORKERS ?= 2

.PHONY: install run test lint format worker bench check-chromium clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	@echo "Leerroute draait op http://127.0.0.1:8000 (stoppen: Ctrl+C)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

worker: install
	$(PY) manage.py db_worker

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium ontbreekt ($(CHROMIUM)); de browsertests hebben het nodig."; \
	  echo "Installeer het met: sudo apt-get install chromium"; \
	  exit 1; \
	fi

test: install lint check-chromium
	$(PY) manage.py makemigrations --check --dry-run --settings=tests.settings
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
