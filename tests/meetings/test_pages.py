"""/moter/ and a meeting's page: the public sees a called meeting's open items and papers,
the organisation's board members also the closed ones; nothing before it is called."""

from __future__ import annotations

import pytest
from django.test import Client

from samvirke.meetings import services
from samvirke.meetings.models import CasePaper
from tests.access.conftest import make_user
from tests.conftest import login_verified

URL = "/moter/styret-2026-05-11/"


def client_for(role: str) -> Client:
    client = Client()
    user = make_user(role)
    if user is not None:
        login_verified(client, user)
    return client


def test_a_planned_meeting_is_not_public(meeting):
    assert Client().get(URL).status_code == 404
    assert "styret-2026-05-11" not in Client().get("/moter/").content.decode()
    assert client_for("board").get(URL).status_code == 200  # a draft of their organisation


@pytest.mark.parametrize(
    ("role", "sees_closed"),
    [
        ("anonymous", False),
        ("reader", False),
        ("board", True),
        ("staff", True),
        ("other_staff", False),
        ("superuser", True),
    ],
)
def test_closed_items_and_papers_only_for_the_organisations_members(meeting, role, sees_closed):
    services.meeting_call(meeting=meeting, notify=False)
    client = client_for(role)
    page = client.get(URL).content.decode()
    assert "Open sak om barnevern" in page
    assert ("Lukka personalsak" in page) == sees_closed
    open_paper = CasePaper.objects.get(title="Saksframlegg open")
    closed_paper = CasePaper.objects.get(title="Saksframlegg lukka")
    assert client.get(f"{URL}dokument/{open_paper.pk}/").status_code == 200
    expected = 200 if sees_closed else 404
    assert client.get(f"{URL}dokument/{closed_paper.pk}/").status_code == expected
    agenda = client.get(f"{URL}sakliste.pdf")
    assert agenda.status_code == 200 and agenda.content.startswith(b"%PDF-")


def test_the_meeting_list_and_page_have_a_fixed_query_cost(meeting, django_assert_num_queries):
    services.meeting_call(meeting=meeting, notify=False)
    client = Client()
    with django_assert_num_queries(2):  # one COUNT, one page
        assert client.get("/moter/").status_code == 200
    with django_assert_num_queries(8):  # 8th: which linked cooperations have a page here
        assert client.get(URL).status_code == 200


def test_the_decision_is_linked_from_the_meeting_and_shown_on_vedtak(meeting):
    services.meeting_call(meeting=meeting, notify=False)
    decision = services.item_record_outcome(
        item=meeting.items.get(number="12/26"), text="Styret tok saka til orientering."
    )
    page = Client().get(URL).content.decode()
    assert f"/vedtak/{decision.slug}/" in page
    assert "Styret tok saka til orientering." in Client().get("/vedtak/").content.decode()
    cooperation = Client().get("/samarbeid/barnevern/").content.decode()
    assert "Open sak om barnevern" in cooperation
    minutes = Client().get(f"{URL}protokoll.pdf")
    assert minutes.status_code == 200 and minutes.content.startswith(b"%PDF-")
