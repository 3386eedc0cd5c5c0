"""Allocation from the register: sources, stored keys, criteria, pro rata and bad input."""

from decimal import Decimal
from fractions import Fraction

import pytest

from samvirke.finance import services
from samvirke.finance.models import CostKey, Criterion, CriterionValue
from samvirke.interchange.exporter import dump, export_register
from samvirke.registry.models import Municipality

SOGN_25_75 = {
    "4639": 105329,
    "4640": 357266,
    "4641": 88584,
    "4642": 97560,
    "4643": 171859,
    "4644": 179402,
}


def allocate(budget, key, period, participants="", year=None):
    """The text entry point (command line, API): read the inputs, then allocate."""
    return services.allocate(
        services.read_inputs(budget, [key], period, participants, year, organisation="sogn-ko")
    )


def amounts(result):
    return {line.participant.number: int(line.amount) for line in result.allocation.lines}


def test_the_stored_25_75_key_on_sogn_2025k4(sogn):
    result = allocate("1000000", "hovudregel-25-75", "2025K4")
    assert amounts(result) == SOGN_25_75
    assert result.key.stored.decision.slug == "styret-2025-10-20-kostnadsfordeling"
    population = result.allocation.components[1]
    assert "Status mars 2026" in population.source and "2025K4" in population.source


def test_an_equal_share_key_touches_no_population_finding(sogn):
    assert allocate("100", "100 likt", "2025K4").findings == ()


def test_a_written_key_and_the_stored_key_agree(sogn):
    assert amounts(allocate("1 000 000", "25 likt, 75 folketal", "2025K4")) == SOGN_25_75


def test_a_year_means_the_population_at_1_january(sogn):
    assert amounts(allocate("1000000", "Hovudregel 25/75", "2026")) == SOGN_25_75
    earlier = allocate("1000000", "100 folketal", "2025")
    assert "2024K4" in earlier.allocation.components[0].source


def test_a_custom_criterion_is_used_with_its_source(sogn):
    forest = Criterion.objects.create(
        slug="skogareal", name="Skogareal", unit="km²", source="Døme: manuell registrering"
    )
    for number, area in {"4639": 3, "4640": 1}.items():
        CriterionValue.objects.create(
            criterion=forest, municipality=Municipality.objects.get(number=number), value=area
        )
    result = allocate("400", "100 skogareal", "2025K4", "4639,4640")
    assert amounts(result) == {"4639": 300, "4640": 100}
    assert result.allocation.components[0].source == "Døme: manuell registrering"


def test_part_year_participants_count_pro_rata(sogn):
    result = allocate("1000", "100 likt", "2025K4", "4639,4640:..2026-07-01", 2026)
    lines = {line.participant.number: line for line in result.allocation.lines}
    assert lines["4640"].participant.year_fraction == Fraction(182, 365)
    assert lines["4640"].share < lines["4639"].share
    assert result.allocation.total == Decimal(1000)


@pytest.mark.parametrize(
    ("args", "field", "message"),
    [
        (("-1", "hovudregel-25-75", "2025K4"), "budget", "Budsjettet kan ikkje vere negativt."),
        (
            ("ein million", "hovudregel-25-75", "2025K4"),
            "budget",
            "Budsjettet «ein million» er ikkje eit tal.",
        ),
        (("100", "20 likt, 75 folketal", "2025K4"), "key", "summerer seg til 95 %, ikkje 100 %"),
        (
            ("100", "50 likt, 50 skogareal", "2025K4"),
            "key",
            "«skogareal» i nøkkelen er verken eit kjent ord",
        ),
        (
            ("100", "hovudregel-25-75", "2024K1"),
            "period",
            "Det finst ikkje folketal ved utgangen av kvartalet for 2024K1 for Vik, Sogndal",
        ),
        (("100", "hovudregel-25-75", "25K4"), "period", "Perioden «25K4» er verken eit kvartal"),
        (
            ("100", "hovudregel-25-75", "2025K4", "4639,9999"),
            "participants",
            "Ukjent kommunenummer «9999».",
        ),
        (
            ("100", "50 likt, 50 born", "2025K4"),
            "period",
            "Det finst ikkje born 0–17 år per 1. januar for 2026 for Vik",
        ),
    ],
)
def test_bad_input_names_what_is_wrong_and_stores_nothing(sogn, args, field, message):
    before = dump(export_register(), "json")
    with pytest.raises(services.AllocationInputError) as failure:
        allocate(*args)
    assert failure.value.field == field
    assert message in failure.value.message
    assert dump(export_register(), "json") == before


