# newsetl — every command sets itself up: a pinned .venv from uv.lock, an Airflow home inside the repo.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
RUN_DATE ?= $(shell date -u +%F)
BENCH_SIZE ?= 10000
AIRFLOW_PORT ?= 8080
AIRFLOW_PASSWORDS := $(CURDIR)/.airflow/simple_auth_manager_passwords.json.generated

export AIRFLOW_HOME := $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export NEWSETL_CONFIG ?= $(CURDIR)/config/sources.yaml
export UV_PYTHON_DOWNLOADS := never
export PATH := $(CURDIR)/$(BIN):$(PATH)

DEVSET ?= ../shared/devset
# Floors under the measured F (docs/evaluation.md): a regression below them fails `make eval`.
EVAL_FLOORS ?= --min-html-f 0.954 --min-text-f 0.913

.PHONY: help setup run test lint typecheck pytest check airflow-setup airflow eval bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled once, here: where PYTHONDONTWRITEBYTECODE is set (it is on the machines this was built on)
# or the install is read-only, every process would compile what it imports again: each `airflow` and `newsetl`
# command, each Airflow component, each task (`import airflow.sdk`: 3.5-3.9 s without bytecode, 1.6 s with it;
# news_ingest on 10,000 dumps through a real scheduler: 42.7 s without, 36.0-37.0 s with it; docs/benchmarks.md).
$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

# newsetl's own modules are compiled again whenever one changes: a `git pull` that keeps the lock leaves the sync
# above alone, and every process would compile the changed modules again (a re-run of 10,000 unchanged dumps took
# 0.60-0.68 s with three modules stale, 0.59-0.62 s compiled). compileall only compiles what is stale.
PROJECT_SOURCES := $(shell find src dags -name '*.py')
$(VENV)/.compiled: $(VENV)/.synced $(PROJECT_SOURCES)
	$(BIN)/python -m compileall -q src dags
	@touch $@

setup: $(VENV)/.synced $(VENV)/.compiled  ## create .venv with the exact versions in uv.lock

$(AIRFLOW_HOME)/.ready: $(VENV)/.synced
	@mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/migrate.log 2>&1 || (cat $(AIRFLOW_HOME)/migrate.log; exit 1)
	$(BIN)/airflow pools set newsetl_warehouse 1 "newsetl: the one DuckDB writer" > /dev/null
	@touch $@

# The simple auth manager's admin password, chosen once here (random) so `make airflow` can print it.
$(AIRFLOW_PASSWORDS): | $(AIRFLOW_HOME)/.ready
	@$(BIN)/python -c 'import json, secrets, sys; open(sys.argv[1], "x").write(json.dumps({"admin": secrets.token_urlsafe(12)}))' $@

airflow-setup: $(AIRFLOW_HOME)/.ready $(AIRFLOW_PASSWORDS) $(VENV)/.compiled  ## local Airflow home (SQLite) with the warehouse pool and an admin login

run: airflow-setup  ## run the news_ingest DAG through Airflow on the bundled samples, then show what landed
	$(BIN)/airflow dags test news_ingest $(RUN_DATE) > $(AIRFLOW_HOME)/last-run.log 2>&1 \
		|| (tail -n 60 $(AIRFLOW_HOME)/last-run.log; echo "news_ingest failed; full log: $(AIRFLOW_HOME)/last-run.log"; exit 1)
	@echo "news_ingest ran through Airflow (task log: $(AIRFLOW_HOME)/last-run.log)"
	$(BIN)/newsetl report

lint:  ## ruff format check and lint
	$(BIN)/ruff format --check src dags tests
	$(BIN)/ruff check src dags tests

typecheck:  ## mypy --strict
	$(BIN)/mypy

pytest:
	$(BIN)/pytest

test: setup lint typecheck pytest  ## everything CI checks: lint, types, the whole test suite

check: test

# `airflow standalone` runs the four components with LocalExecutor on this home's SQLite file. SQLite takes one
# writer at a time: four task processes at once (2 cores) and a 60 s lock wait keep the components from failing
# each other with "database is locked". A port other than 8080 must reach the tasks too (execution API URL).
airflow: airflow-setup  ## scheduler, dag-processor, triggerer and API server on http://localhost:8080 (AIRFLOW_PORT=N; Ctrl-C stops)
	@echo "Airflow: http://localhost:$(AIRFLOW_PORT)   login: admin / $$($(BIN)/python -c 'import json, sys; print(json.load(open(sys.argv[1]))["admin"])' $(AIRFLOW_PASSWORDS))   (kept in $(AIRFLOW_PASSWORDS))"
	@echo "DAGs from $(AIRFLOW__CORE__DAGS_FOLDER), sources from $(NEWSETL_CONFIG); metadata and logs in $(AIRFLOW_HOME)"
	AIRFLOW__API__PORT=$(AIRFLOW_PORT) \
	AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://localhost:$(AIRFLOW_PORT)/execution/ \
	AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$(AIRFLOW_HOME)/airflow.db?timeout=60" \
	AIRFLOW__CORE__EXECUTOR=LocalExecutor \
	AIRFLOW__CORE__PARALLELISM=4 \
	$(BIN)/airflow standalone

eval: setup  ## score extraction on the devset beside trafilatura and the whole-text baseline
	$(BIN)/newsetl eval --devset $(DEVSET) $(EVAL_FLOORS) --output docs/evaluation.md

bench: airflow-setup  ## time each stage and whole runs (ingest, re-run, DAG, real scheduler) on BENCH_SIZE text dumps
	$(BIN)/newsetl bench --docs $(BENCH_SIZE) --dag --scheduler --markdown data/bench/report.md
	@echo "table also written to data/bench/report.md"

clean:  ## remove the venv, Airflow home and data (not the samples)
	rm -rf $(VENV) $(TOOLS) $(AIRFLOW_HOME) data
