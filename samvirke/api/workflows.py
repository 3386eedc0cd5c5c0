"""The ownership workflows as data: agreement checklists and reviews, the follow-up plan and
its calendar, host selections, investigations, transfers, and what falls due."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from samvirke.api.auth import editor, require_change
from samvirke.api.regions import ORGANISATION_HELP, region_of
from samvirke.registry import selectors as registry
from samvirke.workflows import agenda, selectors, services
from samvirke.workflows.models import AgreementReview

router = Router(tags=["workflows"])


class ItemOut(Schema):
    kind: str
    title: str
    context: str
    due: str
    done: bool
    responsible: str
    url: str
    municipalities: list[str]
    bodies: list[str]


class DueItemOut(ItemOut):
    bucket: str  # overdue, this_month or this_quarter


def _item(item: agenda.Item, **extra) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "context": item.context,
        "due": item.when,
        "done": item.done,
        "responsible": item.responsible,
        "url": item.url,
        "municipalities": sorted(item.municipalities),
        "bodies": sorted(item.bodies),
        **extra,
    }


@router.get("/due", response=list[DueItemOut])
def due(
    request,
    municipality: str = "",
    body: str = "",
    organisation: str = Query("", description=ORGANISATION_HELP),
):
    """Open items overdue or due by the end of this quarter (Europe/Oslo); drafts only for
    those whose role lets them see drafts."""
    rows = agenda.due(
        timezone.localdate(),
        organisation=region_of(request, organisation),
        municipality=municipality,
        body=body,
    )
    return [_item(item, bucket=bucket) for bucket, item in rows]


@router.get("/calendar", response=list[ItemOut])
def calendar(
    request,
    year: int | None = None,
    municipality: str = "",
    body: str = "",
    organisation: str = Query("", description=ORGANISATION_HELP),
):
    """The årshjul: every dated item of a year, done or not; undated duties have due ""."""
    if year is not None and not 1900 <= year <= 2200:
        raise HttpError(422, "year must be between 1900 and 2200")
    year = year or timezone.localdate().year
    filters = {
        "organisation": region_of(request, organisation),
        "municipality": municipality,
        "body": body,
    }
    dated = agenda.items(dt.date(year, 1, 1), dt.date(year, 12, 31), **filters)
    return [_item(i) for i in dated + agenda.undated(**filters)]


class ElementOut(Schema):
    element: str
    state: str  # present, missing or unknown
    recorded: bool
    clause: str
    note: str


class ReviewOut(Schema):
    date: str
    outcome: str
    reviewed_by: str
    decision: str | None
    notes: str


class ChecklistOut(Schema):
    agreement: str
    review_date: str
    responsible: str
    law: str | None
    complete: bool
    elements: list[ElementOut]
    reviews: list[ReviewOut]


def _review(r: AgreementReview) -> dict:
    return {
        "date": r.date,
        "outcome": r.outcome,
        "reviewed_by": r.reviewed_by,
        "decision": r.decision.slug if r.decision else None,
        "notes": r.notes,
    }


@router.get("/agreements/{slug}/review", response=ChecklistOut)
def agreement_review(request, slug: str):
    """An agreement's review date, the law's required elements and the review history."""
    agreement = registry.agreement_detail(slug, organisation=region_of(request))
    checklist = selectors.agreement_checklist(agreement)
    return {
        "agreement": agreement.slug,
        "review_date": agreement.review_date,
        "responsible": agreement.responsible,
        "law": checklist.law or None,
        "complete": checklist.complete,
        "elements": [
            {
                "element": c.element,
                "state": c.state,
                "recorded": c.recorded,
                "clause": record.clause if record else "",
                "note": record.note if record else "",
            }
            for _label, c, record in checklist.rows
        ],
        "reviews": [_review(r) for r in agreement.reviews.all()],
    }


class ReviewIn(Schema):
    date: str
    outcome: AgreementReview.Outcome
    notes: str = ""
    decision: str = ""
    reviewed_by: str = ""
    next_review: str = ""


@router.post("/agreements/{slug}/reviews", response={201: ReviewOut}, auth=editor)
def agreement_review_record(request, slug: str, payload: ReviewIn):
    """Record a review: staff of the agreement's organisation, with a token (Authorization:
    Bearer) or a logged-in session and its CSRF token."""
    agreements = registry.agreement_list(organisation=region_of(request))
    require_change(get_object_or_404(agreements, slug=slug))
    try:
        review = services.review_record(agreement=slug, **payload.dict())
    except services.WorkflowInputError as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(201, _review(review))


class CandidateOut(Schema):
    municipality: str
    note: str


class ScoreOut(Schema):
    municipality: str
    score: str
    justification: str


class CriterionOut(Schema):
    slug: str
    name: str
    weight: str | None
    scores: list[ScoreOut]


class RankOut(Schema):
    municipality: str
    total: float


class StabilityOut(Schema):
    criterion: str
    weight: float
    low: float
    high: float | None


class HostSelectionOut(Schema):
    slug: str
    cooperation: str
    criteria_decision: str | None
    decision: str | None
    chosen: str | None
    note: str
    candidates: list[CandidateOut]
    criteria: list[CriterionOut]
    missing: list[str]
    ranking: list[RankOut]
    sensitivity: list[StabilityOut]


@router.get("/host-selections", response=list[HostSelectionOut])
def host_selections(request):
    """Host-municipality selections: matrix, ranking and how sensitive it is to the weights."""
    result = []
    for m in map(selectors.host_matrix, selectors.host_selections()):
        s = m.selection
        result.append(
            {
                "slug": s.slug,
                "cooperation": s.cooperation.slug,
                "criteria_decision": s.criteria_decision.slug if s.criteria_decision else None,
                "decision": s.decision.slug if s.decision else None,
                "chosen": s.chosen.number if s.chosen else None,
                "note": s.note,
                "candidates": [
                    {"municipality": c.municipality.number, "note": c.note}
                    for c in s.candidates.all()
                ],
                "criteria": [
                    {
                        "slug": c.slug,
                        "name": c.name,
                        "weight": None if c.weight is None else str(c.weight),
                        "scores": [
                            {
                                "municipality": sc.municipality.number,
                                "score": str(sc.score),
                                "justification": sc.justification,
                            }
                            for sc in c.scores.all()
                        ],
                    }
                    for c in m.criteria
                ],
                "missing": m.missing,
                "ranking": [
                    {"municipality": r.municipality.number, "total": float(r.total)}
                    for r in m.ranking
                ],
                "sensitivity": [
                    {
                        "criterion": st.criterion,
                        "weight": float(st.weight),
                        "low": float(st.low),
                        "high": None if st.high is None else float(st.high),
                    }
                    for st in m.stability
                ],
            }
        )
    return result


class OutputOut(Schema):
    kind: str
    status: str
    date: str
    title: str


class StepOut(Schema):
    step: str
    status: str
    date: str
    participants: str
    union_representatives: bool | None
    employees: str | None  # tok_del, inviterte (invited to comment), ikkje, ukjend
    clarification: str
    decision: str | None
    outputs: list[OutputOut]


class InvestigationOut(Schema):
    slug: str
    cooperation: str
    title: str
    steps: list[StepOut]


@router.get("/investigations", response=list[InvestigationOut])
def investigations(request, cooperation: str = ""):
    """Investigations with all five standard steps; a step nobody recorded is "ukjend"."""
    rows = selectors.investigations()
    if cooperation:
        rows = rows.filter(cooperation__slug=cooperation)
    result = []
    for investigation in rows:
        steps = []
        for s in selectors.process_bar(investigation):
            r = s.record
            steps.append(
                {
                    "step": s.step,
                    "status": s.status,
                    "date": r.date if r else "",
                    "participants": r.participants if r else "",
                    "union_representatives": r.union_representatives if r else None,
                    "employees": r.employees if r else None,
                    "clarification": r.clarification if r else "",
                    "decision": r.decision.slug if r and r.decision else None,
                    "outputs": [
                        {"kind": o.kind, "status": o.status, "date": o.date, "title": o.title}
                        for o in s.outputs
                    ],
                }
            )
        result.append(
            {
                "slug": investigation.slug,
                "cooperation": investigation.cooperation.slug,
                "title": investigation.title,
                "steps": steps,
            }
        )
    return result


class TransferStepOut(Schema):
    kind: str
    status: str
    responsible: str
    due: str
    done: str
    note: str


class TransferOut(Schema):
    cooperation: str
    date: str
    note: str
    steps: list[TransferStepOut]


@router.get("/transfers", response=list[TransferOut])
def transfers(request):
    """Transfers of undertakings with every standard step; unrecorded steps are "ukjend"."""
    return [
        {
            "cooperation": t.cooperation.slug,
            "date": t.date,
            "note": t.note,
            "steps": [
                {
                    "kind": i.kind,
                    "status": i.status,
                    "responsible": i.record.responsible if i.record else "",
                    "due": i.record.due if i.record else "",
                    "done": i.record.done if i.record else "",
                    "note": i.note,
                }
                for i in selectors.transfer_checklist(t)
            ],
        }
        for t in selectors.transfers()
    ]
