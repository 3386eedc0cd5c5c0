"""The CLI's tables print numbers in the Norwegian format (issue 15): 1 000 000 and 10,5 %."""

import re

import pytest
from django.core.management import call_command
from django.utils.translation import override

NBSP = "\xa0"


@pytest.mark.parametrize(("language", "header"), [("nn", "Beløp (kr)"), ("nb", "Beløp (kr)")])
def test_the_allocation_table(sogn, capsys, language, header):
    with override(language):
        call_command("allocate", budget="1000000", key="hovudregel-25-75", period="2025K4")
    out = capsys.readouterr().out
    assert f"1{NBSP}000{NBSP}000 kr" in out.splitlines()[0]
    assert header in out and "NOK" not in out and "Exact" not in out
    vik = next(line for line in out.splitlines() if line.startswith("4639 Vik"))
    assert [cell for cell in vik.split(" ") if cell] == [
        "4639",
        "Vik",
        f"10,5330{NBSP}%",
        f"105{NBSP}329,55",
        f"105{NBSP}329",
    ]
    assert re.search(rf"^Sum +100{NBSP}% +1{NBSP}000{NBSP}000 +1{NBSP}000{NBSP}000$", out, re.M)


def test_the_scenario_comparison(sogn, capsys):
    call_command(
        "allocate",
        "--compare",
        "25 likt, 75 folketal",
        "50 likt, 50 folketal",
        budget="1000000",
        period="2025K4",
    )
    out = capsys.readouterr().out
    assert f"4640 Sogndal | 357{NBSP}266 | 293{NBSP}732 (-63{NBSP}534 / -17,8{NBSP}%)" in out


@pytest.mark.parametrize("language", ["nn", "nb"])
def test_the_forecast_and_the_findings(sogn, capsys, language):
    with override(language):
        call_command("population", "forecast", target=30000, by=2027)
        call_command("population", "check")
    out = capsys.readouterr().out
    assert f"29{NBSP}829" in out and f"30{NBSP}000" in out
    points = re.findall(r"^  2026K1: ([^ ]+) \(([^ ]+)–([^ ]+)\)$", out, re.M)
    assert points and all(re.fullmatch(rf"\d{{2}}{NBSP}\d{{3}}", v) for v in points[0])
    assert f"= 5{NBSP}178" in out  # a cell in the findings
    assert not re.search(r"\d{4,}", re.sub(r"20\d\dK\d|\b20\d\d\b", "", out))


def test_the_workflow_tables_speak_nynorsk(sogn, capsys):
    for action in ("due", "checklist", "calendar", "host"):
        call_command("workflows", action)
    out = capsys.readouterr().out
    for code in ("overdue", "this_month", "present", "unknown", "no date", "criteria"):
        assert not re.search(rf"(^|\s){code}(\s|$)", out, re.M), code
    assert "i avtalen" in out and "ikkje stadfesta" in out
