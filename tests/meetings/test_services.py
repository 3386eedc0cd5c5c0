"""Planning, calling and minuting a meeting; an item's outcome becomes the decision record
in one step; bad input is refused with a clear message and nothing stored."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from samvirke.governance.models import Body, Decision
from samvirke.meetings import services
from samvirke.meetings.models import AgendaItem, CasePaper, Meeting
from samvirke.registry.models import Person
from tests.meetings.conftest import pdf_upload


def test_recording_an_outcome_creates_the_decision_record_with_its_links(meeting):
    services.meeting_call(meeting=meeting)
    item = meeting.items.get(number="12/26")
    decision = services.item_record_outcome(
        item=item,
        text="Styret tek saka til orientering.",
        follow_ups=[services.FollowUpInput("Rapportere til styret", "Dagleg leiar", "2026-06")],
    )
    assert decision.body.slug == "sogn-ko-styret"
    assert (decision.date, decision.case_number) == ("2026-05-11", "12/26")
    assert decision.title == "Open sak om barnevern"
    assert decision.text == "Styret tek saka til orientering."
    assert [c.cooperation.slug for c in decision.concerns.all()] == ["barnevern"]
    assert [f.text for f in decision.follow_ups.all()] == ["Rapportere til styret"]
    assert decision.is_published  # an open item of a called (published) meeting
    item.refresh_from_db()
    assert item.decision == decision and item.outcome == decision.text
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.HELD
    assert decision.history.count() == 1


def test_recording_again_corrects_the_same_decision(meeting):
    services.meeting_call(meeting=meeting)
    item = meeting.items.get(number="12/26")
    first = services.item_record_outcome(item=item, text="Første tekst.")
    second = services.item_record_outcome(item=item, text="Retta tekst.")
    assert first.pk == second.pk
    assert Decision.objects.get(pk=first.pk).text == "Retta tekst."
    assert first.history.count() == 2


def test_a_closed_items_decision_is_not_published(meeting):
    services.meeting_call(meeting=meeting)
    decision = services.item_record_outcome(item=meeting.items.get(number="13/26"), text="Vedteke.")
    assert not decision.is_published


def test_calling_publishes_the_agenda_and_sends_the_notice_when_configured(
    meeting, settings, django_capture_on_commit_callbacks
):
    settings.SAMVIRKE_MEETING_NOTICES = True
    person = Person.objects.create(slug="styremedlem-test", name="Test", email="t@example.no")
    meeting.attendees.create(order=1, person=person)
    meeting.attendees.create(order=2, name="Styreleiar")
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.meeting_call(meeting=meeting)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.is_published) == (Meeting.Status.CALLED, True)
    assert meeting.notice_sent
    assert sent == 1
    assert [m.to for m in mail.outbox] == [["t@example.no"]]
    assert "Open sak om barnevern" in mail.outbox[0].body


def test_no_notice_unless_configured(meeting, settings):
    settings.SAMVIRKE_MEETING_NOTICES = False
    person = Person.objects.create(slug="styremedlem-test", name="Test", email="t@example.no")
    meeting.attendees.create(order=1, person=person)
    assert services.meeting_call(meeting=meeting) == 0
    assert mail.outbox == []


def test_a_meeting_without_a_body_is_refused(sogn, english):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(slug="utan-organ", date="2026-05-11")
    assert "needs a body" in str(refused.value)
    assert not Meeting.objects.filter(slug="utan-organ").exists()


def test_an_item_on_a_minuted_meeting_is_refused(meeting, english):
    services.meeting_call(meeting=meeting)
    services.meeting_minute(meeting=meeting)
    with pytest.raises(ValidationError) as refused:
        services.item_add(meeting=meeting, title="For seint")
    assert "minuted" in str(refused.value)
    assert not AgendaItem.objects.filter(title="For seint").exists()
    with pytest.raises(ValidationError):
        services.item_record_outcome(item=meeting.items.first(), text="Endra etterpå.")


def test_a_closed_item_without_legal_basis_is_refused(meeting, english):
    with pytest.raises(ValidationError) as refused:
        services.item_add(meeting=meeting, title="Lukka utan heimel", closed=True)
    assert "legal basis" in str(refused.value)
    assert not AgendaItem.objects.filter(title="Lukka utan heimel").exists()


def test_a_paper_that_is_not_a_pdf_is_refused(meeting, english):
    item = meeting.items.first()
    fake = SimpleUploadedFile("sak.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        services.paper_add(item=item, title="Falsk", file=fake)
    assert "not a PDF" in str(refused.value)
    assert not CasePaper.objects.filter(title="Falsk").exists()


def test_an_outcome_before_the_meeting_is_called_is_refused(meeting):
    item = meeting.items.first()
    with pytest.raises(ValidationError):
        services.item_record_outcome(item=item, text="For tidleg.")
    assert not Decision.objects.filter(text="For tidleg.").exists()


def test_a_networks_meeting_takes_no_decisions(sogn):
    from samvirke.governance.models import Network

    meeting = services.meeting_create(
        slug="lon-nettverk-test", network=Network.objects.first(), date="2026-05"
    )
    item = services.item_add(meeting=meeting, title="Drøfting")
    services.meeting_call(meeting=meeting, notify=False)
    with pytest.raises(ValidationError):
        services.item_record_outcome(item=item, text="Vedtak?")


def test_a_meeting_of_a_body_and_a_network_at_once_is_refused(sogn):
    from samvirke.governance.models import Network

    with pytest.raises(ValidationError):
        services.meeting_create(
            slug="begge",
            body=Body.objects.get(slug="sogn-ko-styret"),
            network=Network.objects.first(),
        )


def test_a_paper_is_stored_under_a_random_name(meeting):
    paper = CasePaper.objects.filter(item__meeting=meeting).first()
    assert paper.file.name.startswith("papers/") and paper.original_name == "sak.pdf"
    assert pdf_upload().size == paper.size
