"""Month names in the active language, for partial_date.describe.

Django's MONTHS holds lazy strings: casting all twelve costs twelve catalogue lookups, and
the portal did that for every date it printed (a participation list, a timeline). The names
are cast once per language and process; the catalogues do not change while it runs.
"""

from __future__ import annotations

from django.utils.dates import MONTHS
from django.utils.translation import get_language

_NAMES: dict[str | None, dict[int, str]] = {}


def month_names() -> dict[int, str]:
    """{1: "januar", …, 12: "desember"} in the active language."""
    language = get_language()
    names = _NAMES.get(language)
    if names is None:
        names = _NAMES[language] = {number: str(name) for number, name in MONTHS.items()}
    return names
