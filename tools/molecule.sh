#!/usr/bin/env bash
# Molecule scenarios of the roles and example playbooks (extensions/molecule/<scenario>/), against the local
# simulator, with the collection built and installed as users install it.
# usage: tools/molecule.sh VENV_DIR [SCENARIO...]   (default: every scenario)
# Starts one simulator (each scenario's prepare step empties it), exports NGROK_API_URL and NGROK_API_KEY for the
# modules, and runs `molecule test -s SCENARIO` once per scenario, each with a HOME of its own. Keeps going when a
# scenario fails; exits non-zero when any failed.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 VENV_DIR [SCENARIO...]" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
shift
cd "$repo"

scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
    for file in extensions/molecule/*/molecule.yml; do
        scenarios+=("$(basename "$(dirname "$file")")")
    done
fi
[ ${#scenarios[@]} -gt 0 ] || { echo "!!! no scenario under extensions/molecule/" >&2; exit 1; }
[ -x "$venv/bin/molecule" ] || { echo "!!! $venv has no molecule: run make venv" >&2; exit 1; }

workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-molecule.XXXXXX")
# shellcheck source=tools/simulator.sh
. tools/simulator.sh
trap 'simulator_stop; rm -rf "$workdir"' EXIT

tools/build.sh "$venv" --install-to "$workdir/collections"
simulator_start "$venv/bin/python" "$workdir/simulator.log"

export PATH="$venv/bin:$PATH"
export ANSIBLE_COLLECTIONS_PATH=$workdir/collections
export NGROK_API_URL=$SIM_URL
export NGROK_API_KEY=$SIM_KEY
export ANSIBLE_NOCOLOR=1 NO_COLOR=1 PY_COLORS=0

# What the API received during the last scenario (each scenario's prepare step empties the simulator).
sim_stats() {
    "$venv/bin/python" - "$SIM_URL" "$SIM_KEY" <<'PYEOF'
import json
import sys
import urllib.request

url, key = sys.argv[1:]
request = urllib.request.Request(url + '/_sim/stats', headers={'Authorization': 'Bearer ' + key})
with urllib.request.urlopen(request, timeout=10) as response:
    stats = json.load(response)
print('%(requests)s requests, %(mutations)s changes, %(rate_limited)s rate-limited' % stats)
PYEOF
}

failed=()
summary=()
for scenario in "${scenarios[@]}"; do
    [ -f "extensions/molecule/$scenario/molecule.yml" ] || { echo "!!! no scenario $scenario" >&2; failed+=("$scenario"); continue; }
    echo
    echo "=== molecule test -s $scenario"
    home=$workdir/home-$scenario
    mkdir -p "$home"
    start=$(date +%s)
    if HOME=$home molecule test -s "$scenario"; then
        outcome=passed
    else
        outcome=FAILED
        failed+=("$scenario")
    fi
    summary+=("$(printf '%-18s %-7s %4ss   API: %s' "$scenario" "$outcome" "$(($(date +%s) - start))" "$(sim_stats)")")
done

echo
echo "=== molecule scenarios"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "!!! failed scenarios: ${failed[*]}"
    exit 1
fi
echo "${#scenarios[@]} passed, 0 failed"
