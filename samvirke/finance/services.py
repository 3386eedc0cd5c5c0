"""Allocation previews from the register: the one path behind the CLI, portal and exports.

Nothing here writes to the database: an allocation is a calculation, shown or exported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils.translation import gettext as _

from samvirke.finance import selectors
from samvirke.finance.calc import allocation as calc
from samvirke.finance.models import CooperationBudget, CostKey, Criterion, CriterionValue
from samvirke.lib import partial_date
from samvirke.population.findings import findings_touching
from samvirke.population.models import Measure, PopulationValue
from samvirke.registry.models import Municipality, Organisation
from samvirke.registry.selectors import region_municipalities

AGE_MEASURES = {"age_0_17": Measure.CHILDREN, "age_67_plus": Measure.ELDERLY}


class AllocationInputError(ValueError):
    """Input the allocation cannot use; ``field`` names the input, ``message`` says why."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class KeyPart:
    kind: str  # equal, population, age_0_17, age_67_plus or criterion
    weight: Fraction
    period: str = ""
    criterion: Criterion | None = None


@dataclass(frozen=True)
class Key:
    label: str
    parts: tuple[KeyPart, ...]
    stored: CostKey | None = None


@dataclass(frozen=True)
class Inputs:
    """An allocation's inputs, parsed and checked: what every entry point hands on."""

    budget: Decimal
    keys: tuple[Key, ...]  # the first is the allocation; more are compared with it
    period: str  # 2025K4, or a year (population at 1 January)
    participants: tuple[tuple[Municipality, Fraction], ...]  # with the share of the year


@dataclass(frozen=True)
class Result:
    allocation: calc.Allocation
    key: Key
    period: str
    municipalities: dict[str, Municipality]
    findings: tuple[str, ...] = ()  # check findings that involve figures used here


MAX_BUDGET = Decimal(10) ** 15  # NOK; keeps every amount exact in øre


def parse_budget(text: str) -> Decimal:
    """A budget in NOK: digits with optional spaces as thousand separators and a decimal comma."""
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(text)).replace(",", ".")
    try:
        budget = Decimal(cleaned)
    except InvalidOperation:
        raise AllocationInputError("budget", _("The budget “%s” is not a number.") % text) from None
    if not budget.is_finite():
        raise AllocationInputError("budget", _("The budget “%s” is not a number.") % text)
    if budget < 0:
        raise AllocationInputError("budget", _("The budget cannot be negative."))
    if budget >= MAX_BUDGET:
        raise AllocationInputError(
            "budget",
            _("The budget “%s” is larger than any public budget (a million billion).") % text,
        )
    if budget != budget.quantize(Decimal("0.01")):
        raise AllocationInputError("budget", _("The budget cannot have fractions of an øre."))
    return budget


def check_period(text: str) -> str:
    period = text.strip().upper()
    if not re.fullmatch(r"\d{4}(K[1-4])?", period):
        raise AllocationInputError(
            "period",
            _("The period “%s” is neither a quarter (2025K4) nor a year (2026 = 1 January).")
            % text,
        )
    return period


def resolve_key(text: str) -> Key:
    """A stored key by identifier or name, or a key written out as "25 likt, 75 folketal"."""
    return _checked(_find_key(text))


def stored_key(stored: CostKey) -> Key:
    """A stored key as the allocation reads it; raises AllocationInputError if it is unusable."""
    return _checked(_key_of(stored, stored.components.all()))


def _key_of(stored: CostKey, components) -> Key:
    parts = tuple(
        KeyPart(c.kind, Fraction(c.weight) / 100, c.period, c.criterion) for c in components
    )
    return Key(stored.name, parts, stored)


def _checked(key: Key) -> Key:
    total = sum((part.weight for part in key.parts), Fraction(0))
    if total != 1:
        raise AllocationInputError(
            "key", _("The weights of the key add up to %s %%, not 100 %%.") % _percent(total)
        )
    return key


def _find_key(text: str) -> Key:
    stored = (
        CostKey.objects.filter(slug=text.strip()).first()
        or CostKey.objects.filter(name__iexact=text.strip()).first()
    )
    if stored is not None:
        return _key_of(stored, stored.components.select_related("criterion"))
    try:
        pairs = calc.parse_key(text)
    except calc.AllocationError:
        raise AllocationInputError(
            "key",
            _("The key “%s” is neither a stored key nor of the form “25 likt, 75 folketal”.")
            % text,
        ) from None
    criteria = {c.slug: c for c in Criterion.objects.all()}
    parts = []
    for weight, kind in pairs:
        if kind in {calc.EQUAL, "population", *AGE_MEASURES}:
            parts.append(KeyPart(kind, weight))
        elif kind in criteria:
            parts.append(KeyPart("criterion", weight, criterion=criteria[kind]))
        else:
            raise AllocationInputError(
                "key",
                _(
                    "“%s” in the key is not a known word (likt, folketal, born, 67+) "
                    "nor a stored criterion."
                )
                % kind,
            )
    return Key(text.strip(), tuple(parts))


