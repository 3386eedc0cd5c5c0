import pytest
from django.contrib.auth import get_user_model

from tests.conftest import login_verified


@pytest.fixture
def staff_client(client, sogn):
    user = get_user_model().objects.create_user(
        "stab", password="ein-lang-og-trygg-frase", is_staff=True, is_superuser=True
    )
    login_verified(client, user)
    return client
