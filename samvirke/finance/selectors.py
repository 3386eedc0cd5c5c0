"""Reads for the allocation: stored keys, periods with figures, budgets and who takes part."""

from __future__ import annotations

from fractions import Fraction

from samvirke.finance.calc.allocation import year_fraction
from samvirke.finance.models import CooperationBudget, CostKey
from samvirke.lib import partial_date
from samvirke.lib.fields import visible_q
from samvirke.population.models import Measure, PopulationValue
from samvirke.registry.models import Cooperation, Municipality


def stored_keys():
    return CostKey.objects.prefetch_related("components__criterion").order_by("name")


def population_periods() -> list[str]:
    """Periods with population figures, newest first."""
    periods = PopulationValue.objects.filter(measure=Measure.POPULATION_END).values_list(
        "period", flat=True
    )
    return sorted(set(periods), reverse=True)


def budgets_concerning(municipality: Municipality):
    """Visible cooperation budgets of cooperations the municipality takes part in."""
    return (
        CooperationBudget.objects.filter(
            visible_q(Cooperation, "cooperation"),
            cooperation__participations__municipality=municipality,
        )
        .select_related("cooperation", "cost_key")
        .prefetch_related(
            "cooperation__participations__municipality", "cost_key__components__criterion"
        )
        .order_by("cooperation__name", "-year")
        .distinct()
    )


def budget_participants(budget: CooperationBudget) -> list[tuple[Municipality, Fraction]]:
    """Who takes part in the budget year, with the share of the year's days they take part."""
    participants = []
    for p in budget.cooperation.participations.all():
        if not p.takes_part:
            continue
        start = partial_date.parse(p.start).first if p.start else None
        end = partial_date.parse(p.end).last if p.end else None
        share = year_fraction(budget.year, start, end)
        if share:
            participants.append((p.municipality, share))
    return participants
