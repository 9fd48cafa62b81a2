# Missing registered sex offenders: the whole analysis, from data/raw/ to reports/.
# `make help` (the default goal) lists the targets; the README explains them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDEXPANSION:
MAKEFLAGS += --no-builtin-rules --no-print-directory
# Two jobs by default (the machine has two cores); `make JOBS=1 all` runs one at a time.
# Logs are grouped per target so parallel output stays readable.
JOBS ?= 2
MAKEFLAGS += --jobs=$(JOBS) --output-sync=target
.DEFAULT_GOAL := help

# Reproducibility: inherited by every kernel (src/missing_offenders/environment.py sets the same
# for runs started without make). The epoch is the data date (10 March 2015).
export SOURCE_DATE_EPOCH := 1425945600
export PYTHONHASHSEED := 0
export TZ := UTC
export LC_ALL := C.UTF-8
export MATPLOTLIBRC := $(CURDIR)/matplotlibrc
export MPLCONFIGDIR := $(CURDIR)/build/mplconfig
export PYDEVD_DISABLE_FILE_VALIDATION := 1

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_OK := $(VENV)/.installed-from-lock
DEV_OK := $(VENV)/.installed-dev-lock
STAMPS := build/stamps
NB_RUN := $(PY) -m missing_offenders.nbrun
STDLIB_PY := PYTHONPATH=src $(PYTHON)

DEFAULT_ROUND := 2015_pa
CLEAN_NB := notebooks/01_clean_round.ipynb
ANALYSIS_NB := notebooks/02_round_analysis.ipynb
TRENDS_NB := notebooks/03_trends_and_staffing.ipynb
LEDGER_NB := notebooks/04_claims_ledger.ipynb
BRIEF_NB := notebooks/05_force_brief.ipynb
REF := data/raw/reference
STYLE := matplotlibrc src/missing_offenders/house.mplstyle

