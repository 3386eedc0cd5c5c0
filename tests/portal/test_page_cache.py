"""Public pages come from the cache until the register changes; drafts never do."""

import pytest
from django.test import override_settings

from samvirke.registry.models import Cooperation

pytestmark = pytest.mark.usefixtures("sogn")


@pytest.fixture(autouse=True)
def page_cache():
    with override_settings(SAMVIRKE_PAGE_CACHE=True):
        yield


def test_a_second_visit_costs_one_query_and_a_change_shows_at_once(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    first = client.get("/samarbeid/")
    with django_assert_num_queries(1):  # the register's version
        again = client.get("/samarbeid/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]

    cooperation = Cooperation.objects.get(slug="barnevern")
    with django_capture_on_commit_callbacks(execute=True):
        cooperation.name = "Barnevern, nytt namn"
        cooperation.save()
    assert "Barnevern, nytt namn" in client.get("/samarbeid/").content.decode()


def test_a_client_holding_the_page_gets_a_304(client):
    first = client.get("/kommunar/")
    again = client.get("/kommunar/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_each_language_has_its_own_page(client):
    nynorsk = client.get("/samarbeid/").content
    client.cookies["django_language"] = "en"
    english = client.get("/samarbeid/").content
    assert nynorsk != english
    assert b'lang="en"' in english


def test_a_draft_seen_by_staff_is_never_served_to_the_public(
    client, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Cooperation.objects.filter(slug="barnevern").update(is_published=False)
        Cooperation.objects.get(slug="barnevern").save()  # raises the version
    assert b"/samarbeid/barnevern/" in admin_client.get("/samarbeid/").content
    from django.test import Client

    public = Client()
    assert b"/samarbeid/barnevern/" not in public.get("/samarbeid/").content
    assert public.get("/samarbeid/barnevern/").status_code == 404


def test_a_page_with_a_form_token_is_not_cached(client):
    first = client.get("/logg-inn/")
    assert "ETag" not in first
    client.cookies["csrftoken"] = "x" * 32
    assert "ETag" not in client.get("/logg-inn/")


def test_the_language_can_be_chosen_without_a_form_token(client):
    client.handler.enforce_csrf_checks = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/samarbeid/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
