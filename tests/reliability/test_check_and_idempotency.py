"""Check mode and idempotency, for every module, against a populated account.

One object of every kind is created; then the same state is run again written differently (lists reordered, the
traffic policy as YAML text, a domain in capitals, a URL with its default port, an IPv6 CIDR in capitals): in
check mode and for real, every task reports no change and nothing is written (the _info modules run in the last
plan only). Then a changed state in check mode:
every resource task reports a change, and still nothing is written.
"""

import os
import socket

import pytest

from collection_under_test import REPO_ROOT, StandinAgent
from material import ssh_public_key, tls_files

GATEWAY_POLICY = '{"on_http_request": [{"actions": [{"type": "ai-gateway"}]}]}'


def _modules():
    names = sorted(n[:-3] for n in os.listdir(os.path.join(REPO_ROOT, "plugins", "modules")) if n.startswith("ngrok_"))
    return set("ngrok.ngrok." + n for n in names)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def account(start_simulator, tmp_path, request):
    """A simulator with what only ngrok or an agent makes (a legacy AI gateway, a Kubernetes operator, an abuse
    report), a running agent's local API, and the variables the playbook needs."""
    sim = start_simulator("--rate-limit", 0)
    gateway = sim.control("POST", "/_sim/agent_endpoints", {"url": "https://acct-gateway.ngrok.app", "type": "cloud",
                                                            "traffic_policy": GATEWAY_POLICY})
    sim.control("POST", "/_sim/kubernetes_operators", {
        "description": "acct operator", "enabled_features": ["ingress"],
        "deployment": {"name": "ngrok-operator", "namespace": "ingress", "version": "0.19.0", "cluster_name": "acct"}})
    report_id = sim.control("POST", "/abuse_reports", {"urls": ["https://old-phish.ngrok.app/"]})["id"]
    sim.control("POST", "/_sim/tunnel_sessions", {"metadata": "acct-agent", "region": "eu", "os": "linux",
                                                  "tunnels": [{"public_url": "https://acct-agent.ngrok.app"}]})
    user = sim.control("POST", "/_sim/app_users", {"email": "acct-user@example.com", "username": "acct",
                                                   "identity_provider": {"name": "Google", "url": "https://accounts.google.com"}})
    session = sim.control("POST", "/_sim/app_sessions", {"application_user_id": user["id"],
                                                         "public_url": "https://acct-admin.example.com"})
    gone = sim.control("POST", "/_sim/app_sessions", {"public_url": "https://acct-gone.example.com"})
    sim.control("DELETE", "/app/sessions/" + gone["id"])
    files = tls_files(tmp_path, "acct.example.com")
    # A running agent on this host, for ngrok_agent_tunnel (its local API; the stand-in of tests/agent_standin).
    agent = StandinAgent(tmp_path / "agent", "127.0.0.1:%d" % _free_port())
    request.addfinalizer(agent.stop)
    variables = {"gateway_id": gateway["id"], "report_id": report_id, "cert_file": files["cert"],
                 "agent_web_addr": agent.web_addr,
                 "key_file": files["key"], "ca_file": files["ca"],
                 "ssh_keys": [ssh_public_key("acct-%d" % i) for i in range(3)],
                 "app_session_id": session["id"], "app_session_gone": gone["id"]}
    return sim, variables


def _changes(run):
    """{task name: changed} of every task that ran (skipped ones left out)."""
    return dict((e["task"], bool(e["result"].get("changed"))) for e in run.tasks() if e["status"] != "skipped")


def test_every_module_in_check_mode_and_again_changes_nothing_and_says_so(ansible, account, report):
    sim, variables = account
    base = ansible.run("account.yml", sim, extra_vars=dict(variables, variant="base")).assert_ok()
    created = _changes(base)
    assert all(created[t] for t in created if t.startswith("res:")), created

    seconds = base.seconds
    runs = {}
    for name, variant, args in (("plan of the same state", "same", ["--check", "--diff"]),
                                ("same state again", "same", []),
                                ("plan of a changed state", "changed", ["--check", "--diff"])):
        before = sim.stats()
        run = ansible.run("account.yml", sim, extra_vars=dict(variables, variant=variant), args=args)
        after = sim.stats()
        seconds += run.seconds
        runs[name] = (run.assert_ok(), after["mutations"] - before["mutations"], after["requests"] - before["requests"])

    stats = sim.stats()
    used = set(e["action"] for e in runs["plan of a changed state"][0].events)
    report("check mode and idempotency: every module", stats,
           "ok: {0} modules; same state (reordered, YAML, casing, ports) and plans wrote nothing".format(
               len(used & _modules())), seconds)

    for name, (run, mutations, _requests) in runs.items():
        assert mutations == 0, "%s wrote to the account (%d mutations)" % (name, mutations)
    for name in ("plan of the same state", "same state again"):
        changes = _changes(runs[name][0])
        assert not [t for t, changed in changes.items() if changed], (name, changes)
    planned = _changes(runs["plan of a changed state"][0])
    assert not [t for t in planned if t.startswith(("res:", "act:")) and not planned[t]], planned
    assert not [t for t in planned if t.startswith("info:") and planned[t]], planned
    # Every module of the collection took part in check mode.
    assert _modules() - used == set()
