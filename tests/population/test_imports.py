"""Importing the seed's tables in both file forms, and what the checks then report."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samvirke.population.models import Correction, Finding, PopulationValue
from tests.interchange.helpers import snapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "population"


@pytest.fixture
def no_population(sogn):
    Finding.objects.all().delete()
    PopulationValue.objects.all().delete()


def population_import(*args, **options):
    call_command("population", "import", *[str(a) for a in args], **options)


def test_a_consistent_table_is_stored_with_its_file_as_source(no_population, capsys):
    population_import(FIXTURES / "30000-i-2027.tsv", measure="population_end")
    value = PopulationValue.objects.get(municipality__number="4640", period="2023K4")
    assert (value.value, value.source.kind, value.source.title) == (
        12319,
        "file",
        "30000-i-2027.tsv",
    )
    assert "18" in capsys.readouterr().out


def test_the_growth_table_is_refused_with_the_pinpointed_cell(no_population, capsys):
    population_import(FIXTURES / "30000-i-2027.tsv", measure="population_end")
    before = snapshot()
    with pytest.raises(CommandError, match="ingenting vart lagra"):
        population_import(FIXTURES / "me-veks.tsv", measure="growth")
    out = capsys.readouterr().out
    assert "Årdal 2025K3 folketilvekst = 37" in out and "-37" in out
    assert "Sum" in out
    assert snapshot() == before


def test_accepting_the_findings_stores_them_with_the_figures(no_population, client):
    population_import(FIXTURES / "30000-i-2027.tsv", measure="population_end")
    population_import(FIXTURES / "me-veks.tsv", measure="growth", accept_findings=True)
    assert PopulationValue.objects.filter(measure="growth").count() == 42
    fixes = {tuple(f.fix) for f in Finding.objects.all()}
    assert fixes == {("4643", "2025K3", "growth", -37)}
    page = client.get("/folketal/").content.decode()
    assert "me-veks.tsv" in page and "burde vere -37" in page


def test_the_long_csv_gives_the_same_register(no_population):
    population_import(FIXTURES / "seed-long.csv", accept_findings=True)
    long_form = sorted(
        PopulationValue.objects.values_list("municipality__number", "period", "measure", "value")
    )
    PopulationValue.objects.all().delete()
    Finding.objects.all().delete()
    population_import(FIXTURES / "30000-i-2027.tsv", measure="population_end")
    population_import(FIXTURES / "me-veks.tsv", measure="growth", accept_findings=True)
    wide_form = sorted(
        PopulationValue.objects.values_list("municipality__number", "period", "measure", "value")
    )
    assert long_form == wide_form


@pytest.mark.parametrize(
    ("text", "options", "message"),
    [
        ("region,period,measure,value\n9999,2025K1,growth,3\n", {}, "Ukjende kommunenummer: 9999"),
        ("region,period,measure,value\n4639,2025K1,vekst,3\n", {}, "linje 2, kolonne measure"),
        ("\t2025K1\nK-4639 Vik\t12x\n", {"measure": "growth"}, "linje 2, kolonne B"),
        ("\t2025K1\nK-4639 Vik\t12\n", {}, "--measure"),
    ],
)
def test_bad_files_are_named_and_nothing_is_stored(no_population, tmp_path, text, options, message):
    path = tmp_path / "tal.csv"
    path.write_text(text, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match=message):
        population_import(path, **options)
    assert snapshot() == before


def test_the_check_command_reports_the_sogn_finding_and_exits_non_zero(sogn, capsys):
    Correction.objects.all().delete()  # as the deck printed it, before the correction
    with pytest.raises(CommandError, match="1 feil"):
        call_command("population", "check", json=True)
    report = json.loads(capsys.readouterr().out)
    [finding] = report["findings"]
    assert finding["code"] == "growth_between_ends" and finding["difference"] == -74
    assert {tuple(f["fix_cell"]) for f in report["findings"] if f["fix_cell"]} == set()
    assert len(report["accepted_with_imports"]) == 2
    assert not any(f["resolved"] for f in report["accepted_with_imports"])


def test_with_the_recorded_correction_the_sogn_figures_pass_the_checks(sogn, capsys):
    call_command("population", "check", json=True)
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == []
    assert [f["resolved"] for f in report["accepted_with_imports"]] == [
        "Retta: Årdal 2025K3 folketilvekst = 37 → -37"
    ] * 2


def test_the_forecast_command_answers_30000_by_2027(sogn, capsys):
    call_command("population", "forecast", target=30000, by=2027, json=True)
    data = json.loads(capsys.readouterr().out)
    assert data["target"]["expected"] == "2026K4"
    assert 0.9 < data["target"]["probability"] < 0.97
    assert data["backtest"]["origins"] == 3
    assert data["last_population"] == 29829


def test_the_population_api(client, sogn):
    series = client.get("/api/v1/population/series?municipality=4643&measure=growth").json()
    assert [v["value"] for v in series] == [-14, -7, 5, 10, -6, -37, -2]
    assert [(v["source_value"], v["corrected"]) for v in series][5] == (37, True)
    assert series[0]["source"].startswith("Sogn KO: Status mars 2026")
    forecast = client.get("/api/v1/population/forecast?target=30000&by=2027").json()
    assert forecast["target"]["expected"] == "2026K4"
    findings = client.get("/api/v1/population/findings").json()
    assert findings["accepted_with_imports"][0]["fix"].endswith("-37.")
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/population/series", "/api/v1/population/forecast"} <= set(paths)


def test_each_municipality_has_its_own_forecast(sogn, capsys, client):
    call_command("population", "forecast", target=30000, by=2027, json=True)
    data = json.loads(capsys.readouterr().out)
    by_number = {m["municipality"]: m for m in data["municipalities"]}
    assert set(by_number) == {"4639", "4640", "4641", "4642", "4643", "4644"}
    vik = by_number["4639"]
    assert vik["last_population"] == 2532 and len(vik["forecast"]) == 8
    assert vik["forecast"][0]["low80"] < vik["forecast"][0]["mean"] < vik["forecast"][0]["high80"]
    page = client.get("/folketal/").content.decode()
    assert "Prognose per kommune" in page
    home = client.get("/r/sogn-ko/").content.decode()
    assert "funn i folketala" not in home  # both findings resolved by the recorded correction
    Correction.objects.all().delete()
    home = client.get("/r/sogn-ko/").content.decode()
    assert "Kontrollane har 2 funn i folketala." in home


def test_cached_checks_follow_every_change_of_the_figures(sogn):
    from samvirke.population.services import check_stored

    assert check_stored() == []  # with the recorded correction
    Correction.objects.all().delete()
    assert [f.check for f in check_stored()] == ["growth_between_ends"]
    ardal = PopulationValue.objects.get(
        municipality__number="4643", period="2025K3", measure="growth"
    )
    ardal.value = -37
    ardal.save()
    assert check_stored() == []
    ardal.value = 37
    ardal.save()
    assert [f.check for f in check_stored()] == ["growth_between_ends"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("9" * 5000, "5000", id="row-14-5000-digits"),
        pytest.param("12\x00319", "NUL", id="row-7-nul"),
    ],
)
def test_a_hostile_cell_is_a_message_naming_file_and_line_not_a_traceback(
    sogn, tmp_path, cell, expected
):
    path = tmp_path / "hostile.csv"
    path.write_text(f"region,period,measure,value\n4640,2025K1,population_end,{cell}\n")
    before = snapshot()
    with pytest.raises(CommandError) as failure:
        population_import(path)
    message = str(failure.value)
    assert "hostile.csv" in message and expected in message
    assert ("linje 2" in message) or ("line 2" in message)
    assert snapshot() == before


def test_figures_stored_in_bulk_have_their_history_rows(no_population, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text("region,period,measure,value\n4640,2025K1,births,30\n4639,2025K1,births,4\n")
    population_import(path)
    path.write_text("region,period,measure,value\n4640,2025K1,births,31\n4639,2025K1,births,4\n")
    population_import(path)
    vik = PopulationValue.objects.get(municipality__number="4640", period="2025K1")
    rows = vik.history.order_by("history_id")
    assert [(h.history_type, h.value, h.source_id) for h in rows] == [
        ("+", 30, rows[0].source_id),
        ("~", 31, vik.source_id),
    ]
    unchanged = PopulationValue.history.filter(
        municipality__number="4639", period="2025K1", measure="births"
    )
    assert unchanged.count() == 1
