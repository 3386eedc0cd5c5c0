"""Every Nynorsk output scanned for leaks: English or Bokmål words and raw codes.

The deck (slides and notes), its web version, the municipality overview, the follow-up
report, the portal's pages and the API's error messages, all in Nynorsk.
"""

import re

import pytest

from samvirke.interchange.exporter import export_register
from samvirke.reports import documents, services
from samvirke.reports.content import build_status_report
from tests.reports.decks import deck_text

LEAKS = re.compile(
    r"\b(unknown|amount|continued|status entr\w*|not known|summary|participant|"
    r"through its membership|named in|cost bearer|the source|no review date|"
    r"ukjent|ikke|forsinket|"  # Bokmål
    r"pagar|fullfort|ikkje_starta|ikkje_vedteke|paa_plan|treng_avklaring|"
    r"sogn-ko-styret|vertskommune_20_\d|own_contribution|in_kind)\b",
    re.IGNORECASE,
)


def leaks(text: str) -> list[str]:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)  # words a reader sees, not attributes
    return sorted({m.group(0) for m in LEAKS.finditer(text)})


@pytest.mark.parametrize("period", ["2026-03", "2026-04"])
def test_the_deck_and_its_web_version_speak_nynorsk(sogn, period):
    report = build_status_report(export_register(), period, organisation="sogn-ko")
    assert leaks(deck_text(services.render(report, "pptx"))) == []
    assert leaks(services.render(report, "html").decode()) == []


def test_the_municipality_overview_and_follow_up_report_speak_nynorsk(sogn):
    assert leaks(documents.municipality_report("4643", "html").decode()) == []
    assert leaks(documents.municipality_report("4643", "csv").decode()) == []
    filters = documents.FollowUpFilters(body="sogn-ko-styret", status="pagar")
    page = documents.follow_up_report(filters, "html", organisation=None).decode()
    assert "Styret i Sogn KO" in page and "Pågår" in page
    assert leaks(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/r/sogn-ko/",
        "/samarbeid/",
        "/samarbeid/nav/",
        "/samarbeid/lon/",
        "/kommunar/4643/",
        "/avtalar/",
        "/vedtak/",
        "/organ/",
        "/nettverk/",
        "/rapportar/",
    ],
)
def test_the_portal_speaks_nynorsk(sogn, client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="nn")
    assert response.status_code == 200, path
    assert leaks(response.content.decode()) == []


def test_the_apis_messages_speak_nynorsk(sogn, client):
    answer = client.get("/api/v1/municipalities/9999/overview", HTTP_ACCEPT_LANGUAGE="nn")
    assert answer.status_code == 404
    assert leaks(answer.content.decode()) == []
