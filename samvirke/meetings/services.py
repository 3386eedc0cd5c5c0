"""Writes of meetings: call a meeting (notice e-mail), record an item's outcome (the
decision record in the same step), approve the minutes. Each is one transaction: a
refused write stores nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samvirke.governance.models import Body, Decision, FollowUp, Network
from samvirke.governance.services import decision_save
from samvirke.meetings.models import AgendaItem, AgendaItemCooperation, CasePaper, Meeting
from samvirke.registry.models import Cooperation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FollowUpInput:
    text: str
    responsible: str = ""
    due: str = ""


def _not_minuted(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.MINUTED:
        raise ValidationError(_("The meeting is minuted: its agenda can no longer change."))


@transaction.atomic
def meeting_call(*, meeting: Meeting, notify: bool = True) -> int:
    """Innkalling: the meeting is called and its agenda published; members with an e-mail
    address get the notice when e-mail is configured. Returns the number of notices sent."""
    if meeting.status != Meeting.Status.PLANNED:
        raise ValidationError(_("Only a planned meeting can be called."))
    meeting.status = Meeting.Status.CALLED
    meeting.notice_sent = timezone.localdate().isoformat()
    meeting.is_published = True
    meeting.full_clean()
    meeting.save()
    if not notify or not settings.SAMVIRKE_MEETING_NOTICES:
        return 0
    recipients = sorted(
        {
            a.person.email
            for a in meeting.attendees.select_related("person")
            if a.person and a.person.email
        }
    )
    if not recipients:
        return 0
    # sent once the transaction commits, so a rolled-back call sends nothing
    transaction.on_commit(lambda: _send_notice(meeting, recipients))
    return len(recipients)


def _send_notice(meeting: Meeting, recipients: list[str]) -> None:
    url = settings.SAMVIRKE_BASE_URL + reverse("meetings:detail", args=[meeting.slug])
    lines = [
        _("You are called to a meeting of %(organ)s.") % {"organ": meeting.organ_name},
        _("Date: %(date)s %(time)s") % {"date": meeting.date, "time": meeting.start_time},
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    if meeting.video_link:
        lines.append(_("Video: %(link)s") % {"link": meeting.video_link})
    lines.append("")
    lines.append(_("Agenda"))
    lines += [f"{item.number or item.order}. {item.title}" for item in meeting.items.all()]
    lines += ["", _("Agenda and papers: %(url)s") % {"url": url}]
    send_mail(
        _("Notice of meeting: %(organ)s %(date)s")
        % {"organ": meeting.organ_name, "date": meeting.date},
        "\n".join(lines),
        None,
        recipients,
    )
    log.info("meeting notice sent meeting=%s recipients=%d", meeting.slug, len(recipients))


@transaction.atomic
def item_record_outcome(
    *,
    item: AgendaItem,
    text: str,
    follow_ups: list[FollowUpInput] | tuple[FollowUpInput, ...] = (),
) -> Decision:
    """The decision taken on an item becomes the decision record (body, date, case number,
    text, cooperations concerned, follow-ups) in one step; recording again corrects it."""
    meeting = item.meeting
    _not_minuted(meeting)
    text = text.strip()
    if not text:
        raise ValidationError({"outcome": _("Write the decision taken.")})
    if meeting.body is None:
        raise ValidationError(_("A network's meeting takes no decisions; only a body's does."))
    if meeting.status == Meeting.Status.PLANNED:
        raise ValidationError(_("Call the meeting before recording what it decided."))
    # an open item of a published meeting is public; a closed one waits for staff
    decision = decision_save(
        item.decision or Decision(),
        body=meeting.body,
        date=meeting.date,
        title=item.title,
        text=text,
        case_number=item.number,
        published=meeting.is_published and not item.closed,
        cooperation_ids=[link.cooperation_id for link in item.concerns.all()],
        slug_from=f"{meeting.slug}-sak-{item.number or item.order}",
    )
    start = (
        decision.follow_ups.order_by("-order").values_list("order", flat=True).first() or 0
    ) + 1
    for order, follow_up in enumerate(follow_ups, start=start):
        row = FollowUp(
            decision=decision,
            order=order,
            text=follow_up.text,
            responsible=follow_up.responsible,
            due=follow_up.due,
            status=FollowUp.Status.NOT_STARTED,
        )
        row.full_clean()
        row.save()
    item.outcome = text
    item.decision = decision
    item.full_clean()
    item.save()
    if meeting.status == Meeting.Status.CALLED:
        meeting.status = Meeting.Status.HELD
        meeting.save()
    return decision


@transaction.atomic
def meeting_minute(*, meeting: Meeting) -> Meeting:
    """The minutes are approved: the meeting is minuted and its agenda frozen."""
    if meeting.status not in (Meeting.Status.CALLED, Meeting.Status.HELD):
        raise ValidationError(_("Only a called or held meeting can be minuted."))
    meeting.status = Meeting.Status.MINUTED
    meeting.save()
    return meeting


@transaction.atomic
def meeting_create(
    *,
    slug: str,
    body: Body | None = None,
    network: Network | None = None,
    date: str = "",
    start_time: str = "",
    title: str = "",
    place: str = "",
    video_link: str = "",
    note: str = "",
) -> Meeting:
    """Plan a meeting (not yet public: calling it publishes the agenda)."""
    meeting = Meeting(
        slug=slug,
        body=body,
        network=network,
        date=date,
        start_time=start_time,
        title=title,
        place=place,
        video_link=video_link,
        note=note,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    title: str,
    number: str = "",
    proposal: str = "",
    closed: bool = False,
    closed_basis: str = "",
    cooperations: list[Cooperation] | tuple[Cooperation, ...] = (),
) -> AgendaItem:
    """Put an item on a meeting's agenda (refused once the meeting is minuted)."""
    _not_minuted(meeting)
    last = meeting.items.order_by("-order").values_list("order", flat=True).first() or 0
    item = AgendaItem(
        meeting=meeting,
        order=last + 1,
        number=number,
        title=title,
        proposal=proposal,
        closed=closed,
        closed_basis=closed_basis,
    )
    item.full_clean()
    item.save()
    for cooperation in cooperations:
        AgendaItemCooperation.objects.create(item=item, cooperation=cooperation)
    return item


@transaction.atomic
def paper_add(*, item: AgendaItem, title: str, file) -> CasePaper:
    """Attach a case paper: a PDF, checked from its content (registry.documents)."""
    _not_minuted(item.meeting)
    paper = CasePaper(item=item, title=title, file=file)
    paper.full_clean()
    paper.save()
    return paper
