# Preuves: one Makefile for the two commands that matter, `make run` and `make test`.
#
# Everything installs itself when missing and is not reinstalled when nothing changed:
#   .venv/              Python deps pinned in backend/requirements.lock, `preuves` editable
#   pwa/node_modules/   npm deps pinned in pwa/package-lock.json
#   pwa/dist/           the built PWA, rebuilt only when its sources change
# Stamps under .stamps/ (gitignored) remember what was installed from which lock file.
#
# Run `make help` for the list of targets.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 8000
STAMPS := .stamps

VENV_STAMP := $(STAMPS)/venv
NPM_STAMP  := $(STAMPS)/npm
PWA_STAMP  := pwa/dist/.stamp

# Sources whose change means the PWA must be rebuilt. `find` lists files in
# subfolders too; a folder that does not exist yet is simply skipped.
PWA_SOURCES := $(shell find pwa/src pwa/scripts pwa/public shared_schemas -type f 2>/dev/null) \
               $(wildcard pwa/*.html pwa/*.js pwa/*.mjs pwa/*.json pwa/*.webmanifest)

# Python code that ruff checks (bench/ may not exist in a fresh clone yet).
PY_DIRS := $(wildcard backend tests bench)

# The PWA steps are skipped (with a warning) until pwa/package.json exists.
HAVE_PWA := $(wildcard pwa/package.json)

export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Tests drive Debian's /usr/bin/chromium: no tool may download its own browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export PUPPETEER_SKIP_DOWNLOAD := 1

banner = @printf '\n==> %s\n' "$(1)"
warn   = @printf 'warning: %s\n' "$(1)" >&2

.PHONY: help install venv npm-deps pwa run system-deps lint fmt test test-sqlite test-browser \
        test-postgres test-pwa bench bench-deps bench-sync bench-upload clean FORCE

help: ## List the targets
	@echo "Preuves. Usage: make TARGET [PORT=8000] [HOST=127.0.0.1]"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
	  | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

# ---------------------------------------------------------------- install

install: venv npm-deps ## Install Python deps into .venv and npm deps into pwa/node_modules (only if changed)

venv: $(VENV_STAMP) ## Create .venv and install backend/requirements.lock + preuves (editable)

# Reinstall when the lock file or pyproject changed, or when .venv is gone.
$(VENV_STAMP): backend/requirements.lock backend/pyproject.toml $(if $(wildcard $(VENV)/bin/python),,FORCE)
	$(call banner,Python dependencies into $(VENV))
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r backend/requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps -e backend
	@mkdir -p $(STAMPS) && touch $@

ifneq ($(HAVE_PWA),)
npm-deps: $(NPM_STAMP) ## Install pwa/node_modules with `npm ci` (only if package-lock.json changed)

$(NPM_STAMP): pwa/package-lock.json pwa/package.json $(wildcard pwa/.npmrc) $(if $(wildcard pwa/node_modules),,FORCE)
	$(call banner,npm dependencies into pwa/node_modules)
	cd pwa && npm ci --no-audit --no-fund
	@mkdir -p $(STAMPS) && touch $@

pwa: $(PWA_STAMP) ## Build the PWA into pwa/dist (only if its sources changed)

$(PWA_STAMP): $(PWA_SOURCES) $(NPM_STAMP)
	$(call banner,Build the PWA into pwa/dist)
	cd pwa && npm run build
	@test -d pwa/dist || { echo "npm run build did not write pwa/dist" >&2; exit 1; }
	@touch $@
else
npm-deps pwa:
	$(call warn,pwa/package.json does not exist yet: skipping '$@')
endif

# ---------------------------------------------------------------- run
# --no-control-socket: gunicorn's control socket (gunicornc) is not used, and its
# default path in $HOME would be shared by every instance on the machine.
#
# The media worker (thumbnails, posters, web copies) runs beside gunicorn. Both are started in
# the background and the shell waits for gunicorn: a shell only runs its traps between commands,
# and `wait` is one it can interrupt. Ctrl-C reaches both (they install their own handlers) and
# the trap sends SIGTERM too: gunicorn stops its workers, the media worker stops at once on this
# second signal (its job goes back to the queue). If gunicorn stops by itself (port taken), the
# worker is stopped as well and make reports gunicorn's exit code.

run: install pwa ## Create/migrate the database, seed demo data once, serve on http://HOST:PORT with the media worker
	$(call banner,Database: $(VENV)/bin/preuves init-db and seed-demo --if-empty)
	$(VENV)/bin/preuves init-db
	$(VENV)/bin/preuves seed-demo --if-empty
	$(call banner,Serving Preuves on http://$(HOST):$(PORT)/ with the media worker (Ctrl-C stops both))
	$(VENV)/bin/preuves media-worker & worker=$$!; \
	$(VENV)/bin/gunicorn --bind $(HOST):$(PORT) --worker-class gthread --workers 2 \
	  --threads 4 --graceful-timeout 5 --no-control-socket 'preuves.wsgi:app' & server=$$!; \
	trap 'kill -TERM $$server $$worker 2>/dev/null || true' INT TERM; \
	status=0; wait $$server || status=$$?; \
	kill -TERM $$server $$worker 2>/dev/null || true; \
	wait $$server 2>/dev/null || true; wait $$worker 2>/dev/null || true; \
	if [ $$status -gt 128 ]; then status=0; fi; exit $$status

# ---------------------------------------------------------------- checks

system-deps: ## apt-get install postgresql, chromium, ffmpeg if absent (root or sudo)
	$(call banner,Debian packages: postgresql chromium ffmpeg)
	scripts/ensure-system-packages.sh

lint: venv npm-deps ## ruff check + ruff format --check, eslint
	$(call banner,Lint: ruff check)
	$(VENV)/bin/ruff check $(PY_DIRS)
	$(call banner,Lint: ruff format --check)
	$(VENV)/bin/ruff format --check $(PY_DIRS)
ifneq ($(HAVE_PWA),)
	$(call banner,Lint: eslint (npm run lint))
	cd pwa && npm run lint
else
	$(call warn,pwa/package.json does not exist yet: skipping eslint)
endif

fmt: venv ## Rewrite Python files with ruff format and ruff check --fix
	$(VENV)/bin/ruff format $(PY_DIRS)
	$(VENV)/bin/ruff check --fix $(PY_DIRS)

# The test runs share nothing (their own databases, ports and folders) and each mostly keeps
# one core busy, so they run two at a time, the longest first; each one's output is printed
# when it ends. (No .NOTPARALLEL here: in GNU Make 4.3 it makes every make serial, this one
# included. The stages above keep their order through their prerequisites.)
test: system-deps install pwa lint ## Everything CI runs: system deps, install, build, lint, pytest (SQLite, PostgreSQL, Chromium), PWA tests
	$(MAKE) --no-print-directory --output-sync=target -j2 test-browser test-postgres test-sqlite test-pwa
	$(call banner,All tests passed)

test-sqlite: venv ## pytest -m "not browser" on SQLite
	$(call banner,pytest on SQLite (browser tests apart))
	env -u TEST_DATABASE_URL $(VENV)/bin/pytest -m "not browser"

test-browser: venv pwa ## pytest -m browser: the PWA in Debian's Chromium, against the app on SQLite
	$(call banner,pytest -m browser (Chromium, SQLite))
	env -u TEST_DATABASE_URL $(VENV)/bin/pytest -m browser

test-postgres: venv ## pytest -m "not browser" on a throwaway PostgreSQL cluster
	$(call banner,pytest on PostgreSQL (throwaway cluster, browser tests skipped))
	scripts/with-postgres.sh $(VENV)/bin/pytest -m "not browser"

test-pwa: npm-deps ## The PWA's own tests (npm test)
ifneq ($(HAVE_PWA),)
	$(call banner,PWA tests (npm test))
	cd pwa && PREUVES_REQUIRE_SCHEMAS=1 npm test
else
	$(call warn,pwa/package.json does not exist yet: skipping npm test)
endif

BENCH_NPM_STAMP := $(STAMPS)/bench-npm

bench-deps: venv system-deps $(BENCH_NPM_STAMP) ## Install what the benchmarks compare with (bench/node_modules)

$(BENCH_NPM_STAMP): bench/package-lock.json bench/package.json $(if $(wildcard bench/node_modules),,FORCE)
	$(call banner,Reference servers for the benchmarks into bench/node_modules)
	cd bench && npm ci --no-audit --no-fund
	@mkdir -p $(STAMPS) && touch $@

bench: bench-sync bench-upload ## Run every benchmark

bench-sync: bench-deps ## Sync push/pull over HTTP on SQLite and durable PostgreSQL vs PouchDB (SUMMARY line)
	$(call banner,Sync benchmark: Preuves on SQLite and PostgreSQL beside PouchDB)
	$(VENV)/bin/python bench/sync.py

bench-upload: bench-deps ## 1 GiB tus upload: Preuves vs @tus/server vs a plain copy; peak memory (SUMMARY line)
	$(call banner,Benchmark: a 1 GiB upload to Preuves and to @tus/server with tus-js-client)
	$(VENV)/bin/python bench/upload.py

.PHONY: bench-jury
bench-jury: venv system-deps pwa ## A jury member's offline copy of 200 pieces (~1 GB): PWA vs plain download, offline open (SUMMARY line)
	$(call banner,Benchmark: download and open offline a dossier of 200 pieces of evidence)
	$(VENV)/bin/python bench/jury.py

# ---------------------------------------------------------------- clean

clean: ## Remove .venv, .stamps, pwa/node_modules, pwa/dist (never instance/)
	rm -rf $(VENV) $(STAMPS) pwa/node_modules pwa/dist bench/node_modules

FORCE:
