# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Paging past 100 items with the client's own iterator, and /_sim/stats against what the client sent."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import ngrok

COUNT = 105  # more than one default (and maximum) page of 100


def _policy(client):
    policy = client.ip_policies.create(description="rules")
    return lambda i: client.ip_policy_rules.create(cidr="10.%d.%d.0/24" % (i // 256, i % 256), ip_policy_id=policy.id, action="allow")


def _vault(client):
    vault = client.vaults.create(name="paging")
    return lambda i: client.secrets.create(name="s%d" % i, value="v", vault_id=vault.id)


# (service attribute, list key, factory(client) -> make(i))
PAGED = [
    ("api_keys", "keys", lambda c: lambda i: c.api_keys.create(description="k%d" % i)),
    ("credentials", "credentials", lambda c: lambda i: c.credentials.create(description="c%d" % i)),
    ("ip_policies", "ip_policies", lambda c: lambda i: c.ip_policies.create(description="p%d" % i)),
    ("ip_policy_rules", "ip_policy_rules", _policy),
    ("reserved_addrs", "reserved_addrs", lambda c: lambda i: c.reserved_addrs.create(description="a%d" % i)),
    ("reserved_domains", "reserved_domains", lambda c: lambda i: c.reserved_domains.create(domain="d%d.example.com" % i)),
    ("vaults", "vaults", lambda c: lambda i: c.vaults.create(name="v%d" % i)),
    ("secrets", "secrets", _vault),
    ("service_users", "service_users", lambda c: lambda i: c.service_users.create(name="su%d" % i)),
    ("bot_users", "bot_users", lambda c: lambda i: c.bot_users.create(name="bot%d" % i)),
]


@pytest.mark.parametrize("service, list_key, factory", PAGED, ids=[p[0] for p in PAGED])
def test_iterator_pages_past_100(sim, client, recorder, service, list_key, factory):
    make = factory(client)
    made = [make(i).id for i in range(COUNT)]
    recorder.reset()
    first = getattr(client, service).list()
    assert len(first._props[list_key]) == 100
    nxt = urlsplit(first.next_page_uri)
    assert "%s://%s" % (nxt.scheme, nxt.netloc) == sim.url
    assert parse_qs(nxt.query)["before_id"] == [made[::-1][99]]
    seen = [item.id for item in first]  # the client's PagedIterator follows next_page_uri
    assert seen == made[::-1]
    assert [e["method"] for e in recorder.sent] == ["GET", "GET"]
    assert recorder.sent[1]["query"] == nxt.query


def test_secrets_by_vault_iterator_pages_past_100(client):
    vault = client.vaults.create(name="big")
    made = [client.secrets.create(name="s%d" % i, value="v", vault_id=vault.id).id for i in range(COUNT)]
    assert [s.id for s in client.vaults.get_secrets_by_vault(vault.id)] == made[::-1]


def test_stats_match_what_the_client_sent(sim, client, recorder):
    """A scripted sequence; /_sim/stats must count exactly the requests the client made."""
    before = sim.stats()
    assert before["requests"] == 0 and before["mutations"] == 0 and before["rate_limited"] == 0
    assert before["by_method"] == {"GET": 0, "POST": 0, "PATCH": 0, "DELETE": 0}
    recorder.reset()

    made = [client.ip_policies.create(description="p%d" % i) for i in range(3)]        # 3 POST, 3 mutations
    client.ip_policies.list()                                                        # 1 GET
    client.ip_policies.get(made[0].id)                                               # 1 GET
    client.ip_policies.update(made[0].id, description="changed")                     # 1 PATCH, 1 mutation
    client.ip_policies.delete(made[1].id)                                            # 1 DELETE, 1 mutation
    with pytest.raises(ngrok.NotFoundError):
        client.ip_policies.get(made[1].id)                                           # 1 GET (404)
    with pytest.raises(ngrok.NotFoundError):
        client.ip_policies.delete(made[1].id)                                        # 1 DELETE (404), no mutation
    with pytest.raises(ngrok.Error):
        client.ip_policies.create(description="x" * 300)                             # 1 POST (400), no mutation
    with pytest.raises(ngrok.Error):
        client.ip_policies.update(made[0].id)                                        # 1 PATCH (400), no mutation
    list(client.ip_policies.list(limit="1"))                                         # 2 GET (two pages)

    stats = sim.stats()
    sent, by_method = recorder.counts()
    assert (sent, by_method) == (13, {"GET": 5, "POST": 4, "PATCH": 2, "DELETE": 2})
    assert stats["requests"] == sent
    assert stats["by_method"] == by_method
    assert stats["mutations"] == 5
    assert stats["rate_limited"] == 0
    logged = sim.logged_requests(limit=13)
    assert [(e["method"], e["status"]) for e in logged] == [(e["method"], e["status"]) for e in recorder.sent]
    sim.reset()
    assert sim.stats()["requests"] == 0
