# Missing registered sex offenders: the whole analysis, from data/raw/ to reports/.
# `make help` (the default goal) lists the targets; the README explains them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDEXPANSION:
MAKEFLAGS += --no-builtin-rules --no-print-directory
.DEFAULT_GOAL := help

# Goals that build outputs. They run two jobs by default (the machine has two cores; `make JOBS=1
# all` runs one at a time) with logs grouped per target so parallel output stays readable, and
# one make at a time per checkout (a lock; a second waits). Interactive goals (lab, test, bench)
# stream their output as it comes.
BUILD_GOALS := all rounds analysis ledger briefs index audit
JOBS ?= 2
GOALS := $(or $(MAKECMDGOALS),$(.DEFAULT_GOAL))
SHORT_FLAGS := $(filter-out -%,$(firstword $(MAKEFLAGS)))  # e.g. "qr" for make -q: single letters come first
QUESTION := $(findstring q,$(SHORT_FLAGS))$(findstring n,$(SHORT_FLAGS))
ifeq ($(MISSING_OFFENDERS_LOCKED)$(QUESTION),)
LOCK_WRAPPER := $(filter $(BUILD_GOALS),$(GOALS))
endif
ifeq ($(LOCK_WRAPPER),)
ifneq ($(filter $(BUILD_GOALS),$(GOALS)),)
MAKEFLAGS += --jobs=$(JOBS) --output-sync=target
endif
endif

# Reproducibility: inherited by every kernel (src/missing_offenders/pipeline/environment.py sets the same
# for runs started without make). The epoch is the data date (10 March 2015).
export SOURCE_DATE_EPOCH := 1425945600
export PYTHONHASHSEED := 0
export TZ := UTC
export LC_ALL := C.UTF-8
export MATPLOTLIBRC := $(CURDIR)/matplotlibrc
export MPLCONFIGDIR := $(CURDIR)/build/mplconfig
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# `make all STRICT=1`: a field no rule reads stops the build instead of waiting under "needs review".
export MISSING_OFFENDERS_STRICT := $(STRICT)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_OK := $(VENV)/.installed-from-lock
DEV_OK := $(VENV)/.installed-dev-lock
STAMPS := build/stamps
NB_RUN := $(PY) -m missing_offenders.pipeline.nbrun
STDLIB_PY := PYTHONPATH=src $(PYTHON)

CLEAN_NB := notebooks/01_clean_round.ipynb
BRIEF_NB := notebooks/05_force_brief.ipynb
# The notebooks run in place after the cleaning: adding a notebook to the build is adding its name here.
IN_PLACE := 02_round_analysis 03_trends_and_staffing 04_claims_ledger 05_force_brief
IN_PLACE_DONE := $(IN_PLACE:%=$(STAMPS)/%.done)

