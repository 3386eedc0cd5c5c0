"""Age structure from SSB's recorded answers: import, checks, measures, page, API."""

import json
from fractions import Fraction
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command

from samvirke.population import ages as age_services
from samvirke.population.calc import ages
from samvirke.population.calc.jsonstat import decode
from samvirke.population.models import AgeCount
from samvirke.population.ssb_mapping import age_rows
from samvirke.registry.models import Organisation

SSB = Path(__file__).resolve().parent.parent / "fixtures" / "population" / "ssb"


def recorded(name: str) -> dict:
    return json.loads((SSB / name).read_text(encoding="utf-8"))


@pytest.fixture
def sogn_ages(sogn):
    call_command(
        "population", "import-ssb", "--table", "07459", "--ages",
        "--from-file", str(SSB / "07459-sogn-ages.json"),
    )  # fmt: skip
    call_command(
        "population", "import-ssb", "--table", "projection", "--ages",
        "--from-file", str(SSB / "14288-ages.json"),
    )  # fmt: skip
    return Organisation.objects.get(slug="sogn-ko")


def hand_counts(area: str, year: str, alternative: str = "") -> dict[int, int]:
    """Persons by age straight from the recorded JSON-stat, summed over sex by hand."""
    name = "07459-sogn-ages.json" if not alternative else "14288-ages.json"
    doc = recorded(name)
    dims, sizes = doc["id"], doc["size"]
    index = {d: doc["dimension"][d]["category"]["index"] for d in dims}
    counts = {}
    content = "Personer1" if not alternative else f"Folketall{alternative}"
    for age_code in index["Alder"]:
        total = 0
        for sex in ("1", "2"):
            position = 0
            for d, size in zip(dims, sizes, strict=True):
                code = {
                    "Region": area,
                    "Kjonn": sex,
                    "Alder": age_code,
                    "ContentsCode": content,
                    "Tid": year,
                }[d]
                position = position * size + index[d][code]
            total += doc["value"][position]
        counts[int(age_code.rstrip("+"))] = total
    assert max(counts) == 105
    return counts


def test_the_imported_counts_are_the_recorded_ones(sogn_ages):
    assert AgeCount.objects.filter(alternative="").count() == 8 * 2 * 106 * 2
    assert AgeCount.objects.filter(alternative="MMMM").count() == 8 * 2 * 106 * 4
    stored = age_services.age_overview(sogn_ages).get("4641", "2026")
    assert stored.counts == hand_counts("4641", "2026")
    assert sum(stored.counts.values()) == 1866  # Aurland's population at the end of 2025K4


def test_the_measures_match_a_hand_computation(sogn_ages):
    overview = age_services.age_overview(sogn_ages)
    counts = hand_counts("4641", "2040", "MMMM")
    total = sum(counts.values())
    over_67 = sum(n for a, n in counts.items() if a >= 67)
    over_80 = sum(n for a, n in counts.items() if a >= 80)
    working = sum(n for a, n in counts.items() if 20 <= a <= 66)
    young = sum(n for a, n in counts.items() if a <= 19)
    m = overview.get("4641", "2040", "MMMM").measures
    assert m.share_67_plus == Fraction(over_67, total)
    assert m.share_80_plus == Fraction(over_80, total)
    assert m.dependency_ratio == Fraction(young + over_67, working)
    now = sum(n for a, n in hand_counts("4641", "2026").items() if 20 <= a <= 66)
    assert overview.working_age_change("4641", "2040") == Fraction(working - now, now)


def test_the_region_is_the_sum_of_its_six_members(sogn_ages):
    overview = age_services.age_overview(sogn_ages)
    region = overview.get("sogn-ko", "2026")
    members = ["4639", "4640", "4641", "4642", "4643", "4644"]
    assert region.counts == ages.combined(hand_counts(n, "2026") for n in members)
    assert sum(region.counts.values()) == 2532 + 12552 + 1866 + 2223 + 5178 + 5478
    kinds = [kind for _code, _name, kind in overview.areas]
    assert kinds == ["municipality"] * 6 + ["region", "county", "country"]
    assert overview.now == "2026" and overview.projection_years == ["2030", "2040", "2050"]
    assert overview.findings == []


def test_a_corrupted_age_cell_is_found_and_the_import_refused(sogn, tmp_path):
    doc = recorded("07459-sogn-ages.json")
    doc["value"][2000] += 7  # one cell of one municipality, one sex, one age and year
    bad = tmp_path / "07459-corrupt.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError, match="ingenting vart lagra"):
        call_command(
            "population", "import-ssb", "--table", "07459", "--ages", "--from-file", str(bad)
        )
    assert AgeCount.objects.count() == 0
    found = age_services.check_rows(age_rows(decode(doc), projected=False))
    assert [(f.check, f.found - f.expected) for f in found] == [("age_total", 7)]


