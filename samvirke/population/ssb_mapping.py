"""Turn decoded SSB datasets into population cells (municipality, period, measure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samvirke.population.calc.jsonstat import Dataset
from samvirke.population.ssb import ALTERNATIVES, CONTENTS_01222, SsbError

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


@dataclass(frozen=True)
class AgeRow:
    """One count of SSB's persons by age: an area, year, sex and one-year age."""

    area: str
    area_name: str
    year: str
    sex: str  # "1" men, "2" women
    age: int  # 105 = 105 or older
    alternative: str  # "" registered, else the projection alternative (MMMM, LLML, HHMH)
    value: int | None
    status: str


def age_rows(dataset: Dataset, *, projected: bool) -> list[AgeRow]:
    """Persons by area, year, sex and age from 07459 or a projection table by age."""
    _require(dataset, {"Region", "Kjonn", "Alder", "Tid"})
    alternative_dim = None
    if projected:
        alternative_dim = next(
            (
                dim
                for dim, codes in dataset.categories.items()
                if any(a in c.upper() for c in codes for a in ALTERNATIVES)
            ),
            None,
        )
        if alternative_dim is None:
            raise SsbError(_("SSB's projection names no alternative (MMMM, LLML, HHMH)."))
    rows = []
    for cell in dataset.cells:
        c = cell.coordinates
        if c["Kjonn"] not in {"1", "2"}:
            continue  # a total over sex, where given, is the sum of the two
        alternative = ""
        if alternative_dim is not None:
            code = c[alternative_dim].upper()
            alternative = next((a for a in ALTERNATIVES if a in code), "")
            if not alternative:
                continue
        rows.append(
            AgeRow(
                c["Region"],
                dataset.labels["Region"].get(c["Region"], c["Region"]),
                c["Tid"],
                c["Kjonn"],
                _age(c["Alder"]),
                alternative,
                _number(cell.value),
                cell.status if cell.value is None else "",
            )
        )
    return rows


def _age(code: str) -> int:
    digits = "".join(ch for ch in code if ch.isdigit())
    if not digits:
        raise SsbError(_("SSB's age code “%s” is not an age.") % code)
    return int(digits)


def _require(dataset: Dataset, dimensions: set[str]) -> None:
    missing = dimensions - set(dataset.dimensions)
    if missing:
        raise SsbError(_("SSB's dataset lacks the variables %s.") % ", ".join(sorted(missing)))
