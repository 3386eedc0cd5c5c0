"""The portal, the CLI, CSV and XLSX give the same 25/75 numbers on the Sogn data."""

import csv
import io
import json
import re

import formulas
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from samvirke.finance.models import CooperationBudget, CostKey, CostKeyCooperation
from samvirke.population.models import Correction
from samvirke.registry.models import Cooperation

SOGN_25_75 = {
    "4639": 105329,
    "4640": 357266,
    "4641": 88584,
    "4642": 97560,
    "4643": 171859,
    "4644": 179402,
}
QUERY = "budget=1000000&key=hovudregel-25-75&period=2025K4"


def test_the_cli_prints_the_allocation_as_json(sogn, capsys):
    call_command(
        "allocate", budget="1000000", key="25 likt, 75 folketal", period="2025K4", json=True
    )
    data = json.loads(capsys.readouterr().out)
    assert {line["municipality"]: int(line["amount"]) for line in data["lines"]} == SOGN_25_75
    assert data["total"] == "1000000"
    assert "Status mars 2026" in data["components"][1]["source"]
    # Årdal's 2025K4 population was part of a check finding, resolved by the recorded
    # correction: nothing left to warn about; without the correction the allocation says so.
    assert data["findings"] == []
    Correction.objects.all().delete()
    call_command(
        "allocate", budget="1000000", key="25 likt, 75 folketal", period="2025K4", json=True
    )
    data = json.loads(capsys.readouterr().out)
    assert any("Årdal 2025K3 folketilvekst = 37 burde vere -37" in f for f in data["findings"])


def test_the_cli_table_names_each_source(sogn, capsys):
    call_command("allocate", budget="1000000", key="hovudregel-25-75", period="2025K4")
    out = capsys.readouterr().out
    assert re.search(r"4640 Sogndal .* 357\xa0266", out)
    assert "Status mars 2026" in out


