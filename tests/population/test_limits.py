"""Issue 13 point 4 and row 13: a big population file is checked and stored whole, or
refused at once with a message naming the limit; nothing partial is ever stored."""

import os

import pytest
from django.core.management import CommandError, call_command

from samvirke.population import services
from samvirke.population.calc import files
from samvirke.population.models import PopulationValue, Source
from samvirke.registry.models import Municipality

HEADER = "region,period,measure,value\n"


@pytest.fixture
def no_population(sogn):
    PopulationValue.objects.all().delete()


def population_import(path, **options):
    call_command("population", "import", str(path), **options)


def stored() -> tuple[int, int, int]:
    return (
        PopulationValue.objects.count(),
        PopulationValue.history.count(),
        Source.objects.filter(kind="file").count(),
    )


def long_csv(numbers: list[str], years: range) -> str:
    """Births per municipality and quarter: no identity links them, so no finding."""
    lines = [
        f"{number},{year}K{quarter},births,{(year * 7 + quarter) % 97}\n"
        for year in years
        for quarter in range(1, 5)
        for number in numbers
    ]
    return HEADER + "".join(lines)


def test_a_file_over_the_limit_is_refused_before_it_is_parsed(no_population, tmp_path):
    path = tmp_path / "for-mange.csv"
    # MAX_FIGURES + 1 copies of one line: were the file parsed, line 3 would be reported
    # as a duplicate; the limit is checked on the raw text first
    path.write_text(HEADER + "4640,2025K1,births,30\n" * (files.MAX_FIGURES + 1))
    before = stored()
    with pytest.raises(CommandError) as refused:
        population_import(path)
    message = str(refused.value)
    assert "for-mange.csv" in message
    assert "1\xa0000\xa0001 tal" in message and "høgst 1\xa0000\xa0000" in message
    assert "Del ho" in message
    assert stored() == before


def test_the_limit_counts_every_figure_in_a_file_of_old_mac_line_ends(no_population, tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(
        (HEADER + "4640,2025K1,births,30\n" * (files.MAX_FIGURES + 1))
        .encode()
        .replace(b"\n", b"\r")
    )
    with pytest.raises(CommandError, match="1\xa0000\xa0001 tal"):
        population_import(path)


def test_a_wide_table_counts_rows_times_periods(no_population, monkeypatch, tmp_path):
    monkeypatch.setattr(files, "MAX_FIGURES", 5)
    path = tmp_path / "brei.tsv"
    path.write_text("\t2024K4\t2025K1\nK-4639 Vik\t1\t2\nK-4640 Sogndal\t3\t4\nSum\t4\t6\n")
    with pytest.raises(CommandError, match="fila har 6 tal; høgst 5"):
        population_import(path, measure="growth")
    assert PopulationValue.objects.count() == 0


def test_a_file_of_exactly_the_limit_is_stored(no_population, monkeypatch, tmp_path):
    monkeypatch.setattr(files, "MAX_FIGURES", 8)
    path = tmp_path / "akkurat.csv"
    path.write_text(long_csv(["4639", "4640"], range(2024, 2025)))  # 2 × 4 = 8 figures
    population_import(path)
    assert PopulationValue.objects.count() == 8
    path.write_text(long_csv(["4639", "4640"], range(2024, 2025)) + "4641,2025K1,births,1\n")
    with pytest.raises(CommandError, match="fila har 9 tal; høgst 8"):
        population_import(path)
    assert PopulationValue.objects.count() == 8


def test_a_file_over_the_byte_limit_is_refused_unread(no_population, tmp_path):
    path = tmp_path / "stor.csv"
    with path.open("wb") as handle:  # sparse: the size is real, the disk is not used
        handle.truncate(files.MAX_BYTES + 1)
    assert os.path.getsize(path) == files.MAX_BYTES + 1
    before = stored()
    with pytest.raises(CommandError) as refused:
        population_import(path)
    message = str(refused.value)
    assert "stor.csv" in message and "64 MB" in message
    assert stored() == before


def test_a_bad_cell_on_the_last_line_of_a_long_file_stores_nothing(no_population, tmp_path):
    numbers = list(Municipality.objects.values_list("number", flat=True))
    text = long_csv(numbers, range(1900, 2025))
    rows = text.count("\n") - 1
    assert rows > 2_000
    path = tmp_path / "lang.csv"
    path.write_text(text + f"{numbers[0]},2030K1,births,12x\n")
    before = stored()
    with pytest.raises(CommandError, match=f"lang.csv, linje {rows + 2}"):
        population_import(path)
    assert stored() == before
    path.write_text(text)
    population_import(path)
    assert PopulationValue.objects.count() == rows
    assert PopulationValue.history.count() == before[1] + rows


def test_a_failure_while_writing_leaves_nothing_behind(no_population, monkeypatch, tmp_path):
    """The rows are inserted, then writing their history fails: the transaction takes the
    rows, the source and the history back with it."""
    numbers = list(Municipality.objects.values_list("number", flat=True))
    path = tmp_path / "avbrote.csv"
    path.write_text(long_csv(numbers, range(2000, 2025)))
    before = stored()
    real_write = services._write

    def write_then_fail(new, changed, source):
        real_write(new, changed, source)
        assert PopulationValue.objects.filter(source=source).count() == len(new) > 0
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_write", write_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        population_import(path)
    assert stored() == before