def parse_participants(
    text: str, year: int | None, organisation: Organisation | str | None
) -> list[tuple[Municipality, Fraction]]:
    """ "4639,4640" or, for part of a year, "4638:2026-01-01..2026-06-30"; empty: the
    organisation's member municipalities."""
    if not text.strip():
        return [(m, Fraction(1)) for m in region_municipalities(organisation)]
    wanted = []
    for item in (part.strip() for part in text.split(",")):
        number, _sep, span = item.partition(":")
        wanted.append((number.strip(), span.strip()))
    known = {m.number: m for m in Municipality.objects.filter(number__in=[n for n, _ in wanted])}
    participants, seen = [], set()
    for number, span in wanted:
        if number not in known:
            raise AllocationInputError(
                "participants", _("Unknown municipality number “%s”.") % number
            )
        if number in seen:
            raise AllocationInputError(
                "participants", _("%s is listed twice.") % known[number].name
            )
        seen.add(number)
        fraction = _year_fraction(number, span, year)
        if fraction == 0:
            raise AllocationInputError(
                "participants",
                _("The dates “%(span)s” for %(name)s lie outside the budget year.")
                % {"span": span, "name": known[number].name},
            )
        participants.append((known[number], fraction))
    return participants


def _year_fraction(number: str, span: str, year: int | None) -> Fraction:
    if not span:
        return Fraction(1)
    start_text, _sep, end_text = span.partition("..")
    try:
        start = partial_date.parse(start_text).first if start_text else None
        end = partial_date.parse(end_text).last if end_text else None
    except partial_date.PartialDateError:
        raise AllocationInputError(
            "participants",
            _("The dates “%(span)s” for %(number)s are not of the form 2026-01-01..2026-06-30.")
            % {"span": span, "number": number},
        ) from None
    known = start or end
    if known is None:  # ".." alone: the whole year
        return Fraction(1)
    return calc.year_fraction(year or known.year, start, end)


def read_inputs(
    budget: str,
    keys: list[str],
    period: str,
    participants: str = "",
    year: int | None = None,
    *,
    organisation: Organisation | str | None,
) -> Inputs:
    """The one parser for text input (command line, API); raises AllocationInputError.
    No participants given: the organisation's member municipalities."""
    if not keys:
        raise AllocationInputError("key", _("Give a cost key."))
    return Inputs(
        parse_budget(budget),
        tuple(resolve_key(k) for k in keys),
        check_period(period),
        tuple(parse_participants(participants, year, organisation)),
    )


def allocate(inputs: Inputs, key: Key | None = None) -> Result:
    """Preview the allocation of the budget by a key (the first by default)."""
    key = key or inputs.keys[0]
    municipalities = {m.number: m for m, _share in inputs.participants}
    components = [
        _component(part, inputs.period, list(municipalities.values())) for part in key.parts
    ]
    participants = [calc.Participant(m.number, m.name, share) for m, share in inputs.participants]
    try:
        result = calc.allocate(inputs.budget, participants, components)
    except calc.AllocationError as exc:
        raise _input_error(exc) from None
    return Result(
        result,
        key,
        inputs.period,
        municipalities,
        tuple(findings_touching(_figures_used(key, inputs.period, municipalities))),
    )


def _figures_used(key: Key, period: str, municipalities) -> set[tuple[str, str, str]]:
    """The population cells (municipality, period, measure) an allocation reads."""
    used = set()
    for part in key.parts:
        if part.kind in {"population", *AGE_MEASURES}:
            measure, value_period, _words = _population_reference(part.kind, part.period or period)
            used |= {(number, value_period, str(measure)) for number in municipalities}
    return used


def compare(inputs: Inputs) -> tuple[list[Result], list[calc.ComparisonRow]]:
    """Every key of the inputs on the same budget, period and participants, side by side."""
    results = [allocate(inputs, key) for key in inputs.keys]
    return results, calc.compare([r.allocation for r in results])


