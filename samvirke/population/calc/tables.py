"""Pure table arithmetic for population figures (persons); no Django."""

from __future__ import annotations

from collections.abc import Sequence


def column_totals(rows: Sequence[Sequence[int | None]]) -> list[int | None]:
    """Sum each column; a column with any missing cell has no total (None), never a guess."""
    if not rows:
        return []
    totals: list[int | None] = []
    for column in zip(*rows, strict=True):
        totals.append(None if any(cell is None for cell in column) else sum(column))
    return totals


def previous_year(period: str) -> str:
    """The same quarter (or year) one year earlier: 2025K4 → 2024K4, 2025 → 2024."""
    year, _, quarter = period.partition("K")
    return f"{int(year) - 1}K{quarter}" if quarter else str(int(year) - 1)


def percent_change(before: int, after: int) -> float | None:
    """Change from before to after in per cent; None when before is zero."""
    if before == 0:
        return None
    return (after - before) * 100 / before
