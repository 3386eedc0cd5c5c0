"""Cost allocation with weighted keys, exact to the krone. Pure Python; no Django.

A key is a list of components, each with a weight (fractions of the budget adding to 1)
and a criterion value per participant (1 for the equal component). A participant's share
of a component is its value over the sum of all values; a participant that takes part for
only part of the year has its values scaled by the fraction of the year's days it takes
part (pro rata), so its share shrinks and the others carry the rest. All arithmetic is
exact (Fraction); only the final amounts are rounded, by largest remainder in whole
kroner (øre if the budget has øre), ties broken by municipality number, so the amounts
always add up to the budget and no participant with a zero share is charged.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction


class AllocationError(ValueError):
    """Input that cannot be allocated; ``code`` and ``params`` let the caller word it."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


EQUAL = "equal"


@dataclass(frozen=True)
class Participant:
    number: str  # municipality number; also the deterministic tie-break order
    name: str
    year_fraction: Fraction = Fraction(1)  # share of the year's days it takes part


@dataclass(frozen=True)
class Component:
    kind: str  # "equal", "population", "age_0_17", "age_67_plus" or a criterion slug
    weight: Fraction  # fraction of the budget, 0..1
    label: str
    values: Mapping[str, Fraction] = field(default_factory=dict)  # by municipality number
    source: str = ""  # where the values come from, e.g. "SSB 01222, 2025K4"


@dataclass(frozen=True)
class Line:
    participant: Participant
    component_shares: tuple[Fraction, ...]  # of the whole budget, one per component
    values: tuple[Fraction | None, ...]  # the criterion value used, one per component
    share: Fraction  # of the whole budget
    exact: Fraction  # NOK
    amount: Decimal  # NOK, rounded


@dataclass(frozen=True)
class Allocation:
    budget: Decimal
    components: tuple[Component, ...]
    lines: tuple[Line, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))


def allocate(
    budget: Decimal, participants: Sequence[Participant], components: Sequence[Component]
) -> Allocation:
    """Share a budget (NOK) over participants by a weighted key."""
    _check_budget(budget)
    _check_weights(components)
    if not participants:
        raise AllocationError("no_participants")
    numbers = [p.number for p in participants]
    if len(set(numbers)) != len(numbers):
        raise AllocationError("duplicate_participant")
    ordered = sorted(participants, key=lambda p: p.number)
    per_component = [_component_shares(c, ordered) for c in components]
    component_shares = [
        tuple(c.weight * shares[i] for c, shares in zip(components, per_component, strict=True))
        for i in range(len(ordered))
    ]
    exact = [sum(shares, Fraction(0)) * Fraction(budget) for shares in component_shares]
    amounts = _round(budget, exact)
    lines = tuple(
        Line(
            participant=participant,
            component_shares=shares,
            values=tuple(
                None if c.kind == EQUAL else Fraction(c.values[participant.number])
                for c in components
            ),
            share=sum(shares, Fraction(0)),
            exact=exact_amount,
            amount=amount,
        )
        for participant, shares, exact_amount, amount in zip(
            ordered, component_shares, exact, amounts, strict=True
        )
    )
    return Allocation(budget, tuple(components), lines)


def _check_budget(budget: Decimal) -> None:
    if not isinstance(budget, Decimal) or not budget.is_finite():
        raise AllocationError("budget_not_number", budget=budget)
    if budget < 0:
        raise AllocationError("budget_negative", budget=budget)
    if budget != budget.quantize(Decimal("0.01")):
        raise AllocationError("budget_fraction_of_ore", budget=budget)


def _check_weights(components: Sequence[Component]) -> None:
    if not components:
        raise AllocationError("no_components")
    for component in components:
        if component.weight < 0:
            raise AllocationError("weight_negative", component=component.label)
    total = sum((c.weight for c in components), Fraction(0))
    if total != 1:
        raise AllocationError("weights_not_100", total=total * 100)


