"""The SSB client, offline: recorded responses in PxWebApi v2's format, every error status,
a network that cannot be reached, the rate limit, retries, and fuzzed answers."""

import json
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samvirke.population import ssb_mapping
from samvirke.population.models import PopulationValue
from samvirke.population.ssb import SsbClient, SsbError
from tests.interchange.helpers import snapshot

SSB = Path(__file__).resolve().parent.parent / "fixtures" / "population" / "ssb"


def recorded(name: str) -> bytes:
    return (SSB / name).read_bytes()


def client_for(handler, **options) -> SsbClient:
    return SsbClient(transport=httpx.MockTransport(handler), sleep=lambda s: None, **options)


def test_table_01222_is_fetched_and_mapped():
    seen = []

    def handler(request):
        seen.append(request.url)
        return httpx.Response(200, content=recorded("01222-vik-sogndal.json"))

    dataset = client_for(handler).population(["4639", "4640"], "2025K1")
    assert seen[0].path == "/api/pxwebapi/v2/tables/01222/data"
    assert seen[0].params["valueCodes[Region]"] == "4639,4640"
    assert seen[0].params["valueCodes[Tid]"] == "from(2025K1)"
    cells = ssb_mapping.from_01222(dataset)
    assert cells[("4640", "2025K4", "population_end")] == (12552, "")
    assert cells[("4639", "2025K3", "growth")] == (-19, "")


def test_status_symbols_survive_the_mapping():
    cells = ssb_mapping.from_01222(
        client_for(lambda r: httpx.Response(200, content=recorded("01222-status.json"))).population(
            ["4639"], "2025K1"
        )
    )
    assert cells[("4639", "2025K4", "immigration")] == (None, "..")


def test_table_07459_is_summed_into_age_groups():
    dataset = client_for(
        lambda r: httpx.Response(200, content=recorded("07459-vik.json"))
    ).population_by_age(["4639"], "2025")
    cells = ssb_mapping.from_07459(dataset)
    assert set(cells) == {
        ("4639", y, g) for y in ("2025", "2026") for g in ("age_0_17", "age_67_plus")
    }
    assert cells[("4639", "2026", "age_0_17")][0] == cells[("4639", "2025", "age_0_17")][0] + 36


def test_the_newest_projection_table_is_found_by_search():
    def handler(request):
        path = request.url.path
        if path.endswith("/tables"):
            assert "framskriving" in request.url.params["query"]
            return httpx.Response(200, content=recorded("tables-search.json"))
        if path.endswith("/metadata"):
            return httpx.Response(200, content=recorded("14288-metadata.json"))
        assert request.url.params["valueCodes[ContentsCode]"] == "FolketallMMMM"
        return httpx.Response(200, content=recorded("14288-mmmm.json"))

    client = client_for(handler)
    table = client.newest_projection_table()
    assert table["id"] == "14288"
    cells = ssb_mapping.from_projection(client.projection("14288", ["4639", "4640"]))
    assert cells[("4640", "2027", "projected_population")] == (12630, "")


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (400, "feilformatert"),
        (403, "800 000 celler"),
        (404, "ingen slik tabell|ikkje ein slik"),
        (429, "for mange"),
        (503, "nede"),
        (500, "ein feil"),
    ],
)
def test_each_error_status_gets_a_clear_message(status, message):
    client = client_for(lambda r: httpx.Response(status, json={"error": "x"}), retries=0)
    with pytest.raises(SsbError, match=message):
        client.population(["4639"], "2025K1")


def test_a_network_that_cannot_be_reached():
    def handler(request):
        raise httpx.ConnectError("no route", request=request)

    with pytest.raises(SsbError, match="Får ikkje kontakt med SSB"):
        client_for(handler).population(["4639"], "2025K1")


def test_429_and_503_are_retried_with_backoff():
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(503),
            httpx.Response(200, content=recorded("01222-vik-sogndal.json")),
        ]
    )
    waits = []
    client = SsbClient(transport=httpx.MockTransport(lambda r: next(answers)), sleep=waits.append)
    client.population(["4639"], "2025K1")
    assert waits == [7.0, 2.0]


def test_at_most_30_requests_a_minute():
    now = [0.0]
    waits = []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    client = SsbClient(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={})),
        clock=lambda: now[0],
        sleep=sleep,
    )
    for _ in range(31):
        client.get_json("/config", {})
        now[0] += 0.1
    assert len(waits) == 1 and waits[0] == pytest.approx(60 - 3.0)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(100, 599),
    st.one_of(
        st.binary(max_size=60),
        st.builds(
            lambda d: json.dumps(d).encode(),
            st.dictionaries(st.text(max_size=6), st.integers(), max_size=4),
        ),
    ),
)
def test_any_answer_gives_data_or_a_clear_error(status, body):
    client = client_for(lambda r: httpx.Response(status, content=body), retries=0)
    try:
        dataset = client.population(["4639"], "2025K1")
        ssb_mapping.from_01222(dataset)
    except SsbError as exc:
        assert str(exc)


def test_import_ssb_from_a_saved_response_stores_values_with_their_source(sogn):
    PopulationValue.objects.filter(municipality__number__in=["4639", "4640"]).delete()
    call_command(
        "population",
        "import-ssb",
        from_file=SSB / "01222-vik-sogndal.json",
        municipalities="4639,4640",
        accept_findings=False,
    )
    value = PopulationValue.objects.get(
        municipality__number="4640", period="2025K2", measure="births"
    )
    assert value.source.kind == "ssb" and "01222" in value.source.title
    assert value.source.retrieved_at is not None


def test_a_failed_ssb_import_writes_nothing(sogn, tmp_path):
    broken = tmp_path / "svar.json"
    broken.write_text('{"class": "dataset", "version": "2.0"}', encoding="utf-8")
    before = snapshot()
    with pytest.raises(CommandError, match="id"):
        call_command("population", "import-ssb", from_file=broken)
    assert snapshot() == before