def test_a_criterion_missing_for_a_participant_is_named(sogn):
    forest = Criterion.objects.create(slug="skogareal", name="Skogareal")
    CriterionValue.objects.create(
        criterion=forest, municipality=Municipality.objects.get(number="4639"), value=3
    )
    with pytest.raises(
        services.AllocationInputError, match="Kriteriet «Skogareal» har ingen verdi for Sogndal."
    ):
        allocate("100", "100 skogareal", "2025K4", "4639,4640")


def test_changing_a_keys_components_in_the_admin_makes_a_new_version(sogn, admin_client):
    key = CostKey.objects.get(slug="hovudregel-25-75")
    first, second = key.components.order_by("order")
    data = {
        "slug": key.slug,
        "name": key.name,
        "description": key.description,
        "decision": key.decision_id,
        "components-TOTAL_FORMS": "2",
        "components-INITIAL_FORMS": "2",
        "components-0-id": first.pk,
        "components-0-key": key.pk,
        "components-0-order": 1,
        "components-0-kind": "equal",
        "components-0-weight": "50",
        "components-0-period": "",
        "components-1-id": second.pk,
        "components-1-key": key.pk,
        "components-1-order": 2,
        "components-1-kind": "population",
        "components-1-weight": "50",
        "components-1-period": "",
        "cooperation_links-TOTAL_FORMS": "0",
        "cooperation_links-INITIAL_FORMS": "0",
        "agreement_links-TOTAL_FORMS": "0",
        "agreement_links-INITIAL_FORMS": "0",
    }
    response = admin_client.post(f"/admin/finance/costkey/{key.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    key.refresh_from_db()
    assert key.version == 2
    assert key.history.filter(version=1).exists()


def test_an_age_criterion_uses_the_figures_at_1_january(sogn):
    from samvirke.population.models import PopulationValue
    from samvirke.registry.models import Source

    manual = Source.objects.create(slug="manuell", kind="manual", title="Manuell registrering")
    for number, children in {"4639": 400, "4640": 2800}.items():
        PopulationValue.objects.create(
            municipality=Municipality.objects.get(number=number),
            period="2026",
            measure="age_0_17",
            value=children,
            source=manual,
        )
    result = allocate("3200", "100 born", "2025K4", "4639,4640")
    assert amounts(result) == {"4639": 400, "4640": 2800}
    assert "Manuell registrering" in result.allocation.components[0].source
    assert "1. januar 2026" in result.allocation.components[0].label


@pytest.mark.parametrize(
    ("participants", "year", "message"),
    [
        ("4639,4639", None, "Vik er ført opp to gonger."),
        ("4639,4640:2027-01-01..2027-06-30", 2026, "ligg utanfor budsjettåret"),
    ],
)
def test_a_participant_twice_or_outside_the_year_is_a_named_error(
    sogn, participants, year, message
):
    with pytest.raises(services.AllocationInputError) as failure:
        allocate("1000", "100 likt", "2025K4", participants, year)
    assert failure.value.field == "participants"
    assert message in failure.value.message


def test_every_error_code_of_the_calculation_has_its_own_message():
    import inspect
    import re

    from samvirke.finance.calc import allocation as calc

    source = inspect.getsource(calc.allocate) + "".join(
        inspect.getsource(f) for f in (calc._check_budget, calc._check_weights)
    )
    source += inspect.getsource(calc._component_shares)
    codes = set(re.findall(r'AllocationError\(\s*"(\w+)"', source))
    assert len(codes) >= 9
    params = {"component": "X", "participant": "Y", "total": Fraction(50), "budget": "z"}
    messages = {code: services._input_error(calc.AllocationError(code, **params)) for code in codes}
    assert len({m.message for m in messages.values()}) == len(codes)
