#!/usr/bin/env bash
# The examples leg: every module's EXAMPLES, run against the local simulator with the collection installed from its
# tarball (tests/examples/run.py; fixtures in tests/examples/fixtures.yml). An example that fails as documented fails
# the leg.
# usage: tools/examples.sh VENV_DIR [MODULE,...]   (default: every module; EXAMPLES=ngrok_vault,ngrok_api in make)
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 VENV_DIR [MODULE,...]" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
modules=${2:-}
cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-examples.XXXXXX")
# shellcheck source=tools/simulator.sh
. tools/simulator.sh
trap 'simulator_cleanup "$workdir"' EXIT

tools/build.sh "$venv" --install-to "$workdir/collections"
# ngrok's abuse team decides about a report at once, so the example that waits for the decision ends.
simulator_start "$venv/bin/python" "$workdir/simulator.log" --abuse-report-decision-seconds 0

status=0
ANSIBLE_COLLECTIONS_PATH=$workdir/collections NGROK_API_URL=$SIM_URL NGROK_API_KEY=$SIM_KEY PATH="$venv/bin:$PATH" \
    "$venv/bin/python" tests/examples/run.py --workdir "$workdir/run" --modules "$modules" || status=$?
if [ $status -ne 0 ]; then
    echo "--- simulator log (last 30 lines)"
    tail -n 30 "$workdir/simulator.log" || true
fi
exit $status
