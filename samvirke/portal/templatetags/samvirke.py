"""Template filters for partial dates and Norwegian number formatting."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

from samvirke.lib import numbers, partial_date
from samvirke.lib.months import month_names

register = template.Library()


@register.filter
def pdate(value: str) -> str:
    """A partial date as words: "9. desember 2025", "november–desember 2025"."""
    if not value:
        return ""
    try:
        parsed = partial_date.parse(value)
    except partial_date.PartialDateError:
        return value
    return partial_date.describe(parsed, month_names())


@register.filter
def num(value, decimals: int | None = None) -> str:
    """A number with the locale's thousand separator (12 319); decimals only when present."""
    return numbers.number(value, decimals)


@register.filter
def signed(value) -> str:
    """A whole number with its sign, as in a growth table (+13, −5, 0)."""
    if value is None:
        return ""
    text = number_format(abs(value), force_grouping=True)
    if value > 0:
        return f"+{text}"
    return f"−{text}" if value < 0 else text


@register.filter
def fraction_num(value: Fraction, decimals: int = 2) -> str:
    """An exact fraction as a rounded decimal number in the locale's format."""
    return numbers.number(value, decimals)


@register.filter
def signed_percent(value: Fraction | None, decimals: int = 1) -> str:
    """A change in per cent with its sign (+19,4 %, −1,0 %); a dash where there is none."""
    if value is None:
        return "–"
    text = fraction_num(abs(value), decimals)
    return f"{'−' if value < 0 else '+'}{text} %"


@register.filter
def fraction_percent(value: Fraction) -> str:
    """A fraction of a whole as a percentage with four decimals."""
    return f"{fraction_num(value * 100, 4)} %"


@register.filter
def percent(value: float) -> str:
    """A probability or share (0..1) as a whole percentage: 0.9387 → "94 %"."""
    return f"{num(Decimal(str(value)) * 100, 0)} %"


@register.filter
def interval(point, level: float) -> str:
    """A forecast point's interval at a level, as "29 822–29 948"."""
    low, high = point.interval(float(level))
    return f"{num(Decimal(str(low)), 0)}–{num(Decimal(str(high)), 0)}"


@register.filter
def backtest_rows(backtest) -> list[tuple]:
    return list(
        zip(
            backtest.horizons,
            backtest.model_mae,
            backtest.last_value_mae,
            backtest.mean_growth_mae,
            strict=True,
        )
    )


@register.simple_tag
def cell(matrix, criterion, municipality):
    """The score a host-selection matrix holds for one criterion and candidate, if any."""
    return matrix.cells.get((criterion.id, municipality.id))


@register.filter
def share_percent(value: Fraction | None, decimals: int = 1) -> str:
    """A share (0..1) as a percentage with one decimal (33,5 %); a dash where unknown."""
    if value is None:
        return "–"
    return f"{fraction_num(value * 100, decimals)} %"


@register.filter
def change_percent(value: Fraction | None) -> str:
    """A relative change (−0.12) as a signed percentage (−12,0 %); a dash where unknown."""
    return "–" if value is None else signed_percent(value * 100)


@register.filter
def ratio(value: Fraction | None, decimals: int = 2) -> str:
    """A ratio such as the dependency ratio (0,74); a dash where unknown."""
    return "–" if value is None else fraction_num(value, decimals)


@register.filter
def ordinal_word(n: int) -> str:
    """ "every third": the ordinal word for 2–10, in the active language."""
    words = {
        2: pgettext("ordinal", "second"),
        3: pgettext("ordinal", "third"),
        4: pgettext("ordinal", "fourth"),
        5: pgettext("ordinal", "fifth"),
        6: pgettext("ordinal", "sixth"),
        7: pgettext("ordinal", "seventh"),
        8: pgettext("ordinal", "eighth"),
        9: pgettext("ordinal", "ninth"),
        10: pgettext("ordinal", "tenth"),
    }
    return str(words.get(n, n))


@register.filter
def label_at(items, counter: int) -> str:
    """The label of the item at a loop's counter (1-based), for a cell's data-label."""
    try:
        item = list(items)[int(counter) - 1]
    except (IndexError, TypeError, ValueError):
        return ""
    return str(getattr(item, "label", getattr(getattr(item, "key", None), "label", item)))
