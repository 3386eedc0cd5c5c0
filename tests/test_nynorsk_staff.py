"""No English on the pages staff look at, in Nynorsk (issue 14, point 4).

The admin index, every app section and every admin list, the staff dashboard, the staff
login and the error pages are fetched; their visible text is split into words and checked
against English words that are never Norwegian ("filter", "status", "drift", "by" … are).
"""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.conftest import login_verified

ENGLISH = {
    "the", "and", "with", "add", "change", "delete", "history", "save", "search", "show",
    "hide", "counts", "access", "attempt", "attempts", "log", "logs", "failure", "failures",
    "device", "devices", "token", "tokens", "static", "confirmed", "name", "user", "users",
    "username", "date", "select", "action", "actions", "view", "yes", "not", "found",
    "forbidden", "error", "server", "page", "home", "back", "login", "logout", "password",
    "address", "agent", "path", "throttling", "key", "digits", "tolerance", "counter",
    "used", "created", "these", "this", "that", "which", "otp", "totp", "otp_static",
    "otp_totp", "axes", "true", "false", "none", "all", "any", "of", "from", "there",
    "are", "was", "were", "you", "your", "please", "enter", "required", "field", "must",
    "cannot", "should", "would", "could", "description", "title", "body", "bodies",
    "decision", "decisions", "cooperation", "cooperations", "municipality", "municipalities",
    "source", "sources", "edition", "editions", "report", "reports", "draft", "published",
    "role", "roles", "grant", "grants", "link", "model", "challenge", "unknown",
}  # fmt: skip


def english_words(html: str) -> set[str]:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    # django-axes stores "<unknown>" for a client without a user agent: data, not a label
    body = unescape(body).replace("<unknown>", " ")
    return {w.lower() for w in re.findall(r"[A-Za-z_]+", body)} & ENGLISH


def staff_pages():
    yield "/admin/"
    for model in admin.site._registry:
        meta = model._meta
        yield reverse("admin:app_list", args=[meta.app_label])
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    yield "/stab/"
    yield "/stab/manadleg/"


@pytest.fixture
def staff_client(client, sogn):
    login_verified(
        client, User.objects.create_superuser("stab", "stab@example.no", "langt-passord-12")
    )
    return client


def test_no_english_word_on_any_staff_page(staff_client):
    found = {}
    for url in sorted(set(staff_pages())):
        response = staff_client.get(url)
        assert response.status_code == 200, url
        if english := english_words(response.content.decode()):
            found[url] = sorted(english)
    assert found == {}


def test_the_staff_sections_have_nynorsk_names(staff_client):
    html = staff_client.get("/admin/").content.decode()
    for name in ("Innloggingsforsøk", "Autentiseringsappar", "Reservekodar"):
        assert name in html
    for english in ("Access attempts", "OTP_STATIC", "Otp_Static", "OTP_TOTP", "TOTP devices"):
        assert english not in html


def test_the_staff_login_asks_for_the_code_in_nynorsk(sogn):
    html = Client().get("/admin/login/").content.decode()
    assert "Eingongskode:" in html and "OTP Token" not in html
    assert not english_words(html)


@pytest.mark.parametrize("url", ["/finst-ikkje/", "/samvirke/ukjent-slug/"])
def test_a_missing_page_has_the_portal_layout_and_a_way_back(client, sogn, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="nn"' in html and 'class="site-header"' in html
    assert "Fann ikkje sida" in html and 'href="/"' in html
    assert "Not Found" not in html and not english_words(html)


def test_a_refused_page_has_the_portal_layout_and_a_way_back(sogn):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/stab/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    assert "Ikkje tilgang" in html and 'class="site-header"' in html and 'href="/"' in html
    assert 'href="/logg-inn/?next=/stab/"' in html and not english_words(html)


def test_a_server_error_page_is_in_nynorsk_with_a_way_back(sogn):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Noko gjekk gale" in html and 'href="/"' in html and not english_words(html)
