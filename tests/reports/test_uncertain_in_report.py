"""Until a finding is resolved, the status report marks what reads a flagged cell (the growth
table's Sum, the region's forecast and its answer to the target) in PPTX, PDF and HTML, by the
same rule as /folketal/; the API marks each municipality's own forecast."""

import io
import re
from html import unescape

import pytest
from pypdf import PdfReader

from samvirke.interchange.exporter import export_register
from samvirke.population.models import Correction
from samvirke.reports import services
from samvirke.reports.content import build_status_report
from tests.reports.decks import deck_text

SUM_NOTE = "Summen for 2025K3 er usikker: han byggjer på Årdal 2025K3, som kontrollane har flagga"
FORECAST_NOTE = "Usikker: prognosen byggjer på Årdal 2025K3, som kontrollane har flagga"


def _report():
    return build_status_report(export_register(), "2026-03", organisation="sogn-ko")


def _pptx_text(report) -> str:
    return deck_text(services.render(report, "pptx"))


def _pdf_text(report) -> str:
    pdf = PdfReader(io.BytesIO(services.render(report, "pdf")))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))


def _html_text(report) -> str:
    page = services.render(report, "html").decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page)))


def _growth_sum(report) -> dict[str, str]:
    section = next(s for s in report.sections if s.key == "population_growth")
    table = section.tables[0]
    return dict(zip(table.header[1:], table.total[1:], strict=True))


def test_with_the_sogn_correction_nothing_is_marked(sogn):
    report = _report()
    assert not any("?" in t for t in _growth_sum(report).values())
    for text in (_pptx_text(report), _pdf_text(report), _html_text(report)):
        assert "usikker" not in text.casefold()
    rows = _client_forecast_rows()
    assert rows and not any(row["uncertain"] for row in rows)


@pytest.mark.parametrize("render", [_pptx_text, _pdf_text, _html_text])
def test_without_the_correction_the_sum_and_the_forecast_are_marked(sogn, render):
    Correction.objects.all().delete()  # the Årdal 2025K3 finding is open again
    report = _report()
    sums = _growth_sum(report)
    # the source's Sum (44) differs too: the computed 118 reads Årdal's flagged 37
    assert [p for p, t in sums.items() if "?" in t] == ["2025K3"]
    assert sums["2025K3"] == "118 ? (kjelda: 44)"
    text = render(report).replace("\xa0", " ")
    assert SUM_NOTE in text
    assert FORECAST_NOTE in text


def test_the_charts_are_marked(sogn):
    Correction.objects.all().delete()
    data = export_register()
    report = build_status_report(data, "2026-03", organisation="sogn-ko")
    target = next(s for s in report.sections if s.key == "population_target")
    assert [name for name, _values in target.chart.series] == ["Registrert", "Prognose (usikker)"]
    growth = next(s for s in report.sections if s.key == "population_growth")
    assert "2025K3 ?" in growth.chart.categories
    assert SUM_NOTE in growth.chart.description


def _client_forecast_rows():
    from django.test import Client

    return Client().get("/api/v1/population/forecast").json()["municipalities"]


def test_the_api_marks_only_the_municipality_whose_own_figures_are_flagged(sogn):
    Correction.objects.all().delete()
    rows = {row["name"]: row for row in _client_forecast_rows()}
    assert rows["Årdal"]["uncertain"] is True
    assert ["4643", "2025K3", "growth"] in rows["Årdal"]["uncertain_cells"]
    assert [name for name, row in rows.items() if row["uncertain"]] == ["Årdal"]


def test_an_edition_keeps_what_it_showed(sogn):
    kept = list(Correction.objects.all())
    Correction.objects.all().delete()  # the finding is open when the edition is published
    edition = services.publish("2026-03", organisation="sogn-ko")
    for correction in kept:  # resolved afterwards
        correction.save()
    assert "usikker" not in _html_text(_report()).casefold()
    rebuilt = services.rebuild(edition, "html").decode()
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", rebuilt))).replace("\xa0", " ")
    assert SUM_NOTE in text and FORECAST_NOTE in text
