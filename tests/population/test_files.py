from pathlib import Path

import pytest

from samvirke.population.calc.files import FileFormatError, parse_long_csv, parse_wide_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "population"


def test_the_wide_growth_table_with_its_sum_row():
    parsed = parse_wide_table((FIXTURES / "me-veks.tsv").read_text(), "growth")
    assert parsed.values[("4640", "2024K4", "growth")] == (122, "")
    assert parsed.given_totals[("2025K3", "growth")] == 44
    assert len(parsed.values) == 42


def test_the_semicolon_table_with_spaces_as_thousand_separators():
    parsed = parse_wide_table((FIXTURES / "30000-i-2027.csv").read_text(), "population_end")
    assert parsed.values[("4640", "2023K4", "population_end")] == (12319, "")
    assert parsed.given_totals[("2025K4", "population_end")] == 29829


def test_the_long_csv_holds_the_same_figures():
    wide = {
        **parse_wide_table((FIXTURES / "me-veks.tsv").read_text(), "growth").values,
        **parse_wide_table((FIXTURES / "30000-i-2027.tsv").read_text(), "population_end").values,
    }
    assert parse_long_csv((FIXTURES / "seed-long.csv").read_text()).values == wide


def test_status_symbols_are_kept():
    parsed = parse_long_csv("region,period,measure,value\n4639,2025K4,births,..\n")
    assert parsed.values[("4639", "2025K4", "births")] == (None, "..")


@pytest.mark.parametrize(
    ("parse", "text", "code", "line", "column"),
    [
        (parse_long_csv, "kommune,periode,mål,verdi\n", "bad_header", 1, ""),
        (
            parse_long_csv,
            "region,period,measure,value\n463,2025K1,growth,1\n",
            "bad_region",
            2,
            "region",
        ),
        (
            parse_long_csv,
            "region,period,measure,value\n4639,2025Q1,growth,1\n",
            "bad_period",
            2,
            "period",
        ),
        (
            parse_long_csv,
            "region,period,measure,value\n4639,2025K1,vekst,1\n",
            "bad_measure",
            2,
            "measure",
        ),
        (
            parse_long_csv,
            "region,period,measure,value\n4639,2025K1,growth,ti\n",
            "not_a_number",
            2,
            "value",
        ),
        (
            parse_long_csv,
            "region,period,measure,value\n4639,2025K1,growth\n",
            "wrong_cell_count",
            2,
            "",
        ),
        (
            lambda t: parse_wide_table(t, "growth"),
            "\t2025K1\nK-4639 Vik\t1 2x\n",
            "not_a_number",
            2,
            "B",
        ),
        (lambda t: parse_wide_table(t, "growth"), "\t2025K1\nVik\t12\n", "bad_label", 2, "A"),
        (
            lambda t: parse_wide_table(t, "growth"),
            "\t2025K1\t2025K2\nK-4639 Vik\t1\n",
            "wrong_cell_count",
            2,
            "",
        ),
    ],
)
def test_file_errors_name_line_and_column(parse, text, code, line, column):
    with pytest.raises(FileFormatError) as failure:
        parse(text)
    assert (failure.value.code, failure.value.line, failure.value.column) == (code, line, column)


def test_a_number_longer_than_any_figure_is_a_format_error_not_a_value_error():
    with pytest.raises(FileFormatError) as failure:
        parse_long_csv("region,period,measure,value\n4640,2025K1,growth,-" + "1" * 5000 + "\n")
    assert (failure.value.code, failure.value.line, failure.value.params["digits"]) == (
        "too_many_digits",
        2,
        5000,
    )


def test_a_nul_anywhere_is_a_format_error_with_its_line():
    with pytest.raises(FileFormatError) as failure:
        parse_wide_table("\tQ\nK-4640 Sogndal\t1\x002\n", "growth")
    assert (failure.value.code, failure.value.line) == ("nul", 2)
