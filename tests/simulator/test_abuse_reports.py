"""Abuse reports (create and get only)."""

from conftest import assert_error


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
