#!/usr/bin/env bash
# Reliability suite: build and install the collection as users do, then run pytest tests/reliability, each scenario
# against its own simulator, scenarios in parallel (RELIABILITY_WORKERS, default 3: most of their time is spent
# waiting for the API). Ends with a table of scenarios, requests, faults and seconds.
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
ANSIBLE_COLLECTIONS_PATH=$workdir/collections PATH="$venv/bin:$PATH" \
    tools/pytest.sh "$venv/bin/python" tests/reliability -n "${RELIABILITY_WORKERS:-3}" --dist worksteal "$@"
