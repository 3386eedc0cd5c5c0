"""Reads for the allocation: stored keys, periods with figures, budgets and who takes part."""

from __future__ import annotations

from fractions import Fraction

from samvirke.finance.calc.allocation import year_fraction
from samvirke.finance.models import CooperationBudget, CostKey
from samvirke.lib import partial_date
from samvirke.lib.fields import visible_q
from samvirke.population.models import Measure, PopulationValue
from samvirke.registry import regions
from samvirke.registry.models import (
    Cooperation,
    Municipality,
    Organisation,
    Participation,
    ParticipationStatus,
)
from samvirke.registry.selectors import region_municipalities


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


def participant_options(
    organisation: Organisation | None,
) -> tuple[list[Municipality], list[tuple[Municipality, str]]]:
    """Who the calculator offers: the region's current members, and former members (not
    members now, withdrawn from a published cooperation of the region) with the latest end
    date the register gives ("" when it gives none)."""
    members = region_municipalities(organisation)
    current = {m.number for m in members}
    withdrawn = (
        Participation.objects.filter(
            regions.cooperations_q(organisation, "cooperation"),
            status=ParticipationStatus.WITHDRAWN,
            cooperation__is_published=True,
        )
        .exclude(municipality__number__in=current)
        .select_related("municipality")
        .order_by("municipality__number")
    )
    ends: dict[str, tuple[Municipality, str]] = {}
    for participation in withdrawn:
        number = participation.municipality.number
        end = max(ends.get(number, (None, ""))[1], participation.end or "")
        ends[number] = (participation.municipality, end)
    return members, list(ends.values())