RAW_FILES := $(shell find data/raw -type f ! -name SHA256SUMS ! -name '.*' | LC_ALL=C sort)
SRC_FILES := $(wildcard src/missing_offenders/*.py src/missing_offenders/*/*.py src/missing_offenders/*/*.mplstyle src/missing_offenders/*/templates/*)

# build/rules.mk (generated) lists the rounds found in data/raw/foi_rounds/ (DEFAULT_ROUND is notebook
# 01's default parameter), the package modules (with their templates and style) each notebook imports,
# and what each notebook declares it reads (its READS cell); targets that need no data skip it. A rules file holding a line
# make could misread (from an older version, or edited by hand) is removed first, so it is
# regenerated instead of stopping every make with "missing separator".
NEEDS_RULES := $(filter-out help clean venv manifest lab round test bench load-check,$(GOALS))
ifneq ($(NEEDS_RULES),)
ifeq ($(LOCK_WRAPPER),)
$(shell grep -qvE '^(#.*|[A-Za-z0-9_]+ := [A-Za-z0-9_./ -]*|)$$' build/rules.mk 2>/dev/null && rm -f build/rules.mk)
include build/rules.mk
endif
endif

OTHER_ROUNDS := $(filter-out $(DEFAULT_ROUND),$(ROUNDS))
ROUND_INPUTS := $(ROUNDS:%=build/round-inputs/%)
CLEANED := $(STAMPS)/01_clean_round.done $(STAMPS)/rounds.done

.PHONY: help all rounds analysis ledger briefs index audit test lab clean manifest bench load-check venv round pages-check

# Build goals run in a child make holding build/make.lock: two makes started together in one
# checkout would otherwise run the same notebooks at once and race on build/rules.mk.
ifneq ($(LOCK_WRAPPER),)
$(LOCK_WRAPPER):
	@mkdir -p build
	@flock --nonblock build/make.lock true || echo "Another make is running in this checkout; waiting for it to finish." >&2
	@flock build/make.lock $(MAKE) --no-print-directory MISSING_OFFENDERS_LOCKED=1 $@
else

help: ## List the targets (this is the default goal)
	@$(PYTHON) -c 'import re,sys; [print(f"  make {m[0]:<10} {m[1]}") for m in re.findall(r"^([a-z-]+):.*?## (.*)$$", open("Makefile").read(), re.M)]'

all: rounds $(IN_PLACE_DONE) analysis ledger briefs index audit ## Regenerate every output from data/raw/ (creates .venv if missing)

rounds: $(CLEANED) $(STAMPS)/datapackage.done ## Clean every FOI round into data/processed/<round_id>/ (STRICT=1: fail on any unread field)
ifeq ($(STRICT),1)
	$(PY) -m missing_offenders.analyse.round_history strict
endif

analysis: $(STAMPS)/02_round_analysis.done $(STAMPS)/03_trends_and_staffing.done ## Numbers and charts (reports/figures/)

ledger: $(STAMPS)/04_claims_ledger.done ## Check every claim of the published story (reports/claims_ledger.csv)

briefs: $(STAMPS)/05_force_brief.done $(STAMPS)/briefs-$(DEFAULT_ROUND).done ## One HTML brief per force (reports/briefs/)

index: reports/index.html ## The index page tying every output together

audit: $(STAMPS)/audit.done ## Every executed notebook (with code) and raw file (numbered lines) as HTML (reports/audit/)
endif

venv: $(VENV_OK) ## Create .venv from requirements.txt (pinned, hash-checked)

# uv (itself installed from a hash-checked lock) installs the pinned, hash-checked lock in a few
# seconds; plain pip is the fallback. --compile-bytecode: this machine sets PYTHONDONTWRITEBYTECODE,
# so without it every import would compile again.
PIP := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
define install_lock
	if $(PIP) -r requirements-bootstrap.txt && $(VENV)/bin/uv pip install --quiet --python $(PY) \
	        --require-hashes --no-deps --compile-bytecode -r $(1); then :; \
	else echo "uv could not install $(1); installing with pip instead" >&2; $(PIP) -r $(1); fi
endef

$(VENV_OK): requirements.txt requirements-bootstrap.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(call install_lock,requirements.txt)
	$(PY) -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "missing_offenders.pth").write_text("$(CURDIR)/src\n")'
	touch $@

$(DEV_OK): requirements-dev.txt $(VENV_OK)
	$(call install_lock,requirements-dev.txt)
	touch $@

# The folders too: a file added to or removed from data/raw/, claims/ or a templates folder changes what
# the rules list (a notebook's declared folder is listed file by file), so the rules are written again.
RULES_DIRS := $(shell find data/raw claims src/missing_offenders/*/templates -type d 2>/dev/null | LC_ALL=C sort)

