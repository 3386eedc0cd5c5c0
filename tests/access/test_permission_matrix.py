"""Every role against every page and endpoint: what it reads (drafts), what it may write,
and that staff of one organisation cannot change another's records."""

from __future__ import annotations

import json

from django.test import Client

from samvirke.access.models import Grant
from samvirke.api.urls import api
from samvirke.governance.models import Staff
from samvirke.meetings import services as meetings
from samvirke.meetings.models import CasePaper, Meeting
from samvirke.registry.models import Cooperation, Organisation
from samvirke.workflows.models import AgreementReview
from tests.access.conftest import EDITS_SOGN_KO, SEES, make_user
from tests.conftest import login_verified
from tests.meetings.conftest import planned_meeting

DRAFTS = ["utkast-sogndal", "utkast-aurland", "utkast-ipr"]

PAGES = [
    "/r/sogn-ko/",
    "/samarbeid/",
    "/kommunar/",
    "/kommunar/4640/",
    "/kommunar/4641/",
    "/kommunar/4642/",
    "/avtalar/",
    "/vedtak/",
    "/organ/",
    "/nettverk/",
    "/moter/",
    "/moter/styret-2026-04-07/",
    "/arshjul/?ar=2026",
    "/rapportar/",
    "/api/v1/municipalities/4640/overview",
    "/api/v1/municipalities/4641/overview",
    "/api/v1/municipalities/4642/overview",
]


QUERIES = {"/api/v1/allocation": "?budget=1000000&key=hovudregel-25-75&period=2025K4"}


def api_get_paths() -> list[str]:
    """Every GET operation of the API without path parameters (from its OpenAPI schema)."""
    schema = api.get_openapi_schema()
    return [
        path + QUERIES.get(path, "")
        for path, ops in schema["paths"].items()
        if "get" in ops and "{" not in path
    ]


def leaked(text: str, who: str) -> set[str]:
    return {d for d in DRAFTS if d in text and d not in SEES[who]}


def test_no_page_or_endpoint_shows_a_draft_to_a_role_that_may_not_see_it(role):
    who, client, _user = role
    for path in PAGES + api_get_paths():
        response = client.get(path)
        assert response.status_code == 200, (who, path, response.content[:300])
        assert leaked(response.content.decode(), who) == set(), (who, path)


def test_each_role_sees_exactly_its_drafts_on_lists_details_and_the_api(role):
    who, client, _user = role
    listed = client.get("/samarbeid/").content.decode()
    api_list = json.dumps(client.get("/api/v1/cooperations?page=1").json())
    for draft in DRAFTS:
        allowed = draft in SEES[who]
        assert (f"Utkast {draft}" in listed) == allowed, (who, draft)
        assert (draft in api_list) == allowed, (who, draft)
        expected = 200 if allowed else 404
        assert client.get(f"/samarbeid/{draft}/").status_code == expected, (who, draft)
        assert client.get(f"/avtalar/avtale-{draft}/").status_code == expected, (who, draft)
        assert client.get(f"/api/v1/cooperations/{draft}").status_code == expected
        assert client.get(f"/api/v1/agreements/avtale-{draft}").status_code == expected
        if draft != "utkast-ipr":
            assert client.get(f"/vedtak/vedtak-{draft}/").status_code == expected
            assert client.get(f"/api/v1/decisions/vedtak-{draft}").status_code == expected


def test_staff_pages_are_for_staff(role):
    who, client, user = role
    staff = user is not None and user.is_staff
    for path in ["/stab/", "/admin/"]:
        response = client.get(path)
        assert (response.status_code == 200) == staff, (who, path, response.status_code)
        if not staff:
            assert response.status_code == 302 and "login" in response["Location"]


def test_only_staff_of_the_owning_organisation_change_a_record_in_the_admin(role):
    who, client, _user = role
    barnevern = Cooperation.objects.get(slug="barnevern")  # owned by Sogn KO
    url = f"/admin/registry/cooperation/{barnevern.pk}/change/"
    page = client.get(url)
    assert (page.status_code == 200) == (who in EDITS_SOGN_KO), (who, page.status_code)
    changelist = client.get("/admin/registry/cooperation/")
    if who == "other_staff":
        text = changelist.content.decode()
        assert "utkast-ipr" in text or "Utkast utkast-ipr" in text
        assert url not in text  # Sogn KO's cooperation is not even listed


def staff_form(staff, **changes) -> dict:
    data = {
        "person": staff.person_id,
        "order": staff.order,
        "title": staff.title,
        "position_share": staff.position_share,
        "organisation": staff.organisation_id,
        "employer": staff.employer_id or "",
    }
    return {**data, **changes}


def test_an_admin_edit_lands_only_for_staff_of_the_owning_organisation(role):
    who, client, _user = role
    staff = Staff.objects.get(organisation__slug="sogn-ko", order=1)
    url = f"/admin/governance/staff/{staff.pk}/change/"
    response = client.post(url, staff_form(staff, title=f"endra av {who}"))
    staff.refresh_from_db()
    changed = staff.title == f"endra av {who}"
    assert changed == (who in EDITS_SOGN_KO), (who, response.status_code)
    if changed:
        assert staff.history.first().history_user.username == who  # the audit trail


