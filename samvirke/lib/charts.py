"""Small accessible SVG charts, drawn server-side (no JavaScript). Pure Python.

Each chart has a <title> and <desc> (read by screen readers through role="img" and
aria-labelledby); the page also shows the same figures as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from samvirke.population.calc.periods import is_quarter, quarter_index

WIDTH, HEIGHT = 640, 270
LEFT, RIGHT, TOP, BOTTOM = 64, 36, 20, 52
LABEL_Y = HEIGHT - 12
INK, ACCENT, BAND, GRID, NEGATIVE = "#1e2b3c", "#0062ba", "#c9dff4", "#c7ced6", "#b3261e"


def _frame(chart_id: str, title: str, description: str, body: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{body}</svg>'
    )


def _scale(low: float, high: float):
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (value - low) / span)

    return y


def _nice_step(span: float, count: int = 4) -> float:
    """A round step (1, 2 or 5 × 10^k) giving about ``count`` intervals over ``span``."""
    raw = span / count if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _range(low: float, high: float) -> tuple[float, float, float]:
    """The axis range widened to round ticks, and the tick step."""
    step = _nice_step(high - low)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _ticks(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step)
    return [low + step * i for i in range(count + 1)]


def bars(chart_id: str, title: str, description: str, points: Sequence[tuple[str, int]]) -> str:
    """Vertical bars around zero, one per period, labelled below."""
    if not points:
        return ""
    values = [v for _, v in points]
    low, high, step = _range(min(0, *values), max(0, *values))
    y = _scale(low, high)
    slot = (WIDTH - LEFT - RIGHT) / len(points)
    parts = [_axis(y, low, high, step)]
    for i, (label, value) in enumerate(points):
        x = LEFT + i * slot + slot * 0.15
        top, bottom = sorted((y(value), y(0)))
        colour = ACCENT if value >= 0 else NEGATIVE
        parts.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{max(bottom - top, 1):.1f}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{LABEL_Y}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        label_y = top - 4 if value >= 0 else bottom + 14
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{label_y:.1f}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{value}</text>'
        )
    return _frame(chart_id, title, description, "".join(parts))


SERIES_FILL = (ACCENT, BAND, "#5b6b7d", "#f2b84b")


def grouped_bars(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    label: Callable[[float], str] = str,
) -> str:
    """Vertical bars, one group per category and one bar per series in each group, with a
    legend naming the series; every bar carries its value (``label`` formats it). A value
    of None draws no bar (the table says it is unknown)."""
    values = [v for _name, row in series for v in row if v is not None]
    if not categories or not values:
        return ""
    low, high, step = _range(min(0, *values), max(0, *values))
    y = _scale(low, high)
    slot = (WIDTH - LEFT - RIGHT) / len(categories)
    bar = slot * 0.8 / len(series)
    parts = [_axis(y, low, high, step)]
    for i, category in enumerate(categories):
        start = LEFT + i * slot + slot * 0.1
        for j, (_name, row) in enumerate(series):
            value = row[i]
            if value is None:
                continue
            x = start + j * bar
            top, bottom = sorted((y(value), y(0)))
            fill = SERIES_FILL[j % len(SERIES_FILL)]
            parts.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{bar * 0.92:.1f}" '
                f'height="{max(bottom - top, 1):.1f}" fill="{fill}" stroke="{ACCENT}" '
                f'stroke-width="1"/>'
            )
            label_y = top - 4 if value >= 0 else bottom + 12
            parts.append(
                f'<text x="{x + bar * 0.46:.1f}" y="{label_y:.1f}" text-anchor="middle" '
                f'font-size="10" fill="{INK}">{escape(label(value))}</text>'
            )
        parts.append(
            f'<text x="{start + slot * 0.4:.1f}" y="{LABEL_Y - 16}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{escape(category)}</text>'
        )
    for j, (name, _row) in enumerate(series):
        x = LEFT + j * 120
        parts.append(
            f'<rect x="{x}" y="{LABEL_Y - 4}" width="14" height="10" '
            f'fill="{SERIES_FILL[j % len(SERIES_FILL)]}" stroke="{ACCENT}"/>'
            f'<text x="{x + 20}" y="{LABEL_Y + 5}" font-size="12" fill="{INK}">'
            f"{escape(name)}</text>"
        )
    return _frame(chart_id, title, description, "".join(parts))


def forecast_line(
    chart_id: str,
    title: str,
    description: str,
    history: Sequence[tuple[str, float]],
    forecast: Sequence[tuple[str, float, float, float]],
    target: float | None = None,
) -> str:
    """Known populations (dots), the forecast mean (dashed) with its band, a target line."""
    periods = [p for p, _ in history] + [p for p, *_ in forecast]
    if not periods:
        return ""
    numbers = [v for _, v in history] + [v for _, m, lo, hi in forecast for v in (m, lo, hi)]
    if target is not None:
        numbers.append(target)
    low, high, step = _range(min(numbers), max(numbers))
    y = _scale(low, high)
    # Place periods by time (quarters), so yearly history and quarterly forecast line up.
    index = {p: quarter_index(p) if is_quarter(p) else i for i, p in enumerate(periods)}
    first, last = min(index.values()), max(index.values())
    per_quarter = (WIDTH - LEFT - RIGHT) / max(last - first, 1)
    x = {p: LEFT + (index[p] - first) * per_quarter for p in periods}
    parts = [_axis(y, low, high, step)]
    if forecast and history:
        # The band starts at the last known population, where the forecast starts.
        forecast = [(history[-1][0], history[-1][1], history[-1][1], history[-1][1]), *forecast]
    if forecast:
        upper = " ".join(f"{x[p]:.1f},{y(hi):.1f}" for p, _m, _lo, hi in forecast)
        lower = " ".join(f"{x[p]:.1f},{y(lo):.1f}" for p, _m, lo, _hi in reversed(forecast))
        parts.append(f'<polygon points="{upper} {lower}" fill="{BAND}"/>')
        line = " ".join(f"{x[p]:.1f},{y(m):.1f}" for p, m, *_ in forecast)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{ACCENT}" '
            f'stroke-width="2.5" stroke-dasharray="6 4"/>'
        )
    if target is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target):.1f}" '
            f'y2="{y(target):.1f}" stroke="{NEGATIVE}" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{y(target) - 6:.1f}" text-anchor="end" '
            f'font-size="12" fill="{NEGATIVE}">{target:,.0f}</text>'.replace(",", " ")
        )
    for period, value in history:
        parts.append(f'<circle cx="{x[period]:.1f}" cy="{y(value):.1f}" r="4" fill="{INK}"/>')
    # Label the years' last quarters only, so labels never run into each other.
    labelled = [p for p in periods if p.endswith("K4")] or periods[:: max(1, len(periods) // 6)]
    for period in labelled:
        parts.append(
            f'<text x="{x[period]:.1f}" y="{LABEL_Y}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{escape(period)}</text>'
        )
    return _frame(chart_id, title, description, "".join(parts))


def _axis(y, low: float, high: float, step: float) -> str:
    parts = []
    for tick in _ticks(low, high, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="{INK}">{tick:,.0f}</text>'.replace(",", " ")
        )
    return "".join(parts)


def pyramid(
    chart_id: str,
    title: str,
    description: str,
    bands: Sequence[str],
    now: tuple[Sequence[float], Sequence[float]],
    later: tuple[Sequence[float], Sequence[float]],
    labels: tuple[str, str, str, str],
) -> str:
    """A population pyramid: men to the left, women to the right, youngest at the bottom;
    ``now`` as filled bars and ``later`` as outlined bars over them (shares in per cent).
    ``labels`` = (men, women, now, later) for the legend."""
    if not bands:
        return ""
    height = TOP + 22 * len(bands) + 56
    middle = WIDTH / 2
    widest = max([*now[0], *now[1], *later[0], *later[1], 1.0])
    gap = 24  # the age labels sit between the two sides
    half = middle - LEFT - gap
    row = 22
    parts = []
    for i, band in enumerate(bands):
        y = TOP + (len(bands) - 1 - i) * row
        for side, sign in ((0, -1), (1, 1)):
            width = now[side][i] / widest * half
            x = middle - gap - width if sign < 0 else middle + gap
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row - 6}" '
                f'fill="{BAND}" stroke="{ACCENT}" stroke-width="1"/>'
            )
            outline = later[side][i] / widest * half
            ox = middle - gap - outline if sign < 0 else middle + gap
            parts.append(
                f'<rect x="{ox:.1f}" y="{y + 1}" width="{outline:.1f}" height="{row - 2}" '
                f'fill="none" stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>'
            )
        parts.append(
            f'<text x="{middle}" y="{y + row - 7}" text-anchor="middle" font-size="11" '
            f'fill="{INK}">{escape(band)}</text>'
        )
    base = TOP + len(bands) * row + 18
    men, women, first, second = (escape(x) for x in labels)
    parts.append(
        f'<text x="{LEFT}" y="{base}" font-size="12" fill="{INK}">← {men}</text>'
        f'<text x="{WIDTH - RIGHT}" y="{base}" text-anchor="end" font-size="12" '
        f'fill="{INK}">{women} →</text>'
        f'<rect x="{LEFT}" y="{base + 12}" width="14" height="10" fill="{BAND}" '
        f'stroke="{ACCENT}"/>'
        f'<text x="{LEFT + 20}" y="{base + 21}" font-size="12" fill="{INK}">{first}</text>'
        f'<rect x="{middle}" y="{base + 12}" width="14" height="10" fill="none" '
        f'stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{middle + 20}" y="{base + 21}" font-size="12" fill="{INK}">{second}</text>'
    )
    svg = _frame(chart_id, title, description, "".join(parts))
    return svg.replace(f'viewBox="0 0 {WIDTH} {HEIGHT}"', f'viewBox="0 0 {WIDTH} {height}"', 1)
