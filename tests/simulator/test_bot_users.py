"""Bot users (deprecated; no filter)."""

from conftest import assert_error


def test_bot_user_crud(client, sim):
    bot = client.ok("POST", "/bot_users", {"name": "ci-bot"})
    assert bot["id"].startswith("bot_") and bot["active"] is True
    assert set(bot) == {"id", "uri", "name", "active", "created_at"}
    second = client.ok("POST", "/bot_users", {"name": "other", "active": False})
    listed = client.ok("GET", "/bot_users")
    assert [b["id"] for b in listed["bot_users"]] == [second["id"], bot["id"]]
    assert listed["uri"] == sim.url + "/bot_users" and listed["next_page_uri"] is None
    assert_error(client.get("/bot_users", params={"filter": 'obj.name == "x"'}), 400, 231)
    updated = client.ok("PATCH", "/bot_users/" + bot["id"], {"active": False})
    assert updated["active"] is False and updated["name"] == "ci-bot"
    assert_error(client.patch("/bot_users/" + bot["id"], {"name": ""}), 400, 4109)
    assert_error(client.post("/bot_users", {}), 400, 4109)
    client.ok("DELETE", "/bot_users/" + bot["id"])
    assert_error(client.get("/bot_users/" + bot["id"]), 404, None)
