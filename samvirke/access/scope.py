"""Who may change what: the write side of the access rule.

Staff and administrators change their own organisation's records (reached through the
model's ``access`` paths, as for reads); shared reference data (people, sources, service
areas, criteria, population figures) any staff member may change; municipalities,
organisations, roles, tokens and anything else only administrators of the installation.
"""

from __future__ import annotations

from django.db import models

from samvirke.lib.fields import AccessPaths
from samvirke.lib.viewer import Viewer

SHARED = {
    "registry.person",
    "registry.source",
    "registry.servicearea",
    "finance.criterion",
    "population.populationvalue",
    "population.correction",
}


def _paths(model: type[models.Model]) -> AccessPaths:
    return getattr(model, "access", AccessPaths())


def can_add(model: type[models.Model], viewer: Viewer) -> bool:
    if viewer.everything:
        return True
    owned = bool(_paths(model).organisations) or model._meta.label_lower in SHARED
    return owned and bool(viewer.edit_organisations)


def editable(queryset: models.QuerySet, viewer: Viewer) -> models.QuerySet:
    """The records of ``queryset`` the viewer may change."""
    model = queryset.model
    if viewer.everything:
        return queryset
    if model._meta.label_lower in SHARED and viewer.edit_organisations:
        return queryset
    condition = models.Q(pk__in=[])
    for path in _paths(model).organisations if viewer.edit_organisations else ():
        condition |= models.Q(**{f"{path}__in": viewer.edit_organisations})
    return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))


def can_change(obj: models.Model, viewer: Viewer) -> bool:
    """Whether the viewer may change this (saved) record."""
    return editable(type(obj)._default_manager.filter(pk=obj.pk), viewer).exists()


def organisations_of(model: type[models.Model], pk) -> frozenset[int]:
    """Every organisation a stored record reaches through its ``access`` paths."""
    if pk is None:
        return frozenset()
    rows = model._default_manager.filter(pk=pk)
    found: set[int] = set()
    for path in _paths(model).organisations:
        found.update(v for v in rows.values_list(path, flat=True) if v is not None)
    return frozenset(found)


def may_reach(obj: models.Model, before: frozenset[int], viewer: Viewer) -> bool:
    """Whether a saved record reaches only organisations it reached before, that the
    viewer edits, or in which nobody holds a role (a company named as a cooperation's legal
    entity): staff cannot move (or link) a record into another organisation, whose people
    would then read and change it."""
    from samvirke.access.models import ApiToken, Grant

    if viewer.everything:
        return True
    gained = organisations_of(type(obj), obj.pk) - before - viewer.edit_organisations
    return not (
        Grant.objects.filter(organisation__in=gained).exists()
        or ApiToken.objects.filter(organisation__in=gained).exists()
    )
