#!/usr/bin/env bash
# Run pytest on one test directory with the given interpreter.
# usage: tools/pytest.sh PYTHON DIR [pytest args...]
# A directory that does not exist yet, or that holds no test, is reported as a failure: a leg
# that runs no test must not look green.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 PYTHON DIR [pytest args...]" >&2; exit 2; }
python=$1
dir=$2
shift 2
if [ ! -d "$dir" ]; then
    echo "!!! $dir does not exist: no tests to run" >&2
    exit 1
fi
echo ">>> $python -m pytest $dir $*"
status=0
"$python" -m pytest -p no:cacheprovider "$dir" "$@" || status=$?
if [ $status -eq 5 ]; then
    echo "!!! pytest collected no tests in $dir" >&2
fi
exit $status
