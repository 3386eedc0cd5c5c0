"""Decisions with follow-ups, bodies with memberships, networks."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.pagination import paginate

from samvirke.api.pagination import Pages
from samvirke.governance import selectors

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
def decisions(request, body: str = "", status: str = ""):
    """Published decisions, newest first; filter by body and by a follow-up's status."""
    rows = selectors.decision_list(body=body)
    if status:
        rows = rows.filter(follow_ups__status=status).distinct()
    return rows


@router.get("/decisions/{slug}", response=DecisionOut)
def decision(request, slug: str):
    return selectors.decision_detail(slug)


@router.get("/bodies")
def bodies(request):
    return [
        {
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
        for b in selectors.bodies_with_members()
    ]


@router.get("/networks")
def networks(request):
    return [
        {
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
        for n in selectors.network_list()
    ]
