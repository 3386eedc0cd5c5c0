"""The meetings journey (issue 19): staff plan a meeting, add two items with a paper each,
call it, record the outcome; the decision reaches /vedtak/, the cooperation page, the
follow-up report and the deck; the public sees the open item only, a board member both.
Axe finds nothing on the meeting pages and the staff forms used."""

from __future__ import annotations

import subprocess
import sys

from pypdf import PdfWriter

from tests.browser.test_accessibility import violations

SLUG = "styret-reise-2026-05-11"
OPEN_ITEM = "Årsmelding for barnevernet (testreise)"
CLOSED_ITEM = "Tilsetjing av leiar (testreise)"
OUTCOME = "Styret godkjende årsmeldinga (testreise)."
BOARD = ("styremedlem", "eit-langt-passord-for-styret")


def board_member(env) -> None:
    code = (
        "import django; django.setup(); from django.contrib.auth.models import User; "
        "from samvirke.access.models import Grant; "
        "from samvirke.registry.models import Organisation; "
        f"u = User.objects.create_user('{BOARD[0]}', password='{BOARD[1]}'); "
        "Grant.objects.create(user=u, role='styremedlem', "
        "organisation=Organisation.objects.get(slug='sogn-ko'))"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)


def blank_pdf(path) -> str:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as out:
        writer.write(out)
    return str(path)


def add_item(staff, server, *, order, number, title, paper, closed=False, cooperation=""):
    staff.goto(server + "/admin/meetings/agendaitem/add/")
    staff.select_option("#id_meeting", label="Styret i Sogn KO, 2026-05-11")
    staff.fill("#id_order", str(order))
    staff.fill("#id_number", number)
    staff.fill("#id_title", title)
    staff.fill("#id_proposal", "Styret godkjenner.")
    if closed:
        staff.check("#id_closed")
        staff.select_option("#id_closed_basis", "kl-11-5-2a")
    if cooperation:
        staff.select_option("#id_concerns-0-cooperation", label=cooperation)
    staff.fill("#id_papers-0-title", f"Saksframlegg {number}")
    staff.set_input_files("#id_papers-0-file", paper)
    staff.click("input[name=_save]")
    assert title in staff.locator(".messagelist .success").inner_text()


def test_staff_plan_call_and_minute_a_meeting_and_each_viewer_sees_what_they_may(
    staff_page, page, server, server_env, tmp_path
):
    staff = staff_page
    problems = {}

    staff.goto(server + "/admin/meetings/meeting/add/")
    problems["meeting add"] = violations(staff)
    staff.fill("#id_slug", SLUG)
    staff.select_option("#id_body", label="Styret i Sogn KO")
    staff.fill("#id_title", "Styremøte (testreise)")
    staff.fill("#id_date", "2026-05-11")
    staff.fill("#id_start_time", "09:30")
    staff.fill("#id_place", "Sogndal rådhus")
    staff.click("input[name=_save]")
    assert "Styret i Sogn KO" in staff.locator(".messagelist .success").inner_text()

    paper = blank_pdf(tmp_path / "sak.pdf")
    staff.goto(server + "/admin/meetings/agendaitem/add/")
    problems["item add"] = violations(staff)
    # a closed item without its legal basis is refused, and says why
    staff.select_option("#id_meeting", label="Styret i Sogn KO, 2026-05-11")
    staff.fill("#id_order", "9")
    staff.fill("#id_title", "Utan heimel (testreise)")
    staff.check("#id_closed")
    staff.click("input[name=_save]")
    assert "heimel" in staff.locator(".errorlist").first.inner_text()
    add_item(
        staff,
        server,
        order=1,
        number="12/26",
        title=OPEN_ITEM,
        paper=paper,
        cooperation="Barnevern",
    )
    add_item(staff, server, order=2, number="13/26", title=CLOSED_ITEM, paper=paper, closed=True)

    # before the call, the public does not see the meeting
    assert page.goto(f"{server}/moter/{SLUG}/").status == 404

    staff.goto(server + "/admin/meetings/meeting/")
    staff.locator("tr:has-text('2026-05-11') input[name=_selected_action]").check()
    staff.select_option("select[name=action]", "call_meetings")
    staff.click("button[name=index]")
    assert "1 møte er kalla inn" in staff.locator(".messagelist").inner_text()

    staff.goto(server + "/admin/meetings/agendaitem/")
    staff.get_by_role("link", name=f"12/26 {OPEN_ITEM}").click()
    problems["item change"] = violations(staff)
    staff.fill("#id_outcome", OUTCOME)
    staff.click("input[name=_save]")
    assert OPEN_ITEM in staff.locator(".messagelist").inner_text()

    # the public: the open item and its paper, not the closed one
    page.goto(f"{server}/moter/")
    problems["/moter/"] = violations(page)
    page.get_by_role("link", name="Styremøte (testreise) 11. mai 2026").click()
    problems["meeting page"] = violations(page)
    content = page.content()
    assert OPEN_ITEM in content and OUTCOME in content
    assert CLOSED_ITEM not in content and "Saksframlegg 13/26" not in content
    with page.expect_download() as download:
        page.get_by_role("link", name="Saksframlegg 12/26").click()
    assert open(download.value.path(), "rb").read().startswith(b"%PDF-")

    # the decision record, made in the same step
    page.goto(server + "/vedtak/")
    assert OUTCOME in page.content()
    page.goto(server + "/samarbeid/barnevern/")
    assert OPEN_ITEM in page.content()
    page.goto(server + "/rapportar/vedtaksoppfolging/?format=html")
    assert OPEN_ITEM in page.content()
    page.goto(server + "/rapportar/status/?period=2026-05&format=html")
    assert OPEN_ITEM in page.content()

    # a board member of Sogn KO sees the closed item and its paper too
    board_member(server_env["env"])
    page.goto(server + "/logg-inn/")
    page.fill("#id_username", BOARD[0])
    page.fill("#id_password", BOARD[1])
    page.locator("main button[type=submit], main input[type=submit]").first.click()
    page.goto(f"{server}/moter/{SLUG}/")
    assert CLOSED_ITEM in page.content() and "Saksframlegg 13/26" in page.content()
    problems["meeting page, board"] = violations(page)

    assert {k: v for k, v in problems.items() if v} == {}
