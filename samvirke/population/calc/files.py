"""Parse the population files people really have. Pure Python; no Django.

- Long CSV: header ``region,period,measure,value``; one figure a line.
- Wide table, as on a slide or in a spreadsheet: a header of periods, one row per
  municipality labelled like ``K-4639 Vik``, an optional ``Sum`` row; tab- or
  semicolon-separated; numbers may use spaces as thousand separators (``12 319``).

SSB's status symbols (".", "..", ":") are kept as the cell's status with no value.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

MEASURES = (
    "population_start",
    "population_end",
    "growth",
    "births",
    "deaths",
    "birth_surplus",
    "immigration",
    "emigration",
    "in_moves",
    "out_moves",
    "net_migration",
)
STATUS_SYMBOLS = {".", "..", ":"}
_PERIOD = re.compile(r"^\d{4}(K[1-4])?$")
_LABEL = re.compile(r"^(?:K-)?(\d{4})\b")
_SPACES = re.compile(r"[\s\u00a0\u202f]")
# No population figure or change has more digits; longer cells are refused with a message
# (Python would refuse a 5 000-digit number with a ValueError).
MAX_DIGITS = 9  # and so every figure fits the database's integer
# One file holds at most this many figures (lines after the header of a long CSV; rows ×
# periods of a wide table) and this many bytes: checked on the raw text in a few
# milliseconds, so a bigger file is refused at once rather than after a long parse. A
# million figures are checked and stored in well under a minute (benchmarks/imports.py).
MAX_FIGURES = 1_000_000
MAX_BYTES = 64 * 1024 * 1024


class FileFormatError(ValueError):
    """A problem in a file, at a line (1-based) and column; ``code``/``params`` say what."""

    def __init__(self, code: str, line: int, column: str = "", **params: object):
        self.code, self.line, self.column, self.params = code, line, column, params
        super().__init__(f"line {line} {column}: {code} {params}")


@dataclass
class ParsedFile:
    values: dict[tuple[str, str, str], tuple[int | None, str]] = field(default_factory=dict)
    given_totals: dict[tuple[str, str], int] = field(default_factory=dict)


def parse_number(text: str, line: int, column: str) -> tuple[int | None, str]:
    """(value, status) of a cell: "12 319" → (12319, ""), ".." → (None, "..")."""
    cell = text.strip()
    if cell in STATUS_SYMBOLS:
        return None, cell
    cleaned = _SPACES.sub("", cell).replace("−", "-").replace("–", "-")
    if not re.fullmatch(r"[+-]?\d+", cleaned):
        raise FileFormatError("not_a_number", line, column, value=text)
    if len(cleaned.lstrip("+-")) > MAX_DIGITS:
        raise FileFormatError(
            "too_many_digits", line, column, digits=len(cleaned.lstrip("+-")), limit=MAX_DIGITS
        )
    return int(cleaned), ""


def check_text(text: str) -> None:
    """Refuse a file with a NUL character (no text file holds one), naming its line."""
    nul = text.find("\x00")
    if nul >= 0:
        raise FileFormatError("nul", text.count("\n", 0, nul) + 1)


def check_size(text: str, cells_per_line: int = 1) -> None:
    """Refuse a text with more than MAX_FIGURES figures, counting lines (after the
    header) × cells per line, before anything is parsed."""
    lines = max(text.count("\n"), text.count("\r"))
    if text and not text.endswith(("\n", "\r")):
        lines += 1
    figures = max(lines - 1, 0) * cells_per_line
    if figures > MAX_FIGURES:
        first_over = 2 + MAX_FIGURES // cells_per_line  # the header is line 1
        raise FileFormatError("too_many_figures", first_over, figures=figures, limit=MAX_FIGURES)


def parse_long_csv(text: str) -> ParsedFile:
    """One pass over the lines; each distinct region, period and measure is checked once
    (a national file repeats a few thousand of them a million times)."""
    check_text(text)
    check_size(text)
    # splitlines: a bare carriage return (old Mac line ends) is a line end, not a CSV error
    reader = csv.reader(text.splitlines(), delimiter=",")
    parsed = ParsedFile()
    values = parsed.values
    regions: set[str] = set()
    periods: set[str] = set()
    measures = set(MEASURES)
    number = 1
    try:
        header = next(reader, None)
        if header is None or [c.strip().lower() for c in header] != [
            "region",
            "period",
            "measure",
            "value",
        ]:
            raise FileFormatError("bad_header", 1, expected="region,period,measure,value")
        for number, row in enumerate(reader, 2):
            if len(row) != 4:
                if not any(cell.strip() for cell in row):
                    continue
                raise FileFormatError("wrong_cell_count", number, expected=4, got=len(row))
            region, period, measure, value = map(str.strip, row)
            if region not in regions:
                if not re.fullmatch(r"\d{4}", region):
                    if not (region or period or measure or value):
                        continue
                    raise FileFormatError("bad_region", number, "region", value=region)
                regions.add(region)
            if period not in periods:
                if not _PERIOD.match(period):
                    raise FileFormatError("bad_period", number, "period", value=period)
                periods.add(period)
            if measure not in measures:
                raise FileFormatError("bad_measure", number, "measure", value=measure)
            key = (region, period, measure)
            if key in values:
                raise FileFormatError("duplicate", number, value=f"{region} {period} {measure}")
            if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:
                values[key] = (int(value), "")
            else:
                values[key] = parse_number(value, number, "value")
    except csv.Error as exc:
        raise FileFormatError("unreadable", reader.line_num or 1, reason=str(exc)) from None
    return parsed


def parse_wide_table(text: str, measure: str) -> ParsedFile:
    if measure not in MEASURES:
        raise FileFormatError("bad_measure", 0, value=measure)
    check_text(text)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise FileFormatError("empty", 1)
    delimiter = "\t" if "\t" in lines[0] else ";"
    check_size(text, max(lines[0].count(delimiter), 1))
    table = _rows(lines, delimiter)
    periods = [cell.strip() for cell in table[0][1:]]
    for column, period in enumerate(periods, 2):
        if not _PERIOD.match(period):
            raise FileFormatError("bad_period", 1, _column_name(column), value=period)
    parsed = ParsedFile()
    for number, row in enumerate(table[1:], 2):
        label = row[0].strip()
        cells = row[1:]
        if len(cells) != len(periods):
            raise FileFormatError(
                "wrong_cell_count", number, expected=len(periods) + 1, got=len(row)
            )
        is_sum = label.lower() == "sum"
        match = _LABEL.match(label)
        if not is_sum and match is None:
            raise FileFormatError("bad_label", number, "A", value=label)
        for column, (period, cell) in enumerate(zip(periods, cells, strict=True), 2):
            value, status = parse_number(cell, number, _column_name(column))
            if is_sum:
                if value is not None:
                    parsed.given_totals[(period, measure)] = value
            else:
                key = (match.group(1), period, measure)
                if key in parsed.values:
                    raise FileFormatError("duplicate", number, value=label)
                parsed.values[key] = (value, status)
    return parsed


def _rows(lines: list[str], delimiter: str) -> list[list[str]]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        raise FileFormatError("unreadable", reader.line_num or 1, reason=str(exc)) from None


def _column_name(number: int) -> str:
    name = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        name = chr(65 + remainder) + name
    return name
