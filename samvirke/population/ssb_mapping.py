"""Turn decoded SSB datasets into population cells (municipality, period, measure)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from samvirke.population.calc.jsonstat import Dataset
from samvirke.population.ssb import CONTENTS_01222, SsbError

CellValues = dict[tuple[str, str, str], tuple[int | None, str]]


def _number(value) -> int | None:
    if value is None:
        return None
    if float(value) != int(value):
        raise SsbError(_("SSB gave %s, which is not a whole number of persons.") % value)
    return int(value)


def from_01222(dataset: Dataset) -> CellValues:
    _require(dataset, {"Region", "ContentsCode", "Tid"})
    cells: CellValues = {}
    for cell in dataset.cells:
        measure = CONTENTS_01222.get(cell.coordinates["ContentsCode"])
        if measure is None:
            continue
        key = (cell.coordinates["Region"], cell.coordinates["Tid"], measure)
        cells[key] = (_number(cell.value), cell.status)
    return cells


def from_07459(dataset: Dataset) -> CellValues:
    """Persons 0–17 and 67+ at 1 January, summed over sex and one-year ages."""
    _require(dataset, {"Region", "Alder", "Tid"})
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    statuses: dict[tuple[str, str, str], str] = {}
    for cell in dataset.cells:
        age = _age(cell.coordinates["Alder"])
        group = "age_0_17" if age <= 17 else "age_67_plus" if age >= 67 else None
        if group is None:
            continue
        key = (cell.coordinates["Region"], cell.coordinates["Tid"], group)
        if cell.value is None:
            statuses[key] = cell.status or ".."
        else:
            sums[key] += _number(cell.value)
    keys = set(sums) | set(statuses)
    return {key: (None, statuses[key]) if key in statuses else (sums[key], "") for key in keys}


def from_projection(dataset: Dataset) -> CellValues:
    """Projected population per municipality and year (summed over any other variables)."""
    _require(dataset, {"Region", "Tid"})
    sums: dict[tuple[str, str, str], int] = defaultdict(int)
    statuses: dict[tuple[str, str, str], str] = {}
    for cell in dataset.cells:
        key = (cell.coordinates["Region"], cell.coordinates["Tid"], "projected_population")
        if cell.value is None:
            statuses[key] = cell.status or ".."
        else:
            sums[key] += _number(cell.value)
    keys = set(sums) | set(statuses)
    return {key: (None, statuses[key]) if key in statuses else (sums[key], "") for key in keys}


def _age(code: str) -> int:
    digits = "".join(ch for ch in code if ch.isdigit())
    if not digits:
        raise SsbError(_("SSB's age code “%s” is not an age.") % code)
    return int(digits)


def _require(dataset: Dataset, dimensions: set[str]) -> None:
    missing = dimensions - set(dataset.dimensions)
    if missing:
        raise SsbError(_("SSB's dataset lacks the variables %s.") % ", ".join(sorted(missing)))
