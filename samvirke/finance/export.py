"""An allocation as CSV or as an XLSX workbook whose formulas finance staff can check."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from samvirke.finance.services import Result


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
            *[f"verdi: {c.label}" for c in allocation.components],
            "del_av_budsjettet",
            "eksakt_belop_kr",
            "belop_kr",
        ]
    )
    for line in allocation.lines:
        writer.writerow(
            [
                line.participant.number,
                line.participant.name,
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
            writer.writerow(["#", component.label, component.source])
    return out.getvalue()


def to_xlsx(result: Result) -> bytes:
    """One sheet: inputs on top, a row per municipality with formulas, sums and a check."""
    allocation = result.allocation
    book = Workbook()
    sheet = book.active
    sheet.title = _("Allocation")[:31]
    bold = Font(bold=True)
    sheet["A1"] = _("Cost allocation: %s") % result.key.label
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"] = _("Budget (NOK)"), float(allocation.budget)
    sheet["A3"], sheet["B3"] = _("Reference period"), result.period
    components = allocation.components
    weight_row = 5
    sheet.cell(weight_row - 1, 1, _("Component")).font = bold
    sheet.cell(weight_row - 1, 2, _("Weight")).font = bold
    sheet.cell(weight_row - 1, 3, _("Source")).font = bold
    for i, component in enumerate(components):
        sheet.cell(weight_row + i, 1, component.label)
        sheet.cell(weight_row + i, 2, float(component.weight)).number_format = "0.00%"
        sheet.cell(weight_row + i, 3, component.source)
    header = weight_row + len(components) + 1
    first = header + 1
    last = first + len(allocation.lines) - 1
    # Columns: A number, B name, C year fraction, then per component the value and the
    # value × year fraction, then share, exact amount, rounded down, extra krone, amount.
    titles = [_("Municipality number"), _("Municipality"), _("Share of the year")]
    for component in components:
        titles += [_("Value: %s") % component.label, _("Counted value")]
    titles += [
        _("Share of budget"),
        _("Exact amount"),
        _("Rounded down"),
        _("Largest remainder"),
        _("Amount (NOK)"),
    ]
    for col, title in enumerate(titles, 1):
        sheet.cell(header, col, title).font = bold
    share_col = 4 + 2 * len(components)
    unit = 0 if allocation.budget == allocation.budget.to_integral_value() else 2
    for row, line in zip(range(first, last + 1), allocation.lines, strict=True):
        sheet.cell(row, 1, line.participant.number)
        sheet.cell(row, 2, line.participant.name)
        sheet.cell(row, 3, float(line.participant.year_fraction))
        terms = []
        for i, value in enumerate(line.values):
            value_col = 4 + 2 * i
            v, c = get_column_letter(value_col), get_column_letter(value_col + 1)
            sheet.cell(row, value_col, 1 if value is None else float(value))
            sheet.cell(row, value_col + 1, f"={v}{row}*C{row}")
            terms.append(f"$B${weight_row + i}*{c}{row}/SUM({c}${first}:{c}${last})")
        share, exact, down, extra = (get_column_letter(share_col + k) for k in range(4))
        sheet.cell(row, share_col, "=" + "+".join(terms)).number_format = "0.0000%"
        sheet.cell(row, share_col + 1, f"=$B$2*{share}{row}").number_format = "#,##0.00"
        sheet.cell(row, share_col + 2, f"=ROUNDDOWN({exact}{row},{unit})")
        rounded_down = Fraction(int(line.exact * 10**unit), 10**unit)
        sheet.cell(row, share_col + 3, float(Fraction(line.amount) - rounded_down))
        sheet.cell(row, share_col + 4, f"={down}{row}+{extra}{row}").number_format = "#,##0.00"
    total_row = last + 1
    sheet.cell(total_row, 2, _("Sum")).font = bold
    for col in range(share_col, share_col + 5):
        letter = get_column_letter(col)
        sheet.cell(total_row, col, f"=SUM({letter}{first}:{letter}{last})").font = bold
    amount = get_column_letter(share_col + 4)
    sheet.cell(total_row + 1, 2, _("Sum minus budget (should be 0)"))
    sheet.cell(total_row + 1, share_col + 4, f"={amount}{total_row}-$B$2")
    sheet.cell(
        total_row + 3,
        1,
        _(
            "Largest remainder: the whole kroner left after rounding down go one each to the "
            "largest remainders; equal remainders go to the lowest municipality number."
        ),
    )
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
