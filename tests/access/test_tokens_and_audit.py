"""API tokens (scoped, hashed, revocable) and the audit trail of admin, API and CLI changes,
with restore from history."""

from __future__ import annotations

import datetime as dt
import getpass

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from samvirke import cli
from samvirke.access.models import ApiToken
from samvirke.governance.models import Staff
from samvirke.workflows.models import AgreementReview
from tests.access.conftest import make_user
from tests.access.test_permission_matrix import staff_form
from tests.conftest import login_verified


def new_token(capsys, role: str, *, user: str, municipality: str = "") -> str:
    args = ["token", "create", f"{role}-token", "--user", user, "--organisation", "sogn-ko"]
    call_command(*args, "--role", role, *(["--municipality", municipality] if municipality else []))
    return capsys.readouterr().out.strip().splitlines()[-1]


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_reader_token_reads_the_drafts_of_its_municipality(client, drafts, capsys):
    make_user("reader")
    secret = new_token(capsys, "kommunelesar", user="reader", municipality="4640")
    assert secret.startswith("smv_")
    assert client.get("/api/v1/cooperations/utkast-sogndal").status_code == 404
    assert client.get("/api/v1/cooperations/utkast-sogndal", **bearer(secret)).status_code == 200
    assert client.get("/api/v1/cooperations/utkast-aurland", **bearer(secret)).status_code == 404
    token = ApiToken.objects.get()
    assert secret.split("_", 2)[2] not in (token.key_hash + token.key_id)  # only a hash is kept
    assert token.last_used_at is not None


def test_a_staff_token_writes_and_the_history_names_the_token(client, drafts, capsys):
    make_user("staff")
    secret = new_token(capsys, "tilsett", user="staff")
    response = client.post(
        "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews",
        {"date": "2026-06-01", "outcome": "revider", "notes": "Ny kontorkommune"},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 201, response.content
    row = AgreementReview.history.get()
    assert row.history_user.username == "staff"
    assert f"API token {ApiToken.objects.get().key_id}" in row.history_change_reason


def test_a_board_token_reads_drafts_but_cannot_write(client, drafts, capsys):
    make_user("board")
    secret = new_token(capsys, "styremedlem", user="board")
    assert client.get("/api/v1/cooperations/utkast-aurland", **bearer(secret)).status_code == 200
    response = client.post(
        "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews",
        {"date": "2026-06-01", "outcome": "revider"},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 403


@pytest.mark.parametrize("damage", ["revoke", "expire", "garble", "unknown"])
def test_a_revoked_expired_or_wrong_token_is_refused(client, drafts, capsys, damage):
    make_user("staff")
    secret = new_token(capsys, "tilsett", user="staff")
    token = ApiToken.objects.get()
    if damage == "revoke":
        call_command("token", "revoke", token.key_id)
    elif damage == "expire":
        token.expires_at = timezone.now() - dt.timedelta(seconds=1)
        token.save()
    elif damage == "garble":
        secret = secret[:-2] + "xx"
    else:
        secret = "smv_000000000000_nope"
    response = client.get("/api/v1/cooperations", **bearer(secret))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_command_line_change_records_the_command_os_user_and_samvirke_user(drafts, monkeypatch):
    make_user("staff")
    monkeypatch.setenv("SAMVIRKE_USER", "staff")
    # run_from_argv closes every connection when done, which would end the test's
    # transaction on PostgreSQL; the command's own work is what is under test here
    monkeypatch.setattr(connections, "close_all", lambda: None)
    args = ["workflows", "review", "gis-vertskommuneavtale", "--date", "2026-06-01"]
    assert cli.main([*args, "--outcome", "vidarefor"]) == 0
    row = AgreementReview.history.get()
    assert row.history_user.username == "staff"
    assert f"samvirke workflows ({getpass.getuser()})" in row.history_change_reason


def test_staff_see_a_records_history_and_restore_an_earlier_version(drafts):
    from django.test import Client

    client = Client()
    login_verified(client, make_user("staff"))
    staff = Staff.objects.get(organisation__slug="sogn-ko", order=1)
    original = staff.title
    url = f"/admin/governance/staff/{staff.pk}/change/"
    assert client.post(url, staff_form(staff, title="feil tittel")).status_code == 302
    history = client.get(f"/admin/governance/staff/{staff.pk}/history/")
    assert history.status_code == 200 and "feil tittel" not in original
    before = staff.history.filter(title=original).first()
    revert_url = f"/admin/governance/staff/{staff.pk}/history/{before.history_id}/"
    assert client.get(revert_url).status_code == 200
    staff.refresh_from_db()
    response = client.post(revert_url, staff_form(staff, title=original))
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.title == original
    assert [h.title for h in staff.history.all()[:3]] == [original, "feil tittel", original]
