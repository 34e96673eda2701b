# CloudGram developer commands. Everything installs itself: on a fresh machine with Python 3.11+
# and make, `make dev` and `make test` are the only two commands you need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INFRA_VENV := .venv-infra
PORT ?= 8000
STAGE ?= dev
CHROMIUM ?= /usr/bin/chromium
# chalice 1.34 packages wheels with pip and supports pip below 26.3.
PIP_PIN := pip==26.2.1

.PHONY: dev test test-unit test-integration test-e2e bench cost load lighthouse lint check-infra package deploy destroy browser axe esbuild clean

# The virtualenv is rebuilt whenever a requirements file changes.
$(VENV)/.installed: requirements.txt image_worker/requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(PIP_PIN)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(INFRA_VENV)/.installed: requirements-infra.txt
	test -x $(INFRA_VENV)/bin/python || $(PYTHON) -m venv $(INFRA_VENV)
	$(INFRA_VENV)/bin/python -m pip install --quiet $(PIP_PIN)
	$(INFRA_VENV)/bin/python -m pip install --quiet -r requirements-infra.txt
	touch $@

## Run the whole app locally (moto plays AWS) at http://localhost:$(PORT)
dev: $(VENV)/.installed
	$(PY) -m infra.local --port $(PORT)

## The browser tests drive Debian's Chromium; install it when it is missing (needs root or sudo).
browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

## The browser tests' accessibility checks run axe-core, pinned, from the npm registry into build/
## (git-ignored); npm itself is installed when it is missing (needs root or sudo).
AXE_CORE_VERSION := 4.14.1
AXE_DIR := build/axe-core
AXE_STAMP := $(AXE_DIR)/.installed-$(AXE_CORE_VERSION)

axe: $(AXE_STAMP)

$(AXE_STAMP):
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's npm for axe-core..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	rm -rf $(AXE_DIR)
	npm install --prefix $(AXE_DIR) --no-save --no-audit --no-fund axe-core@$(AXE_CORE_VERSION)
	touch $@

## The deploy bundles the page's modules into one script with esbuild (infra/deploy/site_build.py),
## pinned, from the npm registry into build/ (git-ignored), as axe-core is. Development needs no
## bundle; the deploy, `python -m infra.local --built-site` and the tests of that build do.
ESBUILD_VERSION := 0.28.2
ESBUILD_DIR := build/esbuild
ESBUILD_STAMP := $(ESBUILD_DIR)/.installed-$(ESBUILD_VERSION)

esbuild: $(ESBUILD_STAMP)

$(ESBUILD_STAMP):
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's npm for esbuild..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	rm -rf $(ESBUILD_DIR)
	npm install --prefix $(ESBUILD_DIR) --no-save --no-audit --no-fund esbuild@$(ESBUILD_VERSION)
	touch $@

## The whole suite: unit, integration (local stack over HTTP) and e2e (real browser)
test: $(VENV)/.installed browser axe esbuild
	$(PY) -m pytest

test-unit: $(VENV)/.installed esbuild
	$(PY) -m pytest tests/unit

test-integration: $(VENV)/.installed esbuild
	$(PY) -m pytest tests/integration

test-e2e: $(VENV)/.installed browser axe esbuild
	$(PY) -m pytest tests/e2e

## Benchmarks against named baselines, in one run; prints ratios
bench: $(VENV)/.installed
	$(PY) -m bench

## The cost model (docs/cost.md) from make bench's figures
cost: $(VENV)/.installed
	$(PY) -m bench.cost

## Twenty people at once on a local stack of its own, then an audit: nothing lost or doubled
load: $(VENV)/.installed
	$(PY) -m bench.load

## Lighthouse 12's mobile audit (median of three runs) of the empty page, a feed of twelve photos,
## a profile and a photo page on a local stack of its own, and a repeat visit's requests, against
## the page's goals. Lighthouse is pinned, from the npm registry into build/ (git-ignored), as
## axe-core is; the reports go to build/lighthouse/reports/.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_DIR := build/lighthouse
LIGHTHOUSE_STAMP := $(LIGHTHOUSE_DIR)/.installed-$(LIGHTHOUSE_VERSION)

lighthouse: $(VENV)/.installed browser esbuild $(LIGHTHOUSE_STAMP)
	@test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx-light, the HTTP/2 front Lighthouse measures through..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nginx-light >/dev/null; }
	$(PY) -m bench.lighthouse

$(LIGHTHOUSE_STAMP):
	@command -v npm >/dev/null || { \
	  echo "Installing Debian's npm for Lighthouse..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq npm >/dev/null; }
	rm -rf $(LIGHTHOUSE_DIR)/node_modules $(LIGHTHOUSE_DIR)/.installed-*
	npm install --prefix $(LIGHTHOUSE_DIR) --no-save --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

## Offline checks of everything AWS needs: chalice package, cfn-lint, checkov
check-infra: $(VENV)/.installed $(INFRA_VENV)/.installed
	$(PY) -m infra.check --infra-venv $(INFRA_VENV)

## DRY_RUN=1 prints the plan (each step and what it creates) without AWS or credentials
deploy: $(VENV)/.installed esbuild
	$(PY) -m infra.deploy deploy --stage $(STAGE) $(if $(DRY_RUN),--dry-run)

destroy: $(VENV)/.installed
	$(PY) -m infra.deploy destroy --stage $(STAGE)

clean:
	rm -rf $(VENV) $(INFRA_VENV) build .pytest_cache .ruff_cache
