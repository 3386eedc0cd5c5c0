"""Age structure: storing SSB's persons by age (checked) and reading the measures.

Every write of persons by age goes through ``import_ages``: the counts are checked with
what is stored (ages summed = the population of the same day; a projection starts from
the registered figure) and refused with the findings unless the caller accepts them, as
other population imports are. Reads give the measures per municipality, the region (the
sum of its members), the county and the whole country.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from samvirke.lib import charts
from samvirke.population.calc import ages
from samvirke.population.models import AgeCount, Measure, PopulationValue
from samvirke.population.ssb_mapping import AgeRow
from samvirke.portal.version import register_changed
from samvirke.registry.models import Municipality, Organisation, Source

REGISTERED, MAIN = AgeCount.Alternative.REGISTERED, AgeCount.Alternative.MAIN
COUNTRY = "0"


class AgeImportError(ValueError):
    """The counts cannot be stored; ``message`` says why, ``findings`` what the checks found."""

    def __init__(self, message: str, findings: list[ages.AgeFinding] | None = None):
        self.message = message
        self.findings = findings or []
        super().__init__(message)


@dataclass(frozen=True)
class AgeImport:
    source: Source
    created: int
    changed: int
    findings: list[ages.AgeFinding]


def import_ages(
    rows: list[AgeRow],
    *,
    title: str,
    reference: str = "",
    accept_findings: bool = False,
) -> AgeImport:
    """Store persons by age with their source, after checking them with what is stored."""
    if not rows:
        raise AgeImportError(_("SSB's answer holds no persons by age. Nothing was stored."))
    unknown = sorted(
        {r.area for r in rows if len(r.area) == 4}
        - set(Municipality.objects.values_list("number", flat=True))
    )
    if unknown:
        raise AgeImportError(
            _("Unknown municipality numbers: %s. Nothing was stored.") % ", ".join(unknown)
        )
    findings = check_rows(rows)
    if any(f.severity == "error" for f in findings) and not accept_findings:
        raise AgeImportError(
            _(
                "The checks found errors; nothing was stored. Use --accept-findings to store "
                "the figures with the findings attached."
            ),
            findings,
        )
    with transaction.atomic():
        source = Source.objects.create(
            slug=slugify(f"ssb-ages-{timezone.now():%Y%m%d%H%M%S%f}")[:100],
            kind=Source.Kind.SSB,
            title=title[:200],
            reference=reference,
            retrieved_at=timezone.now(),
        )
        created, changed = _store(rows, source)
    # accepted findings stay visible: the age page and reports check the stored counts live
    return AgeImport(source, created, changed, findings)


def _store(rows: list[AgeRow], source: Source) -> tuple[int, int]:
    areas = {r.area for r in rows}
    existing = {
        (c.area, c.year, c.sex, c.age, c.alternative): c
        for c in AgeCount.objects.filter(area__in=areas, year__in={r.year for r in rows})
    }
    new, changed = [], []
    for r in rows:
        key = (r.area, r.year, r.sex, r.age, r.alternative)
        current = existing.get(key)
        if current is None:
            new.append(AgeCount(**_fields(r), source=source))
        elif (current.value, current.status, current.area_name) != (
            r.value,
            r.status,
            r.area_name,
        ):
            current.value, current.status, current.area_name = r.value, r.status, r.area_name
            current.source = source
            changed.append(current)
    if new:
        bulk_create_with_history(new, AgeCount, batch_size=2000)
    if changed:
        bulk_update_with_history(
            changed, AgeCount, ["value", "status", "area_name", "source"], batch_size=2000
        )
    if new or changed:
        register_changed()  # bulk writes send no signals
    return len(new), len(changed)


def _fields(r: AgeRow) -> dict:
    return {
        "area": r.area,
        "area_name": r.area_name[:100],
        "year": r.year,
        "sex": r.sex,
        "age": r.age,
        "alternative": r.alternative,
        "value": r.value,
        "status": r.status,
    }


def check_rows(rows: list[AgeRow]) -> list[ages.AgeFinding]:
    """The age checks on the new counts together with what is stored."""
    totals: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in rows:
        totals[(r.area, r.year, r.alternative)] += r.value or 0
    stored = _stored_totals({a for a, _y, _alt in totals})
    merged = {**stored, **totals}
    registered = {(a, y): n for (a, y, alt), n in merged.items() if alt == REGISTERED}
    found = ages.check_totals(
        {(a, y): n for (a, y, alt), n in totals.items() if alt == REGISTERED},
        population_at_new_year({a for a, _y in registered}),
    )
    for alternative in {alt for _a, _y, alt in totals if alt}:
        projected = {(a, y): n for (a, y, alt), n in totals.items() if alt == alternative}
        found += ages.check_projection_start(registered, projected)
    return found


def _stored_totals(areas: set[str]) -> dict[tuple[str, str, str], int]:
    rows = (
        AgeCount.objects.filter(area__in=areas)
        .values("area", "year", "alternative")
        .annotate(total=Sum("value"))
    )
    return {(r["area"], r["year"], r["alternative"]): r["total"] or 0 for r in rows}


def population_at_new_year(areas: set[str]) -> dict[tuple[str, str], int]:
    """Population at 1 January of year N: the register's end of (N−1)K4 (SSB 01222)."""
    values = PopulationValue.objects.filter(
        municipality__number__in=areas,
        measure=Measure.POPULATION_END,
        period__endswith="K4",
        value__isnull=False,
    ).values_list("municipality__number", "period", "value")
    return {(number, str(int(period[:4]) + 1)): value for number, period, value in values}


