"""Age structure: age groups, the measures people use, and their checks. Pure Python.

Counts are persons at 1 January by one-year age (SSB table 07459, and the regional
projections by age), summed over sex where a measure does not need it. SSB's oldest age
is "105 years or older", kept as 105.

- share 67+ and share 80+: persons of that age or older / all persons;
- dependency ratio (forsørgjarbrøk): persons 0–19 and 67+ per person 20–66;
- working-age change: persons 20–66 in a year against a base year.

Every measure is exact (Fraction): rounding is for display only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

OLDEST = 105  # SSB: "105 år eller eldre"
WORKING_AGE = (20, 66)
YOUNG = (0, 19)

# (first age, last age or None for "and older"), as the issue and SSB's tables group them
GROUPS: tuple[tuple[int, int | None], ...] = (
    (0, 5),
    (6, 15),
    (16, 19),
    (20, 66),
    (67, 79),
    (80, 89),
    (90, None),
)

# Age bands of a population pyramid (ten-year bands, 90+ on top)
PYRAMID_BANDS: tuple[tuple[int, int | None], ...] = tuple(
    (start, start + 9) for start in range(0, 90, 10)
) + ((90, None),)


class AgeError(ValueError):
    """Counts that cannot be measured; the text says why."""


def group_label(group: tuple[int, int | None]) -> str:
    first, last = group
    return f"{first}+" if last is None else f"{first}–{last}"


def in_group(age: int, group: tuple[int, int | None]) -> bool:
    first, last = group
    return age >= first and (last is None or age <= last)


def grouped(
    counts: Mapping[int, int], groups: Iterable[tuple[int, int | None]] = GROUPS
) -> dict[str, int]:
    """Persons per age group, e.g. {"0–5": 312, …, "90+": 40}."""
    return {group_label(g): sum(n for age, n in counts.items() if in_group(age, g)) for g in groups}


def between(counts: Mapping[int, int], first: int, last: int | None = None) -> int:
    return sum(n for age, n in counts.items() if in_group(age, (first, last)))


@dataclass(frozen=True)
class Measures:
    total: int
    aged_67_plus: int
    aged_80_plus: int
    working_age: int  # 20–66
    young: int  # 0–19

    @property
    def share_67_plus(self) -> Fraction:
        return Fraction(self.aged_67_plus, self.total)

    @property
    def share_80_plus(self) -> Fraction:
        return Fraction(self.aged_80_plus, self.total)

    @property
    def dependency_ratio(self) -> Fraction:
        """Persons 0–19 and 67+ per person 20–66 (forsørgjarbrøk)."""
        return Fraction(self.young + self.aged_67_plus, self.working_age)


def measures(counts: Mapping[int, int]) -> Measures:
    """The measures of one area and year from its persons by one-year age."""
    if any(n < 0 for n in counts.values()):
        raise AgeError("a count is negative")
    if any(not 0 <= age <= OLDEST for age in counts):
        raise AgeError(f"an age lies outside 0–{OLDEST}")
    result = Measures(
        total=sum(counts.values()),
        aged_67_plus=between(counts, 67),
        aged_80_plus=between(counts, 80),
        working_age=between(counts, *WORKING_AGE),
        young=between(counts, *YOUNG),
    )
    if result.total == 0 or result.working_age == 0:
        raise AgeError("no persons, or none of working age")
    return result


def combined(areas: Iterable[Mapping[int, int]]) -> dict[int, int]:
    """A region's persons by age: the sum of its members'."""
    total: dict[int, int] = {}
    for counts in areas:
        for age, n in counts.items():
            total[age] = total.get(age, 0) + n
    return total


def change(now: int, later: int) -> Fraction:
    """The relative change from now to later (−0.12 = 12 % fewer)."""
    if now == 0:
        raise AgeError("nothing to compare with")
    return Fraction(later - now, now)


def one_in(share: Fraction, *, tolerance: Fraction = Fraction(1, 100)) -> int | None:
    """n when the share is close to "one in n" (n = 2 … 10), else None.

    "Every third inhabitant" is said only when 1/3 lies within one percentage point of the
    share; otherwise the share is given as a percentage.
    """
    if share <= 0:
        return None
    n = round(1 / share)
    if 2 <= n <= 10 and abs(Fraction(1, n) - share) <= tolerance:
        return n
    return None


@dataclass(frozen=True)
class AgeFinding:
    check: str  # "age_total" or "projection_start"
    severity: str  # "error" or "warning"
    area: str
    year: str
    expected: int | None  # the figure the ages are checked against
    found: int | None  # the sum of the ages, or the projection's figure
    detail: str = ""


def check_totals(
    age_totals: Mapping[tuple[str, str], int], population: Mapping[tuple[str, str], int]
) -> list[AgeFinding]:
    """Ages summed must equal the population of the same day (07459 year N = 01222 end of
    (N−1)K4): one finding per area and year where both are known and they differ."""
    return [
        AgeFinding("age_total", "error", area, year, population[(area, year)], total)
        for (area, year), total in sorted(age_totals.items())
        if (area, year) in population and population[(area, year)] != total
    ]


def check_projection_start(
    registered: Mapping[tuple[str, str], int], projected: Mapping[tuple[str, str], int]
) -> list[AgeFinding]:
    """A projection starts from the last registered year: its first year equals the
    registered figure of that year where both are known (an error if not), and it does not
    start after the year following the last registered one (a warning: a gap)."""
    found = []
    areas = {area for area, _ in projected}
    for area in sorted(areas):
        years = sorted(y for a, y in projected if a == area)
        first = years[0]
        if (area, first) in registered:
            if registered[(area, first)] != projected[(area, first)]:
                found.append(
                    AgeFinding(
                        "projection_start",
                        "error",
                        area,
                        first,
                        registered[(area, first)],
                        projected[(area, first)],
                    )
                )
            continue
        known = sorted(y for a, y in registered if a == area)
        if known and int(first) > int(known[-1]) + 1:
            found.append(
                AgeFinding(
                    "projection_start",
                    "warning",
                    area,
                    first,
                    None,
                    projected[(area, first)],
                    detail=known[-1],
                )
            )
    return found