RAW_FILES := $(shell find data/raw -type f ! -name SHA256SUMS ! -name '.*' | LC_ALL=C sort)
SRC_FILES := $(wildcard src/missing_offenders/*.py)

# build/rules.mk (generated) lists the rounds found in data/raw/foi_rounds/ and the package
# modules each notebook imports; targets that need no data skip it.
ifneq ($(filter-out help clean venv manifest lab,$(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))),)
include build/rules.mk
endif

OTHER_ROUNDS := $(filter-out $(DEFAULT_ROUND),$(ROUNDS))
CLEANED := $(STAMPS)/01_clean_round.done $(OTHER_ROUNDS:%=reports/notebooks/01_clean_round/%.ipynb)

.PHONY: help all rounds analysis ledger briefs index test lab clean manifest bench venv pages-check

help: ## List the targets (this is the default goal)
	@$(PYTHON) -c 'import re,sys; [print(f"  make {m[0]:<10} {m[1]}") for m in re.findall(r"^([a-z-]+):.*?## (.*)$$", open("Makefile").read(), re.M)]'

all: rounds analysis ledger briefs index ## Regenerate every output from data/raw/ (creates .venv if missing)

rounds: $(CLEANED) ## Clean every FOI round into data/processed/<round_id>/

analysis: $(STAMPS)/02_round_analysis.done $(STAMPS)/03_trends_and_staffing.done ## Numbers and charts (reports/figures/)

ledger: $(STAMPS)/04_claims_ledger.done ## Check every claim of the published story (reports/claims_ledger.csv)

briefs: $(STAMPS)/05_force_brief.done $(STAMPS)/briefs-$(DEFAULT_ROUND).done ## One HTML brief per force (reports/briefs/)

index: reports/index.html ## The index page tying every output together

venv: $(VENV_OK) ## Create .venv from requirements.txt (pinned, hash-checked)

$(VENV_OK): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.txt
	$(PY) -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "missing_offenders.pth").write_text("$(CURDIR)/src\n")'
	touch $@

$(DEV_OK): requirements-dev.txt $(VENV_OK)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.txt
	touch $@

build/rules.mk: $(RAW_FILES) data/raw/SHA256SUMS $(SRC_FILES) $(wildcard notebooks/*.ipynb)
	@mkdir -p $(@D)
	$(STDLIB_PY) -m missing_offenders.build_rules > $@.tmp
	mv $@.tmp $@

# Every run starts by checking data/raw/ against its manifest (order-only: a check that
# passes again does not make anything out of date).
$(STAMPS)/raw-verified: $(RAW_FILES) data/raw/SHA256SUMS
	@mkdir -p $(@D)
	$(STDLIB_PY) -m missing_offenders.manifest check
	touch $@

# A template notebook runs in place for its default parameters (its committed outputs are that
# run); the cleaning notebook's other rounds get executed copies under reports/notebooks/.
define run_in_place
	$(NB_RUN) $< $<
	touch $@
endef

$(STAMPS)/01_clean_round.done: $(CLEAN_NB) $(MODULES_01_clean_round) $(RAW_$(DEFAULT_ROUND)) $(VENV_OK) | $(STAMPS)/raw-verified
	$(run_in_place)

reports/notebooks/01_clean_round/%.ipynb: $(CLEAN_NB) $(MODULES_01_clean_round) $$(RAW_$$*) $(VENV_OK) | $(STAMPS)/raw-verified
	$(NB_RUN) $(CLEAN_NB) $@ -r round_id $*

$(STAMPS)/02_round_analysis.done: $(ANALYSIS_NB) $(MODULES_02_round_analysis) $(STYLE) $(STAMPS)/01_clean_round.done \
		$(REF)/mappa_england_wales_national.csv $(REF)/mappa_area_figures.csv $(REF)/nspcc_2015_staffing.csv \
		$(VENV_OK) | $(STAMPS)/raw-verified
	$(run_in_place)

$(STAMPS)/03_trends_and_staffing.done: $(TRENDS_NB) $(MODULES_03_trends_and_staffing) $(STYLE) $(CLEANED) \
		$(REF)/nspcc_2015_staffing.csv $(VENV_OK) | $(STAMPS)/raw-verified
	$(run_in_place)

$(STAMPS)/04_claims_ledger.done: $(LEDGER_NB) $(MODULES_04_claims_ledger) $(wildcard claims/*.yaml) \
		$(STAMPS)/01_clean_round.done $(REF)/nspcc_2015_staffing.csv $(REF)/mappa_england_wales_national.csv \
		$(REF)/foi_disclosure_logs.csv $(wildcard data/raw/published_story/*) $(VENV_OK) | $(STAMPS)/raw-verified
	$(run_in_place)

$(STAMPS)/05_force_brief.done: $(BRIEF_NB) $(MODULES_05_force_brief) $(STYLE) $(STAMPS)/01_clean_round.done $(VENV_OK) | $(STAMPS)/raw-verified
	$(run_in_place)

# Every force's brief: the same notebook, one kernel per worker (see brief_runner.py).
$(STAMPS)/briefs-$(DEFAULT_ROUND).done: $(BRIEF_NB) $(MODULES_05_force_brief) $(CLOSURE_brief_runner) $(STYLE) \
		$(STAMPS)/01_clean_round.done $(VENV_OK) | $(STAMPS)/raw-verified
	$(PY) -m missing_offenders.brief_runner $(DEFAULT_ROUND) --workers 2
	touch $@

reports/index.html: $(CLOSURE_index_page) $(STAMPS)/02_round_analysis.done $(STAMPS)/03_trends_and_staffing.done \
		$(STAMPS)/04_claims_ledger.done $(STAMPS)/briefs-$(DEFAULT_ROUND).done | $(VENV_OK)
	$(PY) -m missing_offenders.index_page $(DEFAULT_ROUND)

test: | $(VENV_OK) ## Unit tests, then nbval over every committed executed notebook
	MISSING_OFFENDERS_READ_ONLY=1 $(PY) -m pytest -n 2 --dist loadfile --nbval tests notebooks reports/notebooks

# Not part of `make test`: needs Debian's chromium and axe-core (installed here if missing).
pages-check: reports/index.html | $(VENV_OK) ## Index and briefs in headless chromium at 1280 and 390 px: fit, axe, screenshots
	command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends chromium; }
	cd tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(PY) tools/check_pages.py

manifest: ## Rewrite data/raw/SHA256SUMS after adding or correcting a raw file on purpose
	$(STDLIB_PY) -m missing_offenders.manifest write

lab: $(DEV_OK) ## Open JupyterLab on the project, with the pipeline's environment
	$(VENV)/bin/jupyter lab --no-browser $(if $(filter 0,$(shell id -u)),--allow-root) --notebook-dir=$(CURDIR)

bench: | $(VENV_OK) ## Time venv creation, cold and no-op `make all`, `make test`, one trivial notebook
	$(PY) tools/bench.py

clean: ## Remove generated outputs (never data/raw/ nor the committed notebook sources)
	rm -rf build data/processed reports/notebooks reports/figures reports/briefs reports/*.html reports/*.csv
