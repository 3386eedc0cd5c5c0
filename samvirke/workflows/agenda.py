"""What falls due: one list behind the staff dashboard, the reminders, the årshjul and the
calendar feeds, so none of them can disagree.

Sources: agreement reviews, open follow-ups of decisions, each occurrence of a duty in the
follow-up plan, open transfer steps, planned investigation steps and cooperations' next
steps. Each item knows the municipalities and bodies it concerns, for the filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samvirke.governance.models import Decision, FollowUp
from samvirke.lib import partial_date
from samvirke.lib.fields import visible_q
from samvirke.meetings.models import Meeting
from samvirke.registry import regions
from samvirke.registry.models import (
    Agreement,
    Cooperation,
    NextStep,
    Organisation,
    Participation,
    ParticipationStatus,
)
from samvirke.workflows.calc import recurrence
from samvirke.workflows.calc.due import classify, same_duty
from samvirke.workflows.models import Duty, InvestigationStep, Progress, TransferStep

REVIEW, FOLLOW_UP, DUTY, TRANSFER, INVESTIGATION, NEXT_STEP, MEETING = (
    "review",
    "follow_up",
    "duty",
    "transfer",
    "investigation",
    "next_step",
    "meeting",
)
EARLIEST = dt.date(1900, 1, 1)
KIND_LABELS = {
    REVIEW: gettext_lazy("agreement review"),
    FOLLOW_UP: gettext_lazy("decision follow-up"),
    DUTY: gettext_lazy("duty in the follow-up plan"),
    TRANSFER: gettext_lazy("transfer of undertaking"),
    INVESTIGATION: gettext_lazy("investigation step"),
    NEXT_STEP: gettext_lazy("next step"),
    MEETING: gettext_lazy("meeting"),
}


@dataclass(frozen=True)
class Item:
    kind: str
    uid: str  # stable across runs: a calendar program updates rather than duplicates
    title: str
    context: str  # the agreement, decision or cooperation it belongs to
    when: str  # partial date; "" for a duty without a known date
    done: bool
    responsible: str
    url: str
    municipalities: frozenset[str]  # municipality numbers
    bodies: frozenset[str]  # body slugs
    time: str = ""  # a meeting's start, HH:MM in Europe/Oslo, when known
    cooperations: frozenset[str] = frozenset()  # slugs of the cooperations it belongs to

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def last_day(self) -> dt.date | None:
        return partial_date.parse(self.when).last if self.when else None

    def concerns(self, *, municipality: str = "", body: str = "") -> bool:
        return (not municipality or municipality in self.municipalities) and (
            not body or body in self.bodies
        )


def items(
    start: dt.date,
    end: dt.date,
    *,
    organisation: Organisation | None,
    municipality: str = "",
    body: str = "",
) -> list[Item]:
    """Every dated item of the region (None: the whole installation) the viewer may see whose
    last day falls in [start, end], by date."""
    found = [
        item
        for item in _all(start, end, organisation)
        if item.when
        and start <= item.last_day <= end
        and item.concerns(municipality=municipality, body=body)
    ]
    return sorted(_one_per_duty(found), key=lambda i: (i.last_day, i.when, i.title))


def _one_per_duty(found: list[Item]) -> list[Item]:
    """A cooperation's next step that restates a decision's follow-up or a meeting of the
    same cooperation on the same date is the same duty: the follow-up or meeting stays."""
    records = [i for i in found if i.kind in (FOLLOW_UP, MEETING) and i.cooperations]
    return [
        item
        for item in found
        if item.kind != NEXT_STEP
        or not any(
            r.when == item.when
            and r.cooperations & item.cooperations
            and same_duty(r.title, item.title)
            for r in records
        )
    ]


def undated(
    *, organisation: Organisation | None, municipality: str = "", body: str = ""
) -> list[Item]:
    """Duties of the region's follow-up plan whose due date nobody has recorded."""
    return [
        item
        for item in _duties(EARLIEST, EARLIEST, organisation, undated_only=True)
        if item.concerns(municipality=municipality, body=body)
    ]


