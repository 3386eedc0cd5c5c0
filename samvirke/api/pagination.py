"""Pages of an API list: django-ninja's page numbers, counted and cut in the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination

from samvirke.lib.sorting import Sort, apply_sort, chosen_sort, sort_keys

PAGE_SIZE = 50
MAX_PAGE = 100_000  # far beyond any register; keeps the offset inside the database's integers


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=PAGE_SIZE * 2)

    def __init__(self, **kwargs):
        super().__init__(page_size=PAGE_SIZE, max_page_size=PAGE_SIZE * 2, **kwargs)


def sorted_rows(queryset: QuerySet, sorts: tuple[Sort, ...], key: str) -> QuerySet:
    """The queryset in the order ?sort=key names (the list's default for none); a key the
    list does not offer is a 400 naming the ones it does."""
    sort = chosen_sort(sorts, key)
    if sort is None:
        raise HttpError(
            400, f"sort: {key!r} is not an order of this list; use one of: {sort_keys(sorts)}."
        )
    return apply_sort(queryset, sort)


class Rows:
    """A queryset whose rows become dicts only for the page @paginate cuts out (COUNT and
    LIMIT in the database), for lists answered as dicts rather than through a schema."""

    def __init__(self, queryset: QuerySet, row: Callable[[Any], dict]):
        self.queryset, self.row = queryset, row

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice) -> list[dict]:
        return [self.row(record) for record in self.queryset[index]]
