#!/usr/bin/env bash
# The demo: build and install the collection as users do, start the local ngrok API simulator,
# then run playbooks/demo.yml four times:
#   1. create                        2. the same again (must report changed=0)
#   3. a --check --diff plan of a change (must change nothing on the API)
#   4. teardown (ngrok_demo_state=absent)
# usage: tools/demo.sh VENV_DIR
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 VENV_DIR" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
cd "$repo"
playbook=playbooks/demo.yml
[ -f "$playbook" ] || { echo "!!! $playbook does not exist" >&2; exit 1; }

workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-demo.XXXXXX")
# shellcheck source=tools/simulator.sh
. tools/simulator.sh
trap 'simulator_stop; rm -rf "$workdir"' EXIT

tools/build.sh "$venv" --install-to "$workdir/collections"
simulator_start "$venv/bin/python" "$workdir/simulator.log"

export ANSIBLE_COLLECTIONS_PATH=$workdir/collections
export NGROK_API_URL=$SIM_URL
export NGROK_API_KEY=$SIM_KEY
export ANSIBLE_NOCOLOR=1

stat() {
    "$venv/bin/python" - "$SIM_URL" "$SIM_KEY" "$1" <<'PYEOF'
import json
import sys
import urllib.request

url, key, field = sys.argv[1:]
request = urllib.request.Request(url + '/_sim/stats', headers={'Authorization': 'Bearer ' + key})
with urllib.request.urlopen(request, timeout=10) as response:
    print(json.load(response)[field])
PYEOF
}

# One argument as it would be typed: bare when it needs no quotes, in double quotes when that is enough, else as
# printf %q writes it.
shell_word() {
    case $1 in
        *[!A-Za-z0-9_./,:=@%+-]* | '')
            case $1 in
                *['"$`\!']*) printf '%q' "$1" ;;
                *) printf '"%s"' "$1" ;;
            esac
            ;;
        *) printf '%s' "$1" ;;
    esac
}

# What every run below runs with (the key is the simulator's throwaway key).
echo ">>> ANSIBLE_COLLECTIONS_PATH=<the installed collection> NGROK_API_URL=$SIM_URL NGROK_API_KEY=<the simulator's key>"

run=0
play() {
    local title=$1 log word
    shift
    run=$((run + 1))
    log=$workdir/run$run.log
    local command=("$venv/bin/ansible-playbook" -i 'localhost,' "$playbook" "$@")
    echo
    echo "=== demo run $run: $title"
    # The command as it runs, with the virtualenv's path relative to the clone when it is inside it.
    printf '>>> %s' "${venv#"$repo"/}/bin/ansible-playbook"
    for word in "${command[@]:1}"; do
        printf ' %s' "$(shell_word "$word")"
    done
    echo
    "${command[@]}" 2>&1 | tee "$log"
    changed=$(grep -E '^localhost +:' "$log" | grep -oE 'changed=[0-9]+' | cut -d= -f2)
    [ -n "$changed" ] || { echo "!!! no play recap in run $run" >&2; exit 1; }
}

play "create"
[ "$changed" -gt 0 ] || { echo "!!! the first run changed nothing" >&2; exit 1; }

play "the same again: nothing to change"
[ "$changed" -eq 0 ] || { echo "!!! the second run was not idempotent (changed=$changed)" >&2; exit 1; }

before=$(stat mutations)
play "plan a change with --check --diff" --check --diff -e "ngrok_demo_description='changed by the plan'"
after=$(stat mutations)
[ "$after" -eq "$before" ] || { echo "!!! the --check run changed the API ($((after - before)) mutations)" >&2; exit 1; }
echo ">>> the plan made no change on the API (mutations $before -> $after)"

play "teardown" -e ngrok_demo_state=absent
[ "$changed" -gt 0 ] || { echo "!!! the teardown removed nothing" >&2; exit 1; }

echo
echo "=== demo passed: create, idempotent re-run (changed=0), plan without changes, teardown"
echo "    To run playbooks by hand against a simulator: make sandbox (a shell where ansible-playbook is ready)."
