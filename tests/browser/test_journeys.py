"""End-to-end journeys in the browser against a running samvirke."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

from pptx import Presentation
from pypdf import PdfReader

ENTRY = "Styringsgruppa har hatt tredje møte (testreise)."
FOLLOW_UP = "Rapport om etableringa til styret (testreise)."


def test_staff_add_a_status_entry_and_a_follow_up_publish_and_the_public_sees_them(
    staff_page, page, server
):
    staff = staff_page
    staff.goto(server + "/admin/registry/cooperation/")
    staff.locator("#result_list").get_by_role("link", name="Barnevern", exact=True).click()
    extra = int(staff.input_value("#id_status_entries-TOTAL_FORMS")) - 1  # the empty form
    staff.fill(f"#id_status_entries-{extra}-order", "7")
    staff.fill(f"#id_status_entries-{extra}-date", "2026-04")
    staff.fill(f"#id_status_entries-{extra}-text", ENTRY)
    staff.check(f"#id_status_entries-{extra}-is_published")
    staff.click("input[name=_save]")
    assert "Barnevern" in staff.locator(".messagelist .success").inner_text()

    staff.goto(server + "/admin/governance/decision/")
    staff.get_by_role(
        "link", name="Prosjektplan for etablering av ny felles barnevernsteneste"
    ).click()
    extra = int(staff.input_value("#id_follow_ups-TOTAL_FORMS")) - 1
    staff.fill(f"#id_follow_ups-{extra}-order", str(extra + 1))
    staff.fill(f"#id_follow_ups-{extra}-text", FOLLOW_UP)
    staff.fill(f"#id_follow_ups-{extra}-responsible", "Styringsgruppa")
    staff.fill(f"#id_follow_ups-{extra}-due", "2026-06")
    staff.select_option(f"#id_follow_ups-{extra}-status", "pagar")
    staff.click("input[name=_save]")
    assert "Prosjektplan" in staff.locator(".messagelist .success").inner_text()

    staff.goto(server + "/rapportar/")
    staff.fill("#publish-period", "2026-04")
    staff.get_by_role("button", name="Publiser ei utgåve").click()
    assert "Publisert: Status april 2026" in staff.locator("main").inner_text()  # built

    page.goto(server + "/samarbeid/barnevern/")
    assert ENTRY in page.content()
    assert "april 2026" in page.content()
    page.goto(server + "/vedtak/styret-2026-02-23-barnevern/")
    assert FOLLOW_UP in page.content() and "juni 2026" in page.content()
    page.goto(server + "/rapportar/")
    with page.expect_download() as download:
        page.locator("table").get_by_role("link", name="PowerPoint").first.click()
    deck = Presentation(download.value.path())
    texts = " ".join(
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )
    assert "Status april 2026" in texts and ENTRY in texts


def test_the_calculator_gives_the_same_figures_as_the_cli(page, server, server_env):
    page.goto(server + "/fordeling/")
    page.fill("#id_budget", "1 000 000")
    page.fill("#id_key", "hovudregel-25-75")
    page.fill("#id_period", "2025K4")
    page.get_by_role("button", name="Rekn ut").click()
    rows = page.locator("section[aria-labelledby=result-heading] tbody tr")
    rows.first.wait_for()  # the result page has loaded (a busy machine is slow)
    shown = {}
    for index in range(rows.count()):
        row = rows.nth(index)
        number = row.locator("th").inner_text().split()[0]
        shown[number] = int(re.sub(r"\D", "", row.locator("td").last.inner_text()))
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "samvirke.cli",
            "allocate",
            "--budget",
            "1000000",
            "--key",
            "hovudregel-25-75",
            "--period",
            "2025K4",
            "--json",
        ],
        env=server_env["env"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = {
        line["municipality"]: int(line["amount"]) for line in json.loads(cli.stdout)["lines"]
    }
    assert shown == expected
    assert sum(shown.values()) == 1_000_000


def test_a_report_is_downloaded_and_opens(page, server):
    page.goto(server + "/rapportar/")
    page.fill("#status-period", "2026-03")
    page.select_option("#status-format", "pptx")
    with page.expect_download() as download:
        page.locator("#status-heading + form button").click()
    deck = Presentation(download.value.path())
    assert len(deck.slides) > 20
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").nth(1).click()
    with open(download.value.path(), "rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    assert "kommune" in pdf.pages[0].extract_text()


def test_a_bad_input_shows_an_error_next_to_the_field_and_keeps_what_was_typed(page, server):
    page.goto(server + "/fordeling/")
    page.fill("#id_budget", "-5")
    page.fill("#id_key", "20 likt, 75 folketal")
    page.fill("#id_period", "2025K9")
    page.get_by_role("button", name="Rekn ut").click()
    for field, message in (("budget", "negativt"), ("key", "95 %"), ("period", "2025K9")):
        error = page.locator(f"#id_{field}_error")
        assert message in error.inner_text()
        assert error.locator("xpath=..").locator(f"#id_{field}").count() == 1  # same field
        assert f"id_{field}_error" in page.get_attribute(f"#id_{field}", "aria-describedby")
    assert page.input_value("#id_budget") == "-5"
    assert page.input_value("#id_key") == "20 likt, 75 folketal"
    assert page.input_value("#id_period") == "2025K9"
