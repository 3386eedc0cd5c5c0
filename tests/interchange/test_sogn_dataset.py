from decimal import Decimal

from samvirke.governance.models import Decision, Membership, Network, Staff
from samvirke.interchange.services import load_dataset
from samvirke.population.models import PopulationValue
from samvirke.registry.models import Cooperation, FinancingLine, Participation


def test_it_loads_every_cooperation_of_the_deck(sogn):
    assert Cooperation.objects.count() == 17
    assert set(Cooperation.objects.values_list("slug", flat=True)) >= {
        "barnevern",
        "nav",
        "lon",
        "ppt",
        "kart-oppmaling-gis",
        "skog-i-sogn",
        "tryggest",
        "alarmsentralen",
        "green-hydra",
        "samfunnstryggleik-beredskap",
    }


def test_it_holds_hosts_and_participation_as_the_deck_states_them(sogn):
    barnevern = Cooperation.objects.get(slug="barnevern")
    assert barnevern.host.name == "Sogndal"
    assert barnevern.start == "2027-01-01"
    assert set(barnevern.participations.values_list("status", flat=True)) == {"vedteke"}
    gis = Cooperation.objects.get(slug="kart-oppmaling-gis")
    adopted = gis.participations.filter(status="vedteke")
    assert sorted(adopted.values_list("municipality__name", flat=True)) == [
        "Luster",
        "Lærdal",
        "Sogndal",
        "Vik",
        "Årdal",
    ]
    assert adopted.first().decided == "2025-11/2025-12"
    assert gis.participations.count() == 5  # Aurland is not named in the source
    skog = Cooperation.objects.get(slug="skog-i-sogn")
    assert skog.resources == Decimal("2.6")
    assert skog.participations.get(municipality__name="Høyanger").status == "utmeld"


def test_it_does_not_guess_which_five_municipalities_adopted_nav(sogn):
    # "Fem kommunar fatta … positive prinsippvedtak": a count without names, not six unknowns
    assert not Participation.objects.filter(cooperation__slug="nav").exists()
    nav = Cooperation.objects.get(slug="nav")
    assert (nav.stated_count, nav.stated_count_of, nav.stated_count_date) == (5, 6, "2025-12")
    assert nav.stated_count_basis.startswith("Fem kommunar fatta i desember 2025")


def test_it_holds_financing_and_project_leaders(sogn):
    lines = FinancingLine.objects.filter(cooperation__slug="ressurskrevjande-tenester")
    assert [(line.source_id and line.source.slug, line.amount, line.kind) for line in lines] == [
        ("statsforvaltaren", Decimal("800000"), "grant"),
        ("sogn-ko", Decimal("200000"), "own_contribution"),
        (None, None, "in_kind"),
    ]
    beredskap = Cooperation.objects.get(slug="samfunnstryggleik-beredskap")
    assert beredskap.project_leader.name == "Halvard Gjerde"
    assert beredskap.financing.get(order=1).amount == Decimal("1100000")


def test_it_holds_the_bodies_and_staff(sogn):
    board = Membership.objects.filter(body__slug="sogn-ko-styret").select_related(
        "person", "municipality"
    )
    assert [(m.person.name, m.role, m.municipality.name) for m in board][:2] == [
        ("Siri Fahlvik Pettersen", "leiar", "Vik"),
        ("Gunn Lerøy", "nestleiar", "Lærdal"),
    ]
    council = Membership.objects.get(body__slug="sogn-ko-representantskapet", role="leiar")
    assert (council.person.name, council.municipality.name) == ("Kjell Bøe Bjørgum", "Aurland")
    shares = {s.person.name: (s.position_share, s.employer.name) for s in Staff.objects.all()}
    assert shares["Yngve Hallén"] == (Decimal("70"), "Sogndal kommune")
    assert len(shares) == 4


def test_it_holds_decisions_with_dates_and_networks(sogn):
    assert Decision.objects.get(slug="styret-2025-10-20-kostnadsfordeling").date == "2025-10-20"
    assert Decision.objects.filter(date="2026-02-23").count() == 4
    committed = Network.objects.filter(committed=True, established="2025-09/2025-10")
    assert committed.count() == 3


def test_it_holds_the_population_tables(sogn):
    values = PopulationValue.objects.filter(municipality__number="4640")
    assert values.get(measure="population_end", period="2023K4").value == 12319
    assert values.get(measure="growth", period="2024K4").value == 122
    assert PopulationValue.objects.filter(measure="growth").count() == 42
    assert PopulationValue.objects.filter(measure="population_end").count() == 18


def test_loading_again_changes_nothing_and_adds_no_history(sogn):
    history_before = Cooperation.history.count() + PopulationValue.history.count()
    result = load_dataset("sogn")
    assert (result.created, result.updated, result.removed) == (0, 0, 0)
    assert result.unchanged > 300
    assert Cooperation.history.count() + PopulationValue.history.count() == history_before


def test_aurland_is_no_participant_of_gis_in_its_overview(client, sogn):
    # the source names five municipalities for GIS; Aurland's kap. 17 overview must not
    # claim it takes part
    overview = client.get("/api/v1/municipalities/4641/overview").json()
    assert "kart-oppmaling-gis" not in [c["slug"] for c in overview["cooperations"]]
    (gis,) = [i for i in overview["involvements"] if i["cooperation"] == "kart-oppmaling-gis"]
    assert gis["roles"] == ["gjennom medlemskapen i Sogn KO"]  # its KO's, not as a participant
    assert gis["status"] == ""
