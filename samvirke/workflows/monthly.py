"""The staff's monthly update: a status entry, a phase, a next step per cooperation.

Every write checks the write rule (access/scope.py) for the cooperation it changes and
runs in a transaction; the history middleware records the user on each history row.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Max

from samvirke.access import scope
from samvirke.lib.viewer import Viewer
from samvirke.registry.models import Cooperation, NextStep, Source, StatusEntry


def cooperations(viewer: Viewer) -> models.QuerySet[Cooperation]:
    """The cooperations the viewer may change, in the register's order, with their news."""
    return scope.editable(Cooperation.objects.all(), viewer).prefetch_related(
        "status_entries", "next_steps"
    )


def current_source() -> Source | None:
    """The newest source: the edition this month's entries come from, unless staff choose."""
    return Source.objects.order_by(models.F("retrieved_at").desc(nulls_last=True), "-pk").first()


def without_news(rows, today: dt.date) -> list[Cooperation]:
    """Cooperations with no status entry dated this month (drafts count: they are news)."""
    month = today.strftime("%Y-%m")
    return [c for c in rows if not any(e.date.startswith(month) for e in c.status_entries.all())]


def _check(cooperation: Cooperation, viewer: Viewer, model: type[models.Model] | None) -> None:
    """The write rule: the viewer may change the cooperation (and add records of MODEL)."""
    if model is not None and not scope.can_add(model, viewer):
        raise PermissionDenied
    if not scope.can_change(cooperation, viewer):
        raise PermissionDenied


def add_status_entry(
    cooperation: Cooperation,
    viewer: Viewer,
    *,
    text: str,
    date: str,
    published: bool,
    source: Source | None,
) -> StatusEntry:
    """A new status entry after the last one (its order is the next free number)."""
    _check(cooperation, viewer, StatusEntry)
    with transaction.atomic():
        Cooperation.objects.select_for_update().filter(pk=cooperation.pk).first()
        last = cooperation.status_entries.aggregate(m=Max("order"))["m"] or 0
        entry = StatusEntry(
            cooperation=cooperation,
            order=last + 1,
            date=date,
            text=text,
            source=source,
            is_published=published,
        )
        entry.full_clean()
        entry.save()
    return entry


def set_phase(cooperation: Cooperation, viewer: Viewer, phase: str) -> None:
    _check(cooperation, viewer, None)
    if cooperation.phase != phase:
        cooperation.phase = phase
        cooperation.full_clean()
        cooperation.save(update_fields=["phase"])


def add_next_step(cooperation: Cooperation, viewer: Viewer, *, text: str, due: str) -> NextStep:
    _check(cooperation, viewer, None)  # a next step has no access paths of its own
    with transaction.atomic():
        Cooperation.objects.select_for_update().filter(pk=cooperation.pk).first()
        last = cooperation.next_steps.aggregate(m=Max("order"))["m"] or 0
        step = NextStep(cooperation=cooperation, order=last + 1, due=due, text=text)
        step.full_clean()
        step.save()
    return step


def responsible_choices() -> list[str]:
    """Who a follow-up names as responsible: the register's bodies and persons by name, then
    the groups earlier follow-ups named (such as a steering group that is not a body)."""
    from samvirke.governance.models import Body, FollowUp
    from samvirke.registry.models import Person

    names: list[str] = []
    for found in (
        Body.objects.order_by("name").values_list("name", flat=True),
        Person.objects.order_by("name").values_list("name", flat=True),
        FollowUp.objects.exclude(responsible="")
        .order_by("responsible")
        .values_list("responsible", flat=True)
        .distinct(),
    ):
        names += [name for name in found if name not in names]
    return names


def record_decision(
    viewer: Viewer,
    *,
    body,
    date: str,
    title: str,
    text: str,
    case_number: str,
    published: bool,
    cooperations,
    follow_up: str,
    responsible: str,
    due: str,
):
    """A decision with the cooperations it concerns and its first follow-up, in one step."""
    from samvirke.governance.models import Decision, FollowUp
    from samvirke.governance.services import decision_save

    if not scope.can_add(Decision, viewer) or not scope.can_change(body, viewer):
        raise PermissionDenied
    for cooperation in cooperations:
        _check(cooperation, viewer, None)
    with transaction.atomic():
        decision = decision_save(
            Decision(),
            body=body,
            date=date,
            title=title,
            text=text,
            case_number=case_number,
            published=published,
            cooperation_ids=[cooperation.pk for cooperation in cooperations],
        )
        if follow_up:
            step = FollowUp(
                decision=decision, order=1, text=follow_up, responsible=responsible, due=due
            )
            step.full_clean()
            step.save()
    return decision
