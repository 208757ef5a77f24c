"""Catalogs ngrok publishes: the event types (snippets/obs/_event-types-tables.mdx), the region codes of the API
(agent/cli-api.mdx, snippets/guides/region-pinning-content.mdx, k8s/crds/kubernetesoperator.mdx) and the id prefixes
of the recorded answers (snippets/api/resources/examples/). Every listed name is accepted (or answered), and names
next to them are refused with the documented code."""

import pytest

from support import Steps, corpus, load, make_variables

EVENT_TYPES = load("event_types.yaml")["event_types"]
REGIONS = load("regions.yaml")["regions"]
PREFIXES = load("id_prefixes.yaml")["id_prefixes"]
REPLAYS = load("replays.yaml")


def near_miss(kind):
    """A name next to an event type: another version, or the verb in the other tense."""
    name, version = kind.rsplit(".v", 1)
    if name.endswith("_created"):
        return name[:-1] + ".v" + version                      # ip_policy_create.v0
    return "%s.v%d" % (name, int(version) + 1)                 # ip_policy_deleted.v1


@pytest.fixture(scope="module")
def variables():
    return make_variables()


def error_code(resp):
    return resp.json().get("error_code") if resp.content else None


@corpus("event types")
@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_event_type_is_a_source(sim, kind):
    made = sim.request("POST", "/event_subscriptions", {"sources": [{"type": kind}]})
    assert made.status_code == 201, made.text
    added = sim.request("POST", "/event_subscriptions/%s/sources" % made.json()["id"], {"type": kind})
    assert error_code(added) == "ERR_NGROK_5127"            # already there: known, and unique


@corpus("event types")
@pytest.mark.parametrize("kind", sorted({near_miss(kind) for kind in EVENT_TYPES} - set(EVENT_TYPES)))
def test_a_name_ngrok_does_not_list_is_refused(sim, kind):
    refused = sim.request("POST", "/event_subscriptions", {"sources": [{"type": kind}]})
    assert (refused.status_code, error_code(refused)) == (400, "ERR_NGROK_238"), refused.text


def _region_cases():
    out = []
    for code in REGIONS["reserved_addrs"]["codes"]:
        out.append(pytest.param("reserved_addrs", code, None, id="reserved-addr-%s" % code))
    out.append(pytest.param("reserved_addrs", "mars", 500, id="reserved-addr-unknown"))
    for code in REGIONS["resolves_to"]["codes"]:
        out.append(pytest.param("resolves_to", code, None, id="resolves-to-%s" % code))
    for code in REGIONS["resolves_to"]["coming_soon"] + ["mars"]:
        out.append(pytest.param("resolves_to", code, 400, id="resolves-to-%s" % code))
    for code in REGIONS["kubernetes_operators"]["codes"]:
        out.append(pytest.param("kubernetes_operators", code, None, id="operator-%s" % code))
    out.append(pytest.param("kubernetes_operators", "mars", 19002, id="operator-unknown"))
    return out


@corpus("region codes")
@pytest.mark.parametrize("where, code, refused", _region_cases())
def test_region_code(sim, where, code, refused):
    if where == "reserved_addrs":
        resp, field = sim.request("POST", "/reserved_addrs", {"description": "ssh", "region": code}), "region"
    elif where == "resolves_to":
        body = {"domain": "pinned.example.com", "resolves_to": [{"value": code}]}
        resp, field = sim.request("POST", "/reserved_domains", body), "resolves_to"
    else:
        body = {"deployment": {"name": "op", "namespace": "ns"}, "region": code}
        resp, field = sim.request("POST", "/kubernetes_operators", body), "region"
    wanted = [{"value": code}] if field == "resolves_to" else code
    if refused:
        assert (resp.status_code, error_code(resp)) == (400, "ERR_NGROK_%d" % refused), resp.text
    else:
        assert resp.status_code == 201 and resp.json()[field] == wanted, resp.text


@corpus("id prefixes")
@pytest.mark.parametrize("resource", sorted(PREFIXES))
def test_id_prefix(sim, variables, resource):  # pylint: disable=redefined-outer-name
    spec = REPLAYS["resources"].get(resource)
    if spec is None:
        reason = next((why for prefix, why in REPLAYS["not_replayed"].items() if resource.startswith(prefix)), None)
        assert reason, "%s: a recorded id prefix without a replay or a reason" % resource
        pytest.skip(reason)
    operation = "create" if "create" in spec["examples"] else "get"
    entry = spec["examples"][operation]
    steps = Steps(sim, variables, spec.get("steps"))
    answer = steps.run(entry["steps"] if isinstance(entry, dict) else entry)
    ident = answer.json()["id"]
    assert ident.rsplit("_", 1)[0] == PREFIXES[resource]["prefix"], ident
