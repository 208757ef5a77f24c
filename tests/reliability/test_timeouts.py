"""Timeouts: an API slower than the task's `timeout` gives a clear failure after the configured retries, within a
bounded time, never a hang, and never a duplicate."""

import time

TIMEOUT, RETRIES, LATENCY_MS = 1, 2, 3000
# The longest a task may take: every attempt waits `timeout`, and the waits between attempts grow from 1 s
# (at most 1 s, 2 s, ...), plus the module's own start (generous: the machine may be busy with other scenarios).
BOUND = (RETRIES + 1) * TIMEOUT + sum(2 ** i for i in range(RETRIES)) + 10


def test_every_request_slower_than_the_timeout_fails_clearly_after_the_retries(ansible, start_simulator, report):
    sim = start_simulator("--rate-limit", 0)
    sim.faults({"latency_ms": LATENCY_MS, "rate": 1.0})
    run = ansible.run("timeouts.yml", sim, extra_vars={"case": "all", "timeout": TIMEOUT, "retries": RETRIES})
    stats = sim.stats()
    result = run.task("A vault, while every request is slow")
    report("timeouts: every request 3 s, timeout 1 s, 2 retries", stats,
           "failed clearly in {0:.1f} s (bound {1} s)".format(result["seconds"], BOUND), run.seconds)
    assert result["status"] == "failed"
    msg = result["result"]["msg"]
    assert "could not reach the ngrok API" in msg and "timed out" in msg, msg
    assert "gave up after %d attempts" % (RETRIES + 1) in msg, msg
    assert "Traceback" not in run.output and "module_stderr" not in result["result"]
    assert result["result"]["changed"] is False
    assert result["seconds"] <= BOUND, result["seconds"]
    assert stats["requests"] == RETRIES + 1 and stats["mutations"] == 0


def test_creates_slower_than_the_timeout_never_make_a_duplicate(ansible, start_simulator, report):
    sim = start_simulator("--rate-limit", 0)
    sim.faults({"latency_ms": LATENCY_MS, "rate": 1.0, "methods": ["POST"]})
    run = ansible.run("timeouts.yml", sim, extra_vars={"case": "creates", "timeout": TIMEOUT, "retries": RETRIES})
    result = run.task("A credential, while creates are slow")
    # The API finishes what it was sent, answer or not: wait for it before counting.
    time.sleep(LATENCY_MS / 1000.0 + 1)
    stats = sim.stats()
    credentials = sim.objects("/credentials")
    # The next run, with the API fast again, finds what the unanswered create made.
    sim.clear_faults()
    again = ansible.run("timeouts.yml", sim, extra_vars={"case": "creates", "timeout": 30, "retries": RETRIES})
    after = sim.objects("/credentials")
    report("timeouts: creates 3 s, timeout 1 s, 2 retries", stats,
           "{0} in {1:.1f} s, {2} credential made, found by the next run".format(
               result["status"], result["seconds"], len(credentials)), run.seconds + again.seconds)
    assert result["status"] == "failed" and result["seconds"] <= BOUND, result
    msg = result["result"]["msg"]
    assert "POST /credentials" in msg and "timed out" in msg and "was not sent again" in msg, msg
    assert result["result"]["changed"] is True  # the API may have made it
    assert "Traceback" not in run.output
    assert stats["by_method"]["POST"] == 1, "a create whose answer never came was sent again"
    assert len(credentials) == 1
    next_run = again.task("A credential, while creates are slow")
    assert next_run["status"] == "ok" and next_run["result"]["changed"] is False
    assert [c["id"] for c in after] == [c["id"] for c in credentials]
