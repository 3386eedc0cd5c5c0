"""The elderly wave in the status deck and the municipality report (issue: age structure)."""

import datetime as dt
import io
from fractions import Fraction

from django.utils import timezone
from pptx import Presentation
from pypdf import PdfReader

from samvirke.population.calc import ages
from samvirke.reports import services
from samvirke.reports.documents import municipality_report
from tests.population.test_ages import hand_counts, sogn_ages  # noqa: F401  (fixture)

NBSP = "\xa0"
MEMBERS = ("4639", "4640", "4641", "4642", "4643", "4644")


def import_corrupt_ages(tmp_path, indexes: list[int]) -> None:
    """SSB's 07459 sample with 7 added to the cells at ``indexes``, imported with its
    findings accepted."""
    import json

    from django.core.management import call_command

    from tests.population.test_ages import SSB

    doc = json.loads((SSB / "07459-sogn-ages.json").read_text(encoding="utf-8"))
    for index in indexes:
        doc["value"][index] += 7
    corrupt = tmp_path / "07459-corrupt.json"
    corrupt.write_text(json.dumps(doc), encoding="utf-8")
    call_command(
        "population", "import-ssb", "--table", "07459", "--ages",
        "--from-file", str(corrupt), "--accept-findings",
    )  # fmt: skip


def percent(share: Fraction) -> str:
    return f"{round(float(share) * 100, 1):.1f} %".replace(".", ",")


def region_share_2040() -> Fraction:
    region = ages.combined(hand_counts(m, "2040", "MMMM") for m in MEMBERS)
    return ages.measures(region).share_67_plus


def section(report, key):
    return next((s for s in report.sections if s.key == key), None)


def test_the_deck_has_an_age_section_computed_from_the_counts(sogn_ages):  # noqa: F811
    report = services.status_report("2026-03", organisation="sogn-ko")
    ages_section = section(report, "age_structure")
    assert ages_section is not None and ages_section.title == "Eldrebølgja"
    by_area = {row[0]: row[1:] for row in ages_section.tables[0].rows}
    assert by_area["Aurland"][2] == percent(
        ages.measures(hand_counts("4641", "2040", "MMMM")).share_67_plus
    )
    assert by_area["Sogn kommunalt oppgåvefellesskap"][2] == percent(region_share_2040())
    assert percent(region_share_2040()) in ages_section.lead
    assert "2040" in ages_section.lead
    # the chart holds the table's figures: share 67+ per municipality, now and 2040
    assert ages_section.chart.categories[:1] == ("Vik",)
    aurland = ages_section.chart.categories.index("Aurland")
    share_2040 = ages_section.chart.series[1][1][aurland]
    assert round(share_2040, 1) == round(
        float(ages.measures(hand_counts("4641", "2040", "MMMM")).share_67_plus) * 100, 1
    )


def test_the_age_section_reaches_pptx_pdf_and_html(sogn_ages):  # noqa: F811
    report = services.status_report("2026-03", organisation="sogn-ko")
    deck = Presentation(io.BytesIO(services.render(report, "pptx")))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Eldrebølgja" in titles
    expected = percent(region_share_2040())
    html = services.render(report, "html").decode()
    assert expected.replace(" ", NBSP) in html or expected in html
    pdf = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(services.render(report, "pdf"))).pages
    ).replace(NBSP, " ")
    assert "Eldrebølgja" in pdf and expected in pdf


def slide_titles(report) -> list[str]:
    deck = Presentation(io.BytesIO(services.render(report, "pptx")))
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]


def test_the_age_section_is_one_slide_and_the_deck_stays_at_most_30(sogn):
    without = slide_titles(services.status_report("2026-03", organisation="sogn-ko"))
    from django.core.management import call_command

    from tests.population.test_ages import SSB

    for table, name in (("07459", "07459-sogn-ages.json"), ("projection", "14288-ages.json")):
        call_command(
            "population", "import-ssb", "--table", table, "--ages", "--from-file", str(SSB / name)
        )
    report = services.status_report("2026-03", organisation="sogn-ko")
    with_ages = slide_titles(report)
    assert "Eldrebølgja" not in without
    assert with_ages.count("Eldrebølgja") == 1
    assert len(with_ages) == len(without) + 1
    assert len(without) <= 30 and len(with_ages) <= 30
    # both tables on that slide, and the chart's place said in its notes
    deck = Presentation(io.BytesIO(services.render(report, "pptx")))
    slide = deck.slides[with_ages.index("Eldrebølgja")]
    captions = {shape.name for shape in slide.shapes if shape.has_table}
    assert captions == {t.caption for t in section(report, "age_structure").tables}
    assert len(captions) == 2
    assert "nett- og PDF-utgåva" in slide.notes_slide.notes_text_frame.text


