from django.test import Client


def test_healthz_reports_database_ok(db: None, client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "worker": {"status": "missing", "last_heartbeat": None},
    }


def test_public_home_is_italian(db: None, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Centri per la Famiglia" in response.content.decode()
