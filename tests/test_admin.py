"""Staff editing: every admin page works on the Sogn data, in Nynorsk, behind login."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from tests.conftest import login_verified

REGISTER_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"registry", "governance", "population", "finance"}
]
EMPTY_IN_SOGN = {"finance.Criterion", "finance.CooperationBudget"}


@pytest.fixture
def staff_client(client, sogn):
    login_verified(
        client, User.objects.create_superuser("stab", "stab@example.no", "langt-passord-12")
    )
    return client


def test_the_admin_is_behind_login(client, sogn):
    response = client.get("/admin/registry/cooperation/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m._meta.label)
def test_list_change_and_history_pages_render(staff_client, model):
    meta = model._meta
    listing = staff_client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert listing.status_code == 200
    assert '<html lang="nn"' in listing.content.decode()
    obj = model._default_manager.first()
    if meta.label in EMPTY_IN_SOGN:
        assert obj is None  # the deck states no criteria or budgets
        return
    assert obj is not None, "the Sogn dataset has a record of every kind"
    for view in ("change", "history"):
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk])
        assert staff_client.get(url).status_code == 200, url
