# samvirke: `make run` serves the register, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
export SECRET_KEY_FILE ?= $(CURDIR)/var/secret_key

.PHONY: run dev prepare test install lint messages clean

$(VENV)/.installed: pyproject.toml
	@echo "==> samvirke: installing the pinned dependencies into $(VENV) (quiet; a minute or two the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

# The steps `make run` and `make dev` share, each saying what it does.
prepare: $(VENV)/.installed var/secret_key
	@echo "==> samvirke: updating the database tables"
	$(BIN)/samvirke migrate --no-input
	@echo "==> samvirke: loading the Sogn dataset (only into an empty register)"
	$(BIN)/samvirke load sogn --if-empty
	@echo "==> samvirke: collecting style sheets and scripts"
	$(BIN)/samvirke collectstatic --no-input --verbosity 1

# Served as production serves it (README): gunicorn, one worker per core.
run: prepare
	@echo "==> samvirke: serving http://$(HOST):$(PORT)/ with gunicorn, $(WORKERS) workers (Ctrl-C stops)"
	# a job worker beside the server (reminders, background report builds); stops with it
	$(BIN)/samvirke qcluster & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  $(BIN)/gunicorn samvirke.wsgi --workers $(WORKERS) --bind $(HOST):$(PORT) --timeout 60 \
		--access-logfile -

# Django's development server (reloads on code changes; not for many visitors).
dev: prepare
	$(BIN)/samvirke qcluster & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  $(BIN)/samvirke serve $(HOST):$(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff check samvirke tests benchmarks
	$(BIN)/ruff format --check --quiet samvirke tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest

# The .po files are the source of the translations: edit them (or use a translation tool),
# then `make messages` adds new texts, keeps every translation and compiles the .mo files.
messages: $(VENV)/.installed-test var/secret_key
	cd samvirke && ../$(BIN)/samvirke makemessages --locale nn --locale nb --no-obsolete --no-location
	cd samvirke && ../$(BIN)/samvirke compilemessages

clean:
	rm -rf $(VENV) var
