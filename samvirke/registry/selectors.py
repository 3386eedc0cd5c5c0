"""Reads of the register shared by the portal, the API and the reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from samvirke.governance.models import Body, Decision, DecisionCooperation, Membership
from samvirke.lib.fields import visible_q
from samvirke.registry.models import (
    Agreement,
    AgreementParty,
    Cooperation,
    Municipality,
    Organisation,
    OrganisationMember,
    Participation,
    StatusEntry,
)


@dataclass(frozen=True)
class CooperationFilters:
    """The portal's cooperation filters; empty strings mean "any"."""

    service_area: str = ""
    legal_model: str = ""
    phase: str = ""
    host: str = ""
    municipality: str = ""


def cooperation_list(filters: CooperationFilters) -> QuerySet[Cooperation]:
    """Published cooperations matching the filters, with what a list row shows."""
    queryset = Cooperation.objects.visible().select_related("service_area", "host")
    if filters.service_area:
        queryset = queryset.filter(service_area__slug=filters.service_area)
    if filters.legal_model:
        queryset = queryset.filter(legal_model=filters.legal_model)
    if filters.phase:
        queryset = queryset.filter(phase=filters.phase)
    if filters.host:
        queryset = queryset.filter(host__number=filters.host)
    if filters.municipality:
        # a subquery rather than a join: no duplicate rows, so no DISTINCT to count or sort
        taking_part = Participation.objects.filter(municipality__number=filters.municipality)
        queryset = queryset.filter(pk__in=taking_part.values("cooperation"))
    return queryset.order_by("name", "pk")


def phase_counts() -> list[tuple[str, str, int]]:
    """(phase code, phase label, number of published cooperations), in phase order."""
    counts = Counter(Cooperation.objects.visible().values_list("phase", flat=True))
    return [
        (code, label, counts[code]) for code, label in Cooperation.Phase.choices if counts[code]
    ]


def cooperation_detail(slug: str) -> Cooperation:
    """One published cooperation with everything its page shows, in a fixed number of queries."""
    decision_links = DecisionCooperation.objects.filter(
        visible_q(Decision, "decision")
    ).select_related("decision__body")
    members = Membership.objects.select_related("person", "municipality")
    queryset = (
        Cooperation.objects.visible()
        .select_related("service_area", "host", "owner", "organisation", "project_leader")
        .prefetch_related(
            Prefetch(
                "participations", queryset=Participation.objects.select_related("municipality")
            ),
            "financing__source",
            Prefetch(
                "status_entries", queryset=StatusEntry.objects.visible().select_related("source")
            ),
            "next_steps",
            Prefetch("agreements", queryset=Agreement.objects.visible()),
            Prefetch(
                "bodies",
                queryset=Body.objects.prefetch_related(Prefetch("memberships", queryset=members)),
            ),
            Prefetch("decision_links", queryset=decision_links),
        )
    )
    return get_object_or_404(queryset, slug=slug)


@dataclass(frozen=True)
class MunicipalityOverview:
    """A municipality's overview of cooperation and agreements (kommunelova kap. 17)."""

    municipality: Municipality
    participations: list[Participation]
    hosted: list[Cooperation]
    agreement_parties: list[AgreementParty]
    memberships: list[Membership]
    decisions: list[Decision]


def municipality_overview(number: str) -> MunicipalityOverview:
    municipality = get_object_or_404(Municipality, number=number)
    participations = list(
        Participation.objects.filter(
            visible_q(Cooperation, "cooperation"), municipality=municipality
        )
        .select_related("cooperation__host", "cooperation__organisation")
        .order_by("cooperation__name")
    )
    hosted = list(Cooperation.objects.visible().filter(host=municipality).order_by("name"))
    parties = list(
        AgreementParty.objects.filter(visible_q(Agreement, "agreement"), municipality=municipality)
        .select_related("agreement__cooperation", "agreement__organisation", "agreement__host")
        .order_by("agreement__title")
    )
    memberships = list(
        Membership.objects.filter(municipality=municipality)
        .select_related("person", "body")
        .order_by("body__name", "order")
    )
    cooperation_ids = {p.cooperation_id for p in participations} | {c.pk for c in hosted}
    decisions = list(
        Decision.objects.visible()
        .filter(concerns__cooperation__in=cooperation_ids)
        .select_related("body")
        .distinct()
        .order_by("-date", "slug")
    )
    return MunicipalityOverview(
        municipality, participations, hosted, parties, memberships, decisions
    )


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("number")


def region_municipalities() -> list[Municipality]:
    """The member municipalities of the organisation the installation presents."""
    members = OrganisationMember.objects.filter(
        organisation__slug=settings.SAMVIRKE_ORGANISATION
    ).select_related("municipality")
    return [member.municipality for member in members]


def organisation(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).prefetch_related("members__municipality").first()


def agreement_list() -> QuerySet[Agreement]:
    return (
        Agreement.objects.visible()
        .select_related("cooperation", "organisation", "host")
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("municipality"))
        )
        .order_by("title")
    )


def agreement_detail(slug: str) -> Agreement:
    """An agreement with what its page shows, including its checklist and review history."""
    queryset = (
        agreement_list()
        .select_related("cost_key_link")
        .prefetch_related("elements", "reviews__decision")
    )
    return get_object_or_404(queryset, slug=slug)


@dataclass(frozen=True)
class TimelineItem:
    date: str
    kind: str  # "status" or "decision"
    item: object


def cooperation_timeline(cooperation: Cooperation) -> list[TimelineItem]:
    """Status entries and decisions of a prefetched cooperation, newest first."""
    items = [TimelineItem(e.date, "status", e) for e in cooperation.status_entries.all()]
    items += [
        TimelineItem(link.decision.date, "decision", link.decision)
        for link in cooperation.decision_links.all()
    ]
    return sorted(items, key=lambda i: i.date, reverse=True)
