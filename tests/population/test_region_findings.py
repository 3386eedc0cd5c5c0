"""A region's population pages and API show the checks' findings on its own municipalities
only: the national demo's regions showed Sogn's Årdal findings."""

import pytest
from django.core.management import call_command

DEMO = "demo-region-03"


@pytest.fixture
def national(sogn):
    call_command("load", "national-demo")


def test_a_region_shows_only_the_findings_on_its_own_municipalities(client, national):
    sogn_page = client.get("/r/sogn-ko/folketal/").content.decode()
    demo_page = client.get(f"/r/{DEMO}/folketal/").content.decode()
    assert "Årdal 2025K3" in sogn_page
    assert "Årdal" not in demo_page and "Funne ved import" not in demo_page

    sogn_api = client.get("/r/sogn-ko/api/v1/population/findings").json()
    demo_api = client.get(f"/r/{DEMO}/api/v1/population/findings").json()
    assert sogn_api["accepted_with_imports"]
    assert demo_api == {"plain": [], "findings": [], "accepted_with_imports": []}
