# Leerroute: `make run` (demo on http://127.0.0.1:8000 with its background worker) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
ENV_FILE := .env
TEST_WORKERS ?= 2

.PHONY: install run test lint format worker bench check-chromium clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The local development settings every manage.py command reads (leerroute/settings.py):
# written once, never overwritten, git-ignored. Delete it to start over.
$(ENV_FILE):
	@$(PYTHON) -c "import secrets; print('# Lokale ontwikkelinstellingen (make run); nooit in productie gebruiken.'); print('DEBUG=true'); print('SECRET_KEY=dev-' + secrets.token_urlsafe(48))" > $(ENV_FILE)
	@echo "$(ENV_FILE) geschreven: DEBUG aan en een eigen SECRET_KEY (alleen voor deze machine)."

# The development server and the background worker together (emails on the console);
# Ctrl+C stops both.
run: install $(ENV_FILE)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Leerroute draait op http://127.0.0.1:8000 met de achtergrondwerker (stoppen: Ctrl+C)"
	@$(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:8000

# Production: the worker on its own (the environment holds the settings).
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
