"""Decisions with follow-ups, bodies with memberships, networks."""

from __future__ import annotations

from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from samvirke.governance import selectors

router = Router(tags=["governance"])


def _decision(d) -> dict:
    return {
        "slug": d.slug,
        "body": d.body.slug,
        "date": d.date,
        "case_number": d.case_number,
        "title": d.title,
        "text": d.text,
        "note": d.note,
        "cooperations": [link.cooperation.slug for link in d.concerns.all()],
        "follow_ups": [
            {
                "text": f.text,
                "responsible": f.responsible,
                "due": f.due,
                "status": f.status,
                "notes": f.notes,
            }
            for f in d.follow_ups.all()
        ],
    }


@router.get("/decisions", response=list[dict])
@paginate(PageNumberPagination, page_size=50)
def decisions(request, body: str = "", status: str = ""):
    """Published decisions, newest first; filter by body and by a follow-up's status."""
    rows = selectors.decision_list(body=body)
    if status:
        rows = rows.filter(follow_ups__status=status).distinct()
    return [_decision(d) for d in rows]


@router.get("/decisions/{slug}")
def decision(request, slug: str):
    return _decision(selectors.decision_detail(slug))


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
            "members": [m.municipality.number for m in n.members.all()],
        }
        for n in selectors.network_list()
    ]
