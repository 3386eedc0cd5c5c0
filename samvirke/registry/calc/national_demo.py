"""The national demo register: a synthetic Norway of 357 municipalities in 15 regions, with
about 3 000 cooperations and 16 500 participations, from a fixed seed (pure: no Django).

Everything is synthetic and says so: municipality numbers 9001–9357 lie outside SSB's range
(the first two digits of a real number are its county, 03–56), names carry "(syntetisk)" and
every identifier starts with "demo-", so the demo never meets Sogn's or a real register's
records. It exists to measure samvirke at national scale and to show many regions at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

MUNICIPALITIES = 357
REGIONS = 15
COOPERATIONS_PER_REGION = 200
SEED = 2026
FIRST_NUMBER = 9001
SERVICE_AREAS = (
    "barnevern",
    "brann og redning",
    "helse",
    "IKT",
    "innkjøp",
    "landbruk",
    "legevakt",
    "næring",
    "plan og bygg",
    "renovasjon",
    "revisjon",
    "skule",
)
LEGAL_MODELS = ("vertskommune_20_2", "vertskommune_20_3", "ko", "iks", "avtale", "prosjekt")
PHASES = ("ide", "innsikt", "prinsippvedtak", "avtale", "etablering", "drift", "evaluering")
HOSTED = ("vertskommune_20_2", "vertskommune_20_3")
STATUSES = ("vedteke", "vedteke", "vedteke", "vedteke", "ukjend", "ikkje_vedteke", "utmeld")
DRAFT_SHARE = 0.05  # some cooperations stay unpublished, as in a real register


@dataclass(frozen=True)
class DemoMunicipality:
    number: str
    name: str
    county: str


@dataclass(frozen=True)
class DemoRegion:
    slug: str
    name: str
    members: tuple[str, ...]  # municipality numbers


@dataclass(frozen=True)
class DemoParticipation:
    municipality: str
    status: str


@dataclass(frozen=True)
class DemoCooperation:
    slug: str
    name: str
    region: str
    service_area: str
    legal_model: str
    phase: str
    host: str  # a municipality number, or "" where the model has no host
    start: str
    is_published: bool
    participations: tuple[DemoParticipation, ...]


@dataclass(frozen=True)
class NationalDemo:
    municipalities: tuple[DemoMunicipality, ...]
    regions: tuple[DemoRegion, ...]
    service_areas: tuple[tuple[str, str], ...]  # (slug, name)
    cooperations: tuple[DemoCooperation, ...]


def service_area_slug(name: str) -> str:
    plain = name.lower().replace(" ", "-").replace("ø", "o").replace("å", "a").replace("æ", "ae")
    return f"demo-{plain}"


def generate(seed: int = SEED) -> NationalDemo:
    """The same register for the same seed, on every machine."""
    rng = random.Random(seed)
    municipalities = tuple(
        DemoMunicipality(
            number=str(FIRST_NUMBER + i),
            name=f"Kommune {i + 1:03d} (syntetisk)",
            county=f"Fylke {i * REGIONS // MUNICIPALITIES + 1:02d} (syntetisk)",
        )
        for i in range(MUNICIPALITIES)
    )
    regions = tuple(
        DemoRegion(
            slug=f"demo-region-{r + 1:02d}",
            name=f"Region {r + 1:02d} (syntetisk)",
            members=tuple(
                m.number for i, m in enumerate(municipalities) if i * REGIONS // MUNICIPALITIES == r
            ),
        )
        for r in range(REGIONS)
    )
    cooperations = []
    for region in regions:
        for c in range(COOPERATIONS_PER_REGION):
            area = rng.choice(SERVICE_AREAS)
            legal_model = rng.choice(LEGAL_MODELS)
            members = sorted(rng.sample(region.members, rng.randint(2, 9)))
            number = f"{region.slug.removeprefix('demo-')}-{c + 1:03d}"
            cooperations.append(
                DemoCooperation(
                    slug=f"demo-{number}",
                    name=f"Samarbeid om {area} {number} (syntetisk)",
                    region=region.slug,
                    service_area=service_area_slug(area),
                    legal_model=legal_model,
                    phase=rng.choice(PHASES),
                    host=rng.choice(members) if legal_model in HOSTED else "",
                    start=f"{rng.randint(1995, 2026)}-{rng.randint(1, 12):02d}",
                    is_published=rng.random() >= DRAFT_SHARE,
                    participations=tuple(
                        DemoParticipation(number, rng.choice(STATUSES)) for number in members
                    ),
                )
            )
    return NationalDemo(
        municipalities=municipalities,
        regions=regions,
        service_areas=tuple((service_area_slug(a), f"{a} (syntetisk)") for a in SERVICE_AREAS),
        cooperations=tuple(cooperations),
    )
