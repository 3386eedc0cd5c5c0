"""Quarter arithmetic on period codes such as 2025K3. Pure Python."""

from __future__ import annotations

import re
from functools import lru_cache

_QUARTER = re.compile(r"^(\d{4})K([1-4])$")


# cached: a national series asks about the same few hundred periods millions of times
@lru_cache(maxsize=65536)
def is_quarter(period: str) -> bool:
    return bool(_QUARTER.match(period))


@lru_cache(maxsize=65536)
def quarter_index(period: str) -> int:
    """A running number of quarters: 2025K1 → 8100, so that consecutive quarters differ by 1."""
    match = _QUARTER.match(period)
    if match is None:
        raise ValueError(f"{period!r} is not a quarter such as 2025K3")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def quarter_from_index(index: int) -> str:
    return f"{index // 4}K{index % 4 + 1}"


@lru_cache(maxsize=65536)
def next_quarter(period: str, steps: int = 1) -> str:
    return quarter_from_index(quarter_index(period) + steps)
