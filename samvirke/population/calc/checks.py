"""Consistency checks of population series. Pure Python; no Django.

Every check is an identity Σ coefficient × cell = 0 over named cells (municipality,
period, measure); a broken identity is an error. Where one cell appears in every broken
identity of a connected group and one new value for it restores them all (without
breaking a sound identity it is part of), that cell and value are named as the likely
fix. A quarter far outside a municipality's own history is a warning, not an error.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from samvirke.population.calc.periods import is_quarter, next_quarter, quarter_index

SUM = "Sum"  # the municipality code of a total given in a file (a Sum row)

CellKey = tuple[str, str, str]  # (municipality, period, measure)


@dataclass(frozen=True)
class Identity:
    check: str
    terms: tuple[tuple[CellKey, int], ...]  # (cell, coefficient); Σ coef × value = 0


@dataclass(frozen=True)
class Finding:
    check: str
    severity: str  # "error" or "warning"
    cells: tuple[tuple[CellKey, int | None], ...]  # the cells involved and their values
    difference: int = 0  # Σ coefficient × value (0 for a sound identity)
    fix: CellKey | None = None
    fix_value: int | None = None
    detail: dict = field(default_factory=dict, compare=False)


IDENTITIES = {
    # check: [(measure, coefficient)] within one municipality and quarter
    "population_balance": [("population_start", 1), ("growth", 1), ("population_end", -1)],
    "growth_components": [("birth_surplus", 1), ("net_migration", 1), ("growth", -1)],
    "migration_components": [
        ("immigration", 1),
        ("emigration", -1),
        ("in_moves", 1),
        ("out_moves", -1),
        ("net_migration", -1),
    ],
    "birth_surplus": [("births", 1), ("deaths", -1), ("birth_surplus", -1)],
}


def identities(
    values: Mapping[CellKey, int | None], given_totals: Mapping[tuple[str, str], int] | None = None
) -> list[Identity]:
    """Every identity that can be formed from the cells present."""
    found: list[Identity] = []
    by_municipality: dict[str, dict[tuple[str, str], int | None]] = defaultdict(dict)
    for (municipality, period, measure), value in values.items():
        if municipality != SUM:
            by_municipality[municipality][(period, measure)] = value
    for municipality, cells in by_municipality.items():
        quarters = sorted({p for p, _ in cells if is_quarter(p)}, key=quarter_index)
        for period in quarters:
            for check, terms in IDENTITIES.items():
                if all((period, m) in cells for m, _ in terms):
                    found.append(
                        Identity(check, tuple(((municipality, period, m), c) for m, c in terms))
                    )
            following = next_quarter(period)
            if (period, "population_end") in cells and (following, "population_start") in cells:
                found.append(
                    Identity(
                        "continuity",
                        (
                            ((municipality, period, "population_end"), 1),
                            ((municipality, following, "population_start"), -1),
                        ),
                    )
                )
        found += _growth_between_ends(municipality, cells)
    for period, measure in given_totals or {}:
        rows = [
            ((m, period, measure), 1)
            for m in by_municipality
            if (period, measure) in by_municipality[m]
        ]
        found.append(Identity("given_total", (*rows, ((SUM, period, measure), -1))))
    return found


def _growth_between_ends(municipality: str, cells) -> list[Identity]:
    """End population of one period minus the one before = the growth in between."""
    ends = sorted(
        (p for p, m in cells if m == "population_end" and is_quarter(p)), key=quarter_index
    )
    found = []
    for before, after in zip(ends, ends[1:], strict=False):
        between = []
        period = next_quarter(before)
        while quarter_index(period) <= quarter_index(after):
            between.append(period)
            period = next_quarter(period)
        if len(between) == 1 and (between[0], "population_start") in cells:
            continue  # population_balance and continuity already cover a single quarter
        if all((p, "growth") in cells for p in between):
            found.append(
                Identity(
                    "growth_between_ends",
                    (
                        ((municipality, after, "population_end"), 1),
                        ((municipality, before, "population_end"), -1),
                        *(((municipality, p, "growth"), -1) for p in between),
                    ),
                )
            )
    return found


def check(
    values: Mapping[CellKey, int | None],
    given_totals: Mapping[tuple[str, str], int] | None = None,
    *,
    outlier_threshold: float = 6.0,
) -> list[Finding]:
    """All findings: broken identities (errors, with a fix where one cell explains them)
    and quarters far outside a municipality's own growth history (warnings)."""
    cells: dict[CellKey, int | None] = dict(values)
    for (period, measure), total in (given_totals or {}).items():
        cells[(SUM, period, measure)] = total
    all_identities = identities(values, given_totals)
    broken = []
    for identity in all_identities:
        difference = _difference(identity, cells)
        if difference:
            broken.append((identity, difference))
    fixes = _pinpoint(broken, all_identities, cells)
    findings = [
        Finding(
            identity.check,
            "error",
            tuple((key, cells.get(key)) for key, _ in identity.terms),
            difference,
            *fixes.get(index, (None, None)),
        )
        for index, (identity, difference) in enumerate(broken)
    ]
    return findings + _outliers(values, outlier_threshold)


