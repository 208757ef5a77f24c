#!/usr/bin/env bash
# Reliability suite: build and install the collection as users do, then run pytest tests/reliability, each scenario
# against its own simulator, scenarios in parallel (RELIABILITY_WORKERS, default 3: most of their time is spent
# waiting for the API). Ends with a table of scenarios, requests, faults and seconds, also merged into
# tests/reliability/results.json for the documentation.
# usage: tools/reliability.sh VENV_DIR [pytest args...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 VENV_DIR [pytest args...]" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
shift
cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-reliability.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
tools/build.sh "$venv" --install-to "$workdir/collections"
# The passed scenarios' figures are merged into tests/reliability/results.json, which `make docs` renders into the
# reliability guide (RELIABILITY_RESULTS= keeps the file as it is).
ANSIBLE_COLLECTIONS_PATH=$workdir/collections PATH="$venv/bin:$PATH" \
    RELIABILITY_RESULTS=${RELIABILITY_RESULTS-$repo/tests/reliability/results.json} \
    tools/pytest.sh "$venv/bin/python" tests/reliability -n "${RELIABILITY_WORKERS:-3}" --dist worksteal "$@"