def test_staff_cannot_move_a_record_into_another_organisation(drafts):
    client = Client()
    login_verified(client, make_user("staff"))
    staff = Staff.objects.get(organisation__slug="sogn-ko", order=1)
    ipr = Organisation.objects.get(slug="sognaradet-ipr")
    response = client.post(
        f"/admin/governance/staff/{staff.pk}/change/",
        staff_form(staff, organisation=ipr.pk, order=9),
    )
    assert response.status_code == 403
    staff.refresh_from_db()
    assert staff.organisation.slug == "sogn-ko"


def test_nothing_is_deleted_through_the_admin(admin_client, drafts):
    barnevern = Cooperation.objects.get(slug="barnevern")
    response = admin_client.get(f"/admin/registry/cooperation/{barnevern.pk}/delete/")
    assert response.status_code == 403
    listing = admin_client.get("/admin/registry/cooperation/").content.decode()
    assert "delete_selected" not in listing


def test_only_staff_of_the_owning_organisation_record_a_review_through_the_api(role):
    who, client, _user = role
    url = "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews"
    response = client.post(
        url, {"date": "2026-06-01", "outcome": "vidarefor"}, content_type="application/json"
    )
    expected = {"anonymous": 401, **{w: 201 for w in EDITS_SOGN_KO}}.get(who, 403)
    assert response.status_code == expected, (who, response.content)
    assert AgreementReview.objects.exists() == (expected == 201)
    if expected != 201:
        assert response["Content-Type"] == "application/problem+json"


def test_the_live_status_report_shows_drafts_to_the_board_staff_and_administrators(role):
    who, client, _user = role
    response = client.get("/rapportar/status/?period=2026-03&format=html&lang=nn")
    assert response.status_code == 200
    text = response.content.decode()
    with_drafts = who in {"board", "staff", "admin", "superuser"}
    assert ("Utkast utkast-sogndal" in text) == with_drafts, who
    assert ("med upubliserte" in text) == with_drafts, who
    assert "utkast-ipr" not in text or who == "superuser"


def test_administrators_give_roles_and_tokens_in_their_own_organisation(role, drafts):
    who, client, user = role
    page = client.get("/admin/access/grant/")
    assert (page.status_code == 200) == (who in {"admin", "superuser"}), who
    if who == "admin":
        make_user("other_staff")  # holds a role in Sognarådet
        text = client.get("/admin/access/grant/").content.decode()
        assert "admin: Administrator" in text or ">admin<" in text
        assert "other_staff" not in text  # Sognarådet's roles are not theirs
        sognaradet = Organisation.objects.get(slug="sognaradet-ipr")
        data = {"user": user.pk, "organisation": sognaradet.pk, "role": "tilsett"}
        client.post("/admin/access/grant/add/", data)
        assert not Grant.objects.filter(organisation=sognaradet, user=user).exists()
        sogn_ko = Organisation.objects.get(slug="sogn-ko")
        response = client.post("/admin/access/grant/add/", {**data, "organisation": sogn_ko.pk})
        assert response.status_code == 302
        assert Grant.objects.filter(organisation=sogn_ko, user=user, role="tilsett").exists()


MEMBERS_OF_SOGN_KO = {"board", "staff", "admin", "superuser"}


def test_a_meetings_closed_items_and_papers_are_for_the_organisations_members(role):
    who, client, _user = role
    meeting = planned_meeting()
    url = f"/moter/{meeting.slug}/"
    # planned: a draft of Sogn KO
    assert (client.get(url).status_code == 200) == (who in MEMBERS_OF_SOGN_KO), who
    meetings.meeting_call(meeting=meeting, notify=False)
    page = client.get(url).content.decode()
    api = client.get(f"/api/v1/meetings/{meeting.slug}").content.decode()
    members = who in MEMBERS_OF_SOGN_KO
    assert "Open sak om barnevern" in page and "Open sak om barnevern" in api
    assert ("Lukka personalsak" in page) == members, who
    assert ("Lukka personalsak" in api) == members, who
    for paper in CasePaper.objects.filter(item__meeting=meeting):
        expected = 200 if members or not paper.item.closed else 404
        assert client.get(f"{url}dokument/{paper.pk}/").status_code == expected, (who, paper)


def test_only_staff_of_the_owning_organisation_plan_meetings(role):
    who, client, _user = role
    admin_page = client.get("/admin/meetings/meeting/add/")
    assert (admin_page.status_code == 200) == (who in EDITS_SOGN_KO | {"other_staff"}), who
    response = client.post(
        "/api/v1/meetings",
        {"slug": "matrise", "body": "sogn-ko-styret", "date": "2026-06-01"},
        content_type="application/json",
    )
    expected = {"anonymous": 401, **{w: 201 for w in EDITS_SOGN_KO}}.get(who, 403)
    if who == "other_staff":
        expected = 422  # Sognarådet's staff may plan, but not for Sogn KO's board
    assert response.status_code == expected, (who, response.content)
    assert Meeting.objects.filter(slug="matrise").exists() == (expected == 201)
