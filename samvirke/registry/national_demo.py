"""`samvirke load national-demo`: writes the synthetic national register (calc/national_demo.py)
in bulk, with a history row per record, in one transaction.

The generator's records are new by construction (numbers 9001–9357, "demo-" identifiers), so
no record needs matching: the loader checks only whether the demo is there already. Written
with bulk_create, history rows in bulk (django-simple-history), a few dozen statements in all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from samvirke.access.audit import with_channel
from samvirke.portal.version import register_changed
from samvirke.registry.calc.national_demo import NationalDemo, generate
from samvirke.registry.models import (
    Cooperation,
    Municipality,
    Organisation,
    OrganisationMember,
    Participation,
    ServiceArea,
)

REASON = "dataset national-demo"
BATCH = 2000


@dataclass(frozen=True)
class DemoResult:
    created: dict[str, int]

    def __str__(self) -> str:
        if not self.created:
            return gettext("already loaded; nothing changed")
        return (
            gettext(
                "%(municipalities)d municipalities, %(regions)d regions, "
                "%(cooperations)d cooperations, %(participations)d participations"
            )
            % self.created
        )


def is_loaded() -> bool:
    return Organisation.objects.filter(slug__startswith="demo-region-").exists()


def _create(model, objects: list) -> list:
    return bulk_create_with_history(
        objects, model, batch_size=BATCH, default_change_reason=with_channel(REASON)
    )


@transaction.atomic
def load_national_demo(demo: NationalDemo | None = None) -> DemoResult:
    """Load the national demo register; loading it again changes nothing."""
    if is_loaded():
        return DemoResult({})
    demo = demo or generate()
    areas = {
        a.slug: a
        for a in _create(ServiceArea, [ServiceArea(slug=s, name=n) for s, n in demo.service_areas])
    }
    municipalities = {
        m.number: m
        for m in _create(
            Municipality,
            [
                Municipality(number=m.number, name=m.name, county=m.county)
                for m in demo.municipalities
            ],
        )
    }
    regions = {
        o.slug: o
        for o in _create(
            Organisation,
            [
                Organisation(slug=r.slug, name=r.name, legal_form=Organisation.LegalForm.IPR)
                for r in demo.regions
            ],
        )
    }
    members = _create(
        OrganisationMember,
        [
            OrganisationMember(organisation=regions[r.slug], municipality=municipalities[number])
            for r in demo.regions
            for number in r.members
        ],
    )
    cooperations = _create(
        Cooperation,
        [
            Cooperation(
                slug=c.slug,
                name=c.name,
                service_area=areas[c.service_area],
                legal_model=c.legal_model,
                phase=c.phase,
                host=municipalities[c.host] if c.host else None,
                owner=regions[c.region],
                start=c.start,
                is_published=c.is_published,
            )
            for c in demo.cooperations
        ],
    )
    participations = _create(
        Participation,
        [
            Participation(
                cooperation=cooperation,
                municipality=municipalities[p.municipality],
                status=p.status,
            )
            for cooperation, c in zip(cooperations, demo.cooperations, strict=True)
            for p in c.participations
        ],
    )
    register_changed()  # bulk writes send no signals: cached public pages must go
    return DemoResult(
        {
            "municipalities": len(municipalities),
            "regions": len(regions),
            "members": len(members),
            "service_areas": len(areas),
            "cooperations": len(cooperations),
            "participations": len(participations),
        }
    )
