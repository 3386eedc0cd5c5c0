"""The register as data: cooperations, agreements, municipalities (with their overview)."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
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
    basis: str  # the source's sentence that names its part
    council_decisions: list[str]  # slugs of its own council's decisions the status refers to


class StatedCountOut(Schema):
    """A count the source states without naming the municipalities ("5 av 6")."""

    count: int
    of: int | None
    date: str  # partial date
    basis: str  # the source's sentence
    text: str  # as shown: "5 av 6 kommunar"


class PhaseBasisOut(Schema):
    sentence: str  # the source's sentence the phase is set from
    interpreted: bool  # True: read from the sentence, which does not name the phase


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
    host_applies: bool  # False: no host is expected (a project, a plan), so null is not unknown
    phase_basis: PhaseBasisOut | None
    stated_count: StatedCountOut | None
    network: str | None  # the same network as a network record (slug)
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
        "host_applies": c.host_applies,
        "phase_basis": {"sentence": c.phase_basis, "interpreted": c.phase_interpreted}
        if c.phase_basis
        else None,
        "stated_count": stated_count(c),
        "network": _network_slug(c),
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
                "basis": p.basis,
                "council_decisions": [d.slug for d in p.council_decisions],
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


def stated_count(c) -> dict | None:
    if c.stated_count is None:
        return None
    return {
        "count": c.stated_count,
        "of": c.stated_count_of,
        "date": c.stated_count_date,
        "basis": c.stated_count_basis,
        "text": selectors.stated_count_text(c),
    }


def _network_slug(c) -> str | None:
    try:
        return c.network.slug
    except ObjectDoesNotExist:
        return None


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
        "council_decisions": [
            {
                "slug": d.slug,
                "title": d.title,
                "body": d.body.name,
                "date": d.date,
                "case_number": d.case_number,
                "cooperations": [link.cooperation.slug for link in d.concerns.all()],
            }
            for d in o.council_decisions
        ],
        # Everything it is in (kap. 17), as the portal, the PDF and the CSV show it.
        "involvements": [
            {
                "cooperation": i.cooperation.slug,
                "name": i.cooperation.name,
                "roles": list(i.roles),
                "status": i.status,
                "decided": i.decided,
                "stated_count": stated_count(i.cooperation),
                "council_decisions": [d.slug for d in i.council_decisions],
                "payments": list(i.payments),
                "review": i.review,
            }
            for i in o.involvements
        ],
        # its memberships; "unknown" where the register does not hold the organisation's
        # members (Sognarådet IPR), never a guess
        "organisations": [
            {"slug": org.slug, "name": org.name, "legal_form": org.legal_form, "member": member}
            for member, found in (("yes", o.organisations), ("unknown", o.unknown_memberships))
            for org in found
        ],
        "networks": [{"slug": n.slug, "name": n.name, "role": role} for n, role in o.networks],
    }
