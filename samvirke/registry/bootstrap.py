"""Start a register from the national sources: municipality numbers over time from SSB's
KLASS, inter-municipal organisations and their owners from Enhetsregisteret.

Both are idempotent: a record is created when new, saved (with history) only when one of
the fields the source owns has changed, and left alone otherwise; the report names what
changed. Everything is fetched before anything is written, so a failed fetch changes
nothing; the writes are one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samvirke.registry.brreg import BrregClient
from samvirke.registry.klass import KlassClient
from samvirke.registry.models import (
    Municipality,
    MunicipalityChange,
    Organisation,
    OrganisationMember,
)

FIRST_DAY = "2018-01-01"  # before the 2020 reform, so its numbers and changes are known


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0


def bootstrap_municipalities(client: KlassClient, today: str) -> Report:
    codes = client.municipalities(FIRST_DAY, today)
    changes = client.changes(FIRST_DAY, today)
    report = Report()
    with transaction.atomic():
        existing = {m.number: m for m in Municipality.objects.all()}
        for code in codes:
            wanted = {"name": code.name, "valid_from": code.valid_from, "valid_to": code.valid_to}
            current = existing.get(code.number)
            if current is None:
                existing[code.number] = Municipality.objects.create(number=code.number, **wanted)
                report.created.append(f"{code.number} {code.name}")
            elif _update(current, wanted):
                report.changed.append(f"{code.number} {code.name}")
            else:
                report.unchanged += 1
        for change in changes:
            old, new = existing.get(change.old), existing.get(change.new)
            if old is None or new is None:
                continue  # a code outside the range asked for
            record, created = MunicipalityChange.objects.get_or_create(
                old=old, new=new, defaults={"changed": change.changed}
            )
            label = f"{change.old} → {change.new}"
            if created:
                report.created.append(label)
            elif _update(record, {"changed": change.changed}):
                report.changed.append(label)
            else:
                report.unchanged += 1
    return report


def bootstrap_organisations(client: BrregClient) -> Report:
    units = client.units()
    owners = {unit.org_number: client.participants(unit.org_number) for unit in units}
    report = Report()
    with transaction.atomic():
        by_org_number = {m.org_number: m for m in Municipality.objects.exclude(org_number="")}
        by_number = {m.number: m for m in Municipality.objects.all()}
        organisations = {o.org_number: o for o in Organisation.objects.exclude(org_number="")}
        slugs = set(Organisation.objects.values_list("slug", flat=True))
        for unit in units:
            wanted = {
                "name": unit.name,
                "address": unit.address,
                "municipality": by_number.get(unit.municipality),
            }
            current = organisations.get(unit.org_number)
            if current is None:
                slug = _free_slug(unit.name, slugs)
                current = Organisation.objects.create(
                    slug=slug,
                    org_number=unit.org_number,
                    legal_form=unit.legal_form,
                    description=_origin(unit),
                    **wanted,
                )
                report.created.append(unit.name)
            elif _update(current, wanted):
                report.changed.append(unit.name)
            else:
                report.unchanged += 1
            members = {by_org_number[n] for n in owners[unit.org_number] if n in by_org_number}
            have = {m.municipality for m in current.members.select_related("municipality")}
            for municipality in sorted(members - have, key=lambda m: m.number):
                OrganisationMember.objects.create(organisation=current, municipality=municipality)
                report.changed.append(f"{unit.name}: + {municipality.name}")
    return report


def _update(obj, wanted: dict) -> bool:
    """Set the fields that differ and save (one history row); False when all are equal."""
    differing = {k: v for k, v in wanted.items() if getattr(obj, k) != v}
    if not differing:
        return False
    for key, value in differing.items():
        setattr(obj, key, value)
    obj.save(update_fields=list(differing))
    return True


def _free_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:90] or "organisasjon"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _origin(unit) -> str:
    if unit.by_name:
        return _(
            "From Enhetsregisteret (organisation form %(form)s, other legal person): the legal "
            "form is read from the name, not registered."
        ) % {"form": unit.form}
    return _("From Enhetsregisteret (organisation form %s).") % unit.form
