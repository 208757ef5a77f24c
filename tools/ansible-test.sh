#!/usr/bin/env bash
# Run ansible-test for this collection from a clean copy of what git sees.
# usage: tools/ansible-test.sh VENV_DIR sanity|units|integration [extra ansible-test args...]
#
# ansible-test must run inside .../ansible_collections/ngrok/ngrok (a symlink is not enough), so the
# tracked and untracked-but-not-ignored files are copied into a temporary tree first.
# For `integration`, targets reach the ngrok API through variables in
# tests/integration/integration_config.yml (written into the copy only):
#   - NGROK_API_URL and NGROK_API_KEY exported: use that API (ngrok_simulator: false);
#   - otherwise: start the local simulator on a free port with a random key (ngrok_simulator: true).
set -euo pipefail

usage() {
    echo "usage: $0 VENV_DIR sanity|units|integration [ansible-test args...]" >&2
    exit 2
}
[ $# -ge 2 ] || usage
venv=$1
command=$2
shift 2
case $command in sanity | units | integration) ;; *) usage ;; esac

repo=$(git rev-parse --show-toplevel)
cd "$repo"
if [ ! -x "$venv/bin/ansible-test" ]; then
    echo "!!! SKIP ansible-test $command: $venv has no ansible-test (is its Python missing? run 'make venv')"
    exit 0
fi
venv=$(cd "$venv" && pwd)
python_version=$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
core_version=$("$venv/bin/python" -c 'import ansible.release; print(ansible.release.__version__)')

