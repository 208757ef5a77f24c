"""Abuse reports (create and get only)."""

from conftest import SimProcess, assert_error


def test_abuse_report_create_and_get(client, sim):
    body = {"urls": ["http://bad.ngrok.io/login", "https://bad.ngrok.io/x"], "metadata": '{"case": 1}'}
    report = client.ok("POST", "/abuse_reports", body)
    assert report["id"].startswith("abrp_")
    assert report["uri"] == sim.url + "/abuse_reports/" + report["id"]
    assert report["status"] == "PENDING"
    assert report["hostnames"] == [{"hostname": "bad.ngrok.io", "status": "PENDING"}]
    assert set(report) == {"id", "uri", "created_at", "urls", "metadata", "status", "hostnames"}
    assert client.ok("GET", "/abuse_reports/" + report["id"]) == report
    no_meta = client.ok("POST", "/abuse_reports", {"urls": ["http://x.ngrok.app"]})
    assert "metadata" not in no_meta


def test_abuse_report_validation_and_missing_ops(client):
    assert_error(client.post("/abuse_reports", {}), 400, 215)
    assert_error(client.post("/abuse_reports", {"urls": ["http://"]}), 400, 215)
    assert_error(client.post("/abuse_reports", {"urls": ["http://x.io"], "description": "d"}), 400, 214)
    assert_error(client.post("/abuse_reports", {"urls": ["http://x.io"], "metadata": "m" * 4097}), 400, 100)
    assert client.get("/abuse_reports").status_code == 405
    assert_error(client.get("/abuse_reports/abrp_2t7Q9nBcCyFt8EnlJJLa9M9Lg6A"), 404, None)


def test_abuse_report_status_follows_the_processing_control(client):
    report = client.ok("POST", "/abuse_reports", {"urls": ["http://a.ngrok.io/x", "http://b.ngrok.io/y"]})
    control = "/_sim/abuse_reports/%s/process" % report["id"]
    partial = client.ok("POST", control, {"hostnames": {"a.ngrok.io": "BANNED"}}, status=200)
    assert partial["status"] == "PARTIALLY_PROCESSED"
    assert partial["hostnames"] == [{"hostname": "a.ngrok.io", "status": "BANNED"}, {"hostname": "b.ngrok.io", "status": "PENDING"}]
    assert client.ok("GET", "/abuse_reports/" + report["id"]) == partial
    done = client.ok("POST", control, {}, status=200)
    assert done["status"] == "PROCESSED" and [h["status"] for h in done["hostnames"]] == ["BANNED", "BANNED"]
    back = client.ok("POST", control, {"hostnames": {"a.ngrok.io": "UNBANNED", "b.ngrok.io": "IGNORE"}}, status=200)
    assert back["status"] == "PROCESSED" and [h["status"] for h in back["hostnames"]] == ["UNBANNED", "IGNORE"]
    assert_error(client.post(control, {"hostnames": {"c.ngrok.io": "BANNED"}}), 400, 215)
    assert_error(client.post(control, {"hostnames": {"a.ngrok.io": "GONE"}}), 400, 215)
    assert_error(client.post("/_sim/abuse_reports/abrp_2t7Q9nBcCyFt8EnlJJLa9M9Lg6A/process", {}), 404, None)
    stats = client.ok("GET", "/_sim/stats")
    assert stats["mutations"] == 1


def test_abuse_report_decision_seconds_bans_every_host_name_on_its_own():
    proc = SimProcess("--rate-limit", "0", "--abuse-report-decision-seconds", "0")
    try:
        client = proc.client()
        report = client.ok("POST", "/abuse_reports", {"urls": ["http://a.ngrok.io/x", "https://b.ngrok.io"]})
        assert report["status"] == "PENDING"
        later = client.ok("GET", "/abuse_reports/" + report["id"])
        assert later["status"] == "PROCESSED"
        assert [h["status"] for h in later["hostnames"]] == ["BANNED", "BANNED"]
        assert "_decide_at" not in later
    finally:
        assert proc.stop() == 0


def test_without_decision_seconds_a_report_stays_pending(client):
    report = client.ok("POST", "/abuse_reports", {"urls": ["http://a.ngrok.io/x"]})
    assert client.ok("GET", "/abuse_reports/" + report["id"])["status"] == "PENDING"
