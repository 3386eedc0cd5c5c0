"""The REST API: stable identifiers, the portal's filters, pagination, problem+json errors."""

import pytest
from django.contrib.staticfiles import finders

SOGN_25_75 = {
    "4639": "105329",
    "4640": "357266",
    "4641": "88584",
    "4642": "97560",
    "4643": "171859",
    "4644": "179402",
}


def test_cooperations_are_listed_with_the_portal_filters_and_pages(client, sogn):
    page = client.get("/api/v1/cooperations").json()
    assert page["count"] == 17 and len(page["items"]) == 17
    assert [c["slug"] for c in client.get("/api/v1/cooperations?host=4644").json()["items"]] == [
        "kart-oppmaling-gis"
    ]
    innsikt = client.get("/api/v1/cooperations?phase=innsikt&municipality=4642").json()
    assert [c["slug"] for c in innsikt["items"]] == ["ressurskrevjande-tenester"]


def test_a_cooperation_by_its_slug(client, sogn):
    barnevern = client.get("/api/v1/cooperations/barnevern").json()
    assert barnevern["host"] == "4640" and barnevern["start"] == "2027-01-01"
    assert {p["status"] for p in barnevern["participants"]} == {"vedteke"}
    assert "styret-2026-02-23-barnevern" in barnevern["decisions"]
    # each participant's status refers to its own council's decision
    vik = next(p for p in barnevern["participants"] if p["municipality"] == "4639")
    assert vik["council_decisions"] == ["kommunestyret-vik-2025-12-barnevern"]
    assert vik["basis"].startswith("Vertskommuneavtale om ny felles barnevernsteneste")
    assert barnevern["phase_basis"]["interpreted"] is True


def test_nav_is_five_of_six_not_six_unknowns(client, sogn):
    nav = client.get("/api/v1/cooperations/nav").json()
    assert nav["participants"] == []
    assert nav["stated_count"]["text"] == "5 av 6 kommunar"
    assert (nav["stated_count"]["count"], nav["stated_count"]["of"]) == (5, 6)
    overview = client.get("/api/v1/municipalities/4639/overview").json()
    (row,) = [i for i in overview["involvements"] if i["cooperation"] == "nav"]
    assert row["status"] == "" and row["stated_count"]["text"] == "5 av 6 kommunar"


def test_a_project_without_a_host_is_not_an_unknown_host(client, sogn):
    hydra = client.get("/api/v1/cooperations/green-hydra").json()
    assert hydra["host"] is None and hydra["host_applies"] is False
    veteranplan = client.get("/api/v1/cooperations/veteranplan").json()
    assert veteranplan["host_applies"] is False  # a plan each municipality carries itself
    ureining = client.get("/api/v1/cooperations/ureining-miljo-tilsyn").json()
    assert ureining["host"] is None and ureining["host_applies"] is True  # not chosen yet


def test_municipality_overview_agreements_decisions_bodies_networks(client, sogn):
    overview = client.get("/api/v1/municipalities/4643/overview").json()
    assert "nav" in overview["hosts"]
    parties = client.get("/api/v1/agreements?municipality=4641").json()["items"]
    assert {a["slug"] for a in parties} == {
        "barnevern-vertskommuneavtale",
        "skog-i-sogn-samarbeidsavtale",
        "sogn-ko-samarbeidsavtale",
    }
    ongoing = client.get("/api/v1/decisions?status=pagar").json()["items"]
    assert {d["slug"] for d in ongoing} == {
        "styret-2025-06-04-ppt",
        "styret-2026-02-23-barnevern",
        "styret-2026-02-23-nav",
    }
    bodies = client.get("/api/v1/bodies").json()["items"]
    board = next(b for b in bodies if b["slug"] == "sogn-ko-styret")
    assert board["members"][0] == {
        "person": "Siri Fahlvik Pettersen",
        "role": "leiar",
        "municipality": "4639",
        "start": "",
        "end": "",
    }
    networks = {n["slug"]: n for n in client.get("/api/v1/networks").json()["items"]}
    assert len(networks) == 10
    # Løn: Sogn KO's own network (the cooperation "lon") and SysIKT's, with Vik and Luster
    assert networks["nettverk-lonnstenester"]["cooperation"] == "lon"
    assert networks["nettverk-lonnstenester"]["established"] == "2025-06-04"
    assert networks["lonnsnettverk-sysikt"]["organisation"] == "sysikt"
    assert networks["lonnsnettverk-sysikt"]["members"] == ["4639", "4644"]


def test_an_allocation_preview_matches_the_calculator(client, sogn):
    data = client.get(
        "/api/v1/allocation?budget=1000000&key=hovudregel-25-75"
        "&period=2025K4&compare=50 likt, 50 folketal"
    ).json()
    assert {line["municipality"]: line["amount"] for line in data["lines"]} == SOGN_25_75
    assert (
        data["comparison"]["scenarios"] == ["hovudregel-25-75", "50 likt, 50 folketal"]
        or data["comparison"]["scenarios"][1] == "50 likt, 50 folketal"
    )


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/v1/cooperations/finst-ikkje", 404, "No Cooperation"),
        ("/api/v1/municipalities/0000/overview", 404, "No Municipality"),
        (
            "/api/v1/allocation?budget=-1&key=hovudregel-25-75&period=2025K4",
            422,
            "budget: Budsjettet kan ikkje vere negativt.",
        ),
        ("/api/v1/allocation?key=x", 422, "budget: Field required"),
    ],
)
def test_errors_are_problem_details(client, sogn, url, status, detail):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and detail in body["detail"]


def test_the_openapi_document_lists_every_endpoint(client, sogn):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/cooperations",
        "/api/v1/cooperations/{slug}",
        "/api/v1/agreements",
        "/api/v1/municipalities/{number}/overview",
        "/api/v1/decisions",
        "/api/v1/bodies",
        "/api/v1/networks",
        "/api/v1/allocation",
        "/api/v1/population/forecast",
        "/api/v1/reports/editions",
    } <= paths
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [("/api/v1/cooperations", 3), ("/api/v1/decisions", 4), ("/api/v1/bodies", 3)],
)
def test_list_endpoints_have_a_fixed_query_cost(
    client, sogn, django_assert_max_num_queries, url, queries
):
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_docs_page_serves_swagger_itself(client):
    """ninja is not an installed app (its import slows every command), yet its Swagger page
    comes from samvirke's static files, not a CDN the CSP would block."""
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert finders.find("ninja/swagger-ui-bundle.js")
