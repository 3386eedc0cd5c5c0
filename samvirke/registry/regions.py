"""What belongs to a region: the one rule every page, list, feed and API call filters by.

A region is an organisation (a KO, a regional council, an IKS) with its own portal at
/r/<slug>/. Its cooperations are those it owns or carries and those its board has placed in
its order (as reports.content._own does for the status deck: Sogn KO's board reports on
TryggEst and Green Hydra). Its bodies are its own and those of its cooperations; its
decisions are those of its bodies and those concerning its cooperations; its networks,
staff and principles are its own; its meetings are those of its bodies and networks; its
agreements are its own and those of its cooperations.

Each function takes the organisation (None: the whole installation, no condition) and
returns a condition on the model named, reached through ``prefix`` from the queried model.
Conditions through many-valued relations are subqueries, so no row is ever duplicated.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from samvirke.governance.models import Body, Decision, DecisionCooperation
from samvirke.registry.models import (
    BoardSectionCooperation,
    Cooperation,
    Organisation,
    OrganisationMember,
)

# The legal forms with a portal of their own, listed at the installation's root.
REGION_FORMS = (
    Organisation.LegalForm.KO,
    Organisation.LegalForm.IPR,
    Organisation.LegalForm.IKS,
)


def _at(prefix: str) -> str:
    return f"{prefix}__" if prefix else ""


def cooperations_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """A cooperation of the region: owned, carried or placed in its board's order."""
    if organisation is None:
        return Q()
    at = _at(prefix)
    placed = BoardSectionCooperation.objects.filter(section__organisation=organisation)
    return (
        Q(**{f"{at}owner": organisation})
        | Q(**{f"{at}organisation": organisation})
        | Q(**{f"{at}pk__in": placed.values("cooperation")})
    )


def cooperation_ids(organisation: Organisation) -> QuerySet:
    return Cooperation.objects.filter(cooperations_q(organisation)).values("pk")


def cooperations_with_pages(organisation: Organisation | None, candidates) -> set[int]:
    """Of the candidate cooperations (ids or a values("cooperation") queryset), those with a
    page in this region: another region's cooperation is named without a link, since its
    page here would be a 404."""
    return set(
        Cooperation.objects.visible()
        .filter(cooperations_q(organisation), pk__in=candidates)
        .values_list("pk", flat=True)
    )


def bodies_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Its own bodies, the bodies of its cooperations and its member municipalities'
    councils (whose decisions on its cooperations it shows)."""
    if organisation is None:
        return Q()
    at = _at(prefix)
    members = OrganisationMember.objects.filter(organisation=organisation).values("municipality")
    return (
        Q(**{f"{at}organisation": organisation})
        | Q(**{f"{at}cooperation__in": cooperation_ids(organisation)})
        | Q(
            **{
                f"{at}kind": Body.Kind.COUNCIL,
                f"{at}organisation__municipality__in": members,
            }
        )
    )


def decisions_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Decisions of its bodies and decisions concerning its cooperations."""
    if organisation is None:
        return Q()
    concerning = DecisionCooperation.objects.filter(
        cooperation__in=cooperation_ids(organisation)
    ).values("decision")
    bodies = Body.objects.filter(bodies_q(organisation)).values("pk")
    ids = Decision.objects.filter(Q(body__in=bodies) | Q(pk__in=concerning)).values("pk")
    return Q(**{f"{_at(prefix)}pk__in": ids})


def own_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Records with an organisation field of their own: networks, staff, principles, duties."""
    if organisation is None:
        return Q()
    return Q(**{f"{_at(prefix)}organisation": organisation})


def team_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Staff: its own and those of the organisations it works with as one team (either way
    the partnership is recorded)."""
    if organisation is None:
        return Q()
    at = _at(prefix)
    return (
        Q(**{f"{at}organisation": organisation})
        | Q(**{f"{at}organisation__partners__partner": organisation})
        | Q(**{f"{at}organisation__in": organisation.partners.values("partner")})
    )


def agreements_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Its own agreements and those of its cooperations."""
    if organisation is None:
        return Q()
    at = _at(prefix)
    return Q(**{f"{at}organisation": organisation}) | Q(
        **{f"{at}cooperation__in": cooperation_ids(organisation)}
    )


def meetings_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Meetings of its bodies and of its networks."""
    if organisation is None:
        return Q()
    at = _at(prefix)
    return bodies_q(organisation, f"{at}body") | Q(**{f"{at}network__organisation": organisation})


def members_q(organisation: Organisation | None, prefix: str = "") -> Q:
    """Its member municipalities (of a Municipality)."""
    if organisation is None:
        return Q()
    members = organisation.members.values("municipality")
    return Q(**{f"{_at(prefix)}pk__in": members})


def regions() -> QuerySet[Organisation]:
    """The installation's regions by name, each with ``cooperation_count`` (its visible
    cooperations by the rule above): organisations of a region form with member
    municipalities recorded and at least one cooperation. (Any organisation of a region form
    has its pages at /r/<slug>/; an IKS whose owners are not recorded is not listed.)
    One query, however many regions."""
    placed = BoardSectionCooperation.objects.filter(
        section__organisation=OuterRef(OuterRef("pk"))
    ).values("cooperation")
    theirs = Cooperation.objects.visible().filter(
        Q(owner=OuterRef("pk")) | Q(organisation=OuterRef("pk")) | Q(pk__in=placed)
    )
    count = theirs.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk"))
    return (
        Organisation.objects.filter(legal_form__in=REGION_FORMS)
        .filter(Exists(OrganisationMember.objects.filter(organisation=OuterRef("pk"))))
        .annotate(cooperation_count=Coalesce(Subquery(count.values("n")), 0))
        .filter(cooperation_count__gt=0)
        .order_by("name")
    )


def region(slug: str) -> Organisation | None:
    """The organisation of a region form with this identifier, with its members."""
    return (
        Organisation.objects.filter(slug=slug, legal_form__in=REGION_FORMS)
        .prefetch_related("members__municipality")
        .first()
    )
