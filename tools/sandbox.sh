#!/usr/bin/env bash
# A shell to try the collection by hand without an ngrok account: builds and installs the collection into a scratch
# directory, starts the local simulator, and opens $SHELL with
#   PATH                      the virtualenv's bin first (ansible-playbook, ansible-doc, ...)
#   ANSIBLE_COLLECTIONS_PATH  the installed collection
#   NGROK_API_URL, NGROK_API_KEY   the simulator and its key
# Leaving the shell (exit) stops the simulator and removes the scratch directory. When standard input is not a
# terminal, the commands it holds run instead of an interactive shell (and the exit status is theirs).
# usage: tools/sandbox.sh VENV_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 VENV_DIR" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-sandbox.XXXXXX")
# shellcheck source=tools/simulator.sh
. tools/simulator.sh
trap 'simulator_stop >/dev/null; rm -rf "$workdir"' EXIT

tools/build.sh "$venv" --install-to "$workdir/collections" >"$workdir/build.log" 2>&1 || {
    cat "$workdir/build.log" >&2
    exit 1
}
simulator_start "$venv/bin/python" "$workdir/simulator.log" >/dev/null

shell=${SHELL:-/bin/bash}
[ -x "$shell" ] || shell=/bin/bash
cat <<EOF
================================================================================
ngrok.ngrok sandbox: the simulator of the ngrok API listens on $SIM_URL
  NGROK_API_URL, NGROK_API_KEY      point the modules at it (a throwaway key)
  ANSIBLE_COLLECTIONS_PATH          the collection, built from this clone
  PATH                              ${venv#"$repo"/}/bin first: ansible-playbook, ansible-doc
Try:  ansible-playbook -i localhost, playbooks/quickstart.yml --check --diff
      ansible-playbook -i localhost, playbooks/quickstart.yml
'exit' stops the simulator.
================================================================================
EOF
status=0
env PATH="$venv/bin:$PATH" ANSIBLE_COLLECTIONS_PATH="$workdir/collections" \
    NGROK_API_URL="$SIM_URL" NGROK_API_KEY="$SIM_KEY" NGROK_SANDBOX=1 "$shell" || status=$?
exit $status
