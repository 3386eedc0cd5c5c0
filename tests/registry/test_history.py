"""Every change is kept: who changed what and when, and the register as of any moment."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone

from samvirke.governance.models import Decision, Network
from samvirke.interchange.exporter import export_register
from samvirke.registry.models import Cooperation
from tests.conftest import login_verified


def test_a_past_moment_shows_the_record_as_it_was(sogn):
    nav = Cooperation.objects.get(slug="nav")
    before = timezone.now()
    nav.phase = Cooperation.Phase.AGREEMENT
    nav.save()
    assert Cooperation.history.as_of(before).get(slug="nav").phase == "prinsippvedtak"
    assert Cooperation.objects.get(slug="nav").phase == "avtale"


def test_the_export_as_of_a_past_moment_is_the_register_then(sogn):
    before = timezone.now()
    then = export_register()
    Decision.objects.filter(slug="styret-2025-08-19-vertskommune").update(title="Endra")
    nav = Cooperation.objects.get(slug="nav")
    nav.name = "NAV Sogn"
    nav.save()
    Cooperation.objects.get(slug="green-hydra").delete()
    now = export_register()
    assert export_register(as_of=before)["cooperations"] == then["cooperations"]
    assert "green-hydra" not in {c["slug"] for c in now["cooperations"]}
    assert {c["name"] for c in now["cooperations"]} >= {"NAV Sogn"}


def test_export_as_of_a_day_before_anything_existed_is_refused(sogn, tmp_path):
    # an empty register would claim nothing existed; the history simply does not reach back
    path = tmp_path / "old.json"
    with pytest.raises(CommandError):
        call_command(
            "export", format="json", out=str(path), as_of=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        )
    assert not path.exists()


def test_an_edit_in_the_admin_records_who_made_it(sogn, client):
    editor = User.objects.create_superuser("redaktor", "r@example.no", "eit-langt-passord-1")
    login_verified(client, editor)
    network = "/admin/governance/network/"
    hr = Network.objects.get(slug="hr-nettverket")
    response = client.post(
        f"{network}{hr.pk}/change/",
        {
            "slug": "hr-nettverket",
            "name": "HR-nettverket i Sogn",
            "organisation": hr.organisation_id,
            "mandate": "",
            "formal_mandate": "unknown",
            "committed": "unknown",
            "established": "",
            "description": "",
            "is_published": "on",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = hr.history.latest()
    assert (latest.name, latest.history_user, latest.history_type) == (
        "HR-nettverket i Sogn",
        editor,
        "~",
    )
    history_page = client.get(f"{network}{hr.pk}/history/")
    assert "HR-nettverket i Sogn" in history_page.content.decode()
