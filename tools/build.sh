#!/usr/bin/env bash
# Build the collection tarball from a clean copy of what git sees (into dist/), install it the way
# users do, and optionally run galaxy-importer on it.
# usage: tools/build.sh VENV_DIR [--install-to COLLECTIONS_PATH] [--import]
#   --install-to PATH  install the tarball there (default: a temporary path that is removed)
#   --import           run galaxy-importer on the tarball; fail when its output has ERROR lines
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 VENV_DIR [--install-to PATH] [--import]" >&2; exit 2; }
repo=$(git rev-parse --show-toplevel)
venv=$(cd "$1" && pwd)
shift
install_to=
run_importer=false
while [ $# -gt 0 ]; do
    case $1 in
        --install-to) install_to=$2; shift 2 ;;
        --import) run_importer=true; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

cd "$repo"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-build.XXXXXX")
trap 'rm -rf "$workdir"' EXIT
[ -n "$install_to" ] || install_to=$workdir/installed
mkdir -p dist "$install_to"
dist=$(cd dist && pwd)
install_to=$(cd "$install_to" && pwd)

src=$workdir/src
tools/copy-tree.sh "$src"
version=$("$venv/bin/python" -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["version"])' galaxy.yml)
tarball=$dist/ngrok-ngrok-$version.tar.gz

echo ">>> ansible-galaxy collection build --force --output-path dist/ (from a clean copy)"
(cd "$src" && "$venv/bin/ansible-galaxy" collection build --force --output-path "$dist")

unwanted=$(tar -tzf "$tarball" | grep -E '^(\.venv|\.ansible/|\.ci/|\.git/|tools/|dist/|collections/|tests/output/|.*__pycache__/)' || true)
if [ -n "$unwanted" ]; then
    echo "!!! the tarball holds files that build_ignore in galaxy.yml should keep out:" >&2
    echo "$unwanted" >&2
    exit 1
fi
echo ">>> $(basename "$tarball"): $(tar -tzf "$tarball" | grep -vc '/$') files, $(du -h "$tarball" | cut -f1)"

echo ">>> ansible-galaxy collection install --force $(basename "$tarball") -p $install_to"
# Named as the collections path, so ansible-galaxy does not warn that the path is not one Ansible reads.
ANSIBLE_COLLECTIONS_PATH="$install_to" "$venv/bin/ansible-galaxy" collection install --force "$tarball" -p "$install_to"
test -f "$install_to/ansible_collections/ngrok/ngrok/MANIFEST.json"

if $run_importer; then
    echo ">>> python -m galaxy_importer.main $(basename "$tarball")"
    log=$workdir/importer.log
    status=0
    (
        cd "$workdir"
        # ansible-test inside the importer needs a container engine; sanity runs in its own leg.
        PATH="$venv/bin:$PATH" \
            GALAXY_IMPORTER_RUN_ANSIBLE_TEST=False \
            GALAXY_IMPORTER_CHECK_REQUIRED_TAGS=True \
            GALAXY_IMPORTER_TMP_ROOT_DIR="$workdir" \
            "$venv/bin/python" -m galaxy_importer.main "$tarball"
    ) >"$log" 2>&1 || status=$?
    cat "$log"
    if [ $status -ne 0 ]; then
        echo "!!! galaxy-importer exited with $status" >&2
        exit 1
    fi
    if grep -qE '(^|[^A-Za-z])ERROR([^A-Za-z]|$)' "$log"; then
        echo "!!! galaxy-importer reported errors:" >&2
        grep -E '(^|[^A-Za-z])ERROR([^A-Za-z]|$)' "$log" >&2
        exit 1
    fi
    echo ">>> galaxy-importer: no errors"
fi
