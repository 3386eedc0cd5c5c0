from pathlib import Path

import pytest

from samvirke.population.calc.files import parse_wide_table

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "population"


@pytest.fixture
def seed_tables():
    """The deck's two tables as cells and given Sum rows."""
    growth = parse_wide_table((FIXTURES / "me-veks.tsv").read_text(encoding="utf-8"), "growth")
    ends = parse_wide_table(
        (FIXTURES / "30000-i-2027.tsv").read_text(encoding="utf-8"), "population_end"
    )
    values = {k: v for k, (v, _) in {**growth.values, **ends.values}.items()}
    return values, {**growth.given_totals, **ends.given_totals}
