"""The orders a list offers (?sort=key), the same on the portal and in the API; names and
titles in Norwegian alphabetical order (A–Z, Æ, Ø, Å) on both databases."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, OrderBy, QuerySet
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from samvirke.lib import alphabet


class Norwegian(Collate):
    """A text in Norwegian alphabetical order: PostgreSQL's ICU collation for Bokmål, and on
    SQLite the "nb" collation ``register_collation`` gives every connection."""

    def __init__(self, expression: str):
        super().__init__(F(expression), "nb")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, collation='"nb-NO-x-icu"', **extra_context)


def alphabetical(field: str) -> OrderBy:
    """order_by() term: the field ("name", or "-name" for Å–A) in Norwegian order."""
    name = field.removeprefix("-")
    return OrderBy(Norwegian(name), descending=field.startswith("-"))


def register_collation(sender, connection, **kwargs) -> None:
    """connection_created: SQLite learns the "nb" collation (PostgreSQL has it from ICU)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation("nb", alphabet.compare)


@dataclass(frozen=True)
class Sort:
    """One order a list offers: ?sort=key. An empty order keeps the selector's own."""

    key: str
    label: str
    order: tuple[str | OrderBy, ...] = ()


# The orders the lists offer, the first one each list's default (portal and API alike).
DEFAULT = Sort("", _("Default order"))
BY_NAME = (
    Sort("name", _("Name (A–Å)"), (alphabetical("name"), "pk")),
    Sort("-name", _("Name (Å–A)"), (alphabetical("-name"), "-pk")),
)
BY_TITLE = (
    Sort("title", _("Title (A–Å)"), (alphabetical("title"), "pk")),
    Sort("-title", _("Title (Å–A)"), (alphabetical("-title"), "-pk")),
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
        Sort("name", _("Name (A–Å)"), (alphabetical("person__name"), "pk")),
        Sort("-name", _("Name (Å–A)"), (alphabetical("-person__name"), "-pk")),
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
