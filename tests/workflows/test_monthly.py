"""The staff's monthly update (issue 14, point 3): short forms, written through the write rule."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from samvirke.access.models import Grant
from samvirke.registry.models import Cooperation, NextStep, Organisation, StatusEntry
from tests.conftest import login_verified

URL = "/stab/manadleg/"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: dt.date(2026, 4, 14))
    return dt.date(2026, 4, 14)


def test_the_monthly_update_is_for_staff_with_a_second_factor(client, sogn):
    assert client.get(URL).status_code == 302
    user = get_user_model().objects.create_user("s", password="x" * 14, is_staff=True)
    client.force_login(user)  # no second factor
    assert "/admin/login/" in client.get(URL)["Location"]


def test_one_short_form_adds_a_published_status_entry_after_the_last(staff_client, today):
    page = staff_client.get(URL).content.decode()
    assert 'value="2026-04-14"' in page  # the date defaults to today
    assert re.search(r'value="publisert"[^>]*checked', page)  # published unless "utkast"
    assert re.search(r'<option value="\d+" selected>Sogn KO: Status mars 2026', page)
    cooperation = Cooperation.objects.get(slug="ppt")
    last = max(e.order for e in cooperation.status_entries.all())
    response = staff_client.post(
        f"{URL}ppt/status/",
        {
            "s-ppt-text": "Styringsgruppa har levert rapporten.",
            "s-ppt-date": "2026-04-14",
            "s-ppt-state": "publisert",
            "s-ppt-source": page.split("selected>Sogn KO")[0].rsplit('value="', 1)[1][:-2],
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#c-ppt")
    entry = cooperation.status_entries.get(text="Styringsgruppa har levert rapporten.")
    assert entry.order == last + 1 and entry.is_published and entry.source is not None
    assert entry.history.first().history_user.username == "stab"
    assert (
        "Styringsgruppa har levert rapporten."
        in staff_client.get("/samarbeid/ppt/").content.decode()
    )
    assert "ppt" not in [c.slug for c in _without_news(staff_client)]


def test_a_draft_is_saved_but_not_shown(staff_client, today):
    staff_client.post(
        f"{URL}ppt/status/",
        {"s-ppt-text": "Eit utkast.", "s-ppt-date": "2026-04", "s-ppt-state": "utkast"},
    )
    entry = StatusEntry.objects.get(text="Eit utkast.")
    assert not entry.is_published and entry.source is None
    assert "Eit utkast." not in Client().get("/samarbeid/ppt/").content.decode()  # the public


def test_a_bad_date_is_refused_with_a_message_and_what_was_typed_kept(staff_client, today):
    typed = "Styret fekk rapporten; kommunane svarar innan 1. mai."
    response = staff_client.post(
        f"{URL}ppt/status/",
        {"s-ppt-text": typed, "s-ppt-date": "i går", "s-ppt-state": "utkast"},
    )
    assert response.status_code == 400
    assert not StatusEntry.objects.filter(text=typed).exists()
    page = response.content.decode()
    assert "Ikkje lagra" in page
    assert typed in page and 'value="i går"' in page  # nothing typed is lost


def test_a_refused_next_step_keeps_its_text(staff_client, today):
    response = staff_client.post(
        f"{URL}ppt/neste-steg/", {"n-ppt-text": "Sende rapporten på høyring", "n-ppt-due": "snart"}
    )
    assert response.status_code == 400
    assert 'value="Sende rapporten på høyring"' in response.content.decode()


def test_phase_and_next_step(staff_client, today):
    staff_client.post(f"{URL}ppt/fase/", {"p-ppt-phase": "avtale"})
    assert Cooperation.objects.get(slug="ppt").phase == "avtale"
    staff_client.post(
        f"{URL}ppt/neste-steg/", {"n-ppt-text": "Avtaleutkast", "n-ppt-due": "2026-05"}
    )
    step = NextStep.objects.get(text="Avtaleutkast")
    assert step.due == "2026-05" and step.order == max(
        s.order for s in step.cooperation.next_steps.all()
    )


def test_cooperations_without_news_this_month_are_listed(staff_client, today):
    names = _without_news(staff_client)
    assert names  # nothing in the Sogn data is dated April 2026
    staff_client.post(
        f"{URL}ppt/status/",
        {"s-ppt-text": "Nytt.", "s-ppt-date": "2026-04-14", "s-ppt-state": "publisert"},
    )
    assert len(_without_news(staff_client)) == len(names) - 1


def test_staff_of_another_organisation_may_not_write(client, sogn, today):
    other = Organisation.objects.create(slug="anna", name="Anna", legal_form="ko")
    user = get_user_model().objects.create_user("anna", password="x" * 14, is_staff=True)
    Grant.objects.create(user=user, organisation=other, role="tilsett")
    login_verified(client, user)
    assert 'id="c-ppt"' not in client.get(URL).content.decode()  # no form for it
    response = client.post(
        f"{URL}ppt/status/",
        {"s-ppt-text": "Nei.", "s-ppt-date": "2026-04", "s-ppt-state": "utkast"},
    )
    assert response.status_code == 403
    assert not StatusEntry.objects.filter(text="Nei.").exists()


def _without_news(client):
    html = client.get(URL).content.decode()
    block = html.split('id="check-heading"')[1].split("</section>")[0]
    return [type("C", (), {"slug": s}) for s in re.findall(r'href="#c-([^"]+)"', block)]


def test_a_decision_with_a_follow_up_and_its_cooperations_on_one_page(staff_client, today):
    from samvirke.governance.models import Decision

    page = staff_client.get("/stab/vedtak/nytt/").content.decode()
    assert 'value="2026-04-14"' in page
    assert re.search(r'<option value="\d+" selected>Styret i Sogn KO</option>', page)
    assert '<option value="Styringsgruppa">' in page  # "Ansvarleg" is chosen, not typed
    board = re.search(r'<option value="(\d+)" selected>Styret i Sogn KO', page).group(1)
    ppt = Cooperation.objects.get(slug="ppt")
    response = staff_client.post(
        "/stab/vedtak/nytt/",
        {
            "title": "PPT: vidare arbeid",
            "body": board,
            "date": "2026-04-07",
            "text": "Styret tek rapporten til orientering.",
            "cooperations": [ppt.pk],
            "state": "publisert",
            "follow_up": "Leggje fram avtaleutkast",
            "responsible": "Styringsgruppa",
            "due": "2026-06",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(title="PPT: vidare arbeid")
    assert decision.is_published and [c.cooperation for c in decision.concerns.all()] == [ppt]
    follow_up = decision.follow_ups.get()
    assert (follow_up.text, follow_up.responsible, follow_up.due) == (
        "Leggje fram avtaleutkast",
        "Styringsgruppa",
        "2026-06",
    )
    assert decision.history.first().history_user.username == "stab"
    assert "PPT: vidare arbeid" in Client().get("/vedtak/").content.decode()


def test_a_decision_form_with_errors_keeps_what_was_typed(staff_client, today):
    response = staff_client.post(
        "/stab/vedtak/nytt/", {"title": "Utan tekst", "date": "i morgon", "state": "utkast"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'value="Utan tekst"' in html
    assert 'id="id_date_error"' in html and 'id="id_text_error"' in html
