"""The national bootstrap against recorded KLASS and Enhetsregisteret answers."""

import json
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command

from samvirke.interchange.exporter import dump, export_register
from samvirke.registry import bootstrap
from samvirke.registry.brreg import BrregClient
from samvirke.registry.klass import KlassClient
from samvirke.registry.models import Municipality, MunicipalityChange, Organisation

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "registry"


def recorded(name: str) -> dict:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def klass(codes: dict | None = None) -> KlassClient:
    def handler(request):
        if request.url.path.endswith("/codes.json"):
            assert request.url.params["from"] == "2018-01-01"
            return httpx.Response(200, json=codes or recorded("klass-131-codes.json"))
        assert request.url.path.endswith("/131/changes.json")
        return httpx.Response(200, json=recorded("klass-131-changes.json"))

    return KlassClient(transport=httpx.MockTransport(handler), sleep=lambda s: None)


def brreg() -> BrregClient:
    def handler(request):
        path, params = request.url.path, request.url.params
        if path.endswith("/roller"):
            return httpx.Response(200, json=recorded(f"brreg-roles-{path.split('/')[-2]}.json"))
        form, name = params["organisasjonsform"], params.get("navn", "")
        if form == "IKS":
            return httpx.Response(200, json=recorded("brreg-iks.json"))
        if form == "ANNA" and name == "oppgåvefellesskap":
            return httpx.Response(200, json=recorded("brreg-ko.json"))
        return httpx.Response(200, json=recorded("brreg-empty.json"))

    return BrregClient(transport=httpx.MockTransport(handler), sleep=lambda s: None)


def history_rows() -> int:
    return (
        Municipality.history.count()
        + MunicipalityChange.history.count()
        + Organisation.history.count()
    )


def test_the_municipality_list_with_its_history(sogn):
    report = bootstrap.bootstrap_municipalities(klass(), "2026-11-28")
    assert "1417 Vik" in report.created and "3905 Tønsberg" in report.created
    assert "4639 Vik" in report.changed  # the Sogn register's Vik gets its validity
    assert not Municipality.objects.filter(number="9999").exists()
    old_vik = Municipality.objects.get(number="1417")
    assert (old_vik.valid_from, old_vik.valid_to) == ("1838-01-01", "2019-12-31")
    on = lambda day: set(Municipality.objects.valid_on(day).values_list("number", flat=True))  # noqa: E731
    assert {"1417", "1420"} <= on("2019-12-31") and "4639" not in on("2019-12-31")
    assert {"4639", "4640", "3803"} <= on("2020-01-01") and "1417" not in on("2020-01-01")
    assert "3905" in on("2024-01-01") and "3803" not in on("2024-01-01")
    assert "4638" in on("2026-01-01")  # Høyanger: no dates in the register, still in use
    sogndal = Municipality.objects.get(number="4640")
    assert sorted(c.old.number for c in sogndal.predecessors.all()) == ["1418", "1419", "1420"]
    assert MunicipalityChange.objects.get(old__number="3803").changed == "2024-01-01"


def test_a_second_run_changes_nothing(sogn):
    bootstrap.bootstrap_municipalities(klass(), "2026-11-28")
    bootstrap.bootstrap_organisations(brreg())
    before = history_rows()
    again = bootstrap.bootstrap_municipalities(klass(), "2026-11-28")
    assert (again.created, again.changed) == ([], [])
    assert again.unchanged == 16 + 9  # codes and changes
    orgs = bootstrap.bootstrap_organisations(brreg())
    assert (orgs.created, orgs.changed, orgs.unchanged) == ([], [], 2)
    assert history_rows() == before


def test_a_changed_record_is_updated_with_history(sogn):
    bootstrap.bootstrap_municipalities(klass(), "2026-11-28")
    codes = recorded("klass-131-codes.json")
    next(c for c in codes["codes"] if c["code"] == "4639")["name"] = "Vik i Sogn"
    report = bootstrap.bootstrap_municipalities(klass(codes), "2026-11-28")
    assert report.changed == ["4639 Vik i Sogn"]
    vik = Municipality.objects.get(number="4639")
    assert vik.name == "Vik i Sogn"
    assert vik.history.first().name == "Vik i Sogn" and vik.history.all()[1].name == "Vik"


def test_organisations_and_their_owners(sogn):
    report = bootstrap.bootstrap_organisations(brreg())
    assert report.created == [
        "EKSEMPEL INTERKOMMUNALT ARKIV IKS",
        "EKSEMPEL KOMMUNALT OPPGÅVEFELLESSKAP",
    ]
    iks = Organisation.objects.get(org_number="912345674")
    assert iks.legal_form == "iks" and iks.municipality.number == "4640"
    assert iks.address == "Postboks 1, 6856 SOGNDAL"
    assert sorted(m.municipality.number for m in iks.members.all()) == ["4639", "4640"]
    ko = Organisation.objects.get(org_number="923456782")
    assert ko.legal_form == "ko" and list(ko.members.all()) == []
    assert "lesen frå namnet" in ko.description  # an interpretation, and said to be one


def test_the_bootstrap_is_exported_and_imported_with_the_register(sogn):
    bootstrap.bootstrap_municipalities(klass(), "2026-11-28")
    text = dump(export_register(), "json")
    document = json.loads(text)
    assert {"old": "1417", "new": "4639", "changed": "2020-01-01"} in document[
        "municipality_changes"
    ]


@pytest.mark.parametrize("what", ["municipalities", "organisations"])
def test_with_no_network_the_command_fails_clearly_and_changes_nothing(sogn, monkeypatch, what):
    from samvirke.lib import http

    def unreachable(request):
        raise httpx.ConnectError("no route to host", request=request)

    original = http.JsonClient.__init__

    def offline(self, service, base_url, **options):
        options["transport"] = httpx.MockTransport(unreachable)
        original(self, service, base_url, **options)

    monkeypatch.setattr(http.JsonClient, "__init__", offline)
    before = history_rows()
    with pytest.raises(CommandError, match="ingenting vart endra"):
        call_command("bootstrap", what)
    assert history_rows() == before
