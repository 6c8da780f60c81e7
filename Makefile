# One command to run the site with demo content, one to run every test. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Where `make run` serves the site (e.g. `make run PORT=8080 HOST=0.0.0.0`); exported, so that the site's
# public address (SITE_URL, defaulting to http://HOST:PORT) and the printed URL use the same values.
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT
# Tests run on PostgreSQL only (pytest-django creates test_<name> next to this database).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/collectivites
PYTEST_ARGS ?=

.PHONY: run setup-site worker test test-deps chromium jre nginx zbar clean bench polices

run: setup-site
	@$(PY) manage.py runserver --skip-checks $(HOST):$(PORT)

## The background worker (e-mails, search index) when TASKS_BACKEND=database; production runs it under systemd.
worker: $(VENV)/.installed-run
	$(PY) manage.py db_worker

## Install, migrate, import the territory, build the production skeleton (initialiser_site: what a real deployment
## runs), put the demo content on top, create the admin account (idempotent).
## Quiet: one line per step, then a short block with the URL and the accounts (ensure_admin).
setup-site: $(VENV)/.installed-run
	@echo "Base de données (migrations)…"
	@LOG_LEVEL=WARNING $(PY) manage.py migrate --noinput -v0
	@echo "Référentiel territorial (communes, cantons, EPCI)…"
	@LOG_LEVEL=WARNING $(PY) manage.py import_territoire -v0
	@echo "Squelette du site (pages, référentiels, paramètres, index de recherche)…"
	@LOG_LEVEL=WARNING $(PY) manage.py initialiser_site -v0
	@echo "Contenu de démonstration…"
	@LOG_LEVEL=WARNING $(PY) manage.py load_demo_content -v0
	@LOG_LEVEL=WARNING $(PY) manage.py ensure_admin

test: test-deps
	DATABASE_URL="$${DATABASE_URL:-$(TEST_DATABASE_URL)}" $(PY) -m pytest $(PYTEST_ARGS)

test-deps: $(VENV)/.installed-test node_modules/.installed chromium jre nginx zbar

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

# Debian packages the tests need are installed by apt-get, which needs root: through sudo when make does not
# run as root. Each target says what it installs before asking.
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo )env DEBIAN_FRONTEND=noninteractive apt-get

## Browser tests use Debian's chromium, never a downloaded browser.
chromium:
	@test -x /usr/bin/chromium || { echo "Installation de chromium (paquet Debian ; apt-get demande les droits root, via sudo si besoin)…"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq chromium >/dev/null; }

## The QR codes' test decodes them with zbar (pyzbar, from requirements-test.txt, loads Debian's libzbar0).
zbar:
	@ls /usr/lib/*/libzbar.so.0 >/dev/null 2>&1 || { echo "Installation de libzbar0 (paquet Debian, pour lire les QR codes dans les tests ; droits root, via sudo si besoin)…"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq libzbar0 >/dev/null; }

## Benchmark (docs/performance.md): builds collectivites_bench_demo and collectivites_bench (large dataset),
## then measures with wrk (Debian) on 127.0.0.1. About 10 minutes; not part of CI.
bench: $(VENV)/.installed-run
	@command -v wrk >/dev/null || { echo "Installation de wrk (paquet Debian ; droits root, via sudo si besoin)…"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq wrk >/dev/null; }
	bench/preparer_bases.sh
	$(PY) bench/mesurer.py

## tests/securite/test_nginx.py checks deploy/nginx/site.conf with Debian's nginx (`nginx -t`, never started).
## The package starts nginx on port 80, and the tests only need `nginx -t`: the nginx that this install started
## (its pid file appeared with it) is stopped; an nginx that was already running is left alone.
nginx:
	@test -x /usr/sbin/nginx || { echo "Installation de nginx-light (paquet Debian, pour vérifier deploy/nginx/site.conf ; droits root, via sudo si besoin)…"; \
	  deja=$$(test -s /run/nginx.pid && echo oui); \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq nginx-light >/dev/null; \
	  if [ -z "$$deja" ] && [ -s /run/nginx.pid ]; then $(if $(filter 0,$(shell id -u)),,sudo )kill "$$(cat /run/nginx.pid)" || true; fi; }

## The HTML validity test runs the Nu Html Checker (node_modules/vnu-jar, from npm) on Debian's Java.
jre:
	@command -v java >/dev/null || { echo "Installation de Java (paquet Debian, pour le validateur HTML ; droits root, via sudo si besoin)…"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq default-jre-headless >/dev/null; }

clean:
	rm -rf $(VENV) node_modules var

## The site's typeface (static/fonts/, committed): Atkinson Hyperlegible Next from the npm registry's @fontsource
## package, latin subset, weights 400 and 700, with its licence (SIL OFL 1.1). Only to update them.
POLICE_VERSION ?= 5.3.0
polices:
	@rm -rf var/polices && mkdir -p var/polices
	cd var/polices && npm pack --silent @fontsource/atkinson-hyperlegible-next@$(POLICE_VERSION) && tar xzf *.tgz
	cp var/polices/package/files/atkinson-hyperlegible-next-latin-400-normal.woff2 \
	   var/polices/package/files/atkinson-hyperlegible-next-latin-700-normal.woff2 static/fonts/
	cp var/polices/package/LICENSE static/fonts/OFL.txt
