"""The shared test world: the Sogn dataset, loaded once into the test database."""

import pytest

from samvirke.interchange.services import load_dataset


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