def test_a_published_edition_keeps_its_age_figures(sogn_ages):  # noqa: F811
    edition = services.publish("2026-03", organisation="sogn-ko")
    assert edition.data["age_structure"]["now"] == "2026"
    kept = services.rebuild(edition, "html").decode()
    assert percent(region_share_2040()) in kept.replace(NBSP, " ")


def test_a_report_as_of_before_the_age_import_has_no_age_section(sogn, django_user_model):
    before = timezone.now() - dt.timedelta(seconds=1)
    from django.core.management import call_command

    from tests.population.test_ages import SSB  # the import after the moment

    call_command(
        "population", "import-ssb", "--table", "07459", "--ages",
        "--from-file", str(SSB / "07459-sogn-ages.json"),
    )  # fmt: skip
    assert (
        section(services.status_report("2026-03", organisation="sogn-ko"), "age_structure")
        is not None
    )
    assert (
        section(
            services.status_report("2026-03", organisation="sogn-ko", as_of=before), "age_structure"
        )
        is None
    )


def test_without_age_figures_the_deck_has_no_age_section(sogn):
    assert (
        section(services.status_report("2026-03", organisation="sogn-ko"), "age_structure") is None
    )


def test_the_municipality_report_shows_its_age_structure(sogn_ages):  # noqa: F811
    page = municipality_report("4641", "html").decode()
    share = ages.measures(hand_counts("4641", "2040", "MMMM")).share_67_plus
    assert "Alderssamansetjing og eldrebølgja" in page
    assert percent(share).replace(" ", NBSP) in page or percent(share) in page
    assert 'role="img"' in page  # the pyramid, with its table
    pdf = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(municipality_report("4641", "pdf"))).pages
    ).replace(NBSP, " ")
    assert percent(share) in pdf


def test_an_accepted_corrupt_age_cell_is_shown_where_the_figures_are_used(sogn, client, tmp_path):
    import_corrupt_ages(tmp_path, [2000])
    found = client.get("/api/v1/population/age-findings").json()
    assert [(f["check"], f["found"] - f["expected"]) for f in found] == [("age_total", 7)]
    assert found[0]["year"] in found[0]["text"] and "01222" in found[0]["text"]
    ages_section = section(
        services.status_report("2026-03", organisation="sogn-ko"), "age_structure"
    )
    assert ages_section.blocks and found[0]["text"] in ages_section.blocks[0].items


def test_the_age_chart_draws_both_years_with_the_tables_figures(sogn_ages):  # noqa: F811
    import re

    from samvirke.lib import numbers

    report = services.status_report("2026-03", organisation="sogn-ko")
    chart = section(report, "age_structure").chart
    assert [name for name, _values in chart.series] == ["2026", "2040"]
    html = services.render(report, "html").decode()
    svg = next(s for s in re.findall(r"<svg.*?</svg>", html, re.S) if chart.title in s)
    # one bar per municipality and year, and each bar labelled with its share
    bars = re.findall(r"<rect [^>]*height=", svg)
    legend = 2
    assert len(bars) == len(chart.categories) * 2 + legend
    labels = re.findall(r'font-size="10"[^>]*>([^<]+)</text>', svg)
    expected = [
        numbers.number(values[i], 1)
        for i in range(len(chart.categories))
        for _n, values in chart.series
    ]
    assert labels == expected
    # the 2040 share is the one the AgeCount sums give (Aurland, hand-counted fixture)
    aurland = chart.categories.index("Aurland")
    share = ages.measures(hand_counts("4641", "2040", "MMMM")).share_67_plus
    assert labels[aurland * 2 + 1] == percent(share).removesuffix(" %")
    assert ">2026</text>" in svg and ">2040</text>" in svg


def test_the_municipality_page_costs_the_same_queries_with_more_age_findings(
    sogn, client, tmp_path
):
    """The names the findings need are read once, not once per finding."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def corrupt_and_count(indexes: list[int]) -> tuple[int, int]:
        import_corrupt_ages(tmp_path, indexes)  # Årdal (4643), women aged 46, 2025 and 2026
        findings = [
            f for f in client.get("/api/v1/population/age-findings").json() if f["area"] == "4643"
        ]
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/kommunar/4643/")
        assert all(f["text"] in page.content.decode() for f in findings)
        return len(findings), len(queries)

    one = corrupt_and_count([2000])
    two = corrupt_and_count([2000, 2001])
    assert (one[0], two[0]) == (1, 2)
    assert one[1] == two[1]