build/rules.mk: $(RAW_FILES) data/raw/SHA256SUMS $(SRC_FILES) $(wildcard notebooks/*.ipynb claims/*) $(RULES_DIRS)
	@$(STDLIB_PY) -m missing_offenders.pipeline.build_rules $@

# Written with build/rules.mk; remade the same way if deleted on their own.
REGENERATE_RULES = @$(STDLIB_PY) -m missing_offenders.pipeline.build_rules build/rules.mk
build/round-list:
	$(REGENERATE_RULES)
build/round-inputs/%:
	$(REGENERATE_RULES)

# Every run starts by checking data/raw/ against its manifest (order-only: a check that
# passes again does not make anything out of date).
$(STAMPS)/raw-verified: $(RAW_FILES) data/raw/SHA256SUMS
	@mkdir -p $(@D)
	$(STDLIB_PY) -m missing_offenders.ingest.manifest check
	touch $@

# The default round's cleaning is the committed notebooks/01_clean_round.ipynb itself; what reads
# only that round waits for it alone, so a change to another round reruns none of it. RAW_<round> is
# the round's own rows and what notebook 01 declares it reads besides (claims/*.yaml among them: a
# round's summary counts figures by attribution confidence, and a source that is the story itself
# cannot confirm it).
$(STAMPS)/01_clean_round.done: $(CLEAN_NB) $(MODULES_01_clean_round) $(RAW_$(DEFAULT_ROUND)) $(VENV_OK) | $(STAMPS)/raw-verified
	$(PY) -m missing_offenders.pipeline.round_runner $(DEFAULT_ROUND)
	touch $@

# Every other round whose inputs changed since the last run ($? below), through two shared kernels
# (round_runner.py); the outputs of rounds no longer in data/raw/ are removed (build/round-list
# changes when a round comes or goes).
$(STAMPS)/round/%: $(CLEAN_NB) $(MODULES_01_clean_round) $$(RAW_$$*) $(VENV_OK) | $(STAMPS)/raw-verified
	@mkdir -p $(@D)
	touch $@

$(STAMPS)/rounds.done: $(OTHER_ROUNDS:%=$(STAMPS)/round/%) build/round-list | $(STAMPS)/raw-verified
	$(PY) -m missing_offenders.pipeline.round_runner --prune $(patsubst $(STAMPS)/round/%,%,$(filter $(STAMPS)/round/%,$?))
	touch $@

# data/processed/datapackage.json: the processed tables described for reuse (Frictionless), every round.
$(STAMPS)/datapackage.done: $(CLEANED) $(CLOSURE_round_outputs) | $(VENV_OK)
	$(PY) -m missing_offenders.clean.round_outputs --datapackage
	touch $@

# Template notebooks run in place for their default parameters (the committed outputs are that run).
# Each depends on its code (MODULES_<name>: its imports, with their templates and style) and on what
# its READS cell declares (READS_<name>), both found by build_rules.
$(IN_PLACE_DONE): $(STAMPS)/%.done: notebooks/%.ipynb $$(MODULES_$$*) $$(READS_$$*) matplotlibrc $(VENV_OK) | $(STAMPS)/raw-verified
	$(NB_RUN) $< $<
	touch $@

# Every force's brief: the same notebook, one kernel per worker (see brief_runner.py).
$(STAMPS)/briefs-$(DEFAULT_ROUND).done: $(BRIEF_NB) $(MODULES_05_force_brief) $(READS_05_force_brief) \
		$(CLOSURE_brief_runner) matplotlibrc $(VENV_OK) | $(STAMPS)/raw-verified
	$(PY) -m missing_offenders.pipeline.brief_runner $(DEFAULT_ROUND) --workers 2
	touch $@

reports/index.html: $(CLOSURE_index_page) $(IN_PLACE_DONE) $(STAMPS)/briefs-$(DEFAULT_ROUND).done | $(VENV_OK)
	$(PY) -m missing_offenders.publish.index_page $(DEFAULT_ROUND)

# The audit trail: rewritten (only the pages that changed) when a raw file, a notebook or the renderer changes.
$(STAMPS)/audit.done: $(CLOSURE_audit) $(RAW_FILES) $(CLEANED) $(IN_PLACE_DONE) | $(VENV_OK) $(STAMPS)/raw-verified
	$(PY) -m missing_offenders.publish.audit
	touch $@

test: | $(VENV_OK) ## Unit tests, then nbval over every committed executed notebook
	MISSING_OFFENDERS_READ_ONLY=1 $(PY) -m pytest -n 2 --dist loadfile --nbval tests notebooks reports/notebooks

round: ## Start a new FOI round: `make round ROUND=<round_id>` writes a file to fill in and a rounds.csv line
	@test -n "$(ROUND)" || { echo "usage: make round ROUND=<round_id>  (lower-case letters, digits, '_' or '-')" >&2; exit 2; }
	$(STDLIB_PY) -m missing_offenders.ingest.scaffold_round $(ROUND)

# Not part of `make test`: needs Debian's chromium and axe-core (installed here if missing).
pages-check: reports/index.html | $(VENV_OK) ## Index and briefs in headless chromium at 1280 and 390 px: fit, axe, screenshots
	command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends chromium; }
	cd tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	$(PY) tools/check_pages.py

manifest: ## Rewrite data/raw/SHA256SUMS after adding or correcting a raw file on purpose
	$(STDLIB_PY) -m missing_offenders.ingest.manifest write

lab: $(DEV_OK) ## Open JupyterLab on the project, with the pipeline's environment
	$(VENV)/bin/jupyter lab --no-browser $(if $(filter 0,$(shell id -u)),--allow-root) --notebook-dir=$(CURDIR)

bench: | $(VENV_OK) ## Time the build on a fresh clone, as multiples of one trivial notebook, against targets
	$(PY) tools/bench.py

load-check: | $(VENV_OK) ## Cold `make all` three times under competing load; git status must stay empty
	$(PY) tools/load_check.py

clean: ## Remove generated outputs (never data/raw/ nor the committed notebook sources)
	rm -rf build data/processed reports/notebooks reports/figures reports/briefs reports/audit reports/ledgers \
		reports/drafts reports/*.html reports/*.csv
