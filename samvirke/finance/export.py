"""An allocation as CSV or as an XLSX workbook whose formulas finance staff can check."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

import xlsxwriter
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_col_to_name

from samvirke.finance.services import Result
from samvirke.lib.spreadsheet import looks_like_formula, neutralise


def _decimal(value: Fraction, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum))


def to_csv(result: Result) -> str:
    allocation = result.allocation
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "kommunenummer",
            "kommune",
            "del_av_aret",
            *[neutralise(f"verdi: {c.label}") for c in allocation.components],
            "del_av_budsjettet",
            "eksakt_belop_kr",
            "belop_kr",
        ]
    )
    for line in allocation.lines:
        writer.writerow(
            [
                neutralise(line.participant.number),
                neutralise(line.participant.name),
                _decimal(line.participant.year_fraction, 6),
                *["" if v is None else _decimal(v, 4) for v in line.values],
                _decimal(line.share, 10),
                _decimal(line.exact, 2),
                str(line.amount),
            ]
        )
    writer.writerow(
        [
            "",
            _("Sum"),
            "",
            *[""] * len(allocation.components),
            "1",
            str(allocation.budget),
            str(allocation.total),
        ]
    )
    for component in allocation.components:
        if component.source:
            writer.writerow(["#", neutralise(component.label), neutralise(component.source)])
    return out.getvalue()


def to_xlsx(result: Result) -> bytes:
    """One sheet: inputs on top, a row per municipality with formulas, sums and a check.

    Every formula is saved with the value samvirke computed, so readers that do not
    calculate (pandas, previews) see the amounts; the largest remainder is a formula too,
    so the sheet still adds up to the budget after someone changes it. Text is always
    written as text, never as a formula, and text that looks like one is marked as text
    (the quote prefix) so that editing the cell does not turn it into one.
    """
    allocation = result.allocation
    components = allocation.components
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    sheet = _TextSafeSheet(book.add_worksheet(_("Allocation")[:31]), book)
    bold = book.add_format({"bold": True})
    percent2 = book.add_format({"num_format": "0.00%"})
    percent4 = book.add_format({"num_format": "0.0000%"})
    money = book.add_format({"num_format": "#,##0.00"})
    unit = 0 if allocation.budget == allocation.budget.to_integral_value() else 2
    step = Fraction(1, 10**unit)  # one krone, or one øre

    sheet.write_string(
        0,
        0,
        _("Cost allocation: %s") % result.key.label,
        book.add_format({"bold": True, "font_size": 14}),
    )
    sheet.write_string(1, 0, _("Budget (NOK)"))
    sheet.write_number(1, 1, float(allocation.budget))
    # whole kroner, or øre when the budget has øre: the sheet follows an edited budget
    sheet.write_string(1, 2, _("Decimals in amounts"))
    sheet.write_formula(1, 3, "=IF($B$2=INT($B$2),0,2)", None, unit)
    sheet.write_string(2, 0, _("Reference period"))
    sheet.write_string(2, 1, result.period)
    weight_row = 5  # spreadsheet row numbers from here on (1-based)
    for col, title in enumerate((_("Component"), _("Weight"), _("Source"))):
        sheet.write_string(weight_row - 2, col, title, bold)
    for i, component in enumerate(components):
        sheet.write_string(weight_row - 1 + i, 0, component.label)
        sheet.write_number(weight_row - 1 + i, 1, float(component.weight), percent2)
        sheet.write_string(weight_row - 1 + i, 2, component.source)
    header = weight_row + len(components) + 1
    first = header + 1
    last = first + len(allocation.lines) - 1
    # Columns: A number, B name, C year fraction, then per component the value and the
    # value × year fraction, then share, exact amount, rounded down, remainder, rank,
    # extra unit and amount.
    titles = [_("Municipality number"), _("Municipality"), _("Share of the year")]
    for component in components:
        titles += [_("Value: %s") % component.label, _("Counted value")]
    titles += [
        _("Share of budget"),
        _("Exact amount"),
        _("Rounded down"),
        _("Remainder"),
        _("Place by remainder"),
        _("Largest remainder"),
        _("Amount (NOK)"),
    ]
    for col, title in enumerate(titles):
        sheet.write_string(header - 1, col, title, bold)
    share_col = 4 + 2 * len(components)  # 1-based
    letters = [xl_col_to_name(share_col - 1 + k) for k in range(7)]
    share, exact, down, rest, place, extra, amount = letters
    leftover = f"ROUND(($B$2-SUM(${down}${first}:${down}${last}))*10^$D$2,0)"
    ordered = sorted(
        range(len(allocation.lines)),
        key=lambda i: (-_remainder(allocation.lines[i].exact, unit), i),
    )
    places = {line_index: position for position, line_index in enumerate(ordered)}
    for index, line in enumerate(allocation.lines):
        row = first + index
        r = row - 1  # 0-based for the writer
        sheet.write_string(r, 0, line.participant.number)
        sheet.write_string(r, 1, line.participant.name)
        sheet.write_number(r, 2, float(line.participant.year_fraction))
        terms = []
        for i, value in enumerate(line.values):
            value_col = 3 + 2 * i  # 0-based
            v, c = xl_col_to_name(value_col), xl_col_to_name(value_col + 1)
            counted = Fraction(1 if value is None else value) * line.participant.year_fraction
            sheet.write_number(r, value_col, 1 if value is None else float(value))
            sheet.write_formula(r, value_col + 1, f"={v}{row}*C{row}", None, float(counted))
            terms.append(f"$B${weight_row + i}*{c}{row}/SUM({c}${first}:{c}${last})")
        rounded_down = Fraction(int(line.exact / step)) * step
        remainder = _remainder(line.exact, unit)
        is_extra = Fraction(line.amount) - rounded_down
        base = share_col - 1
        sheet.write_formula(r, base, "=" + "+".join(terms), percent4, float(line.share))
        sheet.write_formula(r, base + 1, f"=$B$2*{share}{row}", money, float(line.exact))
        sheet.write_formula(
            r, base + 2, f"=ROUNDDOWN({exact}{row},$D$2)", money, float(rounded_down)
        )
        # rounded, so that equal remainders compare equal despite floating point
        sheet.write_formula(
            r, base + 3, f"=ROUND({exact}{row}-{down}{row},6)", None, float(remainder)
        )
        # place 0 gets the first unit left over; equal remainders: the row above first
        above = f"+COUNTIF({rest}${first}:{rest}{row - 1},{rest}{row})" if row > first else ""
        sheet.write_formula(
            r,
            base + 4,
            f'=COUNTIF({rest}${first}:{rest}${last},">"&{rest}{row}){above}',
            None,
            places[index],
        )
        sheet.write_formula(
            r,
            base + 5,
            f"=IF({place}{row}<{leftover},10^-$D$2,0)",
            None,
            float(is_extra),
        )
        sheet.write_formula(r, base + 6, f"={down}{row}+{extra}{row}", money, float(line.amount))
    total = last  # 0-based row of the sum
    sheet.write_string(total, 1, _("Sum"), bold)
    sums = {
        share: float(sum((x.share for x in allocation.lines), Fraction(0))),
        exact: float(sum((x.exact for x in allocation.lines), Fraction(0))),
        amount: float(allocation.total),
    }
    for letter in (share, exact, amount):
        col = letters.index(letter) + share_col - 1
        sheet.write_formula(total, col, f"=SUM({letter}{first}:{letter}{last})", bold, sums[letter])
    sheet.write_string(total + 1, 1, _("Sum minus budget (should be 0)"))
    sheet.write_formula(
        total + 1,
        share_col + 5,
        f"={amount}{total + 1}-$B$2",
        None,
        float(allocation.total - allocation.budget),
    )
    sheet.write_string(
        total + 3,
        0,
        _(
            "Largest remainder: the whole kroner left after rounding down go one each to the "
            "largest remainders; equal remainders go to the lowest municipality number."
        ),
    )
    sheet.set_column(0, 0, 34)
    book.close()
    return out.getvalue()


class _TextSafeSheet:
    """The worksheet, with write_string marking formula-like text with the quote prefix."""

    def __init__(self, sheet, book):
        self._sheet = sheet
        self._quoted: dict[int, object] = {}
        self._book = book

    def write_string(self, row: int, col: int, text: str, cell_format=None):
        if looks_like_formula(text):
            key = id(cell_format)
            if key not in self._quoted:
                properties = {"quote_prefix": True}
                if cell_format is not None:
                    properties["bold"] = bool(cell_format.bold)
                self._quoted[key] = self._book.add_format(properties)
            cell_format = self._quoted[key]
        return self._sheet.write_string(row, col, text, cell_format)

    def __getattr__(self, name: str):
        return getattr(self._sheet, name)


def _remainder(exact: Fraction, unit: int) -> Fraction:
    """What rounding down to whole kroner (or øre) leaves, to six decimals as the sheet has it."""
    scaled = exact * 10**unit
    return Fraction(round((scaled - int(scaled)) / 10**unit, 6)).limit_denominator(10**6)
