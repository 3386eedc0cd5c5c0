"""Numbers as people read them in the active language: 1 000 000 and 10,5 % in Norwegian.

Nynorsk and Bokmål group thousands with a no-break space and use a decimal comma (Django's
nn/nb formats); English gets 1,000,000 and 10.5 %. The CLI's tables, the portal and the
reports share these, so a figure reads the same wherever it is printed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import number_format

NBSP = "\xa0"


def number(value: int | float | Decimal | Fraction | None, decimals: int | None = None) -> str:
    """Grouped thousands, the language's decimal sign; ``decimals`` rounds half up.

    Without ``decimals`` a whole Decimal prints without decimals ("2,50" stays "2,5")."""
    if value is None or value == "":
        return ""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal) and decimals is None:
        value = value.normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    if decimals is not None:
        # number_format cuts off extra decimals; round half up first.
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def percent(value: int | float | Decimal | Fraction | None, decimals: int | None = None) -> str:
    """A per cent figure (already × 100) with a no-break space before the sign: 10,5 %."""
    return f"{number(value, decimals)}{NBSP}%" if value is not None else ""


def signed(value: int | float | Decimal | Fraction | None, decimals: int | None = None) -> str:
    """A change with its sign: +20 446, -63 534, 0 (ASCII minus: copies into spreadsheets)."""
    if value is None:
        return ""
    text = number(value, decimals)
    return f"+{text}" if value > 0 else text
