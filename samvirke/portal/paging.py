"""Pages of a list, counted and cut in the database, with links that keep the filters."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse

PAGE_SIZE = 50


def page_of(request, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    """The requested page (?page=N; a bad or out-of-range number gives the nearest page):
    one COUNT and one LIMIT/OFFSET query. The page carries previous_url and next_url, the
    same query string with only the page changed."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()

    def link(number: int) -> str:
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""  # type: ignore[attr-defined]
    page.next_url = link(page.next_page_number()) if page.has_next() else ""  # type: ignore[attr-defined]
    return page


def detail_prefix(name: str) -> str:
    """The path of a detail page up to its last part (a slug or number), reversed once per
    page instead of once per row: detail_prefix("portal:cooperation_detail") + slug + "/"."""
    return reverse(name, args=["-"]).removesuffix("-/")


def labels(choices) -> dict[str, str]:
    """Choice labels translated once per page (not once per row), first letter capitalised."""
    return {code: str(label)[:1].upper() + str(label)[1:] for code, label in choices}
