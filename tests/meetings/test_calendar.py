"""Every dated meeting is on the årshjul and in its iCalendar feed; a known start time
makes a timed event in Norwegian time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from samvirke.meetings import services
from samvirke.workflows import agenda


def events(client) -> dict:
    response = client.get("/arshjul.ics")
    assert response.status_code == 200
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_sogn_meetings_are_on_the_annual_cycle(client, sogn):
    found = events(client)
    board = found["meeting-styret-2026-04-07@samvirke"]
    assert board.decoded("DTSTART") == dt.date(2026, 4, 7)
    assert str(board["URL"]) == "http://testserver/moter/styret-2026-04-07/"
    assert "Styret i Sogn KO" in str(board["SUMMARY"])
    # "the end of March": a month, on its last day, and the description says so
    nav = found["meeting-styringsgruppe-nav-oppstart@samvirke"]
    assert nav.decoded("DTSTART") == dt.date(2026, 3, 31)
    assert "2026-03" in str(nav["DESCRIPTION"])
    # meetings the deck only counts have no date, so no event
    assert not any("barnevern-mote" in uid for uid in found)
    page = client.get("/arshjul/?ar=2026").content.decode()
    assert "/moter/styret-2026-04-07/" in page


def test_a_called_meeting_with_a_time_is_a_timed_event(client, meeting):
    services.meeting_call(meeting=meeting, notify=False)
    event = events(client)["meeting-styret-2026-05-11@samvirke"]
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 5, 11, 9, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    assert "DTEND" not in event


def test_a_planned_meeting_is_not_on_the_public_calendar(meeting):
    items = agenda.items(dt.date(2026, 1, 1), dt.date(2026, 12, 31), organisation=None)
    assert "meeting-styret-2026-05-11" not in {i.uid for i in items}
    assert "meeting-styret-2026-04-07" in {i.uid for i in items}
