"""Server faults: a quarter of the requests answered 503, and 15% of the creates answered 502 after the object was
made (a lost answer). The account ends with exactly the objects asked for: nothing missing, nothing twice."""

import collections

HOSTS = ["h1", "h2", "h3", "h4"]
FAULTS = (
    {"status": 502, "rate": 0.15, "methods": ["POST"], "after_commit": True},
    {"status": 503, "rate": 0.25},
)


def _twice(values):
    return sorted(v for v, n in collections.Counter(values).items() if n > 1)


def test_faults_and_lost_answers_leave_exactly_the_objects_asked_for(ansible, start_simulator, report):
    sim = start_simulator("--rate-limit", 0)
    sim.faults(*FAULTS, seed=11)
    run = ansible.run("faults.yml", sim, hosts=HOSTS, forks=len(HOSTS))
    stats = sim.stats()
    sim.clear_faults()
    log = sim.request_log()
    lost = [r for r in log if r["method"] == "POST" and r["status"] == 502]
    # Lookups after a lost answer that failed too (the next read of that collection answered 503).
    failed_lookups = 0
    for index, entry in enumerate(log):
        if entry in lost:
            after = [r for r in log[index + 1:] if r["method"] == "GET" and r["path"] == entry["path"]][:1]
            failed_lookups += bool(after and after[0]["status"] == 503)
    report("server faults: 25% 503, 15% of creates 502 after commit", stats,
           "ok, {0} faults ({1} lost create answers, {2} lookups after them failing too), exact account".format(
               stats["faults_injected"], len(lost), failed_lookups),
           run.seconds)
    run.assert_ok()
    assert stats["faults_injected"] > 10 and lost, "too few faults fired to prove anything"

    domains = [d["domain"] for d in sim.objects("/reserved_domains")]
    policies = sim.objects("/ip_policies")
    rules = sim.objects("/ip_policy_rules")
    credentials = [c["description"] for c in sim.objects("/credentials")]
    assert _twice(domains) == [] and sorted(domains) == sorted("faults-%d.example.com" % i for i in range(1, 21))
    descriptions = [p["description"] for p in policies]
    assert _twice(descriptions) == [] and sorted(descriptions) == sorted("faults-%d" % i for i in range(1, 11))
    assert _twice(credentials) == [] and sorted(credentials) == sorted("faults-%d" % i for i in range(1, 11))
    by_policy = dict((p["id"], p["description"]) for p in policies)
    got = sorted((by_policy[r["ip_policy"]["id"]], r["cidr"], r["action"]) for r in rules)
    want = sorted([("faults-%d" % i, "10.%d.0.0/16" % i, "allow") for i in range(1, 11)]
                  + [("faults-%d" % i, "192.168.%d.0/24" % i, "deny") for i in range(1, 11)])
    assert got == want
    # A lost answer is recovered by looking the object up, never by sending the create again: one successful create
    # per object, and no object deleted.
    created = [r for r in log if r["method"] == "POST" and r["status"] in (201, 502)]
    assert len(created) == 20 + 10 + 20 + 10
    assert stats["by_method"]["DELETE"] == 0
