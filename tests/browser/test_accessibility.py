"""Axe-core (WCAG 2.0/2.1 A and AA) on every page the site's own links reach, public and staff."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS, crawl

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
axe = Axe()


def violations(page) -> list[str]:
    result = axe.run(page, options=WCAG)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"
        for v in result.response["violations"]
    ]


def audit(page, server, paths) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(server + path)
        problems = violations(page)
        if problems:
            found[path] = problems
    return found


def test_every_public_page_passes_axe(page, server):
    paths = crawl(page, server, "/")
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / "audited-public.json").write_text(json.dumps(paths, indent=1))
    assert len(paths) > 50  # the crawler found the site, not just the home page
    found = audit(page, server, paths)
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def staff_pages(page, server) -> list[str]:
    """The admin's index, every list, every add form, and one record's change and history."""
    page.goto(server + "/admin/")
    lists = sorted(
        set(
            page.eval_on_selector_all(
                "#content-main a[href$='/']", "els => els.map(e => new URL(e.href).pathname)"
            )
        )
    )
    paths = [
        "/admin/",
        "/admin/password_change/",
        "/stab/",
        "/stab/manadleg/",
        "/stab/vedtak/nytt/",
    ]
    for changelist in lists:
        if changelist.count("/") != 4:  # /admin/app/model/
            continue
        paths.append(changelist)
        page.goto(server + changelist)
        first = page.eval_on_selector_all(
            "#result_list tbody a[href]",
            "els => els.slice(0, 1).map(e => new URL(e.href).pathname)",
        )
        if page.locator("a.addlink").count():
            paths.append(changelist + "add/")
        if first:
            paths += [first[0], first[0] + "history/"]
    return paths


def test_every_staff_page_passes_axe(staff_page, server):
    paths = staff_pages(staff_page, server)
    (SCREENSHOTS / "audited-staff.json").write_text(json.dumps(paths, indent=1))
    assert len(paths) > 40
    found = audit(staff_page, server, paths)
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("path", ["/admin/login/"])
def test_the_login_page_passes_axe(page, server, path):
    page.goto(server + path)
    assert violations(page) == []
