"""The orders a list offers (?sort=key), the same on the portal and in the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sort:
    """One order a list offers: ?sort=key. An empty order keeps the selector's own."""

    key: str
    label: str
    order: tuple[str, ...] = ()


# The orders the lists offer, the first one each list's default (portal and API alike).
DEFAULT = Sort("", _("Default order"))
BY_NAME = (
    Sort("name", _("Name (A–Å)"), ("name", "pk")),
    Sort("-name", _("Name (Å–A)"), ("-name", "-pk")),
)
BY_TITLE = (
    Sort("title", _("Title (A–Å)"), ("title", "pk")),
    Sort("-title", _("Title (Å–A)"), ("-title", "-pk")),
)
BY_DATE = (
    Sort("-date", _("Newest first"), ("-date", "slug")),
    Sort("date", _("Oldest first"), ("date", "slug")),
)
SORTS = {
    "cooperations": (DEFAULT, *BY_NAME),
    "municipalities": (Sort("number", _("Number"), ("number",)), *BY_NAME),
    "agreements": BY_TITLE,
    "decisions": (*BY_DATE, *BY_TITLE),
    "bodies": (DEFAULT, *BY_NAME),
    "staff": (
        DEFAULT,
        Sort("name", _("Name (A–Å)"), ("person__name", "pk")),
        Sort("-name", _("Name (Å–A)"), ("-person__name", "-pk")),
    ),
    "networks": BY_NAME,
    "meetings": BY_DATE,
}


def chosen_sort(sorts: tuple[Sort, ...], key: str | None) -> Sort | None:
    """The sort named key (the default for none or ""); None for a key the list lacks."""
    if not key:
        return sorts[0]
    return next((sort for sort in sorts if sort.key == key), None)


def sort_keys(sorts: tuple[Sort, ...]) -> str:
    return ", ".join(sort.key for sort in sorts if sort.key)


def apply_sort(queryset: QuerySet, sort: Sort) -> QuerySet:
    return queryset.order_by(*sort.order) if sort.order else queryset
