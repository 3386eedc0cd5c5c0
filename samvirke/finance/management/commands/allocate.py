import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from samvirke.finance import export, services
from samvirke.finance.serialize import comparison_data, result_data
from samvirke.lib.commands import SamvirkeCommand
from samvirke.lib.numbers import number, percent, signed


class Command(SamvirkeCommand):
    help = (
        "Share a budget among municipalities by a cost key, exact to the krone. "
        'Example: samvirke allocate --budget 1000000 --key "25 likt, 75 folketal" --period 2025K4'
    )

    def add_arguments(self, parser):
        parser.add_argument("--budget", required=True, help="NOK, e.g. 1000000 or '1 000 000'")
        parser.add_argument("--key", help='a stored key or e.g. "25 likt, 75 folketal"')
        parser.add_argument("--compare", nargs="+", metavar="KEY", help="several keys side by side")
        parser.add_argument("--period", required=True, help="2025K4, or 2026 for 1 January 2026")
        parser.add_argument(
            "--participants",
            default="",
            help="municipality numbers, e.g. 4639,4640; part of a year: 4638:..2026-06-30",
        )
        parser.add_argument("--year", type=int, help="budget year, for part-year participants")
        parser.add_argument(
            "--organisation",
            default=settings.SAMVIRKE_ORGANISATION,
            help="the region whose members take part when --participants is not given "
            "(its identifier; default: this installation's, %(default)s)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--xlsx", type=Path, help="also write the allocation as XLSX")
        parser.add_argument("--csv", type=Path, help="also write the allocation as CSV")

    def handle(self, *args, **o):
        if bool(o["key"]) == bool(o["compare"]):
            raise CommandError(_("Give either --key or --compare."))
        keys = o["compare"] or [o["key"]]
        try:
            inputs = services.read_inputs(
                o["budget"],
                keys,
                o["period"],
                o["participants"],
                o["year"],
                organisation=o["organisation"],
            )
            if o["compare"]:
                self._comparison(*services.compare(inputs), as_json=o["json"])
                return
            result = services.allocate(inputs)
        except services.AllocationInputError as exc:
            raise CommandError(exc.message) from None
        if o["xlsx"]:
            o["xlsx"].write_bytes(export.to_xlsx(result))
        if o["csv"]:
            o["csv"].write_text(export.to_csv(result), encoding="utf-8")
        if o["json"]:
            self.stdout.write(json.dumps(result_data(result), ensure_ascii=False, indent=2))
        else:
            self._table(result)

    def _table(self, result):
        allocation = result.allocation
        self.stdout.write(
            _("Key: %(key)s · period %(period)s · budget %(budget)s NOK")
            % {
                "key": result.key.label,
                "period": result.period,
                "budget": number(allocation.budget),
            }
        )
        self.stdout.write(
            f"{_('Municipality'):<22}{_('Share'):>14}{_('Exact (NOK)'):>18}{_('Amount (NOK)'):>14}"
        )
        for line in allocation.lines:
            name = f"{line.participant.number} {line.participant.name}"
            self.stdout.write(
                f"{name:<22}{percent(line.share * 100, 4):>14}"
                f"{number(line.exact, 2):>18}{number(line.amount):>14}"
            )
        self.stdout.write(
            f"{_('Sum'):<22}{percent(100):>14}{number(allocation.budget):>18}"
            f"{number(allocation.total):>14}"
        )
        for component in allocation.components:
            source = f" — {component.source}" if component.source else ""
            self.stdout.write(f"  {component.label}{source}")
        for finding in result.findings:
            self.stdout.write(_("Finding in the figures used: %s") % finding)

    def _comparison(self, results, rows, *, as_json: bool):
        if as_json:
            self.stdout.write(
                json.dumps(comparison_data(results, rows), ensure_ascii=False, indent=2)
            )
            return
        labels = [r.key.label for r in results]
        self.stdout.write(" | ".join([_("Municipality")] + labels))
        for row in rows:
            cells = [f"{row.number} {row.name}"]
            for amount, difference, percent_change in zip(
                row.amounts, row.differences, row.percent, strict=True
            ):
                change = (
                    ""
                    if percent_change is None
                    else f" ({signed(difference)} / {percent(percent_change, 1)})"
                )
                cells.append(f"{number(amount)}{change if difference else ''}")
            self.stdout.write(" | ".join(cells))
