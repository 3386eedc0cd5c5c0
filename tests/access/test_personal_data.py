"""Of a person, public pages and the API show only the name (with role, body and period):
contact details never reach a public response, whatever page or endpoint."""

from __future__ import annotations

import re
from collections import deque

from samvirke.registry.models import Person
from tests.access.test_permission_matrix import api_get_paths

HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/admin/", "/static/", "/i18n/", "/logg-", "/api/v1/docs")


def crawl(client, start: str = "/", limit: int = 300) -> list[str]:
    seen, queue, pages = set(), deque([start]), []
    while queue and len(pages) < limit:
        path = queue.popleft().replace("&amp;", "&")
        if path in seen or re.sub(r"^/r/[^/]+", "", path).startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):  # the root goes to the only region
            queue.append(response["Location"])
            continue
        if response.status_code != 200:
            continue
        pages.append((path, response))
        if response["Content-Type"].startswith("text/html"):
            queue.extend(HREF.findall(response.content.decode()))
    return pages


def test_no_public_page_or_endpoint_shows_contact_details(client, sogn):
    for n, person in enumerate(Person.objects.all()):
        person.email = f"person{n}@kommune.example"
        person.phone = f"+47 99 00 {n:02d} {n:02d}"
        person.save()
    leaks = []
    pages = crawl(client)
    assert len(pages) > 60
    for path in api_get_paths():
        pages.append((path, client.get(path)))
    for path, response in pages:
        body = response.content.decode(errors="replace")
        if "@kommune.example" in body or "+47 99 00" in body:
            leaks.append(path)
    assert leaks == []
    names = " ".join(r.content.decode(errors="replace") for _p, r in pages)
    assert "Ingrid Steine Bortne" in names  # names are shown
