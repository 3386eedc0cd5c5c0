"""Population series as every derived figure reads them. Pure Python; no Django.

The one place where a source's figures meet the corrections recorded against them
(`effective`), and the series helpers every entry point shares: the summed growth of a
set of municipalities, a municipality's own run of quarters, the default target question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from samvirke.population.calc import checks
from samvirke.population.calc.periods import is_quarter, quarter_from_index, quarter_index

CellKey = tuple[str, str, str]  # (municipality, period, measure)


def effective(
    values: Mapping[CellKey, int | None], corrections: Mapping[CellKey, int]
) -> dict[CellKey, int | None]:
    """The source's values with each recorded correction in place of its cell."""
    return {key: corrections.get(key, value) for key, value in values.items()}


def summed_growth(
    growth: Mapping[tuple[str, str], int | None], members: Sequence[str]
) -> list[tuple[str, int]]:
    """The longest run of consecutive quarters, ending with the newest in which every
    member has a growth figure, and the members' summed growth per quarter (oldest first).
    ``growth`` maps (municipality, period) to persons."""
    per_period: dict[str, dict[str, int]] = {}
    wanted = set(members)
    for (municipality, period), value in growth.items():
        if municipality in wanted and value is not None and is_quarter(period):
            per_period.setdefault(period, {})[municipality] = value
    complete = sorted(
        (p for p, v in per_period.items() if len(v) == len(wanted)), key=quarter_index
    )
    run: list[str] = []
    for period in reversed(complete):
        if run and quarter_index(run[-1]) - quarter_index(period) != 1:
            break
        run.append(period)
    return [(p, sum(per_period[p].values())) for p in reversed(run)]


def consecutive_run(values: Mapping[str, int], last: str) -> list[tuple[str, int]]:
    """The consecutive quarters of ``values`` ending with ``last`` (oldest first)."""
    run, index = [], quarter_index(last)
    while quarter_from_index(index) in values:
        run.append((quarter_from_index(index), values[quarter_from_index(index)]))
        index -= 1
    return list(reversed(run))


def default_target(population: int, period: str) -> tuple[int, int]:
    """The default question: the next whole thousand, two years after the period's year."""
    return (population // 1000 + 1) * 1000, int(period[:4]) + 2


@dataclass(frozen=True)
class Assessment:
    """What setting one cell to a new value does to the identities it is part of."""

    restored: tuple[checks.Identity, ...]  # broken before, sound after
    broken: tuple[checks.Identity, ...]  # sound before, broken after


def assess_correction(
    values: Mapping[CellKey, int | None],
    key: CellKey,
    value: int,
    given: Sequence[checks.Identity] = (),
) -> Assessment:
    """The identities a correction of ``key`` to ``value`` restores and breaks.

    ``values`` may hold a source's printed totals as cells of the municipality ``SUM``;
    ``given`` are the identities that tie such a total to its rows."""
    after = {**values, key: value}
    restored, broken = [], []
    for identity in [*checks.identities(values), *given]:
        if key not in {k for k, _ in identity.terms}:
            continue
        if any(values.get(k) is None for k, _ in identity.terms):
            continue
        was, now = _difference(identity, values), _difference(identity, after)
        if was and not now:
            restored.append(identity)
        elif not was and now:
            broken.append(identity)
    return Assessment(tuple(restored), tuple(broken))


def given_total_identity(cells: Sequence[CellKey]) -> checks.Identity:
    """The identity "printed Sum = the rows" from a finding's cells (rows, then the Sum)."""
    return checks.Identity(
        "given_total",
        tuple((key, -1 if key[0] == checks.SUM else 1) for key in cells),
    )


def _difference(identity: checks.Identity, cells: Mapping[CellKey, int | None]) -> int:
    return sum(coefficient * (cells[key] or 0) for key, coefficient in identity.terms)


def flagged_cells(findings: Iterable[tuple[Sequence, Sequence | None]]) -> set[CellKey]:
    """The cells open findings put in doubt: each finding's pinpointed cell where the checks
    found one, else every cell of it. ``findings``: (cells, fix) with cells as
    [municipality, period, measure, value] and fix as [municipality, period, measure, value]
    or None. A source's printed Sum (municipality ``SUM``) is no cell of the register."""
    flagged: set[CellKey] = set()
    for cells, fix in findings:
        keys = [tuple(fix[:3])] if fix else [tuple(cell[:3]) for cell in cells]
        flagged |= {(m, p, s) for m, p, s in keys if m != checks.SUM}
    return flagged


def uncertain_periods(flagged: set[CellKey], members: Sequence[str], measure: str) -> set[str]:
    """The periods whose sum over ``members`` of ``measure`` includes a flagged cell."""
    wanted = set(members)
    return {p for m, p, s in flagged if s == measure and m in wanted}


def depends_on_flagged(
    flagged: set[CellKey], members: Sequence[str], measures: Sequence[str]
) -> list[CellKey]:
    """Whether a figure read from ``measures`` of ``members`` (a mean, a forecast) includes a
    flagged cell: the flagged cells it reads, sorted (empty: it is not in doubt)."""
    wanted, kinds = set(members), set(measures)
    return sorted(key for key in flagged if key[0] in wanted and key[2] in kinds)
