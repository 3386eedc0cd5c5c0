"""The workflows through the API and the CLI."""

import pytest
from django.core.management import CommandError, call_command

from samvirke.registry.models import Agreement
from samvirke.workflows.models import AgreementReview, DutyCompletion


def test_api_agreement_review_checklist(client, sogn):
    body = client.get("/api/v1/agreements/barnevern-vertskommuneavtale/review").json()
    assert body["law"] == "kommunelova § 20-4"
    states = {e["element"]: e["state"] for e in body["elements"]}
    assert states == {
        "participants": "present",
        "host_municipality": "present",
        "tasks_authority": "unknown",
        "cost_sharing": "unknown",
        "withdrawal": "unknown",
        "dissolution": "unknown",
    }
    assert body["complete"] is False and body["reviews"] == []


def test_api_workflow_lists(client, sogn):
    [selection] = client.get("/api/v1/host-selections").json()
    assert [c["municipality"] for c in selection["candidates"]] == ["4640", "4644"]
    assert selection["missing"] == ["criteria"] and selection["ranking"] == []
    [ppt] = client.get("/api/v1/investigations?cooperation=ppt").json()
    assert [(s["step"], s["status"]) for s in ppt["steps"]] == [
        ("mandat", "fullfort"),
        ("innsikt", "fullfort"),
        ("losing", "fullfort"),
        ("tilraading", "pagar"),
        ("vedtak", "ukjend"),
    ]
    transfers = {t["cooperation"]: t for t in client.get("/api/v1/transfers").json()}
    assert set(transfers) == {"barnevern", "kart-oppmaling-gis", "nav"}
    assert transfers["nav"]["date"] == "" and transfers["barnevern"]["date"] == "2027-01-01"
    calendar = client.get("/api/v1/calendar?year=2026&municipality=4640").json()
    assert {"Budsjett for Sogn KO", "Rapport og tilråding til styremøte i Sogn KO"} <= {
        i["title"] for i in calendar
    }
    problem = client.get("/api/v1/calendar?year=99999")
    assert problem.status_code == 422 and problem["Content-Type"] == "application/problem+json"


def test_api_review_recording_is_for_logged_in_staff(client, staff_client):
    data = {"date": "2026-05-01", "outcome": "revider", "next_review": "2027-05"}
    url = "/api/v1/agreements/gis-vertskommuneavtale/reviews"
    anonymous = client.__class__().post(url, data, content_type="application/json")
    assert anonymous.status_code == 401
    response = staff_client.post(url, data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["outcome"] == "revider"
    assert Agreement.objects.get(slug="gis-vertskommuneavtale").review_date == "2027-05"
    bad = staff_client.post(url, {**data, "date": "2026-13-01"}, content_type="application/json")
    assert bad.status_code == 422 and "date" in bad.json()["detail"]


def test_cli_records_a_review_and_moves_the_review_date(sogn, capsys):
    call_command(
        "workflows",
        "review",
        "barnevern-vertskommuneavtale",
        "--date",
        "2026-06-01",
        "--outcome",
        "vidarefor",
        "--decision",
        "styret-2026-02-23-barnevern",
        "--next-review",
        "2028-06",
        "--by",
        "Sognateamet",
    )
    review = AgreementReview.objects.get(agreement__slug="barnevern-vertskommuneavtale")
    assert (review.date, review.decision.slug, review.reviewed_by) == (
        "2026-06-01",
        "styret-2026-02-23-barnevern",
        "Sognateamet",
    )
    assert Agreement.objects.get(slug="barnevern-vertskommuneavtale").review_date == "2028-06"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--date", "2026-06-01", "--outcome", "revider"], "agreement"),
        (["gis-vertskommuneavtale", "--date", "juni", "--outcome", "revider"], "date"),
        (
            [
                "gis-vertskommuneavtale",
                "--date",
                "2026-06-01",
                "--outcome",
                "revider",
                "--decision",
                "nope",
            ],
            "decision",
        ),
        (
            [
                "gis-vertskommuneavtale",
                "--date",
                "2026-06-01",
                "--outcome",
                "revider",
                "--next-review",
                "snart",
            ],
            "review_date",
        ),
    ],
)
def test_cli_review_bad_input_names_the_field_and_stores_nothing(sogn, args, message):
    before = Agreement.objects.get(slug="gis-vertskommuneavtale").review_date
    with pytest.raises(CommandError, match=message):
        call_command("workflows", "review", *args)
    assert AgreementReview.objects.count() == 0
    assert Agreement.objects.get(slug="gis-vertskommuneavtale").review_date == before


def test_cli_marks_a_duty_done_only_on_one_of_its_due_dates(sogn):
    from samvirke.workflows.models import Duty

    Duty.objects.filter(slug="sogn-ko-budsjett").update(first_due="2025-12")
    with pytest.raises(CommandError, match="due: 2026-11 er ikkje ein frist for sogn-ko-budsjett"):
        call_command("workflows", "done", "sogn-ko-budsjett", "--due", "2026-11")
    call_command("workflows", "done", "sogn-ko-budsjett", "--due", "2026-12", "--on", "2026-12-10")
    assert DutyCompletion.objects.get().done == "2026-12-10"
    with pytest.raises(CommandError, match="plikta har ingen registrert frist"):
        call_command("workflows", "done", "sogn-ko-arsmelding", "--due", "2026-12")


def test_cli_views_of_each_workflow(sogn, capsys, tmp_path):
    call_command("workflows", "checklist")
    call_command("workflows", "host")
    call_command("workflows", "investigations")
    call_command("workflows", "transfers")
    call_command("workflows", "calendar", "--year", "2026", "--ics", str(tmp_path / "a.ics"))
    out = capsys.readouterr().out
    assert "Samarbeidsavtale for Sogn kommunalt oppgåvefellesskap (kommunelova § 19-4)" in out
    assert "Kandidatar: Sogndal, Luster" in out
    assert (
        "mandat [fullført] → innsikt [fullført] → løysingsarbeid [fullført] → tilråding [pågår]"
        in out
    )
    assert (tmp_path / "a.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
