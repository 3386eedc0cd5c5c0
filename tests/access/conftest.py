"""A small world of users, one per role, and drafts in two organisations."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from samvirke.access.models import Grant, Role
from samvirke.governance.models import Body, Decision, DecisionCooperation
from samvirke.registry.models import (
    Agreement,
    AgreementParty,
    Cooperation,
    Municipality,
    Organisation,
    Participation,
)
from tests.conftest import login_verified

PASSWORD = "ein-lang-og-trygg-frase"

# role name → (role, organisation, municipality, is_staff, superuser)
ROLES = {
    "anonymous": None,
    "reader": (Role.READER, "sogn-ko", "4640", False, False),
    "board": (Role.BOARD, "sogn-ko", None, False, False),
    "staff": (Role.STAFF, "sogn-ko", None, True, False),
    "admin": (Role.ADMIN, "sogn-ko", None, True, False),
    "other_staff": (Role.STAFF, "sognaradet-ipr", None, True, False),
    "superuser": (None, None, None, True, True),
}

# what each role may see of the drafts (see the drafts fixture)
SEES = {
    "anonymous": set(),
    "reader": {"utkast-sogndal"},
    "board": {"utkast-sogndal", "utkast-aurland"},
    "staff": {"utkast-sogndal", "utkast-aurland"},
    "admin": {"utkast-sogndal", "utkast-aurland"},
    "other_staff": {"utkast-ipr"},
    "superuser": {"utkast-sogndal", "utkast-aurland", "utkast-ipr"},
}
EDITS_SOGN_KO = {"staff", "admin", "superuser"}


@pytest.fixture
def drafts(sogn):
    """Three unpublished cooperations (with an agreement and a decision each): two of Sogn KO
    (concerning Sogndal and Aurland) and one of Sognarådet."""
    sogn_ko = Organisation.objects.get(slug="sogn-ko")
    ipr = Organisation.objects.get(slug="sognaradet-ipr")
    for slug, owner, number in [
        ("utkast-sogndal", sogn_ko, "4640"),
        ("utkast-aurland", sogn_ko, "4641"),
        ("utkast-ipr", ipr, "4642"),
    ]:
        cooperation = Cooperation.objects.create(
            slug=slug, name=f"Utkast {slug}", owner=owner, is_published=False
        )
        municipality = Municipality.objects.get(number=number)
        Participation.objects.create(cooperation=cooperation, municipality=municipality)
        agreement = Agreement.objects.create(
            slug=f"avtale-{slug}", title=f"Avtale {slug}", kind="anna", cooperation=cooperation
        )
        AgreementParty.objects.create(agreement=agreement, municipality=municipality)
        if owner == sogn_ko:
            decision = Decision.objects.create(
                slug=f"vedtak-{slug}",
                body=Body.objects.get(slug="sogn-ko-styret"),
                title=f"Vedtak {slug}",
                text="Utkast.",
            )
            DecisionCooperation.objects.create(decision=decision, cooperation=cooperation)
    return SEES


def make_user(name: str):
    spec = ROLES[name]
    if spec is None:
        return None
    role, organisation, municipality, is_staff, superuser = spec
    user = get_user_model().objects.create_user(
        name, password=PASSWORD, is_staff=is_staff, is_superuser=superuser
    )
    if role:
        Grant.objects.create(
            user=user,
            organisation=Organisation.objects.get(slug=organisation),
            role=role,
            municipality=Municipality.objects.filter(number=municipality).first(),
        )
    return user


@pytest.fixture(params=list(ROLES))
def role(request, drafts):
    """Each role in turn, with a logged-in client."""
    client = Client()
    user = make_user(request.param)
    if user is not None:
        login_verified(client, user)
    return request.param, client, user
