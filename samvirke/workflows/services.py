"""Writes of the ownership workflows, shared by the staff pages and the CLI.

Each write is one transaction: a bad value stores nothing and names the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samvirke.governance.models import Decision
from samvirke.registry.models import Agreement
from samvirke.workflows.calc import recurrence
from samvirke.workflows.models import AgreementReview, Duty, DutyCompletion


class WorkflowInputError(ValueError):
    """A value a user gave that cannot be stored; ``field`` names it."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@transaction.atomic
def review_record(
    *,
    agreement: str,
    date: str,
    outcome: str,
    notes: str = "",
    decision: str = "",
    reviewed_by: str = "",
    next_review: str = "",
) -> AgreementReview:
    """Record a review of an agreement and, if given, when the next review falls due."""
    # only what the caller may see: another organisation's draft answers as if it did not
    # exist, so the answer is no oracle for which drafts exist
    found = Agreement.objects.visible().filter(slug=agreement).first()
    if found is None:
        raise WorkflowInputError("agreement", _("no agreement %r") % agreement)
    linked = None
    if decision:
        linked = Decision.objects.visible().filter(slug=decision).first()
        if linked is None:
            raise WorkflowInputError("decision", _("no decision %r") % decision)
    review = AgreementReview(
        agreement=found,
        date=date,
        outcome=outcome,
        notes=notes,
        decision=linked,
        reviewed_by=reviewed_by,
    )
    _validate(review)
    review.save()
    if next_review:
        found.review_date = next_review
        _validate(found)
        found.save()
    return review


@transaction.atomic
def duty_mark_done(*, duty: str, due: str, done: str, note: str = "") -> DutyCompletion:
    """Mark one occurrence of a duty done (``due`` must be one of its due dates)."""
    found = Duty.objects.filter(slug=duty).first()
    if found is None:
        raise WorkflowInputError("duty", _("no duty %r") % duty)
    if not found.first_due:
        raise WorkflowInputError("duty", _("the duty has no due date recorded"))
    try:
        start = recurrence.partial_date.parse(due)
    except recurrence.partial_date.PartialDateError as exc:
        raise WorkflowInputError("due", str(exc)) from exc
    occurrences = recurrence.occurrences(
        found.first_due, found.frequency, until=found.until, start=start.first, end=start.last
    )
    if due not in occurrences:
        raise WorkflowInputError(
            "due",
            _("%(due)s is not a due date of %(duty)s")
            % {
                "due": due,
                "duty": found.slug,
            },
        )
    completion, _created = DutyCompletion.objects.get_or_create(duty=found, due=due)
    completion.done = done
    completion.note = note or completion.note
    _validate(completion)
    completion.save()
    return completion


def _validate(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise WorkflowInputError(field, " ".join(messages)) from exc
