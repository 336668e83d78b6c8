# ClusterPoliSEE — the two commands of the README, and a few helpers.
#   make run   create .venv, install, migrate, seed the demo data, serve on 127.0.0.1:8000
#   make test  install what the tests need (Chromium, gettext) and run the whole suite
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# pytest-xdist workers for `make test` (each gets its own test database and cache prefix)
TEST_WORKERS ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-deps check lint lock messages totp vendor clean backup restore

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Exactly the versions and hashes of the lock files (`make lock` writes them from
# pyproject.toml); the project itself without resolving anything again.
$(STAMP): requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Re-resolve the lock files after changing pyproject.toml, or to take newer releases
# (UPGRADE="--upgrade-package django" for one, UPGRADE=--upgrade for all). The dev file is
# constrained by the runtime one, so tests run the versions production installs.
UV := $(VENV)/bin/uv
LOCK := $(UV) pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" $(UPGRADE)
lock: | $(PY)
	@test -x $(UV) || $(PY) -m pip install --quiet uv
	$(LOCK) -o requirements.txt
	$(LOCK) --extra dev --constraint requirements.txt -o requirements-dev.txt

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:8000 (SQLite, Celery eager). Ctrl-C stops."
	$(PY) manage.py runserver 127.0.0.1:8000

# System packages the tests need: Debian's Chromium for Playwright, gettext for the
# translation check. Installed only when missing.
test-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v xgettext >/dev/null || missing="$$missing gettext"; \
	ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

check: $(STAMP)
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=clusterpolisee.settings.test $(PY) manage.py check --fail-level WARNING
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run

test: $(STAMP) test-deps check
	$(VENV)/bin/pytest --create-db -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Database (pg_dump -Fc) and both file storages, disk or bucket: docs/deploy.md, "Backups".
BACKUP_DIR ?= backups/$(shell date +%Y%m%d-%H%M%S)
backup: $(STAMP)
	$(PY) manage.py backup $(BACKUP_DIR)

restore: $(STAMP)
	@test -n "$(FROM)" || { echo "usage: make restore FROM=backups/<date>"; exit 1; }
	$(PY) manage.py restore $(FROM)

# Re-extract and compile the translation catalogues (commit both .po and .mo).
# the catalogues translated by hand (settings.LANGUAGES without English; sr_Latn is
# transliterated from sr)
LANGS := bg de el hr hu it ro sk sl sq sr

messages: $(STAMP)
	$(PY) manage.py makemessages $(addprefix -l ,$(LANGS)) --no-obsolete -i ".venv/*" -i "tests/*" -i "node_modules/*" -i "staticfiles/*" -i "test-artifacts/*" -i "build/*"
	$(PY) manage.py transliterate_serbian
	$(PY) manage.py compilemessages $(addprefix -l ,$(LANGS)) -l sr_Latn -i .venv

# The current two-factor code of the demo admin and editor.
totp: $(STAMP)
	@$(PY) manage.py demo_totp

# Refresh the vendored front-end assets from the npm registry (versions in package.json).
vendor:
	npm install --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp node_modules/axe-core/axe.min.js tests/browser/vendor/axe.min.js
	# Country outlines and ISO alpha-2 -> numeric codes for the server-drawn SVG maps.
	mkdir -p static/vendor/world-atlas static/vendor/i18n-iso-countries
	cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/LICENSE static/vendor/world-atlas/
	cp node_modules/i18n-iso-countries/codes.json node_modules/i18n-iso-countries/LICENSE static/vendor/i18n-iso-countries/

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
