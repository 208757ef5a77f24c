"""Races: two ansible-playbook runs converging the same objects at once end with one of each, and neither fails."""

import collections

from conftest import run_together

# Every create waits this long before the API makes the object, so both runs look it up before either creates it.
CREATE_LATENCY_MS = 1000


def _counts(objects, key):
    return dict(collections.Counter(o[key] for o in objects))


def test_two_runs_at_once_end_with_one_of_each(ansible, start_simulator, report, tmp_path):
    sim = start_simulator("--rate-limit", 0)
    sim.faults({"latency_ms": CREATE_LATENCY_MS, "rate": 1.0, "methods": ["POST"]})
    meeting = tmp_path / "meet"
    meeting.mkdir()
    starts = [ansible.start("races.yml", sim, extra_vars={"race_dir": str(meeting), "run_name": name}) for name in ("a", "b")]
    runs = run_together(*starts)
    stats = sim.stats()
    log = sim.request_log()
    # What the API saw: creates it refused because the other run's object existed (each then adopted), and twins the
    # runs deleted (nothing else is deleted here).
    refused = [r for r in log if r["method"] == "POST" and r["status"] == 409]
    deleted = [r for r in log if r["method"] == "DELETE" and r["status"] == 204]
    report("races: two runs at once", stats,
           "ok, {0} creates refused and adopted, {1} twins deleted, one of each".format(len(refused), len(deleted)),
           max(r.seconds for r in runs))
    for run in runs:
        run.assert_ok()

    assert _counts(sim.objects("/reserved_domains"), "domain") == {"race.example.com": 1, "race-apply.example.com": 1}
    policies = sim.objects("/ip_policies")
    assert _counts(policies, "description") == {"race": 1}
    rules = sim.objects("/ip_policy_rules")
    assert sorted(r["cidr"] for r in rules) == ["10.1.0.0/16", "10.2.0.0/16"]
    assert set(r["ip_policy"]["id"] for r in rules) == set([policies[0]["id"]])
    assert _counts(sim.objects("/credentials"), "description") == {"race": 1}
    vaults = sim.objects("/vaults")
    assert _counts(vaults, "name") == {"race": 1}
    assert _counts(sim.objects("/vaults/%s/secrets" % vaults[0]["id"]), "name") == {"race-secret": 1}
    assert _counts(sim.objects("/service_users"), "name") == {"race-bot": 1}
    cloud = [e for e in sim.objects("/endpoints") if e["type"] == "cloud"]
    assert _counts(cloud, "url") == {"https://race.internal": 1}
    assert _counts(sim.objects("/api_keys"), "description") == {"race-key": 1}
    assert _counts(sim.objects("/reserved_addrs"), "description") == {"race-addr": 1}
    # Both ways of ending with one object were taken (usually for most objects; on a busy machine a run may still see
    # the other's object first), and the runs said so where their output is not hidden by no_log.
    assert refused and deleted, log
    warnings = [w for r in runs for w in r.warnings()]
    assert len([w for w in warnings if "It was adopted" in w]) >= 1, warnings
    assert len([w for w in warnings if "the one this task created was deleted" in w]) >= 1, warnings
