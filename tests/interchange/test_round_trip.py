import json

import pytest
import yaml
from django.core.management import call_command

from samvirke.interchange.exporter import dump, export_register
from samvirke.interchange.importer import import_documents
from tests.interchange.helpers import empty_register


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_is_identical(sogn, tmp_path, fmt):
    path = tmp_path / f"register.{fmt}"
    call_command("export", format=fmt, out=str(path))
    first = path.read_text(encoding="utf-8")
    empty_register()
    assert not any(export_register().values())
    call_command("import", str(path))
    second = tmp_path / f"again.{fmt}"
    call_command("export", format=fmt, out=str(second))
    assert second.read_text(encoding="utf-8") == first


def test_exports_use_natural_keys_not_database_ids(sogn):
    data = export_register()
    barnevern = next(c for c in data["cooperations"] if c["slug"] == "barnevern")
    assert barnevern["host"] == "4640"
    assert barnevern["participants"][0]["municipality"] == "4639"
    assert "id" not in barnevern and "pk" not in barnevern
    decision = next(d for d in data["decisions"] if d["slug"] == "styret-2026-02-23-barnevern")
    assert decision["body"] == "sogn-ko-styret"
    assert decision["cooperations"] == ["barnevern"]


def test_yaml_and_json_exports_hold_the_same_data(sogn):
    data = export_register()
    assert yaml.safe_load(dump(data, "yaml")) == json.loads(dump(data, "json"))


def test_importing_the_export_into_a_full_register_changes_nothing(sogn):
    data = export_register()
    result = import_documents([("register.json", json.loads(dump(data, "json")))], reason="test")
    assert (result.created, result.updated, result.removed) == (0, 0, 0)


def test_an_import_updates_what_the_file_changes_and_keeps_what_it_lacks(sogn):
    data = json.loads(dump(export_register(), "json"))
    nav = next(c for c in data["cooperations"] if c["slug"] == "nav")
    nav["phase"] = "avtale"
    nav["status_entries"] = nav["status_entries"][:1]
    result = import_documents([("register.json", data)], reason="test")
    assert (result.updated, result.removed, result.not_in_file) == (1, 0, 3)
    after = next(c for c in export_register()["cooperations"] if c["slug"] == "nav")
    assert after["phase"] == "avtale" and len(after["status_entries"]) == 4


def test_an_import_asked_to_remove_unpublishes_and_deletes_nothing_for_good(sogn):
    from samvirke.registry.models import Cooperation, Participation, StatusEntry

    data = json.loads(dump(export_register(), "json"))
    skog = next(c for c in data["cooperations"] if c["slug"] == "skog-i-sogn")
    skog["status_entries"] = skog["status_entries"][:1]
    dropped = skog["participants"].pop()
    result = import_documents([("register.json", data)], reason="test", remove=True)
    assert result.removed == 4
    entries = StatusEntry.objects.filter(cooperation__slug="skog-i-sogn").order_by("order")
    assert [e.is_published for e in entries] == [True, False, False, False]
    gone = Participation.history.filter(
        cooperation=Cooperation.objects.get(slug="skog-i-sogn"),
        municipality__number=dropped["municipality"],
        history_type="-",
    )
    assert gone.get().history_change_reason.startswith("test")


def test_workflow_records_survive_the_round_trip(sogn, tmp_path):
    """Host criteria and scores, reviews and done duties are not in the Sogn data: add them."""
    from samvirke.registry.models import Municipality
    from samvirke.workflows.models import (
        AgreementReview,
        Duty,
        DutyCompletion,
        HostCriterion,
        HostScore,
        HostSelection,
    )
    from samvirke.workflows.services import review_record

    selection = HostSelection.objects.get(slug="ureining-vertskommune")
    criterion = HostCriterion.objects.create(
        selection=selection, slug="fagmiljo", order=1, name="Fagmiljø", weight="2.5"
    )
    HostScore.objects.create(
        criterion=criterion,
        municipality=Municipality.objects.get(number="4644"),
        score=4,
        justification="Grunngjeving",
    )
    review_record(agreement="gis-vertskommuneavtale", date="2026-06-01", outcome="revider")
    duty = Duty.objects.get(slug="sogn-ko-budsjett")
    duty.first_due = "2025-12"
    duty.save()
    DutyCompletion.objects.create(duty=duty, due="2025-12", done="2025-12-09")
    path = tmp_path / "register.yaml"
    call_command("export", format="yaml", out=str(path))
    first = path.read_text(encoding="utf-8")
    assert "justification: Grunngjeving" in first and "outcome: revider" in first
    empty_register()
    call_command("import", str(path))
    assert AgreementReview.objects.count() == 1 and HostScore.objects.count() == 1
    again = tmp_path / "again.yaml"
    call_command("export", format="yaml", out=str(again))
    assert again.read_text(encoding="utf-8") == first
