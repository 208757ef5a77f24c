# Developer and CI entry points for the ngrok.ngrok collection.
#   make demo   run the example playbook against the local API simulator
#   make test   run every check (what CI runs)
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# Oldest supported ansible-core runs on Python 3.11 together with the lint/doc/build/molecule tools;
# ansible-lint and molecule 26.10 need ansible-core>=2.16.19,!=2.17.*, so they are installed in one pip call.
ifeq ($(origin PYTHON311),undefined)
PYTHON311 := $(shell tools/find-python.sh 3.11 || command -v python3)
endif
ifeq ($(origin PYTHON312),undefined)
PYTHON312 := $(shell tools/find-python.sh 3.12)
endif
VENV := .venv
VENV312 := .venv312
# The AWX leg's own virtualenv (tests/awx/requirements.txt): ansible-runner, ansible-builder and the `ansible` package
# for awx.awx, with the ansible-core 2.19 that package brings. Nothing in it is a dependency of the collection.
VENV_AWX := .venv-awx
# The demo's own virtualenv: only what running the collection and the simulator needs (ansible-core, requests, the
# simulator's packages), so that `make demo` on a fresh clone installs a few packages, not the developer tools.
VENV_DEMO := .venv-demo
PY := $(VENV)/bin/python
OLDEST_CORE := ansible-core==2.16.19
NEWEST_CORE := ansible-core==2.21.*
TOOLS := ansible-lint==26.10.1 antsibull-docs==2.28.0 antsibull-changelog==0.36.0 galaxy-importer==0.4.44 \
	sphinx-ansible-theme==0.10.4 molecule==26.10.0

export ANSIBLE_NOCOLOR ?= 1
export PY_COLORS ?= 0

.PHONY: help venv venv-oldest venv-newest venv-awx venv-demo sandbox test sanity sanity-oldest sanity-newest units units-oldest units-newest \
	integration integration-oldest integration-newest simulator-test fidelity contract-test lint docs build e2e examples reliability demo awx \
	molecule bench release-changelog clean

help:
	@echo "make demo             build + install the collection, run playbooks/demo.yml against the simulator"
	@echo "                      (in its own small virtualenv $(VENV_DEMO))"
	@echo "make sandbox          a shell with the simulator, the collection and ansible-playbook ready; exit ends it"
	@echo "make test             every leg below, with a summary (what .ci/run runs)"
	@echo "make venv             prepare $(VENV) (Python 3.11, oldest ansible-core + tools) and $(VENV312) (Python 3.12, newest)"
	@echo "make sanity|units|integration   ansible-test on the oldest and the newest ansible-core"
	@echo "                      (also sanity-oldest, sanity-newest, units-oldest, ... one leg at a time)"
	@echo "make simulator-test   pytest tests/simulator"
	@echo "make fidelity         the simulator against corpora made from ngrok's docs (tests/fidelity); prints one table:"
	@echo "                      corpus, cases, agreeing (NGROK_DOCS: an ngrok-docs copy, to check the tables are current)"
	@echo "make contract-test    pytest tests/contract (NGROK_OPENAPI_SPEC: ngrok's OpenAPI YAML; NGROK_API_RESOURCES: resource facts)"
	@echo "make lint             ansible-lint production profile, antsibull-docs, antsibull-changelog, shellcheck"
	@echo "make build            tarball in dist/, installed and checked with galaxy-importer"
	@echo "make e2e              pytest tests/e2e against the installed tarball"
	@echo "make examples         every module's EXAMPLES against the simulator (some: make examples EXAMPLES=ngrok_vault)"
	@echo "make reliability      pytest tests/reliability: rate limits, faults, races, timeouts, check mode, bad input,"
	@echo "                      secrets, TLS and a model-based test of ngrok_apply (MODEL_PROFILE=long; make test: ci),"
	@echo "                      each against its own simulator, with the installed tarball"
	@echo "make docs             HTML documentation with antsibull-docs and Sphinx in dist/docs/html (a warning fails)"
	@echo "make awx              AWX/AAP: the credential type and its awx.awx playbook, the demo through ansible-runner,"
	@echo "                      the execution environment's build context (ansible-builder create); own venv $(VENV_AWX)"
	@echo "make molecule         molecule scenarios of the roles and playbooks/whole_account.yml against the simulator"
	@echo "                      (one scenario: make molecule SCENARIOS=cloud_endpoint)"
	@echo "make bench            benchmark (not part of make test): time and API requests of the modules, ngrok_apply,"
	@echo "                      ngrok's Python SDK and uri tasks, into tests/benchmark/results.json (shown by make docs)."
	@echo "                      Select with BENCH_SIZES=10,100"
	@echo "                      BENCH_SCENARIOS=domains,rules,endpoints,mixed BENCH_METHODS=modules,policy,apply,sdk,uri,ping,export"
	@echo "                      BENCH_LOOP_MAX=100 (largest N of the loops: modules, uri, ping) BENCH_RATE_LIMITED=500 (0: skip)"
	@echo "make release-changelog VERSION=x.y.z   fold the changelog fragments into changelog.yaml and CHANGELOG.rst"