# -- reads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaYear:
    """The measures of one area in one year (None where the figures are missing)."""

    area: str
    name: str
    year: str
    alternative: str
    counts: dict[int, int] = field(repr=False)
    by_sex: dict[str, dict[int, int]] = field(repr=False)

    @property
    def measures(self) -> ages.Measures | None:
        try:
            return ages.measures(self.counts)
        except ages.AgeError:
            return None

    @property
    def groups(self) -> dict[str, int]:
        return ages.grouped(self.counts)


@dataclass(frozen=True)
class AgeOverview:
    now: str | None  # the newest registered year
    projection_years: list[str]
    areas: list[tuple[str, str, str]]  # (code, name, kind: municipality/region/county/country)
    table: dict[tuple[str, str, str], AreaYear]  # (area, year, alternative) → figures
    findings: list[ages.AgeFinding]

    def get(self, area: str, year: str | None, alternative: str = "") -> AreaYear | None:
        if year is None:
            return None
        return self.table.get((area, year, alternative))

    def working_age_change(self, area: str, year: str) -> Fraction | None:
        now, later = self.get(area, self.now), self.get(area, year, MAIN)
        if now is None or later is None or not now.measures or not later.measures:
            return None
        return ages.change(now.measures.working_age, later.measures.working_age)


def age_overview(organisation: Organisation | None, *, as_of=None) -> AgeOverview:
    """Persons by age for the organisation's member municipalities, the region as their sum,
    their county or counties and the whole country: now and in the projection years; with
    ``as_of``, as the history says they stood then."""
    members = (
        list(organisation.members.select_related("municipality").order_by("municipality__number"))
        if organisation is not None
        else []
    )
    municipalities = [(m.municipality.number, m.municipality.name) for m in members]
    return _overview(municipalities, organisation, as_of)


def area_overview(municipality: Municipality, *, as_of=None) -> AgeOverview:
    """The same for one municipality, beside its county and the whole country."""
    return _overview([(municipality.number, municipality.name)], None, as_of)


