"""Reads for the allocation pages: stored keys, periods with figures, a municipality's shares."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from samvirke.finance import services
from samvirke.finance.calc.allocation import year_fraction
from samvirke.finance.models import CooperationBudget, CostKey
from samvirke.lib import partial_date
from samvirke.lib.fields import visible_q
from samvirke.population.models import Measure, PopulationValue
from samvirke.registry.models import Cooperation, Municipality, ParticipationStatus


def stored_keys():
    return CostKey.objects.prefetch_related("components__criterion").order_by("name")


def population_periods() -> list[str]:
    """Periods with population figures, newest first."""
    periods = PopulationValue.objects.filter(measure=Measure.POPULATION_END).values_list(
        "period", flat=True
    )
    return sorted(set(periods), reverse=True)


@dataclass(frozen=True)
class CostShare:
    budget: CooperationBudget
    amount: Decimal | None
    problem: str = ""


def municipality_cost_shares(municipality: Municipality) -> tuple[list[CostShare], Decimal]:
    """The municipality's share of every cooperation budget it takes part in, and the total."""
    budgets = (
        CooperationBudget.objects.filter(
            visible_q(Cooperation, "cooperation"),
            cooperation__participations__municipality=municipality,
        )
        .select_related("cooperation", "cost_key")
        .prefetch_related("cooperation__participations__municipality")
        .order_by("cooperation__name", "-year")
    )
    shares = []
    for budget in budgets:
        spec = _participants(budget)
        if municipality.number not in spec:
            continue
        try:
            result = services.allocate(
                str(budget.amount),
                budget.cost_key.slug,
                budget.period,
                ",".join(spec.values()),
                budget.year,
            )
        except services.AllocationInputError as exc:
            shares.append(CostShare(budget, None, exc.message))
            continue
        line = next(
            x for x in result.allocation.lines if x.participant.number == municipality.number
        )
        shares.append(CostShare(budget, line.amount))
    total = sum((s.amount for s in shares if s.amount is not None), Decimal(0))
    return shares, total


def _participants(budget: CooperationBudget) -> dict[str, str]:
    """Participants in the budget year: number → "4639" or "4639:2026-07-01..2026-12-31"."""
    active = {}
    for p in budget.cooperation.participations.all():
        if p.status in {ParticipationStatus.WITHDRAWN, ParticipationStatus.NOT_ADOPTED}:
            continue
        start = partial_date.parse(p.start).first if p.start else None
        end = partial_date.parse(p.end).last if p.end else None
        if year_fraction(budget.year, start, end) == 0:
            continue
        span = f":{start or ''}..{end or ''}" if start or end else ""
        active[p.municipality.number] = p.municipality.number + span
    return active
