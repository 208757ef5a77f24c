# shellcheck shell=bash
# Start and stop the local ngrok API simulator from other tools/ scripts (source this file).
#   simulator_start PYTHON LOGFILE [FLAG...]   sets SIM_PID, SIM_URL and SIM_KEY (a random bearer key); FLAGs are more
#                                    options of the simulator (--abuse-report-decision-seconds 0, ...)
#   simulator_stop                   stops it, if running
#   simulator_cleanup DIR            for an EXIT trap: stops it and removes the script's work directory DIR
#                                    (NGROK_KEEP_WORKDIR=1 keeps it and says where it is)
# Run from the repository root.

SIM_PID=
SIM_URL=
SIM_KEY=

simulator_start() {
    local python=$1 log=$2 first_line='' tries=0
    shift 2
    SIM_KEY=sim_$("$python" -c 'import secrets; print(secrets.token_hex(16))')
    # No rate limit: targets run back to back as fast as the machine allows; the reliability suite proves the
    # behaviour under the real limit with simulators of its own.
    PYTHONUNBUFFERED=1 "$python" tests/simulator/ngrok_sim.py --host 127.0.0.1 --port 0 --api-key "$SIM_KEY" --rate-limit 0 \
        "$@" >"$log" 2>&1 </dev/null &
    SIM_PID=$!
    while [ $tries -lt 300 ]; do
        first_line=$(head -n 1 "$log" 2>/dev/null || true)
        case $first_line in
            "listening on "*)
                SIM_URL=${first_line#listening on }
                echo ">>> simulator (pid $SIM_PID) listening on $SIM_URL"
                return 0
                ;;
        esac
        if ! kill -0 "$SIM_PID" 2>/dev/null; then
            echo "!!! the simulator exited early:" >&2
            cat "$log" >&2
            SIM_PID=
            return 1
        fi
        sleep 0.1
        tries=$((tries + 1))
    done
    echo "!!! the simulator did not report its address within 30 s:" >&2
    cat "$log" >&2
    simulator_stop
    return 1
}

simulator_stop() {
    if [ -n "$SIM_PID" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
        echo ">>> simulator (pid $SIM_PID) stopped"
    fi
    SIM_PID=
}

simulator_cleanup() {
    simulator_stop
    if [ "${NGROK_KEEP_WORKDIR:-}" = 1 ]; then
        echo "work tree kept: $1"
    else
        rm -rf "$1"
    fi
}