def _overview(
    municipalities: list[tuple[str, str]], organisation: Organisation | None, as_of
) -> AgeOverview:
    numbers = [n for n, _name in municipalities]
    counties = sorted({n[:2] for n in numbers})
    codes = [*numbers, *counties, COUNTRY]
    stored = AgeCount.history.as_of(as_of) if as_of is not None else AgeCount.objects.all()
    rows = (
        stored.filter(area__in=codes, value__isnull=False)
        .values_list("area", "area_name", "year", "alternative", "sex", "age", "value")
        .order_by()
    )
    counts: dict = defaultdict(lambda: defaultdict(int))
    by_sex: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    names: dict[str, str] = dict(municipalities)
    for area, area_name, year, alternative, sex, age, total in rows:
        counts[(area, year, alternative)][age] += total
        by_sex[(area, year, alternative)][sex][age] += total
        names.setdefault(area, area_name)
    registered_years = sorted({y for (_a, y, alt) in counts if alt == REGISTERED})
    now = registered_years[-1] if registered_years else None
    projection_years = [
        y for y in ("2030", "2040", "2050") if any(k[1] == y and k[2] for k in counts)
    ]
    table: dict[tuple[str, str, str], AreaYear] = {}
    for key, c in counts.items():
        table[key] = AreaYear(key[0], names[key[0]], key[1], key[2], dict(c), _plain(by_sex[key]))
    areas = [(n, name, "municipality") for n, name in municipalities]
    if organisation is not None and numbers:
        region = organisation.slug
        for year, alternative in {(y, alt) for (a, y, alt) in counts if a in numbers}:
            member_keys = [(n, year, alternative) for n in numbers]
            if all(k in counts for k in member_keys):  # a region sum needs every member
                summed = ages.combined(counts[k] for k in member_keys)
                sexes = {
                    sex: ages.combined(by_sex[k][sex] for k in member_keys) for sex in ("1", "2")
                }
                table[(region, year, alternative)] = AreaYear(
                    region, organisation.name, year, alternative, summed, sexes
                )
        areas.append((region, organisation.name, "region"))
    areas += [(c, names.get(c, c), "county") for c in counties if c in names]
    if COUNTRY in names:
        areas.append((COUNTRY, names[COUNTRY], "country"))
    findings = ages.check_totals(
        {(a, y): sum(c.values()) for (a, y, alt), c in counts.items() if not alt},
        population_at_new_year(set(numbers)),
    )
    registered = {(a, y): sum(c.values()) for (a, y, alt), c in counts.items() if not alt}
    for alternative in {alt for (_a, _y, alt) in counts if alt}:
        projected = {
            (a, y): sum(c.values()) for (a, y, alt), c in counts.items() if alt == alternative
        }
        findings += ages.check_projection_start(registered, projected)
    return AgeOverview(now, projection_years, areas, table, findings)


def _plain(nested) -> dict[str, dict[int, int]]:
    return {sex: dict(by_age) for sex, by_age in nested.items()}


def area_names() -> dict[str, str]:
    """Names of every area with counts by age, and of every municipality."""
    names = dict(AgeCount.objects.values_list("area", "area_name").distinct())
    names.update(Municipality.objects.values_list("number", "name"))
    return names


def finding_text(finding: ages.AgeFinding, names: dict[str, str]) -> str:
    """A finding of the age checks in plain words, naming area and year."""
    if finding.check == "age_total":
        return _(
            "%(area)s %(year)s: the ages add up to %(found)s persons, but the population at "
            "1 January is %(expected)s (the end of the year before in table 01222)."
        ) % {
            "area": names.get(finding.area, finding.area),
            "year": finding.year,
            "found": _n(finding.found),
            "expected": _n(finding.expected),
        }
    if finding.severity == "warning":
        return _(
            "%(area)s: the projection starts in %(year)s, but the registered figures end in "
            "%(last)s; the years between are missing."
        ) % {
            "area": names.get(finding.area, finding.area),
            "year": finding.year,
            "last": finding.detail,
        }
    return _(
        "%(area)s %(year)s: the projection starts from %(found)s persons, but %(expected)s "
        "are registered for that year."
    ) % {
        "area": names.get(finding.area, finding.area),
        "year": finding.year,
        "found": _n(finding.found),
        "expected": _n(finding.expected),
    }


def _n(value: int | None) -> str:
    return "?" if value is None else f"{value:,}".replace(",", "\u00a0")


# -- what the page, the report and the API show ----------------------------------------------


@dataclass(frozen=True)
class MeasureRow:
    """One area's measures now and in each projection year (main alternative)."""

    code: str
    name: str
    kind: str
    years: list[str]
    share_67_plus: list[Fraction | None]
    share_80_plus: list[Fraction | None]
    dependency_ratio: list[Fraction | None]
    working_age_change: list[Fraction | None]  # against now; None for now itself
    share_67_plus_low_high: tuple[Fraction | None, Fraction | None]  # in 2040: LLML, HHMH