# `venv` prepares both; each leg depends only on the one it uses.
venv: venv-oldest venv-newest

venv-oldest:
	@echo "=== venv: $(VENV) ($(PYTHON311), $(OLDEST_CORE) + tools)"
	tools/venv.sh $(VENV) $(PYTHON311) '$(OLDEST_CORE)' $(TOOLS) -r requirements.txt -r tests/requirements.txt

venv-newest:
	@if [ -n "$(PYTHON312)" ]; then \
	  echo "=== venv: $(VENV312) ($(PYTHON312), $(NEWEST_CORE))"; \
	  tools/venv.sh $(VENV312) $(PYTHON312) '$(NEWEST_CORE)' -r requirements.txt -r tests/requirements.txt; \
	else \
	  echo "!!! SKIP: no Python 3.12 found (PATH or pyenv); the newest ansible-core legs will be skipped"; \
	fi

# Every leg in turn; a failing leg does not stop the others. Prints a summary with timings.
# The model-based test's bounded profile (a fixed seed and budget) in make test; make reliability alone runs the long one.
TEST_MODEL_PROFILE ?= ci
test:
	MODEL_PROFILE=$(TEST_MODEL_PROFILE) tools/test-all.sh

sanity: sanity-oldest sanity-newest
units: units-oldest units-newest
integration: integration-oldest integration-newest

# One rule per ansible-core leg: sanity-oldest, units-newest, integration-oldest, ...
# Set NGROK_API_URL and NGROK_API_KEY to run the integration targets against a real ngrok account
# instead of the simulator.
# The oldest ansible-core runs the integration targets whose aliases say `oldest_core` (one per engine
# mechanism; what differs between core versions is templating and module packaging, not what is sent);
# set INTEGRATION_OLDEST_TARGETS= (empty) to run them all there too.
ANSIBLE_TEST_COMMANDS := sanity units integration
INTEGRATION_OLDEST_TARGETS ?= oldest_core/
# Integration targets run in this many parts side by side (each with its own simulator); 1 runs them in turn.
export INTEGRATION_JOBS ?= 2
$(addsuffix -oldest,$(ANSIBLE_TEST_COMMANDS)): %-oldest: venv-oldest
	@echo "=== $*: oldest ansible-core (Python 3.11)"
	tools/ansible-test.sh $(VENV) $* $(if $(filter integration,$*),$(INTEGRATION_OLDEST_TARGETS))
$(addsuffix -newest,$(ANSIBLE_TEST_COMMANDS)): %-newest: venv-newest
	@echo "=== $*: newest ansible-core (Python 3.12)"
	tools/ansible-test.sh $(VENV312) $*

simulator-test: venv-oldest
	@echo "=== simulator-test: pytest tests/simulator"
	tools/pytest.sh $(PY) tests/simulator

# The corpora of tests/fidelity (traffic policy actions, recorded answers, error and event catalogs, regions, id
# prefixes) against the simulator. With NGROK_DOCS naming a copy of github.com/ngrok/ngrok-docs (a checkout or a bare
# git directory), the committed tables are also compared with what the docs say now.
fidelity: venv-oldest
	@echo "=== fidelity: pytest tests/fidelity (NGROK_DOCS=$${NGROK_DOCS:-unset})"
	tools/pytest.sh $(PY) tests/fidelity -q

# Uses ngrok's OpenAPI description when NGROK_OPENAPI_SPEC points at it, and the per-resource facts (filterable
# fields, id prefixes) when NGROK_API_RESOURCES does; .ci/run sets both when the reference files are there.
contract-test: venv-oldest
	@echo "=== contract-test: pytest tests/contract (NGROK_OPENAPI_SPEC=$${NGROK_OPENAPI_SPEC:-unset}, NGROK_API_RESOURCES=$${NGROK_API_RESOURCES:-unset})"
	tools/pytest.sh $(PY) tests/contract

lint: venv-oldest
	@echo "=== lint: ansible-lint (production), antsibull-docs, antsibull-changelog, shellcheck"
	tools/lint.sh $(VENV)

docs: venv-oldest
	@echo "=== docs: antsibull-docs sphinx-init + collection, sphinx-build -W, into dist/docs/html"
	tools/docs.sh $(VENV)

build: venv-oldest
	@echo "=== build: tarball from a clean copy, install, galaxy-importer"
	tools/build.sh $(VENV) --import

