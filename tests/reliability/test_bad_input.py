"""Bad input: every case fails with a message that names the option, or carries the API's error_code and
operation_id; never a traceback; and nothing in the account changes."""

import json

import yaml

from material import ssh_public_key

API = "API"  # the failure must carry the API's error_code and operation_id (in the result and the message)
NOT_AN_ID = "ipp_2Zx8example3RcLhDdPp4TtEFq9W"
LONG = "x" * 300
HUGE = "m" * 5000
POLICY = {"on_http_request": [{"actions": [{"type": "custom-response", "config": {"status_code": 200}}]}]}
# Values of no_log options are masked wherever they appear in the output: make them unlike any other text.
SECRET = "bad-input-secret-value-0123456789"
KINESIS_ROLE = {"role": {"role_arn": "arn:aws:iam::123456789012:role/ngrok"}}

# (what is wrong, module, options, what the message must name: an option, or API)
CASES = [
    # connection options
    ("no api_key", "ngrok_vault", {"name": "v", "_env": {"NGROK_API_KEY": ""}}, "api_key"),
    ("api_key with spaces", "ngrok_vault", {"name": "v", "api_key": "not a key"}, "api_key"),
    ("api_key the API does not know", "ngrok_vault", {"name": "v", "api_key": "2Zx8example_3RcLhDdPp4TtEFq9W"}, API),
    ("api_url not http(s)", "ngrok_vault", {"name": "v", "api_url": "ftp://api.ngrok.com"}, "api_url"),
    ("api_url that is not the ngrok API", "ngrok_vault", {"name": "v", "api_url": "{{ sim_url }}/v9"}, "api_url"),
    ("api_url where nothing listens", "ngrok_vault", {"name": "v", "api_url": "http://127.0.0.1:9", "retries": 0},
     "api_url http://127.0.0.1:9"),
    ("timeout 0", "ngrok_vault", {"name": "v", "timeout": 0}, "timeout"),
    ("negative retries", "ngrok_vault", {"name": "v", "retries": -1}, "retries"),
    ("validate_certs not a boolean", "ngrok_vault", {"name": "v", "validate_certs": "maybe"}, "validate_certs"),
    ("ca_path that does not exist", "ngrok_vault", {"name": "v", "ca_path": "/nonexistent/ca.pem"}, "ca_path"),
    ("unknown option", "ngrok_vault", {"name": "v", "colour": "blue"}, "colour"),
    # reserved domains and endpoints
    ("domain with a space", "ngrok_reserved_domain", {"domain": "bad domain.example.com"}, API),
    ("domain on a TLD that is not public", "ngrok_reserved_domain", {"domain": "app.test"}, API),
    ("unknown point of presence", "ngrok_reserved_domain", {"domain": "pop.example.com", "resolves_to": ["mars"]}, API),
    ("description over 255 bytes", "ngrok_reserved_domain", {"domain": "long.example.com", "description": LONG},
     "description: is 300 bytes long; the API takes at most 255 bytes"),
    ("metadata over 4096 bytes", "ngrok_reserved_domain", {"domain": "huge.example.com", "metadata": HUGE},
     "metadata: is 5000 bytes long; the API takes at most 4096 bytes"),
    ("unknown certificate authority", "ngrok_reserved_domain",
     {"domain": "ca.example.com", "certificate_management_policy": {"authority": "bogus"}}, "authority"),
    ("empty domain", "ngrok_reserved_domain", {"domain": "", "state": "absent"}, "domain"),
    ("traffic policy that does not parse", "ngrok_endpoint",
     {"url": "https://tp.internal", "traffic_policy": "on_http_request: ["}, "traffic_policy"),
    ("unknown traffic policy action", "ngrok_endpoint",
     {"url": "https://tp.internal", "traffic_policy": {"on_http_request": [{"actions": [{"type": "teleport"}]}]}}, API),
    ("unknown binding", "ngrok_endpoint", {"url": "https://tp.internal", "traffic_policy": POLICY, "bindings": ["private"]},
     "bindings"),
    ("https on another port", "ngrok_endpoint", {"url": "https://port.internal.example.com:8443", "traffic_policy": POLICY},
     API),
    ("endpoint without a policy", "ngrok_endpoint", {"url": "https://nopolicy.internal"}, "traffic_policy"),
    # IP policies, rules and restrictions
    ("CIDR that is not an address", "ngrok_ip_policy_rule",
     {"ip_policy_description": "bad-policy", "cidr": "10.0.0.300/8", "action": "allow"}, "cidr"),
    ("CIDR with host bits", "ngrok_ip_policy_rule",
     {"ip_policy_description": "bad-policy", "cidr": "10.1.2.3/8", "action": "allow"}, "cidr"),
    ("unknown rule action", "ngrok_ip_policy_rule",
     {"ip_policy_description": "bad-policy", "cidr": "10.0.0.0/8", "action": "maybe"}, "action"),
    ("policy description nobody has", "ngrok_ip_policy_rule",
     {"ip_policy_description": "no-such-policy", "cidr": "10.0.0.0/8", "action": "allow"}, "ip_policy_description"),
    ("the same CIDR twice", "ngrok_ip_policy",
     {"description": "bad-policy", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"},
                                             {"cidr": "10.0.0.0/8", "action": "deny"}]}, "rules"),
    ("malformed id", "ngrok_ip_policy", {"id": "not-an-id", "description": "x"}, "id"),
    ("unknown id", "ngrok_ip_policy", {"id": NOT_AN_ID, "description": "x"}, "id"),
    ("unknown restriction type", "ngrok_ip_restriction", {"type": "everything", "ip_policy_ids": [NOT_AN_ID]}, "type"),
    ("restriction with a policy that does not exist", "ngrok_ip_restriction",
     {"type": "api", "ip_policy_ids": [NOT_AN_ID]}, API),
    ("ids and descriptions of policies together", "ngrok_ip_restriction",
     {"type": "api", "ip_policy_ids": [NOT_AN_ID], "ip_policy_descriptions": ["bad-policy"]}, "ip_policy_ids"),
    # credentials, keys, users
    ("ACL rule that is not a rule", "ngrok_credential", {"description": "bad", "acl": ["bind:"]}, API),
    ("owner that does not exist", "ngrok_credential", {"description": "bad", "owner_id": "usr_2Zx8example3RcLhDdPp4TtEFq9W"},
     API),
    ("empty description", "ngrok_api_key", {"description": "  ", "state": "absent"}, "description"),
    ("nothing names the key", "ngrok_api_key", {"metadata": "m"}, "description"),
    ("empty service user name", "ngrok_service_user", {"name": ""}, "name"),
    ("reserved address in an unknown region", "ngrok_reserved_addr", {"description": "bad", "region": "mars"}, "region"),
    # vaults and secrets
    ("vault name with a space", "ngrok_vault", {"name": "bad name"}, API),
    ("secret without a value", "ngrok_secret", {"vault_name": "bad-vault", "name": "novalue"}, "value"),
    ("vault nobody has", "ngrok_secret", {"vault_name": "no-such-vault", "name": "s", "value": SECRET}, API),
    ("vault by id and by name", "ngrok_secret",
     {"vault_name": "bad-vault", "vault_id": "vault_2Zx8example3RcLhDdPp4TtEFq9W", "name": "s", "value": SECRET},
     "vault_id"),
    # certificates
    ("certificate that is not PEM", "ngrok_tls_certificate",
     {"description": "bad", "certificate_pem": "not a certificate", "private_key_pem": SECRET}, "certificate_pem"),
    ("CA that is not PEM", "ngrok_certificate_authority", {"description": "bad", "ca_pem": "garbage"}, "ca_pem"),
    ("empty agent ingress domain", "ngrok_agent_ingress", {"domain": ""}, "domain"),
    # SSH
    ("SSH key that is not a key", "ngrok_ssh_credential", {"public_key": "ssh-ed25519 AAAAnotakey"}, "public_key"),
    ("unknown elliptic curve", "ngrok_ssh_certificate_authority",
     {"description": "bad", "private_key_type": "ecdsa", "elliptic_curve": "p999"}, "elliptic_curve"),
    ("validity that is not a time", "ngrok_ssh_user_certificate",
     {"ssh_certificate_authority_description": "bad-ca", "public_key": "{{ ssh_key }}", "valid_until": "tomorrow"},
     "valid_until"),
    ("SSH CA nobody has", "ngrok_ssh_host_certificate",
     {"ssh_certificate_authority_description": "no-such-ca", "public_key": "{{ ssh_key }}"},
     "ssh_certificate_authority_description"),
    # events
    ("two kinds of target", "ngrok_event_destination",
     {"description": "bad", "target": {"kinesis": {"stream_arn": "arn:aws:kinesis:us-east-2:1:stream/s", "auth": KINESIS_ROLE},
                                       "datadog": {"api_key": SECRET}}}, "kinesis"),
    ("stream that is not an ARN", "ngrok_event_destination",
     {"description": "bad", "target": {"kinesis": {"stream_arn": "not-an-arn", "auth": KINESIS_ROLE}}}, API),
    ("event type that is not a name", "ngrok_event_subscription", {"description": "bad", "sources": ["not an event!"]},
     API),
    # the rest
    ("abuse report without URLs", "ngrok_abuse_report", {"urls": []}, "urls"),
    ("AI gateway key for an endpoint that does not exist", "ngrok_ai_gateway_api_key",
     {"description": "bad", "endpoint_id": "ep_2Zx8example3RcLhDdPp4TtEFq9W"}, API),
    ("raw request to a path without /", "ngrok_api", {"path": "vaults"}, "path"),
    ("raw request with a body that is not JSON", "ngrok_api", {"path": "/vaults", "method": "POST", "body": "{nope"}, "body"),
    ("unknown resource type", "ngrok_apply", {"resources": {"widgets": [{"name": "w"}]}}, "widgets"),
    ("unknown option of one object", "ngrok_apply", {"resources": {"vaults": [{"name": "v", "colour": "blue"}]}},
     "resources.vaults[0]"),
    ("pruning a type with nothing listed", "ngrok_apply", {"resources": {}, "prune": ["vaults"]}, "prune"),
    ("pruning a type no module manages", "ngrok_apply", {"resources": {}, "prune": ["kubernetes_operators"],
                                                         "prune_allow_empty": True}, "kubernetes_operators"),
    # sizes ngrok documents, checked before any request (a long description once came back as an HTTP 414)
    ("description of 70,000 characters", "ngrok_ip_policy", {"description": "x" * 70000}, "at most 255 bytes"),
    ("metadata of a vault over 4096 bytes", "ngrok_vault", {"name": "v", "metadata": "m" * 4097}, "at most 4096 bytes"),
    ("restriction naming no policy", "ngrok_ip_restriction", {"type": "agent", "ip_policy_descriptions": []},
     "ip_policy_descriptions: must list at least 1 item"),
]


