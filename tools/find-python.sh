#!/usr/bin/env bash
# Print the path of a working pythonX.Y interpreter, or nothing (exit 1) when there is none.
# usage: tools/find-python.sh 3.12
# Looks on PATH first, then in pyenv; pyenv shims that point at no installed version are skipped.
set -uo pipefail

want=$1

works() {
    [ -n "$1" ] && "$1" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$want' else 1)" >/dev/null 2>&1
}

candidate=$(command -v "python$want" 2>/dev/null || true)
if works "$candidate"; then
    "$candidate" -c 'import sys; print(sys.executable)'
    exit 0
fi

if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null | grep -E "^${want//./\\.}\.[0-9]+$" | sort -t. -k3 -n -r); do
        candidate=$(PYENV_VERSION=$version pyenv which "python$want" 2>/dev/null || true)
        if works "$candidate"; then
            echo "$candidate"
            exit 0
        fi
    done
fi
exit 1