def _difference(identity: Identity, cells: Mapping[CellKey, int | None]) -> int:
    """Σ coefficient × value; 0 when a value is missing (nothing can be said)."""
    total = 0
    for key, coefficient in identity.terms:
        value = cells.get(key)
        if value is None:
            return 0
        total += coefficient * value
    return total


def _pinpoint(broken, all_identities, cells) -> dict[int, tuple[CellKey, int]]:
    """For each group of broken identities sharing cells, the one cell and value that fix all."""
    groups = _groups([identity for identity, _ in broken])
    containing: dict[CellKey, list[Identity]] = defaultdict(list)
    for identity in all_identities:
        for key, _ in identity.terms:
            containing[key].append(identity)
    fixes = {}
    for group in groups:
        members = [broken[i] for i in group]
        shared = set.intersection(*({key for key, _ in ident.terms} for ident, _ in members))
        solutions = []
        for key in sorted(shared):
            proposals = {
                cells[key] - difference // coefficient
                for ident, difference in members
                for k, coefficient in ident.terms
                if k == key and difference % coefficient == 0
            }
            if len(proposals) != 1:
                continue
            value = proposals.pop()
            trial = {**cells, key: value}
            if all(_difference(ident, trial) == 0 for ident in containing[key]):
                solutions.append((key, value))
        if len(solutions) == 1:
            for i in group:
                fixes[i] = solutions[0]
    return fixes


def _groups(identities_: list[Identity]) -> list[list[int]]:
    """Indices of identities, grouped where they share a cell (union–find)."""
    parent = list(range(len(identities_)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[CellKey, int] = {}
    for index, identity in enumerate(identities_):
        for key, _ in identity.terms:
            if key in owner:
                parent[root(index)] = root(owner[key])
            else:
                owner[key] = index
    grouped: dict[int, list[int]] = defaultdict(list)
    for index in range(len(identities_)):
        grouped[root(index)].append(index)
    return list(grouped.values())


def _outliers(values: Mapping[CellKey, int | None], threshold: float) -> list[Finding]:
    """Growth far outside the municipality's own history (robust z-score over ≥ 8 quarters)."""
    series: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (municipality, period, measure), value in values.items():
        if measure == "growth" and value is not None and is_quarter(period):
            series[municipality].append((period, value))
    findings = []
    for municipality, points in series.items():
        if len(points) < 8:
            continue
        numbers = [v for _, v in points]
        median = statistics.median(numbers)
        spread = statistics.median(abs(v - median) for v in numbers) * 1.4826
        if spread == 0:
            continue
        for period, value in points:
            score = (value - median) / spread
            if abs(score) > threshold:
                findings.append(
                    Finding(
                        "outlier",
                        "warning",
                        (((municipality, period, "growth"), value),),
                        detail={"median": median, "score": round(score, 1)},
                    )
                )
    return findings


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]
