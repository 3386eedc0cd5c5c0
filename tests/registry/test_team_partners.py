"""Sogn KO and Sognarådet IPR work as one team ("Stillingsressursane jobbar saumlaust mellom
dei to organisasjonane"): the source's "Tilsette i Sognaregionen" lists both organisations'
staff, so Sogn KO's staff page and deck do too, and no other region's."""

import json

import pytest
from django.core.management import CommandError, call_command

from samvirke.interchange.exporter import export_register
from samvirke.reports.content import build_status_report

TEAM = ["Ingrid Steine Bortne", "Torgeir Skålid", "Yngve Hallén", "Karina Nerland"]


def test_the_sogn_deck_lists_the_whole_team_with_their_organisations(sogn):
    report = build_status_report(export_register(), period="2026-03", organisation="sogn-ko")
    text = str(report)
    for name in TEAM:
        assert name in text
    assert "Sognarådet interkommunalt politisk råd" in text


def test_the_region_staff_page_lists_its_partners_staff_and_no_one_elses(client, sogn):
    call_command("load", "national-demo")
    sogn_page = client.get("/r/sogn-ko/tilsette/").content.decode()
    demo_page = client.get("/r/demo-region-03/tilsette/").content.decode()
    for name in TEAM:
        assert name in sogn_page
        assert name not in demo_page


def test_the_partnership_travels_through_export_and_import(sogn):
    data = export_register()
    sogn_ko = next(o for o in data["organisations"] if o["slug"] == "sogn-ko")
    assert sogn_ko["works_with"] == ["sognaradet-ipr"]


@pytest.mark.parametrize("bad", ["finst-ikkje"])
def test_an_unknown_partner_is_refused_naming_it(sogn, tmp_path, bad):
    data = export_register()
    for o in data["organisations"]:
        if o["slug"] == "sogn-ko":
            o["works_with"] = [bad]
    path = tmp_path / "register.json"
    path.write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path))
    assert bad in str(refused.value)