e2e: venv-oldest
	@echo "=== e2e: pytest tests/e2e against the built and installed collection"
	tools/e2e.sh $(VENV)

# Every module's EXAMPLES against the simulator (fixtures in tests/examples/fixtures.yml). EXAMPLES=ngrok_vault,ngrok_api
# runs the examples of some modules only.
EXAMPLES ?=
examples: venv-oldest
	@echo "=== examples: every module's EXAMPLES against the simulator"
	tools/examples.sh $(VENV) '$(EXAMPLES)'

# Scenarios run in parallel (RELIABILITY_WORKERS, default 3); the summary table at the end has their numbers.
# The model-based test of ngrok_apply (tests/reliability/test_apply_model.py) runs its `long` Hypothesis profile here
# (hundreds of random accounts); `make test` runs the bounded `ci` profile (a fixed seed, a few dozen).
export MODEL_PROFILE ?= long
reliability: venv-oldest
	@echo "=== reliability: pytest tests/reliability against the built and installed collection"
	tools/reliability.sh $(VENV)

venv-demo:
	@echo "=== venv: $(VENV_DEMO) ($(PYTHON311), $(OLDEST_CORE), requests and the simulator's packages)"
	VENV_KEEP_PIP=1 tools/venv.sh $(VENV_DEMO) $(PYTHON311) '$(OLDEST_CORE)' -r requirements.txt -r tests/simulator/requirements.txt

demo: venv-demo
	@echo "=== demo: playbooks/demo.yml against the local simulator"
	tools/demo.sh $(VENV_DEMO)

# A shell with the simulator running, the collection installed and NGROK_API_URL, NGROK_API_KEY, PATH set; `exit` stops
# the simulator. Commands on standard input run instead of an interactive shell.
sandbox: venv-demo
	@tools/sandbox.sh $(VENV_DEMO)

venv-awx:
	@echo "=== venv: $(VENV_AWX) ($(PYTHON311), tests/awx/requirements.txt)"
	tools/venv.sh $(VENV_AWX) $(PYTHON311) -r tests/awx/requirements.txt

awx: venv-oldest venv-awx
	@echo "=== awx: credential type, awx.awx playbook, ansible-runner, ansible-builder (pytest tests/awx)"
	tools/awx.sh $(VENV) $(VENV_AWX)

# Scenarios under extensions/molecule/ (all by default), run with the oldest ansible-core on the installed tarball.
SCENARIOS ?=
molecule: venv-oldest
	@echo "=== molecule: extensions/molecule scenarios against the local simulator"
	tools/molecule.sh $(VENV) $(SCENARIOS)

# The benchmark is not part of `make test`: the defaults take about half an hour on 2 cores (see the performance guide,
# docs/docsite/rst/performance.rst). It merges into tests/benchmark/results.json, which `make docs` renders.
BENCH_SIZES ?= 10,100,1000
BENCH_SCENARIOS ?= domains,rules,endpoints,mixed
BENCH_METHODS ?= modules,policy,apply,sdk,uri,ping,export
BENCH_LOOP_MAX ?= 100
BENCH_RATE_LIMITED ?= 500
bench: venv-oldest
	@echo "=== bench: sizes $(BENCH_SIZES), scenarios $(BENCH_SCENARIOS), methods $(BENCH_METHODS), loops up to $(BENCH_LOOP_MAX)"
	$(PY) tests/benchmark/run.py --venv $(VENV) --sizes '$(BENCH_SIZES)' --scenarios '$(BENCH_SCENARIOS)' \
		--methods '$(BENCH_METHODS)' --loop-max '$(BENCH_LOOP_MAX)' --rate-limited '$(BENCH_RATE_LIMITED)'

# The changelog of a release: folds changelogs/fragments into changelogs/changelog.yaml and writes CHANGELOG.rst
# (antsibull-changelog release, which reads the modules' version_added through the virtualenv's ansible-doc).
# VERSION must be galaxy.yml's version.
release-changelog: venv-oldest
	@test -n "$(VERSION)" || { echo "usage: make release-changelog VERSION=x.y.z (galaxy.yml's version)" >&2; exit 2; }
	@test "$(VERSION)" = "$$($(PY) -c 'import yaml; print(yaml.safe_load(open("galaxy.yml"))["version"])')" || \
		{ echo "!!! VERSION=$(VERSION) is not the version in galaxy.yml" >&2; exit 1; }
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/antsibull-changelog release --version $(VERSION)

clean:
	rm -rf dist tests/output .ansible .pytest_cache collections context
	@echo "(the virtualenvs $(VENV), $(VENV312), $(VENV_DEMO) and $(VENV_AWX) are kept; remove them by hand to rebuild)"