def due(
    today: dt.date, *, organisation: Organisation | None, municipality: str = "", body: str = ""
) -> list[tuple[str, Item]]:
    """Open items overdue or due by the end of this quarter, with their bucket, by date."""
    quarter_end_month = ((today.month - 1) // 3 + 1) * 3
    end = partial_date.parse(f"{today.year}-{quarter_end_month:02d}").last
    chosen = items(EARLIEST, end, organisation=organisation, municipality=municipality, body=body)
    return [(classify(i.when, today).bucket, i) for i in chosen if not i.done]


def _all(start: dt.date, end: dt.date, organisation: Organisation | None) -> Iterator[Item]:
    yield from _reviews(organisation)
    yield from _follow_ups(organisation)
    yield from _duties(start, end, organisation)
    yield from _transfer_steps(organisation)
    yield from _investigation_steps(organisation)
    yield from _next_steps(organisation)
    yield from _meetings(organisation)


def _cooperations() -> QuerySet[Cooperation]:
    """Cooperations with what _numbers() and the bodies filter read."""
    active = Participation.objects.taking_part().select_related("municipality")
    return Cooperation.objects.prefetch_related(
        Prefetch("participations", queryset=active), "owner__members__municipality", "bodies"
    )


def _numbers(cooperation: Cooperation | None) -> frozenset[str]:
    """The municipalities taking part; for a cooperation without any, its owner's members."""
    if cooperation is None:
        return frozenset()
    numbers = frozenset(p.municipality.number for p in cooperation.participations.all())
    if not numbers and cooperation.owner is not None:
        numbers = frozenset(m.municipality.number for m in cooperation.owner.members.all())
    return numbers


def _cooperation_url(cooperation: Cooperation) -> str:
    return reverse("portal:cooperation_detail", args=[cooperation.slug])


def _reviews(organisation: Organisation | None) -> Iterator[Item]:
    agreements = (
        Agreement.objects.visible()
        .filter(regions.agreements_q(organisation))
        .exclude(review_date="")
        .prefetch_related("parties__municipality")
    )
    for agreement in agreements:
        yield Item(
            REVIEW,
            f"review-{agreement.slug}-{agreement.review_date}",
            _("Review of the agreement"),
            agreement.title,
            agreement.review_date,
            False,
            agreement.responsible,
            reverse("portal:agreement_detail", args=[agreement.slug]),
            frozenset(
                p.municipality.number
                for p in agreement.parties.all()
                if p.status != ParticipationStatus.WITHDRAWN
            ),
            frozenset(),
        )


def _follow_ups(organisation: Organisation | None) -> Iterator[Item]:
    follow_ups = (
        FollowUp.objects.exclude(due="")
        .filter(visible_q(Decision, "decision"), regions.decisions_q(organisation, "decision"))
        .select_related("decision__body__organisation")
        .prefetch_related(
            Prefetch(
                "decision__concerns__cooperation",
                queryset=_cooperations(),
            ),
            "decision__body__organisation__members__municipality",
        )
    )
    for follow_up in follow_ups:
        decision = follow_up.decision
        numbers = frozenset().union(*(_numbers(c.cooperation) for c in decision.concerns.all()))
        organisation = decision.body.organisation
        if not numbers and organisation is not None:
            numbers = frozenset(m.municipality.number for m in organisation.members.all())
        yield Item(
            FOLLOW_UP,
            f"follow-up-{decision.slug}-{follow_up.order}",
            follow_up.text,
            decision.title,
            follow_up.due,
            follow_up.status == FollowUp.Status.DONE,
            follow_up.responsible,
            reverse("portal:decision_detail", args=[decision.slug]),
            numbers,
            frozenset([decision.body.slug]),
            cooperations=frozenset(c.cooperation.slug for c in decision.concerns.all()),
        )


def _duties(
    start: dt.date, end: dt.date, organisation: Organisation | None, *, undated_only: bool = False
) -> Iterator[Item]:
    duties = (
        Duty.objects.select_related("recipient", "organisation")
        .prefetch_related(
            "completions",
            "organisation__members__municipality",
            Prefetch("cooperation", queryset=_cooperations()),
        )
        .order_by("slug")
    )
    duties = duties.filter(Q(cooperation__isnull=True) | visible_q(Cooperation, "cooperation"))
    if organisation is not None:
        duties = duties.filter(
            regions.own_q(organisation) | regions.cooperations_q(organisation, "cooperation")
        )
    for duty in duties:
        numbers = _numbers(duty.cooperation)
        if not numbers and duty.organisation is not None:
            numbers = frozenset(m.municipality.number for m in duty.organisation.members.all())
        bodies = frozenset([duty.recipient.slug]) if duty.recipient else frozenset()
        url = reverse("workflows:calendar") + f"#plikt-{duty.slug}"
        context = str(duty.recipient or duty.recipient_note or duty.cooperation or "")
        if not duty.first_due:
            if undated_only:
                yield Item(
                    DUTY,
                    f"duty-{duty.slug}",
                    duty.title,
                    context,
                    "",
                    False,
                    duty.reporter,
                    url,
                    numbers,
                    bodies,
                )
            continue
        if undated_only:
            continue
        done = {c.due for c in duty.completions.all() if c.done}
        for when in recurrence.occurrences(
            duty.first_due, duty.frequency, until=duty.until, start=start, end=end
        ):
            yield Item(
                DUTY,
                f"duty-{duty.slug}-{when}",
                duty.title,
                context,
                when,
                when in done,
                duty.reporter,
                url,
                numbers,
                bodies,
            )


def _transfer_steps(organisation: Organisation | None) -> Iterator[Item]:
    steps = (
        TransferStep.objects.exclude(due="")
        .select_related("transfer__cooperation")
        .prefetch_related(
            Prefetch(
                "transfer__cooperation",
                queryset=_cooperations(),
            )
        )
    )
    steps = steps.filter(
        visible_q(Cooperation, "transfer__cooperation"),
        regions.cooperations_q(organisation, "transfer__cooperation"),
    )
    for step in steps:
        cooperation = step.transfer.cooperation
        yield Item(
            TRANSFER,
            f"transfer-{cooperation.slug}-{step.kind}",
            step.get_kind_display(),
            cooperation.name,
            step.due,
            step.status == Progress.DONE,
            step.responsible,
            _cooperation_url(cooperation) + "#verksemdoverdraging",
            _numbers(cooperation),
            frozenset(b.slug for b in cooperation.bodies.all()),
            cooperations=frozenset([cooperation.slug]),
        )


def _investigation_steps(organisation: Organisation | None) -> Iterator[Item]:
    steps = (
        InvestigationStep.objects.exclude(date="")
        .filter(status=Progress.PLANNED)
        .prefetch_related(
            Prefetch(
                "investigation__cooperation",
                queryset=_cooperations(),
            )
        )
    )
    steps = steps.filter(
        visible_q(Cooperation, "investigation__cooperation"),
        regions.cooperations_q(organisation, "investigation__cooperation"),
    )
    for step in steps:
        cooperation = step.investigation.cooperation
        yield Item(
            INVESTIGATION,
            f"investigation-{step.investigation.slug}-{step.step}",
            f"{step.investigation.title}: {step.get_step_display()}",
            cooperation.name,
            step.date,
            False,
            step.participants,
            _cooperation_url(cooperation) + "#utgreiing",
            _numbers(cooperation),
            frozenset(b.slug for b in cooperation.bodies.all()),
            cooperations=frozenset([cooperation.slug]),
        )


def _next_steps(organisation: Organisation | None) -> Iterator[Item]:
    steps = NextStep.objects.exclude(due="").prefetch_related(
        Prefetch(
            "cooperation",
            queryset=_cooperations(),
        )
    )
    steps = steps.filter(
        visible_q(Cooperation, "cooperation"), regions.cooperations_q(organisation, "cooperation")
    )
    for step in steps:
        cooperation = step.cooperation
        yield Item(
            NEXT_STEP,
            f"next-step-{cooperation.slug}-{step.order}",
            step.text,
            cooperation.name,
            step.due,
            step.done,
            "",
            _cooperation_url(cooperation),
            _numbers(cooperation),
            frozenset(b.slug for b in cooperation.bodies.all()),
            cooperations=frozenset([cooperation.slug]),
        )


def _meetings(organisation: Organisation | None) -> Iterator[Item]:
    meetings = (
        Meeting.objects.visible()
        .filter(regions.meetings_q(organisation))
        .exclude(date="")
        .select_related("body__organisation", "network__organisation")
        .prefetch_related(
            Prefetch("body__cooperation", queryset=_cooperations()),
            "body__organisation__members__municipality",
            "network__organisation__members__municipality",
            "network__members__municipality",
        )
    )
    for meeting in meetings:
        body, network = meeting.body, meeting.network
        if body is not None:
            numbers = _numbers(body.cooperation)
            organisation = body.organisation
        else:
            numbers = frozenset(m.municipality.number for m in network.members.all())
            organisation = network.organisation
        if not numbers and organisation is not None:
            numbers = frozenset(m.municipality.number for m in organisation.members.all())
        yield Item(
            MEETING,
            f"meeting-{meeting.slug}",
            f"{meeting.title or _('Meeting')}: {meeting.organ_name}",
            meeting.place,
            meeting.date,
            meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTED),
            "",
            reverse("meetings:detail", args=[meeting.slug]),
            numbers,
            frozenset([body.slug]) if body is not None else frozenset(),
            meeting.start_time,
            frozenset([body.cooperation.slug])
            if body is not None and body.cooperation is not None
            else frozenset(),
        )
