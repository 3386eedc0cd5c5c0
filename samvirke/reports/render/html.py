"""The status report as a web page, and as PDF (WeasyPrint) from that same page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import override

from samvirke.lib import charts, numbers
from samvirke.lib.pdf import to_pdf
from samvirke.reports.content import Chart, StatusReport


def render(report: StatusReport, *, for_print: bool = False) -> str:
    with override(report.language):
        return render_to_string(
            "reports/status.html",
            {
                "report": report,
                "for_print": for_print,
                "charts": {
                    s.title: _svg(s.chart, i) for i, s in enumerate(report.sections) if s.chart
                },
            },
        )


def render_pdf(report: StatusReport) -> bytes:
    return to_pdf(render(report, for_print=True))


def _svg(chart: Chart, index: int) -> str:
    chart_id = f"chart-{index}"
    if chart.kind == "bar" and len(chart.series) == 1:
        name, values = chart.series[0]
        points = [
            (c, int(v)) for c, v in zip(chart.categories, values, strict=True) if v is not None
        ]
        return charts.bars(chart_id, chart.title, chart.description, points)
    if chart.kind == "bar":
        # Every series is drawn (the age chart has two years side by side), each value with
        # the table's one decimal.
        return charts.grouped_bars(
            chart_id,
            chart.title,
            chart.description,
            chart.categories,
            chart.series,
            lambda v: numbers.number(v, 1),
        )
    registered = dict(zip(chart.categories, chart.series[0][1], strict=True))
    expected = dict(zip(chart.categories, chart.series[1][1], strict=True))
    history = [(c, v) for c, v in registered.items() if v is not None]
    known = {c for c, _ in history}
    path = [(c, v, v, v) for c, v in expected.items() if v is not None and c not in known]
    return charts.forecast_line(chart_id, chart.title, chart.description, history, path)
