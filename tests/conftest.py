"""The shared test world: the Sogn dataset, loaded once into the test database."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

from samvirke.interchange.services import load_dataset

# Locally hypothesis and schemathesis explore new inputs on every run; in CI they replay a
# fixed sequence, so a submission lands or fails on its own merits, not on a random draw.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_dataset("sogn")


@pytest.fixture
def sogn(db):
    """Tests that read the Sogn register; each runs in a transaction rolled back after it."""
    return None


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order."""
    from django.core.cache import cache

    cache.clear()


def login_verified(client, user):
    """Log a user in as the staff pages demand: with a verified second factor (a static
    OTP device stands in for the authenticator app)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    client.force_login(user)
    device, _created = StaticDevice.objects.get_or_create(user=user, name="test")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, with the second factor verified."""
    return login_verified(client, admin_user)
