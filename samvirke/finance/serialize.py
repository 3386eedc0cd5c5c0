"""Allocations as plain data (for JSON): exact values as fractions and as decimals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from samvirke.finance.calc.allocation import ComparisonRow
from samvirke.finance.services import Result


def decimal_text(value: Fraction, places: int) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places)))


def result_data(result: Result) -> dict:
    allocation = result.allocation
    return {
        "key": result.key.label,
        "stored_key": result.key.stored.slug if result.key.stored else None,
        "key_version": result.key.stored.version if result.key.stored else None,
        "period": result.period,
        "budget": str(allocation.budget),
        "components": [
            {"label": c.label, "kind": c.kind, "weight": str(c.weight), "source": c.source}
            for c in allocation.components
        ],
        "lines": [
            {
                "municipality": line.participant.number,
                "name": line.participant.name,
                "year_fraction": str(line.participant.year_fraction),
                "values": [None if v is None else str(v) for v in line.values],
                "share": str(line.share),
                "share_decimal": decimal_text(line.share, 10),
                "exact": decimal_text(line.exact, 4),
                "amount": str(line.amount),
            }
            for line in allocation.lines
        ],
        "total": str(allocation.total),
        "findings": list(result.findings),
    }


def comparison_data(results: list[Result], rows: list[ComparisonRow]) -> dict:
    return {
        "scenarios": [r.key.label for r in results],
        "rows": [
            {
                "municipality": row.number,
                "name": row.name,
                "amounts": [str(a) for a in row.amounts],
                "differences": [str(d) for d in row.differences],
                "percent": [None if p is None else decimal_text(p, 2) for p in row.percent],
            }
            for row in rows
        ],
    }
