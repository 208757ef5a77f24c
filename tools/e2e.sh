#!/usr/bin/env bash
# End-to-end tests: build and install the collection as users do, then run pytest tests/e2e with
# ANSIBLE_COLLECTIONS_PATH pointing at the installed copy.
# usage: tools/e2e.sh VENV_DIR [pytest args...]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 VENV_DIR [pytest args...]" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
shift
cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-e2e.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
tools/build.sh "$venv" --install-to "$workdir/collections"
ANSIBLE_COLLECTIONS_PATH=$workdir/collections PATH="$venv/bin:$PATH" tools/pytest.sh "$venv/bin/python" tests/e2e "$@"