def test_a_projection_that_does_not_start_from_the_register_is_refused(sogn_ages, tmp_path):
    doc = recorded("14288-ages.json")
    doc["value"][0] += 3  # Vik, men, age 0, MMMM, 2026: the projection's first year
    bad = tmp_path / "projection.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before = AgeCount.history.count()
    with pytest.raises(CommandError, match="ingenting vart lagra"):
        call_command(
            "population", "import-ssb", "--table", "projection", "--ages", "--from-file", str(bad)
        )
    assert AgeCount.history.count() == before


def test_importing_the_same_answer_again_changes_nothing(sogn_ages, capsys):
    before = AgeCount.history.count()
    call_command(
        "population", "import-ssb", "--table", "07459", "--ages",
        "--from-file", str(SSB / "07459-sogn-ages.json"),
    )  # fmt: skip
    assert "Lagra 0 nye og 0 endra tal etter alder" in capsys.readouterr().out
    assert AgeCount.history.count() == before


def test_with_no_network_the_import_fails_clearly_and_changes_nothing(sogn, monkeypatch):
    from samvirke.population import ssb

    def unreachable(request):
        raise httpx.ConnectError("no route to host", request=request)

    original = ssb.SsbClient.__init__

    def offline(self, *args, **kwargs):
        original(self, *args, transport=httpx.MockTransport(unreachable), sleep=lambda s: None)

    monkeypatch.setattr(ssb.SsbClient, "__init__", offline)
    for table in ("07459", "projection"):
        with pytest.raises(CommandError) as failure:
            call_command("population", "import-ssb", "--table", table, "--ages")
        assert "SSB" in str(failure.value)
    assert AgeCount.objects.count() == 0


def test_the_ssb_client_asks_for_ages_and_the_three_alternatives(sogn):
    from samvirke.population.ssb import SsbClient

    seen = []

    def handler(request):
        seen.append(request.url)
        if request.url.path.endswith("/tables"):
            return httpx.Response(200, content=(SSB / "tables-search.json").read_bytes())
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, content=(SSB / "14288-ages-metadata.json").read_bytes())
        return httpx.Response(200, content=(SSB / "14288-ages.json").read_bytes())

    client = SsbClient(transport=httpx.MockTransport(handler), sleep=lambda s: None)
    table = client.newest_projection_table(by_age=True)
    assert table["id"] == "14288"
    client.projection_by_age("14288", ["4639", "46", "0"])
    query = seen[-1].params
    assert query["valueCodes[Alder]"] == "*" and query["valueCodes[Kjonn]"] == "*"
    assert query["valueCodes[Tid]"] == "2026,2030,2040,2050"
    assert query["valueCodes[ContentsCode]"] == "FolketallMMMM,FolketallLLML,FolketallHHMH"


def text_of(response) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace(
        "\xa0", " "
    )


def test_the_age_page_without_figures_says_how_to_get_them(client, sogn):
    text = text_of(client.get("/folketal/alder/"))
    assert "import-ssb --table 07459 --ages" in text


def test_the_age_page_shows_the_measures_summaries_and_pyramid(client, sogn_ages):
    overview = age_services.age_overview(sogn_ages)
    aurland = overview.get("4641", "2040", "MMMM").measures
    response = client.get("/folketal/alder/?omrade=4641")
    assert response.status_code == 200
    text = text_of(response)
    share = aurland.share_67_plus
    percent = f"{float(share * 100):.1f}".replace(".", ",")
    n = ages.one_in(share)
    words = {2: "andre", 3: "tredje", 4: "fjerde", 5: "femte", 6: "sjette"}
    if n is not None:
        assert (
            f"I 2040 er kvar {words[n]} innbyggjar i Aurland 67 år eller eldre ({percent} %)"
            in text
        )
    else:
        assert f"I 2040 er {percent} % av innbyggjarane i Aurland 67 år eller eldre" in text
    assert "Befolkningspyramide for Aurland, 2026 og 2040" in text
    assert 'role="img"' in response.content.decode()
    assert "Heile landet" in text and "Vestland" in text


def test_the_api_gives_the_measures_as_exact_fractions(client, sogn_ages):
    rows = client.get("/api/v1/population/age-measures").json()
    assert [r["kind"] for r in rows] == ["municipality"] * 6 + ["region", "county", "country"]
    aurland = next(r for r in rows if r["area"] == "4641")
    assert aurland["years"] == ["2026", "2030", "2040", "2050"]
    m = age_services.age_overview(Organisation.objects.get(slug="sogn-ko")).get(
        "4641", "2040", "MMMM"
    )
    assert Fraction(aurland["share_67_plus"][2]) == m.measures.share_67_plus
    groups = client.get("/api/v1/population/ages?area=4641&year=2026&alternative=registered").json()
    assert len(groups) == 1 and sum(groups[0]["groups"].values()) == 1866


def test_the_age_page_has_a_fixed_query_cost(client, sogn_ages, django_assert_num_queries):
    with django_assert_num_queries(6):
        assert client.get("/folketal/alder/").status_code == 200
    with django_assert_num_queries(6):
        assert client.get("/folketal/alder/?omrade=46").status_code == 200
