"""Until a finding is resolved, derived figures that read a flagged cell are marked uncertain
(a sum, the mean growth, the forecast), on /folketal/ and in the API."""

import re
from html import unescape

from hypothesis import given
from hypothesis import strategies as st

from samvirke.population.calc import checks, series
from samvirke.population.models import Correction


def test_a_pinpointed_finding_flags_its_cell_only():
    cells = [["4643", "2025K3", "growth", 37], [checks.SUM, "2025K3", "growth", 44]]
    fix = ["4643", "2025K3", "growth", -37]
    assert series.flagged_cells([(cells, fix)]) == {("4643", "2025K3", "growth")}


def test_without_a_pinpointed_cell_every_cell_is_in_doubt_but_not_the_printed_sum():
    cells = [["4643", "2025K3", "growth", 37], [checks.SUM, "2025K3", "growth", 44]]
    assert series.flagged_cells([(cells, None)]) == {("4643", "2025K3", "growth")}


def test_only_the_periods_and_members_that_read_a_flagged_cell_are_uncertain():
    flagged = {("4643", "2025K3", "growth"), ("9999", "2024K2", "growth")}
    assert series.uncertain_periods(flagged, ["4643", "4644"], "growth") == {"2025K3"}
    assert series.uncertain_periods(flagged, ["4643"], "population_end") == set()
    assert series.depends_on_flagged(flagged, ["4644"], ["growth"]) == []


@given(
    st.sets(
        st.tuples(
            st.sampled_from(["1", "2", "3"]),
            st.sampled_from(["2025K1", "2025K2"]),
            st.sampled_from(["growth", "population_end"]),
        )
    ),
    st.sets(st.sampled_from(["1", "2", "3"])),
)
def test_a_period_is_uncertain_exactly_when_a_member_s_cell_of_it_is_flagged(flagged, members):
    periods = series.uncertain_periods(flagged, sorted(members), "growth")
    for period in ("2025K1", "2025K2"):
        expected = any((m, period, "growth") in flagged for m in members)
        assert (period in periods) == expected


def _text(response) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_sogn_figures_with_their_correction_are_not_uncertain(client, sogn):
    page = _text(client.get("/folketal/"))
    assert "usikker" not in page.casefold()
    assert client.get("/api/v1/population/forecast").json()["uncertain"] is False


def test_without_the_correction_the_sum_and_the_forecast_are_marked_uncertain(client, sogn):
    Correction.objects.all().delete()  # the Årdal 2025K3 finding is open again
    page = _text(client.get("/folketal/"))
    # one Sum reads the flagged cell: the growth of 2025K3 (the populations are sound)
    assert page.count("usikker: summen les eit tal som kontrollane flaggar") == 1
    assert "Usikkert: snittveksten og prognosen les tal som kontrollane flaggar" in page
    forecast = client.get("/api/v1/population/forecast").json()
    assert forecast["uncertain"] is True
    assert ["4643", "2025K3", "growth"] in forecast["uncertain_cells"]