def measure_rows(overview: AgeOverview) -> list[MeasureRow]:
    years = [overview.now or "", *overview.projection_years]
    rows = []
    for code, name, kind in overview.areas:
        figures = [
            overview.get(code, overview.now)
            if i == 0
            else overview.get(code, year, AgeCount.Alternative.MAIN)
            for i, year in enumerate(years)
        ]
        found = [f.measures if f else None for f in figures]
        rows.append(
            MeasureRow(
                code,
                name,
                kind,
                years,
                [m.share_67_plus if m else None for m in found],
                [m.share_80_plus if m else None for m in found],
                [m.dependency_ratio if m else None for m in found],
                [None, *(overview.working_age_change(code, y) for y in years[1:])],
                (
                    _share(overview.get(code, "2040", AgeCount.Alternative.LOW)),
                    _share(overview.get(code, "2040", AgeCount.Alternative.HIGH)),
                ),
            )
        )
    return rows


def _share(figures: AreaYear | None) -> Fraction | None:
    measures = figures.measures if figures else None
    return measures.share_67_plus if measures else None


@dataclass(frozen=True)
class Summary:
    """ "In 2040, one in three inhabitants of Aurland is 67 or older" — from the figures."""

    name: str
    year: str
    share: Fraction
    one_in: int | None


def summaries(overview: AgeOverview, year: str = "2040") -> list[Summary]:
    result = []
    for code, name, kind in overview.areas:
        if kind not in {"municipality", "region"}:
            continue
        share = _share(overview.get(code, year, AgeCount.Alternative.MAIN))
        if share is not None:
            result.append(Summary(name, year, share, ages.one_in(share)))
    return result


@dataclass(frozen=True)
class Pyramid:
    area: str
    name: str
    now: str
    later: str
    bands: list[str]
    persons_now: list[tuple[int, int]]  # (men, women) per band
    persons_later: list[tuple[int, int]]

    def shares(self, persons: list[tuple[int, int]]) -> tuple[list[float], list[float]]:
        total = sum(m + w for m, w in persons) or 1
        return (
            [100 * m / total for m, _w in persons],
            [100 * w / total for _m, w in persons],
        )


def pyramid(overview: AgeOverview, area: str, later: str = "2040") -> Pyramid | None:
    now = overview.get(area, overview.now)
    then = overview.get(area, later, AgeCount.Alternative.MAIN)
    if now is None or then is None:
        return None
    bands = [ages.group_label(b) for b in ages.PYRAMID_BANDS]

    def persons(figures: AreaYear) -> list[tuple[int, int]]:
        men = ages.grouped(figures.by_sex.get("1", {}), ages.PYRAMID_BANDS)
        women = ages.grouped(figures.by_sex.get("2", {}), ages.PYRAMID_BANDS)
        return [(men[b], women[b]) for b in bands]

    return Pyramid(area, now.name, now.year, later, bands, persons(now), persons(then))


def pyramid_chart(shape: Pyramid, chart_id: str = "pyramid") -> str:
    """The pyramid as an accessible SVG (the page and the reports give its table too)."""
    men_now, women_now = shape.shares(shape.persons_now)
    men_later, women_later = shape.shares(shape.persons_later)
    return charts.pyramid(
        chart_id,
        _("Population pyramid of %(area)s, %(now)s and %(later)s")
        % {"area": shape.name, "now": shape.now, "later": shape.later},
        _(
            "Share of the population by sex and ten-year age band; the table below gives "
            "the figures."
        ),
        shape.bands,
        (men_now, women_now),
        (men_later, women_later),
        (_("men"), _("women"), shape.now, f"{shape.later} (MMMM)"),
    )


MEASURE_FIELDS = ("total", "young", "working_age", "aged_67_plus", "aged_80_plus")


def report_data(overview: AgeOverview) -> dict:
    """The age structure as plain data for a report and the edition that freezes it: each
    area's persons in the groups the measures need (sums of SSB's one-year counts), now and
    in the projection years, and the checks' findings in words."""
    figures = []
    for (area, year, alternative), area_year in sorted(overview.table.items()):
        measures = area_year.measures
        if measures is None or (alternative and year not in overview.projection_years):
            continue
        if not alternative and year != overview.now:
            continue
        figures.append(
            {
                "area": area,
                "year": year,
                "alternative": alternative,
                **{name: getattr(measures, name) for name in MEASURE_FIELDS},
            }
        )
    names = area_names() if overview.findings else {}
    return {
        "now": overview.now,
        "years": overview.projection_years,
        "areas": [{"code": c, "name": n, "kind": k} for c, n, k in overview.areas],
        "figures": figures,
        "findings": [finding_text(f, names) for f in overview.findings],
    }
