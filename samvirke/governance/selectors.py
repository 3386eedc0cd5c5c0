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
from samvirke.registry import regions
from samvirke.registry.models import Cooperation, Organisation


def latest_decisions(*, organisation: Organisation | None, limit: int = 5) -> QuerySet[Decision]:
    """The region's newest published decisions; undated ones last."""
    return (
        Decision.objects.visible()
        .filter(regions.decisions_q(organisation))
        .exclude(date="")
        .select_related("body")
        .order_by("-date", "slug")[:limit]
    )


def decision_list(*, organisation: Organisation | None, body: str = "") -> QuerySet[Decision]:
    """The region's decisions (None: the whole installation's), newest first."""
    links = DecisionCooperation.objects.filter(
        visible_q(Cooperation, "cooperation")
    ).select_related("cooperation")
    queryset = (
        Decision.objects.visible()
        .filter(regions.decisions_q(organisation))
        .select_related("body")
        .prefetch_related("follow_ups", Prefetch("concerns", queryset=links))
    )
    if body:
        queryset = queryset.filter(body__slug=body)
    return queryset.order_by("-date", "slug")


def decision_detail(slug: str, *, organisation: Organisation | None) -> Decision:
    return get_object_or_404(decision_list(organisation=organisation), slug=slug)


def linked_cooperation_ids(decision: Decision, organisation: Organisation | None) -> set[int]:
    """The cooperations the decision concerns that have a page in this region."""
    return regions.cooperations_with_pages(
        organisation, DecisionCooperation.objects.filter(decision=decision).values("cooperation")
    )


def body_has_page(body: Body, *, organisation: Organisation | None) -> bool:
    """Whether the body's page opens in the region: a decision shown in a region may come
    from another organisation's body (Sogn KO's board on an IKS's cooperation)."""
    if organisation is None:
        return True
    return Body.objects.filter(regions.bodies_q(organisation), pk=body.pk).exists()


def bodies_with_members(*, organisation: Organisation | None) -> QuerySet[Body]:
    """Bodies of organisations (not of one cooperation): the region's own, or every one."""
    members = Membership.objects.select_related("person", "municipality")
    return (
        Body.objects.filter(regions.own_q(organisation), cooperation__isnull=True)
        .select_related("organisation")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .order_by("organisation__name", "name")
    )


def body_detail(slug: str, *, organisation: Organisation | None) -> Body:
    """A body of the region (its own or one of its cooperations')."""
    members = Membership.objects.select_related("person", "municipality")
    queryset = Body.objects.select_related("organisation", "cooperation").prefetch_related(
        Prefetch("memberships", queryset=members),
        Prefetch("decisions", queryset=Decision.objects.visible()),
    )
    return get_object_or_404(queryset.filter(regions.bodies_q(organisation)), slug=slug)


def staff_list(*, organisation: Organisation | None) -> QuerySet[Staff]:
    return (
        Staff.objects.filter(regions.team_q(organisation))
        .distinct()
        .select_related("person", "organisation", "employer")
        .order_by("organisation__name", "order")
    )


def network_list(*, organisation: Organisation | None) -> QuerySet[Network]:
    return (
        Network.objects.visible()
        .filter(regions.own_q(organisation))
        .select_related("organisation", "cooperation")
        .prefetch_related("members__municipality")
        .order_by("name")
    )


def principles(organisation: str) -> QuerySet[Principle]:
    """An organisation's principles, goals and ways of working (by its identifier), in its
    order."""
    return (
        Principle.objects.filter(organisation__slug=organisation)
        .select_related("decision")
        .order_by("order")
    )
