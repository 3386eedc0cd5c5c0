"""Governance writes: the one way a decision record is made.

Both the staff form (workflows.monthly) and a meeting's recorded outcome (meetings.services)
create decisions here, so a decision always gets a unique slug, passes the model's checks,
and is saved with the cooperations it concerns in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from samvirke.governance.models import Body, Decision, DecisionCooperation

SLUG_LENGTH = Decision._meta.get_field("slug").max_length or 100


def unique_decision_slug(text: str) -> str:
    """A slug from text, numbered (-2, -3 …) when taken; "vedtak" for text without letters."""
    base = slugify(text)[: SLUG_LENGTH - 6].strip("-") or "vedtak"
    slug, n = base, 1
    while Decision.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def decision_save(
    decision: Decision,
    *,
    body: Body,
    date: str,
    title: str,
    text: str,
    case_number: str = "",
    published: bool,
    cooperation_ids: Iterable[int],
    slug_from: str = "",
) -> Decision:
    """Create (or correct) a decision: its fields, checked, and exactly the cooperations it
    concerns (links no longer wanted are removed, each with its history row)."""
    if not decision.slug:
        decision.slug = unique_decision_slug(slug_from or f"{body.slug}-{date}-{title}")
    decision.body = body
    decision.date = date
    decision.title = title
    decision.text = text
    decision.case_number = case_number
    decision.is_published = published
    decision.full_clean()
    decision.save()
    wanted = set(cooperation_ids)
    for link in decision.concerns.exclude(cooperation_id__in=wanted):
        link.delete()
    have = set(decision.concerns.values_list("cooperation_id", flat=True))
    for cooperation_id in sorted(wanted - have):
        DecisionCooperation.objects.create(decision=decision, cooperation_id=cooperation_id)
    return decision
