# The portal's two commands: `make run` and `make test`. Everything they need, they install.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate demo worker beat lint messages check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_booths --demo

## run: migrate the embedded database, load the 21st CIEP and the demo, serve on 127.0.0.1:8000
## (`make run PORT=8001` for another port: the printed address, SITE_URL and e-mail links follow)
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the import contracts (.importlinter), then the whole suite (set DATABASE_URL and
## CELERY_BROKER_URL to test on PostgreSQL + Redis)
test: install-dev
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## worker / beat: separate Celery processes, for use with CELERY_BROKER_URL=redis://…
worker: install
	$(BIN)/celery -A ciep_portal worker --loglevel=INFO --concurrency=2

beat: install
	$(BIN)/celery -A ciep_portal beat --loglevel=INFO --schedule=var/celerybeat-schedule

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

## messages: extract and compile translations (needs GNU gettext; the .mo files are committed)
messages: install-dev
	$(BIN)/python manage.py makemessages --locale=en --no-obsolete --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages --locale=en --locale=zh_Hans --ignore=.venv

clean:
	rm -rf var/db.sqlite3 var/media var/staticfiles

## bench: the benchmarks of bench/RESULTS.md on PostgreSQL + Redis at 127.0.0.1 (quick sizes;
## FULL=1 for the issue's). Needs Debian's ffmpeg (ffprobe) for B1: apt-get install ffmpeg
.PHONY: bench
bench: install
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/run.py $(if $(FULL),--full,--quick)
