"""The staff's monthly update in a real browser (issue 14, point 3).

Each fill, choice, tick or click counts as one action; the walk starts on the page.
"""

from __future__ import annotations

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import violations


class Actions:
    def __init__(self, page):
        self.page, self.count = page, 0

    def fill(self, selector, value):
        self.count += 1
        self.page.fill(selector, value)

    def check(self, selector):
        self.count += 1
        self.page.check(selector)

    def select(self, selector, value):
        self.count += 1
        self.page.select_option(selector, value)

    def click(self, selector):
        self.count += 1
        self.page.click(selector)


def test_the_monthly_update_walked_checked_and_photographed(staff_page, server):
    """One login (a TOTP code is accepted once): status entry, decision, axe, screenshots."""
    _status_entry_in_at_most_three_actions(staff_page, server)
    _decision_with_a_follow_up_in_at_most_six_actions(staff_page, server)
    _axe_and_screenshots(staff_page, server)


def _status_entry_in_at_most_three_actions(staff_page, server):
    staff_page.goto(server + "/stab/manadleg/")
    do = Actions(staff_page)
    do.fill("#id_s-ppt-text", "Rapporten er levert til styret.")
    do.click("#c-ppt form.update-form button[type=submit]")
    staff_page.wait_for_url("**/stab/manadleg/#c-ppt")
    assert do.count <= 3
    assert "Statusoppføringa er lagra og publisert for PPT" in staff_page.inner_text("main")
    staff_page.goto(server + "/samarbeid/ppt/")
    assert "Rapporten er levert til styret." in staff_page.inner_text("main")


def _decision_with_a_follow_up_in_at_most_six_actions(staff_page, server):
    staff_page.goto(server + "/stab/vedtak/nytt/")
    do = Actions(staff_page)
    do.fill("#id_title", "Veteranplan: endeleg vedtak")
    do.fill("#id_text", "Styret vedtek veteranplanen.")
    do.check("input[name=cooperations] >> nth=0")
    do.fill("#id_follow_up", "Sende planen til kommunestyra")
    do.select("#id_responsible", "Kommunestyra")
    do.click("main form button[type=submit]")
    staff_page.wait_for_load_state()
    assert do.count <= 6
    assert "Vedtaket er lagra og publisert: Veteranplan: endeleg vedtak" in staff_page.inner_text(
        "main"
    )
    staff_page.goto(server + "/vedtak/")
    assert "Veteranplan: endeleg vedtak" in staff_page.inner_text("main")


def _axe_and_screenshots(staff_page, server):
    found = {}
    for width, label in ((1280, "desktop"), (375, "mobile")):
        staff_page.set_viewport_size({"width": width, "height": 900})
        folder = SCREENSHOTS / label
        folder.mkdir(parents=True, exist_ok=True)
        for path in PAGES:
            staff_page.goto(server + path)
            if problems := violations(staff_page):
                found[f"{path} at {width}"] = problems
            overflow = staff_page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, (path, width, overflow)
            name = path.strip("/").split("?")[0].replace("/", "_")
            staff_page.screenshot(path=str(folder / f"staff-{name}.png"), full_page=True)
    assert found == {}


PAGES = (
    "/stab/manadleg/",
    "/stab/vedtak/nytt/",
    "/finst-ikkje/",
    "/fordeling/?budget=1000000&key=hovudregel-25-75&period=2025K4",
)


def test_the_calculator_amounts_are_on_screen_at_375_px(chromium, server):
    context = chromium.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.goto(server + "/fordeling/?budget=1000000&key=hovudregel-25-75&period=2025K4")
    amount = page.locator("section[aria-labelledby=result-heading] tbody tr td.amount").first
    box = amount.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert amount.is_visible() and amount.inner_text().strip()
    context.close()
