"""The register as data: cooperations, agreements, municipalities (with their overview)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from samvirke.api.pagination import Pages, sorted_rows
from samvirke.api.regions import ORGANISATION_HELP, region_of
from samvirke.lib.sorting import SORTS
from samvirke.registry import selectors
from samvirke.registry.models import Municipality

router = Router(tags=["register"])


class CooperationFields(Schema):
    slug: str
    name: str
    service_area: str | None
    legal_model: str
    phase: str
    host: str | None  # municipality number


class CooperationListOut(CooperationFields):
    """A list row, read from the model: the list hands ninja a queryset, which it counts and
    cuts in the database before any row is built."""

    @staticmethod
    def resolve_service_area(c) -> str | None:
        return c.service_area.slug if c.service_area else None

    @staticmethod
    def resolve_host(c) -> str | None:
        return c.host.number if c.host else None


class ParticipantOut(Schema):
    municipality: str
    name: str
    status: str
    decided: str
    note: str


class FinancingOut(Schema):
    source: str
    amount: str | None
    kind: str


class StatusOut(Schema):
    date: str
    text: str
    source: str | None


class NextStepOut(Schema):
    due: str  # partial date, e.g. "2026-04"
    text: str
    done: bool


class PartyOut(Schema):
    municipality: str  # municipality number
    status: str
    adopted: str  # partial date
    signed: str  # partial date


class CooperationOut(CooperationFields):
    description: str
    start: str
    resources: str | None
    project_leader: str
    participants: list[ParticipantOut]
    financing: list[FinancingOut]
    status_entries: list[StatusOut]
    next_steps: list[NextStepOut]
    decisions: list[str]  # decision slugs


def _list_row(c) -> dict:
    return {
        "slug": c.slug,
        "name": c.name,
        "service_area": c.service_area.slug if c.service_area else None,
        "legal_model": c.legal_model,
        "phase": c.phase,
        "host": c.host.number if c.host else None,
    }


@router.get("/cooperations", response=list[CooperationListOut])
@paginate(Pages)
def cooperations(
    request,
    service_area: str = "",
    legal_model: str = "",
    phase: str = "",
    host: str = "",
    municipality: str = "",
    sort: str = "",
    organisation: str = Query("", description=ORGANISATION_HELP),
):
    """Published cooperations in the board's order (or sort=name, -name); the same filters
    as the portal."""
    filters = selectors.CooperationFilters(service_area, legal_model, phase, host, municipality)
    region = region_of(request, organisation)
    board = region.slug if region is not None else request.region_slug
    rows = selectors.cooperation_list(filters, organisation=region, board=board)
    return sorted_rows(rows, SORTS["cooperations"], sort)


@router.get("/cooperations/{slug}", response=CooperationOut)
def cooperation(request, slug: str):
    """One cooperation (under a region's prefix: only that region's)."""
    c = selectors.cooperation_detail(slug, organisation=region_of(request))
    return {
        **_list_row(c),
        "description": c.description,
        "start": c.start,
        "resources": None if c.resources is None else str(c.resources),
        "project_leader": c.project_leader.name if c.project_leader else c.project_leader_note,
        "participants": [
            {
                "municipality": p.municipality.number,
                "name": p.municipality.name,
                "status": p.status,
                "decided": p.decided,
                "note": p.note,
            }
            for p in c.participations.all()
        ],
        "financing": [
            {
                "source": f.source.name if f.source else f.source_note,
                "amount": None if f.amount is None else str(f.amount),
                "kind": f.kind,
            }
            for f in c.financing.all()
        ],
        "status_entries": [
            {"date": e.date, "text": e.text, "source": e.source.title if e.source else None}
            for e in c.status_entries.all()
        ],
        "next_steps": [{"due": s.due, "text": s.text, "done": s.done} for s in c.next_steps.all()],
        "decisions": [link.decision.slug for link in c.decision_links.all()],
    }


class AgreementOut(Schema):
    slug: str
    title: str
    kind: str
    cooperation: str | None
    host: str | None
    in_force: str
    review_date: str
    notice_terms: str
    cost_key: str
    parties: list[PartyOut]

    @staticmethod
    def resolve_cooperation(a) -> str | None:
        return a.cooperation.slug if a.cooperation else None

    @staticmethod
    def resolve_host(a) -> str | None:
        return a.host.number if a.host else None

    @staticmethod
    def resolve_parties(a) -> list[dict]:
        return [
            {
                "municipality": p.municipality.number,
                "status": p.status,
                "adopted": p.adopted,
                "signed": p.signed,
            }
            for p in a.parties.all()
        ]


@router.get("/agreements", response=list[AgreementOut])
@paginate(Pages)
def agreements(
    request,
    municipality: str = "",
    sort: str = "",
    organisation: str = Query("", description=ORGANISATION_HELP),
):
    """Published agreements by title (sort=-title reverses), optionally those a
    municipality is party to."""
    rows = selectors.agreement_list(organisation=region_of(request, organisation))
    if municipality:
        rows = rows.filter(parties__municipality__number=municipality).distinct()
    return sorted_rows(rows, SORTS["agreements"], sort)


@router.get("/agreements/{slug}", response=AgreementOut)
def agreement(request, slug: str):
    return selectors.agreement_detail(slug, organisation=region_of(request))


class MunicipalityOut(Schema):
    number: str
    name: str
    county: str
    org_number: str


@router.get("/municipalities", response=list[MunicipalityOut])
@paginate(Pages)
def municipalities(
    request, sort: str = "", organisation: str = Query("", description=ORGANISATION_HELP)
):
    """Municipalities by number (or sort=name, -name): a region's members, or every one on
    the installation."""
    found = selectors.municipality_list(organisation=region_of(request, organisation))
    return sorted_rows(found, SORTS["municipalities"], sort)


@router.get("/municipalities/{number}/overview")
def municipality_overview(request, number: str):
    """The municipality's overview of cooperation and agreements (kommunelova kap. 17):
    everything it takes part in, across every organisation on the installation."""
    get_object_or_404(Municipality, number=number)
    o = selectors.municipality_overview(number)
    return {
        "municipality": {"number": o.municipality.number, "name": o.municipality.name},
        "cooperations": [
            {
                "slug": p.cooperation.slug,
                "name": p.cooperation.name,
                "legal_model": p.cooperation.legal_model,
                "host": p.cooperation.host.number if p.cooperation.host else None,
                "status": p.status,
                "decided": p.decided,
            }
            for p in o.participations
        ],
        "hosts": [c.slug for c in o.hosted],
        "agreements": [
            {
                "slug": p.agreement.slug,
                "title": p.agreement.title,
                "status": p.status,
                "review_date": p.agreement.review_date,
            }
            for p in o.agreement_parties
        ],
        "decisions": [d.slug for d in o.decisions],
        # Everything it is in (kap. 17), as the portal, the PDF and the CSV show it.
        "involvements": [
            {
                "cooperation": i.cooperation.slug,
                "name": i.cooperation.name,
                "roles": list(i.roles),
                "status": i.status,
                "decided": i.decided,
                "payments": list(i.payments),
                "review": i.review,
            }
            for i in o.involvements
        ],
        "organisations": [
            {"slug": org.slug, "name": org.name, "legal_form": org.legal_form}
            for org in o.organisations
        ],
        "networks": [{"slug": n.slug, "name": n.name, "role": role} for n, role in o.networks],
    }
