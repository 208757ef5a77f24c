#!/usr/bin/env bash
# Copy what git sees (tracked files still on disk plus untracked files that are not ignored)
# from the repository root into DEST, keeping relative paths. Does not copy .git.
# usage: tools/copy-tree.sh DEST
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DEST" >&2; exit 2; }
dest=$1
cd "$(git rev-parse --show-toplevel)"
mkdir -p "$dest"
git ls-files -z -co --exclude-standard | while IFS= read -r -d '' path; do
    if [ -e "$path" ] || [ -L "$path" ]; then
        printf '%s\0' "$path"
    fi
done | xargs -0 --no-run-if-empty cp -P --parents -t "$dest"
