"""The meetings API: read for all (closed items only for members), write for staff of the
organisation; a refused write says why and stores nothing."""

from __future__ import annotations

import pytest

from samvirke.governance.models import Decision
from samvirke.meetings.models import AgendaItem, Meeting
from tests.access.conftest import make_user
from tests.access.test_tokens_and_audit import bearer, new_token


@pytest.fixture
def staff_token(capsys, sogn):
    make_user("staff")
    return bearer(new_token(capsys, "tilsett", user="staff"))


def post(client, path, data, auth):
    return client.post(path, data, content_type="application/json", **auth)


def test_reading_the_meetings(client, sogn):
    listed = client.get("/api/v1/meetings").json()["items"]
    assert "styret-2026-04-07" in {m["slug"] for m in listed}
    one = client.get("/api/v1/meetings/styret-2026-04-07").json()
    assert [i["title"] for i in one["items"]] == [
        "Rapport og tilråding om PPT-samarbeid",
        "Dialog med Visit Sognefjord om vidare finansiering og arbeidsdeling",
    ]
    assert one["time_zone"] == "Europe/Oslo" and one["quorate"] is None


def test_staff_plan_call_and_record_through_the_api(client, staff_token):
    created = post(
        client,
        "/api/v1/meetings",
        {
            "slug": "styret-api",
            "body": "sogn-ko-styret",
            "date": "2026-06-02",
            "start_time": "10:00",
        },
        staff_token,
    )
    assert created.status_code == 201, created.content
    assert client.get("/api/v1/meetings/styret-api").status_code == 404  # not public yet
    item = post(
        client,
        "/api/v1/meetings/styret-api/items",
        {"title": "Budsjett", "number": "20/26", "cooperations": ["barnevern"]},
        staff_token,
    )
    assert item.status_code == 201, item.content
    closed = post(
        client,
        "/api/v1/meetings/styret-api/items",
        {"title": "Lukka", "closed": True, "closed_basis": "kl-11-5-2a"},
        staff_token,
    )
    assert closed.status_code == 201
    assert post(client, "/api/v1/meetings/styret-api/call", {}, staff_token).status_code == 200
    public = client.get("/api/v1/meetings/styret-api").json()
    assert [i["title"] for i in public["items"]] == ["Budsjett"]
    assert len(client.get("/api/v1/meetings/styret-api", **staff_token).json()["items"]) == 2
    outcome = post(
        client,
        "/api/v1/meetings/styret-api/items/1/outcome",
        {"text": "Budsjettet er vedteke.", "follow_ups": [{"text": "Melde til kommunane"}]},
        staff_token,
    )
    assert outcome.status_code == 201, outcome.content
    decision = Decision.objects.get(slug=outcome.json()["decision"])
    assert decision.case_number == "20/26" and decision.follow_ups.count() == 1
    assert client.get(f"/api/v1/decisions/{decision.slug}").status_code == 200


def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, staff_token):
    no_body = post(client, "/api/v1/meetings", {"slug": "utan-organ"}, staff_token)
    assert no_body.status_code == 422
    assert no_body["Content-Type"] == "application/problem+json"
    assert not Meeting.objects.filter(slug="utan-organ").exists()
    post(client, "/api/v1/meetings", {"slug": "m", "body": "sogn-ko-styret"}, staff_token)
    closed = post(
        client, "/api/v1/meetings/m/items", {"title": "Lukka", "closed": True}, staff_token
    )
    assert closed.status_code == 422 and not AgendaItem.objects.filter(title="Lukka").exists()


def test_the_public_and_other_organisations_cannot_write(client, sogn, capsys):
    payload = {"slug": "x", "body": "sogn-ko-styret"}
    assert post(client, "/api/v1/meetings", payload, {}).status_code == 401
    make_user("other_staff")
    other = bearer(new_token_for(capsys, "other_staff"))
    assert post(client, "/api/v1/meetings", payload, other).status_code == 422
    assert post(client, "/api/v1/meetings/styret-2026-04-07/call", {}, other).status_code == 403
    assert not Meeting.objects.filter(slug="x").exists()


def new_token_for(capsys, user: str) -> str:
    from django.core.management import call_command

    call_command(
        "token",
        "create",
        "t",
        "--user",
        user,
        "--organisation",
        "sognaradet-ipr",
        "--role",
        "tilsett",
    )
    return capsys.readouterr().out.strip().splitlines()[-1]
