"""Pages of an API list: django-ninja's page numbers, counted and cut in the database."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE = 100_000  # far beyond any register; keeps the offset inside the database's integers


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=PAGE_SIZE * 2)

    def __init__(self, **kwargs):
        super().__init__(page_size=PAGE_SIZE, max_page_size=PAGE_SIZE * 2, **kwargs)