# ansible-test bootstraps pip in its test environments with a get-pip script downloaded from a host
# that may be unreachable. Give it a stand-in that installs from the pip wheel on PyPI instead.
prepare_pip_bootstrap() {
    local cache=$HOME/.ansible/test/cache
    local requirements_py
    requirements_py=$("$venv/bin/python" -c 'import ansible_test, os; print(os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py"))')
    mkdir -p "$cache"
    local pip_version
    grep -oE "pip='[0-9.]+'" "$requirements_py" | grep -oE "[0-9.]+" | sort -u | while read -r pip_version; do
        local script="$cache/get_pip_${pip_version//./_}.py"
        local wheel
        wheel=$(find "$cache" -maxdepth 1 -name "pip-$pip_version-*.whl" -print -quit)
        [ -f "$script" ] && [ -n "$wheel" ] && continue
        echo ">>> caching pip $pip_version wheel and a get-pip stand-in in $cache"
        if ! "$venv/bin/python" -m pip download --quiet --no-deps --only-binary :all: --dest "$cache" "pip==$pip_version" \
            2> >(grep -v "^WARNING: Location '.*' is ignored" >&2); then
            echo "!!! could not download pip==$pip_version; ansible-test environments that need it will fail" >&2
            continue
        fi
        wheel=$(find "$cache" -maxdepth 1 -name "pip-$pip_version-*.whl" -print -quit)
        cat >"$script" <<PYEOF
"""Offline stand-in for get-pip.py: install with the pip $pip_version wheel next to this file."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '$(basename "$wheel")'))

from pip._internal.cli.main import main  # noqa: E402

args = [arg for arg in sys.argv[1:] if arg not in ('--no-setuptools', '--no-wheel')]
sys.exit(main(['install', '--find-links', HERE] + args))
PYEOF
    done
}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-ansible-test.XXXXXX")
# shellcheck source=tools/simulator.sh
. tools/simulator.sh
trap 'simulator_cleanup "$workdir"' EXIT

dest=$workdir/ansible_collections/ngrok/ngrok
mkdir -p "$dest"
tools/copy-tree.sh "$dest"
cp -a .git "$dest/.git"

# INTEGRATION_JOBS=N (N > 1) splits the integration targets into N parts run side by side, each in its own copy
# of the tree with its own simulator (the targets are independent: every name carries its run's prefix).
jobs=${INTEGRATION_JOBS:-1}
if [ "$command" = integration ] && [ "$jobs" -gt 1 ] && [ -z "${NGROK_IT_PART:-}" ]; then
    mapfile -t targets < <(cd "$dest" && PATH="$venv/bin:$PATH" "$venv/bin/ansible-test" integration --list-targets "$@" 2>/dev/null)
    if [ ${#targets[@]} -eq 0 ]; then
        echo "!!! no integration target matches: $*" >&2
        exit 1
    fi
    echo ">>> ${#targets[@]} integration targets in $jobs parts run side by side"
    prepare_pip_bootstrap
    # ansible-test makes this key on first use; parts starting together would race to make it.
    ssh_key=$HOME/.ansible/test/id_rsa
    if [ ! -f "$ssh_key" ]; then
        mkdir -p "$(dirname "$ssh_key")"
        ssh-keygen -m PEM -q -t rsa -N '' -f "$ssh_key"
    fi
    pids=() logs=()
    for part in $(seq 0 $((jobs - 1))); do
        mine=()
        for index in "${!targets[@]}"; do
            if [ $((index % jobs)) -eq "$part" ]; then mine+=("${targets[$index]}"); fi
        done
        [ ${#mine[@]} -gt 0 ] || continue
        logs+=("$workdir/part$part.log")
        NGROK_IT_PART=$part "$repo/tools/ansible-test.sh" "$venv" integration "${mine[@]}" >"$workdir/part$part.log" 2>&1 &
        pids+=($!)
        echo ">>> part $part: ${mine[*]}"
    done
    status=0
    for index in "${!pids[@]}"; do
        part_status=0
        wait "${pids[$index]}" || part_status=$?
        echo "################ integration part $index: $([ $part_status -eq 0 ] && echo PASSED || echo "FAILED ($part_status)")"
        cat "${logs[$index]}"
        [ $part_status -eq 0 ] || status=$part_status
    done
    echo ">>> ansible-test integration on ansible-core $core_version ($jobs parts): $([ $status -eq 0 ] && echo PASSED || echo "FAILED ($status)")"
    exit $status
fi

if [ "$command" = integration ]; then
    if [ -n "${NGROK_API_URL:-}" ] && [ -n "${NGROK_API_KEY:-}" ]; then
        api_url=$NGROK_API_URL
        api_key=$NGROK_API_KEY
        simulator=false
        echo ">>> integration against $api_url (NGROK_API_URL/NGROK_API_KEY from the environment; no simulator)"
    else
        simulator_start "$venv/bin/python" "$workdir/simulator.log"
        api_url=$SIM_URL
        api_key=$SIM_KEY
        simulator=true
    fi
    mkdir -p "$dest/tests/integration"
    umask 077
    # resource_prefix: unique per run, so names made by targets never clash with existing resources.
    # ngrok_standin_agent: the stand-in ngrok agent of tests/agent_standin, for the targets that need a running agent.
    "$venv/bin/python" - "$dest/tests/integration/integration_config.yml" "$api_url" "$api_key" "$simulator" \
        "$dest/tests/agent_standin/ngrok" <<'PYEOF'
import json
import secrets
import sys

path, url, key, simulator, standin = sys.argv[1:]
with open(path, 'w') as handle:
    # JSON is valid YAML and quotes every string safely.
    handle.write('ngrok_api_url: %s\n' % json.dumps(url))
    handle.write('ngrok_api_key: %s\n' % json.dumps(key))
    handle.write('ngrok_simulator: %s\n' % simulator)
    handle.write('ngrok_standin_agent: %s\n' % json.dumps(standin))
    handle.write('resource_prefix: %s\n' % json.dumps('ansible-test-' + secrets.token_hex(4)))
PYEOF
    umask 022
fi

prepare_pip_bootstrap

case $command in
    units) mode=--venv ;;
    *) mode=--local ;;
esac
args=("$command" --python "$python_version" "$mode")
case $command in
    integration) args+=(-v) ;;
esac
args+=("$@")

echo ">>> [ansible-core $core_version, Python $python_version] ansible-test ${args[*]}"
cd "$dest"
status=0
PATH="$venv/bin:$PATH" "$venv/bin/ansible-test" "${args[@]}" || status=$?
if [ "$command" = integration ] && [ -n "$SIM_PID" ] && [ $status -ne 0 ]; then
    echo "--- simulator log (last 40 lines)"
    tail -n 40 "$workdir/simulator.log" || true
fi
echo ">>> ansible-test $command on ansible-core $core_version: $([ $status -eq 0 ] && echo PASSED || echo "FAILED ($status)")"
exit $status
