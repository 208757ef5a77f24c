"""The API's rate limit: five forks converge 60 objects against 20 requests per 2 seconds, and no task fails."""

HOSTS = ["h%d" % i for i in range(1, 6)]
LIMIT, WINDOW = 20, 2


def test_sixty_objects_with_five_forks_through_the_rate_limit(ansible, start_simulator, report):
    sim = start_simulator("--rate-limit", LIMIT, "--rate-window", WINDOW)
    run = ansible.run("rate_limit.yml", sim, hosts=HOSTS, forks=len(HOSTS))
    stats = sim.stats()
    floor = stats["requests"] / float(LIMIT) * WINDOW
    report("rate limit: 60 objects, 5 forks, 20 req/2 s", stats,
           "ok, {0} 429s, {1:.0f} s against a floor of {2:.0f} s".format(stats["rate_limited"], run.seconds, floor),
           run.seconds)
    run.assert_ok()
    assert not run.failed()
    assert stats["rate_limited"] > 0, "the run never met the rate limit: the scenario proves nothing"

    domains = sorted(d["domain"] for d in sim.objects("/reserved_domains"))
    policies = sim.objects("/ip_policies")
    rules = sim.objects("/ip_policy_rules")
    credentials = sim.objects("/credentials")
    names = sorted("rl-%s-%d" % (h, i) for h in HOSTS for i in range(1, 5))
    assert domains == sorted(n + ".example.com" for n in names)
    assert sorted(p["description"] for p in policies) == names
    assert sorted(c["description"] for c in credentials) == names
    assert len(rules) == len(policies) and len(set(r["ip_policy"]["id"] for r in rules)) == len(policies)
    assert stats["mutations"] == 80  # 60 objects and 20 rules: no object created twice, none deleted
    # Waiting for the window is all the time the limit costs: within twice the floor plus Ansible's own time.
    assert run.seconds >= floor - WINDOW
