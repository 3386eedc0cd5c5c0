"""Decisions with follow-ups, bodies with memberships, networks."""

from __future__ import annotations

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from samvirke.api.pagination import Pages, Rows, sorted_rows
from samvirke.api.regions import ORGANISATION_HELP, region_of
from samvirke.governance import selectors
from samvirke.lib.sorting import SORTS

router = Router(tags=["governance"])


class FollowUpOut(Schema):
    text: str
    responsible: str
    due: str  # partial date
    status: str
    notes: str


class DecisionOut(Schema):
    """A decision, read from the model (the list is counted and cut in the database)."""

    slug: str
    body: str
    date: str
    case_number: str
    title: str
    text: str
    note: str
    cooperations: list[str]
    follow_ups: list[FollowUpOut]

    @staticmethod
    def resolve_body(d) -> str:
        return d.body.slug

    @staticmethod
    def resolve_cooperations(d) -> list[str]:
        return [link.cooperation.slug for link in d.concerns.all()]

    @staticmethod
    def resolve_follow_ups(d) -> list[dict]:
        return [
            {
                "text": f.text,
                "responsible": f.responsible,
                "due": f.due,
                "status": f.status,
                "notes": f.notes,
            }
            for f in d.follow_ups.all()
        ]


@router.get("/decisions", response=list[DecisionOut])
@paginate(Pages)
def decisions(
    request,
    body: str = "",
    status: str = "",
    sort: str = "",
    organisation: str = Query("", description=ORGANISATION_HELP),
):
    """Published decisions, newest first; filter by body and by a follow-up's status."""
    rows = selectors.decision_list(organisation=region_of(request, organisation), body=body)
    if status:
        rows = rows.filter(follow_ups__status=status).distinct()
    return sorted_rows(rows, SORTS["decisions"], sort)


@router.get("/decisions/{slug}", response=DecisionOut)
def decision(request, slug: str):
    return selectors.decision_detail(slug, organisation=region_of(request))


def _body(b) -> dict:
    return {
        "slug": b.slug,
        "name": b.name,
        "kind": b.kind,
        "organisation": b.organisation.slug if b.organisation else None,
        "members": [
            {
                "person": m.person.name if m.person else m.holder_title,
                "role": m.role,
                "municipality": m.municipality.number if m.municipality else None,
                "start": m.start,
                "end": m.end,
            }
            for m in b.memberships.all()
        ],
    }


@router.get("/bodies", response=list[dict])
@paginate(Pages)
def bodies(request, sort: str = "", organisation: str = Query("", description=ORGANISATION_HELP)):
    """Bodies with their members, by organisation and name (or sort=name, -name)."""
    found = selectors.bodies_with_members(organisation=region_of(request, organisation))
    return Rows(sorted_rows(found, SORTS["bodies"], sort), _body)


def _network(n) -> dict:
    return {
        "slug": n.slug,
        "name": n.name,
        "committed": n.committed,
        "formal_mandate": n.formal_mandate,
        "mandate": n.mandate,
        "established": n.established,
        "organisation": n.organisation.slug if n.organisation else None,
        # the same network held as a cooperation (one network, not two)
        "cooperation": n.cooperation.slug if n.cooperation else None,
        "members": [m.municipality.number for m in n.members.all()],
    }


@router.get("/networks", response=list[dict])
@paginate(Pages)
def networks(request, sort: str = "", organisation: str = Query("", description=ORGANISATION_HELP)):
    """Published networks by name (sort=-name reverses)."""
    found = selectors.network_list(organisation=region_of(request, organisation))
    return Rows(sorted_rows(found, SORTS["networks"], sort), _network)