def _component_shares(component: Component, participants: Sequence[Participant]) -> list[Fraction]:
    """Each participant's fraction of one component (adds up to 1)."""
    if component.kind == EQUAL:
        raw = [p.year_fraction for p in participants]
    else:
        raw = []
        for p in participants:
            value = component.values.get(p.number)
            if value is None:
                raise AllocationError(
                    "value_missing", component=component.label, participant=p.name
                )
            if value < 0:
                raise AllocationError(
                    "value_negative", component=component.label, participant=p.name
                )
            raw.append(Fraction(value) * p.year_fraction)
    total = sum(raw, Fraction(0))
    if total == 0:
        if component.weight == 0:
            return [Fraction(0)] * len(participants)
        raise AllocationError("component_sums_to_zero", component=component.label)
    return [value / total for value in raw]


def _round(budget: Decimal, exact: Sequence[Fraction]) -> list[Decimal]:
    """Largest remainder in whole kroner (øre when the budget has øre); ties by position."""
    unit = Decimal(1) if budget == budget.to_integral_value() else Decimal("0.01")
    units = int(budget / unit)
    scaled = [value / Fraction(unit) for value in exact]
    floors = [math.floor(value) for value in scaled]
    left = units - sum(floors)
    # Positions are in municipality-number order, so sorting by (-remainder, position)
    # breaks ties deterministically by municipality number.
    by_remainder = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return [Decimal(count) * unit for count in floors]


def year_fraction(year: int, start: date | None, end: date | None) -> Fraction:
    """The fraction of ``year``'s days between start and end (inclusive); None = open."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    begin = max(start or first, first)
    finish = min(end or last, last)
    if finish < begin:
        return Fraction(0)
    days_in_year = 366 if calendar.isleap(year) else 365
    return Fraction((finish - begin).days + 1, days_in_year)


KIND_WORDS = {
    "likt": EQUAL,
    "lik": EQUAL,
    "equal": EQUAL,
    "folketal": "population",
    "folketall": "population",
    "innbyggjarar": "population",
    "population": "population",
    "born": "age_0_17",
    "barn": "age_0_17",
    "0-17": "age_0_17",
    "children": "age_0_17",
    "67+": "age_67_plus",
    "eldre": "age_67_plus",
    "elderly": "age_67_plus",
}


def parse_key(text: str) -> list[tuple[Fraction, str]]:
    """Parse "25 likt, 75 folketal" into (weight fraction, kind) pairs.

    A kind that is not a known word is returned as written (a criterion's slug).
    """
    parts = [part.strip() for part in re.split(r",(?!\d)", text) if part.strip()]
    if not parts:
        raise AllocationError("key_empty")
    pairs = []
    for part in parts:
        number, _, word = part.replace("%", " ").partition(" ")
        try:
            weight = Fraction(Decimal(number.replace(",", ".")))
        except (ArithmeticError, ValueError):
            raise AllocationError("key_part_unreadable", part=part) from None
        word = word.strip().lower()
        if not word:
            raise AllocationError("key_part_unreadable", part=part)
        pairs.append((weight / 100, KIND_WORDS.get(word, word)))
    return pairs


@dataclass(frozen=True)
class ComparisonCell:
    amount: Decimal
    difference: Decimal
    percent: Fraction | None


@dataclass(frozen=True)
class ComparisonRow:
    number: str
    name: str
    amounts: tuple[Decimal, ...]  # one per scenario
    differences: tuple[Decimal, ...]  # against the first scenario, NOK
    percent: tuple[Fraction | None, ...]  # against the first scenario; None where it is 0

    @property
    def cells(self) -> list[ComparisonCell]:
        return [
            ComparisonCell(*values)
            for values in zip(self.amounts, self.differences, self.percent, strict=True)
        ]


def compare(allocations: Sequence[Allocation]) -> list[ComparisonRow]:
    """Amounts per municipality side by side, with the change from the first scenario."""
    by_number = [{line.participant.number: line for line in a.lines} for a in allocations]
    numbers = sorted(set().union(*by_number))
    rows = []
    for number in numbers:
        lines = [lines.get(number) for lines in by_number]
        name = next(line.participant.name for line in lines if line is not None)
        amounts = tuple(line.amount if line else Decimal(0) for line in lines)
        base = amounts[0]
        differences = tuple(amount - base for amount in amounts)
        percent = tuple(
            None if base == 0 else Fraction(difference) / Fraction(base) * 100
            for difference in differences
        )
        rows.append(ComparisonRow(number, name, amounts, differences, percent))
    return rows