def test_the_cli_compares_scenarios(sogn, capsys):
    call_command(
        "allocate",
        "--compare",
        "25 likt, 75 folketal",
        "50 likt, 50 folketal",
        budget="1000000",
        period="2025K4",
        json=True,
    )
    rows = {r["municipality"]: r for r in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["4639"]["amounts"] == ["105329", "125775"]
    assert rows["4639"]["differences"] == ["0", "20446"]
    assert rows["4639"]["percent"] == ["0.00", "19.41"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"budget": "-1", "key": "100 likt", "period": "2025K4"},
            "Budsjettet kan ikkje vere negativt",
        ),
        ({"budget": "1", "key": "60 likt", "period": "2025K4"}, "summerer seg til 60 %"),
        ({"budget": "1", "period": "2025K4"}, "Gje anten --key eller --compare"),
    ],
)
def test_the_cli_refuses_bad_input(sogn, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("allocate", **options)


def test_the_calculator_shows_the_same_numbers_and_their_sources(client, sogn):
    html = client.get(f"/fordeling/?{QUERY}").content.decode().replace("\xa0", " ")
    for amount in ("105 329", "357 266", "88 584", "97 560", "171 859", "179 402"):
        assert re.search(rf'<td class="num amount" data-label="Beløp \(kr\)">{amount}</td>', html)
    assert "Status mars 2026" in html
    assert "Hovudregel for kostnadsfordeling i nye tenestesamarbeid" in html
    assert "Kontrollane har funn i tal som denne fordelinga brukar" not in html  # corrected
    Correction.objects.all().delete()
    html = client.get(f"/fordeling/?{QUERY}").content.decode()
    assert "Kontrollane har funn i tal som denne fordelinga brukar" in html


def test_the_calculator_offers_current_members_and_marks_former_ones(client, sogn):
    html = client.get("/fordeling/").content.decode()
    boxes = dict(re.findall(r'value="(\d{4})"[^>]*> ([^<]+)</label>', html))
    assert set(boxes) == {"4638", "4639", "4640", "4641", "4642", "4643", "4644"}
    assert boxes["4640"] == "Sogndal"
    # Høyanger withdrew; the register gives no end date, so none is invented
    assert boxes["4638"] == "Høyanger (tidlegare medlem, sluttdato ukjend)"


def test_the_calculator_shows_each_error_next_to_its_field(client, sogn):
    html = client.get("/fordeling/?budget=-5&key=20+likt&period=2025K9").content.decode()
    for field in ("budget", "key", "period"):
        assert f'id="id_{field}_error"' in html
        assert re.search(rf'<input[^>]+aria-describedby="[^"]*id_{field}_error', html)
        assert re.search(rf'<input[^>]+name="{field}"[^>]+aria-invalid="true"', html)
    assert 'value="-5"' in html and 'value="20 likt"' in html  # nothing typed is lost


def test_the_csv_download_has_the_same_numbers(client, sogn):
    response = client.get(f"/fordeling/?{QUERY}&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["kommunenummer"]: int(r["belop_kr"]) for r in rows[:6]} == SOGN_25_75


def test_the_xlsx_formulas_compute_the_same_numbers(client, sogn, tmp_path):
    response = client.get(f"/fordeling/?{QUERY}&format=xlsx")
    path = tmp_path / "fordeling.xlsx"
    path.write_bytes(response.content)
    sheet = load_workbook(path).active
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Kommunenummer")
    amount_col = max(c for c in range(1, 30) if sheet.cell(header, c).value)
    assert str(sheet.cell(header + 1, amount_col).value).startswith("=")  # formulas, not values
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()

    def computed(row, col):
        letter = sheet.cell(row, col).column_letter
        cell = next(v for k, v in solution.items() if k.upper().endswith(f"!{letter}{row}"))
        return cell.value[0][0]

    got = {
        sheet.cell(r, 1).value: round(computed(r, amount_col))
        for r in range(header + 1, header + 7)
    }
    assert got == SOGN_25_75
    assert computed(header + 8, amount_col) == 0  # the check: sum minus budget


def test_the_municipality_page_sums_its_cost_shares(client, sogn):
    key = CostKey.objects.get(slug="hovudregel-25-75")
    barnevern = Cooperation.objects.get(slug="barnevern")
    CostKeyCooperation.objects.create(key=key, cooperation=barnevern)
    CooperationBudget.objects.create(
        cooperation=barnevern, year=2027, amount=1000000, cost_key=key, period="2025K4"
    )
    CooperationBudget.objects.create(
        cooperation=Cooperation.objects.get(slug="skog-i-sogn"),
        year=2026,
        amount=600000,
        cost_key=key,
        period="2025K4",
    )
    html = client.get("/kommunar/4639/").content.decode().replace("\xa0", " ")
    assert "105 329" in html  # Barnevern, as in the calculator
    assert "63 198" in html  # Skog i Sogn: Høyanger has left, so six share it
    assert "168 527" in html  # the total


def test_a_participant_given_twice_is_an_error_on_the_form_not_a_server_error(client, sogn):
    response = client.get(
        "/fordeling/?budget=1000&key=hovudregel-25-75&period=2025K4"
        "&participants=4639&participants=4639"
    )
    assert response.status_code == 200
    assert "Vik er ført opp to gonger." in response.content.decode()


def test_a_participant_given_twice_is_a_422_on_the_api(client, sogn):
    response = client.get(
        "/api/v1/allocation?budget=1000&key=hovudregel-25-75&period=2025K4&participants=4639,4639"
    )
    assert response.status_code == 422
    assert "Vik er ført opp to gonger." in response.content.decode()


def test_a_part_year_outside_the_budget_year_is_named_on_the_api(client, sogn):
    response = client.get(
        "/api/v1/allocation?budget=1000&key=100+likt&period=2025K4&year=2026"
        "&participants=4639,4640:2027-01-01..2027-03-31"
    )
    assert response.status_code == 422
    assert "ligg utanfor budsjettåret" in response.content.decode()


@pytest.mark.parametrize("budget", ["1e100", "1000000000000000"])
def test_an_absurd_budget_is_refused_not_a_500(client, sogn, budget):
    # schemathesis found budget=1e100: rounding to øre overflowed the decimal context
    response = client.get(f"/api/v1/allocation?budget={budget}&key=100+likt&period=2025K4")
    assert response.status_code == 422
    assert "større enn" in response.content.decode()


def test_the_xlsx_amounts_read_as_numbers_without_calculating(client, sogn, tmp_path):
    # readers that do not calculate (pandas, previews) read the values saved with formulas
    path = tmp_path / "fordeling.xlsx"
    path.write_bytes(client.get(f"/fordeling/?{QUERY}&format=xlsx").content)
    sheet = load_workbook(path, data_only=True).active
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Kommunenummer")
    amount_col = max(c for c in range(1, 30) if sheet.cell(header, c).value)
    got = {
        sheet.cell(r, 1).value: sheet.cell(r, amount_col).value
        for r in range(header + 1, header + 7)
    }
    assert got == SOGN_25_75
    assert sheet.cell(header + 8, amount_col).value == 0


@pytest.mark.parametrize("budget", [1000003, 999999.99, 7])
def test_the_xlsx_still_sums_to_its_budget_after_the_budget_is_changed(
    client, sogn, tmp_path, budget
):
    path = tmp_path / "fordeling.xlsx"
    path.write_bytes(client.get(f"/fordeling/?{QUERY}&format=xlsx").content)
    book = load_workbook(path)
    sheet = book.active
    sheet["B2"] = budget  # what finance staff do: type another budget
    book.save(path)
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "Kommunenummer")
    amount_col = max(c for c in range(1, 30) if sheet.cell(header, c).value)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()

    def computed(row, col):
        letter = sheet.cell(row, col).column_letter
        cell = next(v for k, v in solution.items() if k.upper().endswith(f"!{letter}{row}"))
        return cell.value[0][0]

    amounts = [computed(r, amount_col) for r in range(header + 1, header + 7)]
    assert round(sum(amounts), 2) == budget
    assert abs(computed(header + 8, amount_col)) < 1e-6
    unit = 1 if float(budget).is_integer() else 0.01
    for a in amounts:  # whole kroner (or øre), never a fraction of them
        assert abs(a / unit - round(a / unit)) < 1e-6
