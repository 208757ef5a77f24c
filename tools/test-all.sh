#!/usr/bin/env bash
# Run every test leg through make, keep going when one fails, and print a summary with timings.
# usage: tools/test-all.sh [LEG...]   (default: every leg, in the order below)
# Exits non-zero when any leg failed.
set -uo pipefail

legs=("$@")
if [ ${#legs[@]} -eq 0 ]; then
    legs=(sanity-oldest sanity-newest units-oldest units-newest integration-oldest integration-newest
        simulator-test fidelity contract-test lint docs build e2e examples reliability molecule demo awx)
fi
make=${MAKE:-make}
# The profile of the model-based test of ngrok_apply: make test gives the bounded one (ci: a fixed seed and example
# budget); run by hand, this script does too unless MODEL_PROFILE says otherwise.
export MODEL_PROFILE=${MODEL_PROFILE:-ci}
logdir=$(mktemp -d "${TMPDIR:-/tmp}/ngrok-legs.XXXXXX")
trap 'rm -rf "$logdir"' EXIT

total_start=$(date +%s)
echo "################ venv"
if ! "$make" --no-print-directory venv; then
    echo "!!! could not prepare the virtualenvs; no leg can run" >&2
    exit 1
fi
declare -a results
results+=("$(printf '%-20s %-8s %5ss' venv ready "$(($(date +%s) - total_start))")")
passed=0 failed=0 skipped=0
for leg in "${legs[@]}"; do
    echo
    echo "################ $leg"
    start=$(date +%s)
    "$make" --no-print-directory "$leg" 2>&1 | tee "$logdir/$leg.log"
    status=${PIPESTATUS[0]}
    seconds=$(($(date +%s) - start))
    if [ "$status" -ne 0 ]; then
        outcome=FAILED
        failed=$((failed + 1))
    elif grep -q '^!!! SKIP' "$logdir/$leg.log"; then
        outcome=SKIPPED
        skipped=$((skipped + 1))
    else
        outcome=passed
        passed=$((passed + 1))
    fi
    results+=("$(printf '%-20s %-8s %5ss' "$leg" "$outcome" "$seconds")")
done

echo
echo "################ summary ($(($(date +%s) - total_start))s in all)"
printf '%s\n' "${results[@]}"
echo "legs: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
