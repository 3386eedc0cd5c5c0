"""Meetings: read for all (what the caller may see), write for staff of the organisation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samvirke.access import scope
from samvirke.api.auth import editor, require_change
from samvirke.api.pagination import Pages, Rows, sorted_rows
from samvirke.api.regions import ORGANISATION_HELP, region_of
from samvirke.governance.models import Body, Network
from samvirke.lib import viewer
from samvirke.lib.sorting import SORTS
from samvirke.meetings import selectors, services
from samvirke.meetings.models import Meeting
from samvirke.registry.models import Cooperation

router = Router(tags=["meetings"])


def _item(item) -> dict:
    return {
        "order": item.order,
        "number": item.number,
        "title": item.title,
        "proposal": item.proposal,
        "closed": item.closed,
        "closed_basis": item.closed_basis,
        "outcome": item.outcome,
        "decision": item.decision.slug if item.decision else None,
        "cooperations": [link.cooperation.slug for link in item.concerns.all()],
        "papers": [
            {
                "title": p.title,
                "size": p.size,
                "url": reverse("meetings:paper", args=[item.meeting.slug, p.pk]),
            }
            for p in item.papers.all()
        ],
    }


def _meeting(m, *, items: bool) -> dict:
    data = {
        "slug": m.slug,
        "body": m.body.slug if m.body else None,
        "network": m.network.slug if m.network else None,
        "title": m.title,
        "date": m.date,
        "start_time": m.start_time,
        "time_zone": "Europe/Oslo",
        "place": m.place,
        "video_link": m.video_link,
        "status": m.status,
        "notice_sent": m.notice_sent,
        "note": m.note,
    }
    if items:
        attendance = selectors.attendance(m)
        data["members_invited"] = attendance.members
        data["members_present"] = attendance.present
        data["quorate"] = attendance.quorate
        data["items"] = [_item(i) for i in m.items.all()]
    return data


@router.get("/meetings", response=list[dict])
@paginate(Pages)
def meetings(
    request,
    body: str = "",
    sort: str = "",
    organisation: str = Query("", description=ORGANISATION_HELP),
):
    """Published meetings (and the caller's organisation's planned ones), newest first
    (sort=date: oldest first)."""
    found = selectors.meeting_list(organisation=region_of(request, organisation), body=body)
    rows = sorted_rows(found, SORTS["meetings"], sort)
    return Rows(rows, lambda m: _meeting(m, items=False))


@router.get("/meetings/{slug}")
def meeting(request, slug: str):
    """A meeting with its items: closed items only for the organisation's members."""
    return _meeting(selectors.meeting_detail(slug, organisation=region_of(request)), items=True)


def _refused(error: ValidationError) -> HttpError:
    return HttpError(422, " ".join(error.messages))


def _editable(model, slug: str):
    found = scope.editable(model.objects.filter(slug=slug), viewer.current()).first()
    if found is None:
        raise HttpError(422, f"No {model._meta.verbose_name} “{slug}” that you may plan for.")
    return found


class MeetingIn(Schema):
    slug: str
    body: str = ""
    network: str = ""
    title: str = ""
    date: str = ""
    start_time: str = ""
    place: str = ""
    video_link: str = ""
    note: str = ""


@router.post("/meetings", response={201: dict}, auth=editor)
def meeting_create(request, payload: MeetingIn):
    """Plan a meeting of a body (or a network) of the caller's organisation."""
    if not scope.can_add(Meeting, viewer.current()):
        raise HttpError(403, "Your role does not let you plan meetings.")
    fields = payload.dict(exclude={"body", "network"})
    body = _editable(Body, payload.body) if payload.body else None
    network = _editable(Network, payload.network) if payload.network else None
    try:
        created = services.meeting_create(body=body, network=network, **fields)
    except ValidationError as error:
        raise _refused(error) from error
    return Status(201, _meeting(created, items=False))


def _own_meeting(slug: str) -> Meeting:
    found = get_object_or_404(Meeting.objects.visible(), slug=slug)
    require_change(found)
    return found


class ItemIn(Schema):
    title: str
    number: str = ""
    proposal: str = ""
    closed: bool = False
    closed_basis: str = ""
    cooperations: list[str] = []


@router.post("/meetings/{slug}/items", response={201: dict}, auth=editor)
def item_add(request, slug: str, payload: ItemIn):
    """Put an item on the agenda (refused once the meeting is minuted)."""
    found = _own_meeting(slug)
    fields = payload.dict()
    slugs = fields.pop("cooperations")
    cooperations = list(Cooperation.objects.visible().filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {c.slug for c in cooperations})
    if unknown:
        raise HttpError(422, "Unknown cooperation: " + ", ".join(unknown))
    try:
        item = services.item_add(meeting=found, cooperations=cooperations, **fields)
    except ValidationError as error:
        raise _refused(error) from error
    return Status(201, _item(item))


@router.post("/meetings/{slug}/call", auth=editor)
def meeting_call(request, slug: str):
    """Call the meeting: the agenda is published and the notice e-mailed when configured."""
    found = _own_meeting(slug)
    try:
        sent = services.meeting_call(meeting=found)
    except ValidationError as error:
        raise _refused(error) from error
    return {"status": found.status, "notices_sent": sent}


class FollowUpIn(Schema):
    text: str
    responsible: str = ""
    due: str = ""


class OutcomeIn(Schema):
    text: str
    follow_ups: list[FollowUpIn] = []


@router.post("/meetings/{slug}/items/{order}/outcome", response={201: dict}, auth=editor)
def item_outcome(request, slug: str, order: int, payload: OutcomeIn):
    """Record the decision taken on an item: the decision record is created in one step."""
    found = _own_meeting(slug)
    item = get_object_or_404(found.items, order=order)
    follow_ups = [services.FollowUpInput(**f.dict()) for f in payload.follow_ups]
    try:
        decision = services.item_record_outcome(item=item, text=payload.text, follow_ups=follow_ups)
    except ValidationError as error:
        raise _refused(error) from error
    return Status(201, {"decision": decision.slug, "published": decision.is_published})
