"""Reads of bodies, decisions, staff, networks and principles."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from samvirke.governance.models import (
    Body,
    Decision,
    DecisionCooperation,
    Membership,
    Network,
    Principle,
    Staff,
)
from samvirke.lib.fields import visible_q
from samvirke.registry.models import Cooperation


def latest_decisions(limit: int = 5) -> QuerySet[Decision]:
    """The newest published decisions; undated ones last."""
    return (
        Decision.objects.visible()
        .exclude(date="")
        .select_related("body")
        .order_by("-date", "slug")[:limit]
    )


def decision_list(*, body: str = "") -> QuerySet[Decision]:
    links = DecisionCooperation.objects.filter(
        visible_q(Cooperation, "cooperation")
    ).select_related("cooperation")
    queryset = (
        Decision.objects.visible()
        .select_related("body")
        .prefetch_related("follow_ups", Prefetch("concerns", queryset=links))
    )
    if body:
        queryset = queryset.filter(body__slug=body)
    return queryset.order_by("-date", "slug")


def decision_detail(slug: str) -> Decision:
    return get_object_or_404(decision_list(), slug=slug)


def bodies_with_members() -> QuerySet[Body]:
    members = Membership.objects.select_related("person", "municipality")
    return (
        Body.objects.filter(cooperation__isnull=True)
        .select_related("organisation")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .order_by("organisation__name", "name")
    )


def body_detail(slug: str) -> Body:
    members = Membership.objects.select_related("person", "municipality")
    queryset = Body.objects.select_related("organisation", "cooperation").prefetch_related(
        Prefetch("memberships", queryset=members),
        Prefetch("decisions", queryset=Decision.objects.visible()),
    )
    return get_object_or_404(queryset, slug=slug)


def staff_list() -> QuerySet[Staff]:
    return Staff.objects.select_related("person", "organisation", "employer").order_by(
        "organisation__name", "order"
    )


def network_list() -> QuerySet[Network]:
    return (
        Network.objects.visible()
        .select_related("organisation", "cooperation")
        .prefetch_related("members__municipality")
        .order_by("name")
    )


def principles(organisation_slug: str) -> QuerySet[Principle]:
    return (
        Principle.objects.filter(organisation__slug=organisation_slug)
        .select_related("decision")
        .order_by("order")
    )
