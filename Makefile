# One command to run the site with demo content, one to run every test. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run on PostgreSQL only (pytest-django creates test_<name> next to this database).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/collectivites
PYTEST_ARGS ?=

.PHONY: run setup-site worker test test-deps chromium jre nginx clean bench

run: setup-site
	$(PY) manage.py runserver $(HOST):$(PORT)

## The background worker (e-mails, search index) when TASKS_BACKEND=database; production runs it under systemd.
worker: $(VENV)/.installed-run
	$(PY) manage.py db_worker

## Install, migrate, import the territory, load the demo content, create the admin account (idempotent).
setup-site: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_territoire
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_admin

test: test-deps
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" $(PY) -m pytest $(PYTEST_ARGS)

test-deps: $(VENV)/.installed-test node_modules/.installed chromium jre nginx

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	touch $@

$(VENV)/.installed-run: $(VENV)/.created requirements.txt
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.created requirements.txt requirements-test.txt
	$(VENV)/bin/pip install -q -r requirements-test.txt
	touch $@ $(VENV)/.installed-run

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Browser tests use Debian's chromium, never a downloaded browser.
chromium:
	@test -x /usr/bin/chromium || { echo "Installation de chromium (Debian)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## Benchmark (docs/performance.md): builds collectivites_bench_demo and collectivites_bench (large dataset),
## then measures with wrk (Debian) on 127.0.0.1. About 10 minutes; not part of CI.
bench: $(VENV)/.installed-run
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	bench/preparer_bases.sh
	$(PY) bench/mesurer.py

## tests/securite/test_nginx.py checks deploy/nginx/site.conf with Debian's nginx (`nginx -t`, never started).
nginx:
	@test -x /usr/sbin/nginx || { echo "Installation de nginx-light (Debian, pour vérifier deploy/nginx/site.conf)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
	  pkill -x nginx || true; }  # the package starts nginx on port 80: the tests only need `nginx -t`

## The HTML validity test runs the Nu Html Checker (node_modules/vnu-jar, from npm) on Debian's Java.
jre:
	@command -v java >/dev/null || { echo "Installation de Java (Debian, pour le validateur HTML)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }

clean:
	rm -rf $(VENV) node_modules var
