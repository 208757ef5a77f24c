#!/usr/bin/env bash
# Create or refresh a virtualenv, doing nothing when it already matches its inputs.
# usage: tools/venv.sh DIR PYTHON PIP-INSTALL-ARGS...   (VENV_KEEP_PIP=1: do not upgrade pip first)
# The stamp file DIR/.stamp-<hash> is keyed on the interpreter, the pip arguments and the
# content of every requirements file named in them.
set -euo pipefail

dir=$1
python=$2
shift 2

key=$(
    {
        "$python" -c 'import sys; print(sys.version)'
        printf '%s\n' "$@"
        for arg in "$@"; do
            if [ -f "$arg" ]; then cat "$arg"; fi
        done
    } | sha256sum | cut -c1-16
)
stamp="$dir/.stamp-$key"

if [ -f "$stamp" ] && [ -x "$dir/bin/python" ]; then
    echo "venv $dir is up to date ($key)"
    exit 0
fi

echo ">>> preparing venv $dir with $python"
if [ ! -x "$dir/bin/python" ]; then
    "$python" -m venv "$dir"
fi
# pip warns about every index location in the local pip configuration that does not exist; drop that noise.
quiet_pip() {
    "$dir/bin/python" -m pip "$@" 2> >(grep -v "^WARNING: Location '.*' is ignored" >&2)
}
# VENV_KEEP_PIP=1 keeps the pip that came with the interpreter (make demo: a few seconds less on a fresh clone).
if [ "${VENV_KEEP_PIP:-}" != 1 ]; then
    quiet_pip install --quiet --upgrade pip
fi
echo ">>> $dir/bin/python -m pip install $*"
quiet_pip install --quiet "$@"
rm -f "$dir"/.stamp-*
touch "$stamp"
echo "venv $dir ready ($key)"