def _component(part: KeyPart, period: str, municipalities: list[Municipality]) -> calc.Component:
    percent = _percent(part.weight)
    if part.kind == calc.EQUAL:
        return calc.Component(calc.EQUAL, part.weight, _("%s %% equal share") % percent)
    if part.criterion is not None:
        criterion = part.criterion
        values = CriterionValue.objects.filter(
            criterion=criterion, municipality__in=municipalities
        ).select_related("municipality")
        by_number = {v.municipality.number: Fraction(v.value) for v in values}
        _require_all(
            by_number,
            municipalities,
            "key",
            _("The criterion “%(name)s” has no value for %(missing)s."),
            name=criterion.name,
        )
        return calc.Component(
            criterion.slug,
            part.weight,
            f"{percent} % {criterion.name}",
            by_number,
            criterion.source,
        )
    measure, value_period, when = _population_reference(part.kind, part.period or period)
    figures = (
        PopulationValue.objects.filter(
            municipality__in=municipalities,
            measure=measure,
            period=value_period,
            value__isnull=False,
        )
        .with_corrections()
        .select_related("municipality", "source")
    )
    by_number = {  # a recorded correction in place of the source's figure
        f.municipality.number: Fraction(f.value if f.corrected_value is None else f.corrected_value)
        for f in figures
    }
    _require_all(
        by_number,
        municipalities,
        "period",
        _("There is no %(measure)s for %(period)s for %(missing)s."),
        measure=str(Measure(measure).label),
        period=value_period,
    )
    sources = sorted({f.source.title for f in figures})
    label = (
        f"{percent} % {Measure(measure).label if part.kind != 'population' else _('population')}"
    )
    return calc.Component(
        part.kind,
        part.weight,
        f"{label} ({when})",
        by_number,
        _("%(sources)s; %(measure)s %(period)s")
        % {
            "sources": "; ".join(sources),
            "measure": Measure(measure).label,
            "period": value_period,
        },
    )


def _require_all(
    values: dict, municipalities: list[Municipality], field: str, message: str, **params: str
) -> None:
    missing = [m.name for m in municipalities if m.number not in values]
    if missing:
        raise AllocationInputError(field, message % {**params, "missing": ", ".join(missing)})


def _population_reference(kind: str, period: str) -> tuple[str, str, str]:
    """(measure, period of the stored figure, words) for a population criterion at a period.

    Population at 1 January of a year is the population at the end of the year before's
    fourth quarter (SSB: 07459 year N = 01222 end of (N-1)K4).
    """
    if kind == "population":
        if "K" in period:
            return Measure.POPULATION_END, period, _("end of %s") % period
        return Measure.POPULATION_END, f"{int(period) - 1}K4", _("1 January %s") % period
    year = period if "K" not in period else str(int(period[:4]) + 1)
    return AGE_MEASURES[kind], year, _("1 January %s") % year


def _percent(weight: Fraction) -> str:
    value = Decimal(weight.numerator * 100) / Decimal(weight.denominator)
    return f"{value.normalize():f}".replace(".", ",")


def _input_error(exc: calc.AllocationError) -> AllocationInputError:
    """The calculation's error in words; each code has its own message."""
    params = exc.params
    messages = {
        "no_participants": ("participants", lambda: _("Choose at least one municipality.")),
        "duplicate_participant": ("participants", lambda: _("A municipality is listed twice.")),
        "budget_not_number": (
            "budget",
            lambda: _("The budget “%s” is not a number.") % params["budget"],
        ),
        "budget_negative": ("budget", lambda: _("The budget cannot be negative.")),
        "budget_fraction_of_ore": (
            "budget",
            lambda: _("The budget cannot have fractions of an øre."),
        ),
        "no_components": ("key", lambda: _("The key has no parts.")),
        "weight_negative": (
            "key",
            lambda: _("%(component)s has a negative weight.") % params,
        ),
        "weights_not_100": (
            "key",
            lambda: (
                _("The weights of the key add up to %s %%, not 100 %%.")
                % _percent(Fraction(str(params["total"])) / 100)
            ),
        ),
        "value_missing": (
            "key",
            lambda: _("%(component)s has no value for %(participant)s.") % params,
        ),
        "value_negative": (
            "key",
            lambda: _("%(component)s is negative for %(participant)s.") % params,
        ),
        "component_sums_to_zero": (
            "key",
            lambda: _("%(component)s is zero for every participant.") % params,
        ),
    }
    field, message = messages[exc.code]
    return AllocationInputError(field, message())


@dataclass(frozen=True)
class CostShare:
    budget: CooperationBudget
    amount: Decimal | None
    problem: str = ""


def municipality_cost_shares(municipality: Municipality) -> tuple[list[CostShare], Decimal]:
    """The municipality's share of every cooperation budget it takes part in, and the total."""
    shares = []
    for budget in selectors.budgets_concerning(municipality):
        participants = selectors.budget_participants(budget)
        if municipality.number not in {m.number for m, _share in participants}:
            continue
        try:
            inputs = Inputs(
                budget.amount,
                (stored_key(budget.cost_key),),
                check_period(budget.period),
                tuple(participants),
            )
            result = allocate(inputs)
        except AllocationInputError as exc:
            shares.append(CostShare(budget, None, exc.message))
            continue
        line = next(
            x for x in result.allocation.lines if x.participant.number == municipality.number
        )
        shares.append(CostShare(budget, line.amount))
    total = sum((s.amount for s in shares if s.amount is not None), Decimal(0))
    return shares, total
