#!/usr/bin/env bash
# The AWX / Ansible Automation Platform leg: the ngrok credential type and the playbook that registers it (against a
# stand-in for the AWX API, with the real awx.awx collection), playbooks/demo.yml run by ansible-runner with the key
# only in the job's environment, and the execution environment's build context (ansible-builder create, then the
# Containerfile's collection steps run here; building the image itself needs podman or docker).
# usage: tools/awx.sh VENV_DIR AWX_VENV_DIR [pytest args...]
#   VENV_DIR      the collection's virtualenv (.venv): builds the tarball, runs the simulator
#   AWX_VENV_DIR  the virtualenv of tests/awx/requirements.txt (.venv-awx): ansible-runner, ansible-builder, awx.awx
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 VENV_DIR AWX_VENV_DIR [pytest args...]" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
awx_venv=$(cd "$2" && pwd)
shift 2
cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-awx.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
# The tarball lands in dist/, where execution-environment.yml takes it from.
tools/build.sh "$venv" --install-to "$workdir/collections"
env -u NGROK_API_KEY -u NGROK_API_URL \
    ANSIBLE_COLLECTIONS_PATH="$workdir/collections" NGROK_SIMULATOR_PYTHON="$venv/bin/python" PATH="$awx_venv/bin:$PATH" \
    tools/pytest.sh "$awx_venv/bin/python" tests/awx "$@"
