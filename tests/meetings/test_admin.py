"""The staff pages for meetings: plan, add an item with a paper, call, record the outcome;
a refused form stores nothing and says why."""

from __future__ import annotations

from samvirke.governance.models import Decision
from samvirke.meetings import services
from samvirke.meetings.models import AgendaItem


def item_form(item, **changes) -> dict:
    data = {
        "meeting": item.meeting_id,
        "order": item.order,
        "number": item.number,
        "title": item.title,
        "proposal": item.proposal,
        "closed": "on" if item.closed else "",
        "closed_basis": item.closed_basis,
        "outcome": item.outcome,
        "note": item.note,
        "concerns-TOTAL_FORMS": 0,
        "concerns-INITIAL_FORMS": 0,
        "papers-TOTAL_FORMS": 0,
        "papers-INITIAL_FORMS": 0,
    }
    return {**data, **changes}


def test_the_item_pages_open(admin_client, meeting):
    item = meeting.items.first()
    assert admin_client.get(f"/admin/meetings/agendaitem/{item.pk}/change/").status_code == 200
    assert admin_client.get("/admin/meetings/agendaitem/add/").status_code == 200
    assert admin_client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").status_code == 200


def test_recording_the_outcome_in_the_admin_creates_the_decision(admin_client, meeting):
    services.meeting_call(meeting=meeting, notify=False)
    item = meeting.items.get(number="12/26")
    url = f"/admin/meetings/agendaitem/{item.pk}/change/"
    response = admin_client.post(url, item_form(item, outcome="Vedteke i admin."))
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.decision.text == "Vedteke i admin."
    assert Decision.objects.filter(text="Vedteke i admin.").count() == 1


def test_an_outcome_before_the_call_is_refused_in_the_admin(admin_client, meeting, english):
    item = meeting.items.get(number="12/26")
    url = f"/admin/meetings/agendaitem/{item.pk}/change/"
    response = admin_client.post(url, item_form(item, outcome="For tidleg."))
    assert response.status_code == 200
    assert not AgendaItem.objects.filter(outcome="For tidleg.").exists()
    assert not Decision.objects.filter(text="For tidleg.").exists()


def test_a_minuted_meetings_items_cannot_change_in_the_admin(admin_client, meeting):
    services.meeting_call(meeting=meeting, notify=False)
    services.meeting_minute(meeting=meeting)
    item = meeting.items.get(number="12/26")
    url = f"/admin/meetings/agendaitem/{item.pk}/change/"
    response = admin_client.post(url, item_form(item, title="Endra etterpå"))
    assert response.status_code == 200
    assert not AgendaItem.objects.filter(title="Endra etterpå").exists()