def _playbook(path):
    tasks = []
    for number, (what, module, options, _expect) in enumerate(CASES, 1):
        options = dict(options)
        task = {"name": "bad %02d: %s" % (number, what), "ngrok.ngrok." + module: options, "ignore_errors": True}
        if "_env" in options:
            task["environment"] = options.pop("_env")
        tasks.append(task)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump([{"name": "Bad input", "hosts": "ngrok", "gather_facts": False, "tasks": tasks}], handle,
                       sort_keys=False, width=200)
    return path


def test_bad_input_fails_clearly_and_changes_nothing(ansible, start_simulator, report, tmp_path):
    assert len(CASES) >= 40
    sim = start_simulator("--rate-limit", 0)
    # An account with something in it: the policy, vault and SSH CA some cases name.
    sim.control("POST", "/ip_policies", {"description": "bad-policy"})
    sim.control("POST", "/vaults", {"name": "bad-vault"})
    sim.control("POST", "/ssh_certificate_authorities", {"description": "bad-ca"})
    before = sim.stats()
    run = ansible.run(_playbook(str(tmp_path / "bad_input.yml")), sim,
                      extra_vars={"sim_url": sim.url, "ssh_key": ssh_public_key("bad")})
    after = sim.stats()
    delta = dict((k, after[k] - before[k]) for k in ("requests", "mutations"))
    results = dict((e["task"], e) for e in run.tasks("bad "))
    report("bad input: %d cases" % len(CASES), delta,
           "all failed clearly, {0} mutations".format(delta["mutations"]), run.seconds)

    assert run.returncode == 0, run.output[-3000:]  # every failure is ignored: the play itself runs to its end
    assert "Traceback" not in run.output
    problems = []
    for number, (what, _module, _options, expect) in enumerate(CASES, 1):
        event = results.get("bad %02d: %s" % (number, what))
        if event is None:
            problems.append((what, "did not run"))
            continue
        result = event["result"]
        msg = str(result.get("msg", ""))
        if event["status"] != "failed":
            problems.append((what, "did not fail", result))
        elif "exception" in result or "module_stderr" in result or "Traceback" in msg:
            problems.append((what, "traceback", result))
        elif result.get("changed"):
            problems.append((what, "reported a change", msg))
        elif expect == API:
            code, operation = result.get("error_code") or "", result.get("operation_id") or ""
            if not (code.startswith("ERR_NGROK_") and operation.startswith("op_") and code in msg and operation in msg):
                problems.append((what, "no API error_code and operation_id", json.dumps(result)[:400]))
        elif expect not in msg:
            problems.append((what, "message does not name %s" % expect, msg))
    assert not problems, "\n".join(repr(p) for p in problems)
    assert delta["mutations"] == 0
