"""Secrets: with -vvv --diff, no output shows the API key, a secret value, a private key or an event target secret,
and a token only in the result of the task that created it; the simulator's logs hold none of them."""

import json
import re
import secrets

from material import pem_body_line, tls_files

GATEWAY_POLICY = '{"on_http_request": [{"actions": [{"type": "ai-gateway"}]}]}'
TASK_LINE = re.compile(r"^TASK \[(?P<name>[^\]]*)\]", re.MULTILINE)


def _sections(output):
    """{task name: the output lines of that task}."""
    marks = list(TASK_LINE.finditer(output))
    return dict((m.group("name"), output[m.start():marks[i + 1].start() if i + 1 < len(marks) else len(output)])
                for i, m in enumerate(marks))


def _tokens(run):
    """{task name: [tokens its result returned]} (every string value of a key named token)."""
    found = {}

    def walk(value, into):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "token" and isinstance(item, str) and item:
                    into.append(item)
                else:
                    walk(item, into)
        elif isinstance(value, list):
            for item in value:
                walk(item, into)

    for event in run.tasks():
        tokens = []
        walk(dict((k, v) for k, v in event["result"].items() if k != "diff"), tokens)
        if tokens:
            found[event["task"]] = tokens
    return found


def test_secrets_never_show_and_tokens_only_where_created(ansible, start_simulator, report, tmp_path):
    sim = start_simulator("--rate-limit", 0, log_level="DEBUG")
    gateway = sim.control("POST", "/_sim/agent_endpoints", {"url": "https://secrets-gateway.ngrok.app", "type": "cloud",
                                                            "traffic_policy": GATEWAY_POLICY})
    files = tls_files(tmp_path, "secrets.example.com")
    values = dict(("%s" % name, "%s-%s" % (name.replace("_", "-"), secrets.token_hex(12)))
                  for name in ("secret_value", "aws_secret", "datadog_key", "apply_secret_value", "apply_datadog_key"))
    variables = dict(values, gateway_id=gateway["id"], cert_file=files["cert"], key_file=files["key"])
    hidden = dict(values, api_key=sim.key, private_key=pem_body_line(files["key"]))

    first = ansible.run("secrets.yml", sim, extra_vars=dict(variables, **{"pass": "create"}), args=["-vvv", "--diff"])
    second = ansible.run("secrets.yml", sim, extra_vars=dict(variables, **{"pass": "again"}), args=["-vvv", "--diff"])
    stats = sim.stats()
    tokens = _tokens(first)
    log = sim.log_text()
    requests_log = json.dumps(sim.request_log())
    report("secrets: -vvv --diff of every module with a secret", stats,
           "ok, {0} tokens each shown once, no secret in output or logs".format(sum(len(t) for t in tokens.values())),
           first.seconds + second.seconds)
    first.assert_ok()
    second.assert_ok()

    # Every value was really sent (the runs were not no-ops), and the secret values again in the second run.
    assert sum(1 for r in sim.request_log() if r["method"] in ("POST", "PATCH")) > 15
    for name, value in hidden.items():
        for where, text in (("first run", first.output), ("second run", second.output), ("simulator log", log),
                            ("request log", requests_log)):
            assert value not in text, "%s shows %s" % (where, name)

    created = ["API key", "Credential", "AI gateway API key", "Many of them in one task"]
    assert sorted(tokens) == sorted(created), tokens
    assert len(tokens["Many of them in one task"]) == 2  # the API key and the credential it created
    sections = _sections(first.output)
    for task, task_tokens in tokens.items():
        for token in task_tokens:
            # In the result of the task that created it, not in its diff, nowhere else, never again.
            assert token in sections[task], task
            assert [name for name, text in sections.items() if token in text] == [task]
            assert token not in json.dumps(first.task(task)["result"].get("diff")), task
            assert token not in second.output and token not in log and token not in requests_log, task
    # The second run returns no token at all.
    assert _tokens(second) == {}


def test_secret_values_never_show_when_the_input_is_not_right(ansible, start_simulator, report):
    """Valid input is masked by the modules' no_log options; input that is not right must be too, at -vvv."""
    sim = start_simulator("--rate-limit", 0)
    value = "malformed-" + secrets.token_hex(12)
    run = ansible.run("secrets_malformed.yml", sim, extra_vars={"secret_value": value}, args=["-vvv"])
    stats = sim.stats()
    failed = [t for t in run.tasks() if t["status"] == "failed"]
    report("secrets: 8 inputs that are not right, at -vvv", stats,
           "{0} failed before any request, the value never shown".format(len(failed)), run.seconds)
    assert len(failed) == 8, [t["result"].get("msg") for t in run.tasks()]
    assert stats["requests"] == 0
    assert value not in run.output
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in run.output
