"""/healthz and /readyz for load balancers; a request id in the response and in logs."""

from __future__ import annotations

import json
import logging

from django.test import override_settings
from pythonjsonlogger.json import JsonFormatter

from samvirke.operations import RequestIdFilter


def test_healthz_answers_even_for_an_unknown_host(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_checks_database_cache_and_storages(db, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert set(response.json()["checks"].values()) == {"ok"}


def test_readyz_fails_naming_an_unusable_storage(db, client, tmp_path, settings):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with override_settings(EDITIONS_ROOT=blocker / "editions"):
        response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["editions"].startswith("failed") and checks["database"] == "ok"


def test_every_response_and_log_line_has_the_request_id(db, client, caplog):
    response = client.get("/healthz-not-a-page/", HTTP_X_REQUEST_ID="lb-1234")
    assert response["X-Request-ID"] == "lb-1234"
    fresh = client.get("/", HTTP_X_REQUEST_ID="bad id with spaces\n")["X-Request-ID"]
    assert len(fresh) == 32 and " " not in fresh
    record = logging.LogRecord("samvirke", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    line = json.loads(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"levelname": "level"},
        ).format(record)
    )
    assert line["message"] == "hello" and line["level"] == "INFO" and line["request_id"] == "-"
