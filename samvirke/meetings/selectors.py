"""Reads of meetings, for the portal, the API, the commands and the årshjul.

What a viewer sees: a meeting once it is published (called), like other records
(lib.fields.visible_q); its closed items and their papers only if the viewer is a board
member, staff member or administrator of the organisation (lib.fields.members_q).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from samvirke.governance.models import Decision
from samvirke.lib.fields import members_q, visible_q
from samvirke.meetings.calc import quorum
from samvirke.meetings.models import AgendaItem, AgendaItemCooperation, Attendee, CasePaper, Meeting
from samvirke.registry import regions
from samvirke.registry.models import Cooperation, Organisation


def meeting_list(
    *, organisation: Organisation | None, body: str = "", year: str = ""
) -> QuerySet[Meeting]:
    """The region's meetings (None: the whole installation's), newest first."""
    queryset = (
        Meeting.objects.visible()
        .filter(regions.meetings_q(organisation))
        .select_related("body", "network")
    )
    if body:
        queryset = queryset.filter(Q(body__slug=body) | Q(network__slug=body))
    if year:
        queryset = queryset.filter(date__startswith=year)
    return queryset.order_by("-date", "slug")


def visible_items() -> QuerySet[AgendaItem]:
    """Items of visible meetings: open ones, and closed ones for the organisation's members."""
    return AgendaItem.objects.filter(visible_q(Meeting, "meeting")).filter(
        Q(closed=False) | members_q(AgendaItem)
    )


def _items() -> QuerySet[AgendaItem]:
    concerns = AgendaItemCooperation.objects.filter(
        visible_q(Cooperation, "cooperation")
    ).select_related("cooperation")
    return (
        visible_items()
        .select_related("decision")
        .prefetch_related("papers", Prefetch("concerns", queryset=concerns))
        .order_by("order")
    )


def meeting_detail(slug: str, *, organisation: Organisation | None) -> Meeting:
    """A meeting of the region (404 for another region's)."""
    attendees = Attendee.objects.select_related("person")
    queryset = (
        Meeting.objects.visible()
        .filter(regions.meetings_q(organisation))
        .select_related("body__organisation", "body__cooperation__owner", "network__organisation")
    )
    return get_object_or_404(
        queryset.prefetch_related(
            Prefetch("items", queryset=_items()), Prefetch("attendees", queryset=attendees)
        ),
        slug=slug,
    )


def visible_decision_ids(meeting: Meeting) -> set[int]:
    """The decision records of the meeting's items that the viewer may open."""
    return set(
        Decision.objects.visible().filter(agenda_item__meeting=meeting).values_list("pk", flat=True)
    )


def linked_cooperation_ids(meeting: Meeting, organisation: Organisation | None) -> set[int]:
    """The cooperations the meeting's items concern that have a page in this region."""
    return regions.cooperations_with_pages(
        organisation,
        AgendaItemCooperation.objects.filter(item__meeting=meeting).values("cooperation"),
    )


def paper(slug: str, pk: int, *, organisation: Organisation | None) -> CasePaper:
    """A case paper of the region's meeting, only to those who may see its item (404
    otherwise)."""
    items = visible_items().filter(regions.meetings_q(organisation, "meeting"), meeting__slug=slug)
    papers = CasePaper.objects.filter(item__in=items)
    return get_object_or_404(papers.select_related("item__meeting"), pk=pk)


@dataclass(frozen=True)
class Attendance:
    members: int
    present: int | None  # None: not recorded for every member
    guests: int
    quorate: bool | None
    needed: int


def attendance(meeting: Meeting) -> Attendance:
    """Members invited and present, and whether that is a quorum (kommunelova § 11-9)."""
    rows = list(meeting.attendees.all())
    members = [a for a in rows if a.kind == Attendee.Kind.MEMBER]
    known = all(a.present is not None for a in members) and bool(members)
    present = sum(1 for a in members if a.present) if known else None
    return Attendance(
        members=len(members),
        present=present,
        guests=len(rows) - len(members),
        quorate=quorum.quorate(len(members), present),
        needed=quorum.needed(len(members)),
    )


def decks_for(meeting: Meeting) -> list:
    """Published status report editions of the meeting's month, of its organisation."""
    from samvirke.reports.models import Edition  # the reports read meetings' decisions too

    month = meeting.date[:7]
    if len(month) != 7:
        return []
    body, network = meeting.body, meeting.network
    owners = (
        [body.organisation, body.cooperation.owner if body.cooperation else None]
        if body is not None
        else [network.organisation if network is not None else None]
    )
    slugs = [o.slug for o in owners if o is not None]
    return list(
        Edition.objects.filter(period=month, organisation__in=slugs).order_by("-published_at")
    )
