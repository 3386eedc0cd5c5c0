"""The årshjul feed, read back with an iCalendar parser as a calendar program would."""

import datetime as dt

import icalendar
import pytest

from samvirke.workflows.models import Duty, DutyCompletion


@pytest.fixture
def today(monkeypatch):
    moment = dt.datetime(2026, 3, 15, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def events(client, query=""):
    response = client.get("/arshjul.ics" + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_holds_each_dated_item_as_an_all_day_event(client, sogn, today):
    found = events(client)
    ppt = found["follow-up-styret-2025-06-04-ppt-1@samvirke"]
    assert str(ppt["SUMMARY"]) == "Rapport og tilråding til styremøte i Sogn KO"
    assert ppt.decoded("DTSTART") == dt.date(2026, 4, 7)
    assert ppt.decoded("DTEND") == dt.date(2026, 4, 8)
    assert str(ppt["URL"]) == "http://testserver/vedtak/styret-2025-06-04-ppt/"
    assert "Styringsgruppa" in str(ppt["DESCRIPTION"])
    # "planned for the end of March" is a month: the event is its last day, and says so
    nav = found["meeting-styringsgruppe-nav-oppstart@samvirke"]  # the next step restated it
    assert nav.decoded("DTSTART") == dt.date(2026, 3, 31)
    assert "2026-03" in str(nav["DESCRIPTION"])
    assert found["follow-up-styret-2026-02-23-barnevern-1@samvirke"].decoded("DTSTART") == dt.date(
        2027, 1, 1
    )


def test_feeds_per_municipality_and_per_body(client, sogn, today):
    nav = "meeting-styringsgruppe-nav-oppstart@samvirke"
    assert nav in events(client, "?kommune=4643")
    assert nav not in events(client, "?kommune=4638")  # Høyanger is not in NAV
    by_body = events(client, "?organ=styringsgruppe-nav")
    assert nav in by_body
    assert "follow-up-styret-2025-06-04-ppt-1@samvirke" not in by_body


def test_recurring_duties_appear_once_per_due_date_and_done_ones_say_so(client, sogn, today):
    duty = Duty.objects.get(slug="sogn-ko-arsmelding")
    duty.first_due = "2025-05"
    duty.save()
    DutyCompletion.objects.create(duty=duty, due="2025-05", done="2025-05-20")
    found = events(client, "?organ=sogn-ko-representantskapet")
    dates = sorted(e.decoded("DTSTART") for u, e in found.items() if "arsmelding" in u)
    assert dates == [dt.date(y, 5, 31) for y in (2025, 2026, 2027, 2028)]
    assert str(found["duty-sogn-ko-arsmelding-2025-05@samvirke"]["SUMMARY"]).startswith("Utført")
    assert not str(found["duty-sogn-ko-arsmelding-2026-05@samvirke"]["SUMMARY"]).startswith(
        "Utført"
    )
