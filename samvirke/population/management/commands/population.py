import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from samvirke.lib.commands import SamvirkeCommand
from samvirke.lib.numbers import number
from samvirke.population import ages as age_services
from samvirke.population import findings as words
from samvirke.population import selectors, services, ssb, ssb_mapping
from samvirke.population.calc import files
from samvirke.population.calc.forecast import ForecastError
from samvirke.population.calc.jsonstat import JsonStatError, decode
from samvirke.population.serialize import forecast_data, municipality_forecast_data
from samvirke.registry.models import Municipality
from samvirke.registry.selectors import region_municipalities


class Command(SamvirkeCommand):
    help = "Population figures: import files or SSB tables, check them, forecast them."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        imp = commands.add_parser("import", help="import a long CSV or a wide table")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--measure",
            choices=["growth", "population_end"],
            help="what the cells of a wide table are",
        )
        imp.add_argument("--accept-findings", action="store_true")
        fetch = commands.add_parser(
            "import-ssb", help="import SSB table 01222, 07459 or the newest regional projection"
        )
        fetch.add_argument("--table", choices=["01222", "07459", "projection"], default="01222")
        fetch.add_argument("--municipalities", default="", help="e.g. 4639,4640 (default: region)")
        fetch.add_argument("--from", dest="start", default="2020K1", help="e.g. 2024K1 or 2024")
        fetch.add_argument("--from-file", type=Path, help="a saved SSB JSON-stat response")
        fetch.add_argument(
            "--ages",
            action="store_true",
            help="07459 or projection: store persons by sex and one-year age (with the "
            "county and the whole country) for the age structure",
        )
        fetch.add_argument("--accept-findings", action="store_true")
        fetch.add_argument(
            "--organisation",
            default=settings.SAMVIRKE_ORGANISATION,
            help="the region (its identifier); default: this installation's (%(default)s)",
        )
        check = commands.add_parser("check", help="check the stored figures")
        check.add_argument("--json", action="store_true")
        fix = commands.add_parser(
            "correct",
            help="record a correction of one source figure (kept beside it, with the reason)",
        )
        fix.add_argument("--municipality", required=True, help="number, e.g. 4643")
        fix.add_argument("--period", required=True, help="e.g. 2025K3")
        fix.add_argument("--measure", required=True, help="e.g. growth")
        fix.add_argument("--value", type=int, required=True, help="the corrected value")
        fix.add_argument("--note", default="")
        fix.add_argument("--user", default="", help="the staff member recording it (username)")
        forecast = commands.add_parser("forecast", help="forecast the region's population")
        forecast.add_argument("--target", type=int, required=True, help="persons, e.g. 30000")
        forecast.add_argument("--by", type=int, required=True, help="year, e.g. 2027")
        forecast.add_argument("--json", action="store_true")
        forecast.add_argument(
            "--organisation",
            default=settings.SAMVIRKE_ORGANISATION,
            help="the region (its identifier); default: this installation's (%(default)s)",
        )

    def handle(self, *args, action: str, **o):
        {
            "import": self._import_file,
            "import-ssb": self._import_ssb,
            "check": self._check,
            "correct": self._correct,
            "forecast": self._forecast,
        }[action](**o)

    def _import_file(self, *, file: Path, measure: str | None, accept_findings: bool, **_o):
        try:
            too_large = services.file_too_large_message(file.name, file.stat().st_size)
            if too_large:
                raise CommandError(too_large)
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("%(file)s cannot be read: %(error)s") % {"file": file, "error": exc}
            ) from None
        try:
            if text.lstrip().lower().startswith("region,period,measure,value"):
                parsed = files.parse_long_csv(text)
            elif measure is None:
                raise CommandError(_("A wide table needs --measure growth or population_end."))
            else:
                parsed = files.parse_wide_table(text, measure)
        except files.FileFormatError as exc:
            raise CommandError(services.file_error_message(file.name, exc)) from None
        self._store(
            parsed.values, parsed.given_totals, "file", file.name, str(file), accept_findings
        )

    def _import_ssb(
        self,
        *,
        table: str,
        municipalities: str,
        start: str,
        from_file: Path | None,
        accept_findings: bool,
        organisation: str,
        ages: bool = False,
        **_o,
    ):
        numbers = [n.strip() for n in municipalities.split(",") if n.strip()] or [
            m.number for m in region_municipalities(organisation)
        ]
        if ages:
            self._import_ages(table, numbers, start, from_file, accept_findings)
            return
        try:
            if from_file:
                dataset = decode(json.loads(from_file.read_text(encoding="utf-8")))
                title = _("SSB table %(table)s (saved response %(file)s)") % {
                    "table": table,
                    "file": from_file.name,
                }
            else:
                client = ssb.SsbClient()
                if table == "projection":
                    found = client.newest_projection_table()
                    table = str(found["id"])
                    dataset = client.projection(table, numbers)
                elif table == "07459":
                    dataset = client.population_by_age(numbers, start[:4])
                else:
                    dataset = client.population(numbers, start)
                title = _("SSB table %s") % table
            mapper = {"01222": ssb_mapping.from_01222, "07459": ssb_mapping.from_07459}.get(
                table, ssb_mapping.from_projection
            )
            values = mapper(dataset)
        except (OSError, ValueError, JsonStatError, ssb.SsbError) as exc:
            raise CommandError(str(exc)) from None
        if not from_file:
            values = {k: v for k, v in values.items() if k[0] in numbers}
        self._store(values, None, "ssb", title, f"{ssb.BASE_URL}/tables/{table}", accept_findings)

    def _import_ages(self, table, numbers, start, from_file, accept_findings):
        if table not in {"07459", "projection"}:
            raise CommandError(_("--ages reads table 07459 or the projection, not %s.") % table)
        areas = [*numbers, *sorted({n[:2] for n in numbers}), age_services.COUNTRY]
        try:
            if from_file:
                dataset = decode(json.loads(from_file.read_text(encoding="utf-8")))
                title = _("SSB table %(table)s by age (saved response %(file)s)") % {
                    "table": dataset.label.partition(":")[0] if ":" in dataset.label else table,
                    "file": from_file.name,
                }
                reference = str(from_file)
            else:
                client = ssb.SsbClient()
                if table == "projection":
                    table = str(client.newest_projection_table(by_age=True)["id"])
                    dataset = client.projection_by_age(table, areas)
                else:
                    dataset = client.population_by_age(areas, start[:4])
                title = _("SSB table %s by age") % table
                reference = f"{ssb.BASE_URL}/tables/{table}"
            rows = ssb_mapping.age_rows(dataset, projected=table != "07459")
        except (OSError, ValueError, JsonStatError, ssb.SsbError) as exc:
            raise CommandError(str(exc)) from None
        rows = [r for r in rows if r.area in areas]
        try:
            report = age_services.import_ages(
                rows, title=title, reference=reference, accept_findings=accept_findings
            )
        except age_services.AgeImportError as exc:
            self._print_age_findings(exc.findings)
            raise CommandError(exc.message) from None
        self._print_age_findings(report.findings)
        self.stdout.write(
            _("Stored %(new)d new and %(changed)d changed counts by age from %(source)s.")
            % {"new": report.created, "changed": report.changed, "source": report.source.title}
        )

    def _print_age_findings(self, found) -> None:
        names = age_services.area_names() if found else {}
        for finding in found:
            self.stdout.write(age_services.finding_text(finding, names))

    def _store(self, values, totals, kind, title, reference, accept_findings):
        try:
            report = services.import_values(
                values,
                given_totals=totals,
                source_kind=kind,
                source_title=title,
                reference=reference,
                accept_findings=accept_findings,
            )
        except services.PopulationImportError as exc:
            self._print_findings(exc.findings)
            raise CommandError(exc.message) from None
        self._print_findings(report.findings)
        self.stdout.write(
            _("Stored %(n)d figures from %(source)s.")
            % {"n": report.stored, "source": report.source.title}
        )

    def _print_findings(self, found) -> None:
        names = dict(Municipality.objects.values_list("number", "name"))
        for finding in found:
            text = words.from_finding(finding, names)
            label = _("Error") if finding.severity == "error" else _("Warning")
            self.stdout.write(f"{label}: {text['check']}: {'; '.join(text['cells'])}")
            if finding.difference:
                self.stdout.write("  " + _("Off by %(d)s.") % {"d": number(finding.difference)})
            if text["fix"]:
                self.stdout.write("  " + text["fix"])

    def _check(self, *, json: bool, **_o):
        found = services.check_stored()
        names = dict(Municipality.objects.values_list("number", "name"))
        stored = list(services.stored_findings())
        corrected = selectors.corrections()
        if json:
            data = {
                "findings": [words.from_finding(f, names) for f in found],
                "accepted_with_imports": [
                    {
                        **words.describe(f.check_name, f.cells, f.difference, f.fix, names),
                        "source": f.source.title,
                        "resolved": words.resolved_text(f.cells, corrected, names),
                    }
                    for f in stored
                ],
            }
            self.stdout.write(_json_dumps(data))
        else:
            self._print_findings(found)
            for f in stored:
                text = words.describe(f.check_name, f.cells, f.difference, f.fix, names)
                self.stdout.write(
                    _("Accepted with %(source)s: %(check)s: %(cells)s. %(fix)s")
                    % {
                        "source": f.source.title,
                        "check": text["check"],
                        "cells": "; ".join(text["cells"]),
                        "fix": text["fix"],
                    }
                    + " "
                    + words.resolved_text(f.cells, corrected, names)
                )
        errors = [f for f in found if f.severity == "error"]
        if errors:
            raise CommandError(_("%d errors found.") % len(errors))
        if not json:
            self.stdout.write(_("No errors found."))

    def _correct(
        self,
        *,
        municipality: str,
        period: str,
        measure: str,
        value: int,
        note: str,
        user: str,
        **_o,
    ):
        from django.contrib.auth import get_user_model

        who = None
        if user:
            who = get_user_model().objects.filter(username=user).first()
            if who is None:
                raise CommandError(_("There is no user “%s”. Nothing was stored.") % user)
        try:
            correction = services.correct(
                municipality=municipality,
                period=period,
                measure=measure,
                value=value,
                note=note,
                user=who,
            )
        except services.CorrectionError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            _("Recorded: %(cell)s %(source)s → %(value)s (restores: %(checks)s).")
            % {
                "cell": f"{municipality} {period} {measure}",
                "source": number(correction.source_value),
                "value": number(correction.value),
                "checks": "; ".join(str(words.check_label(c)) for c in correction.restores),
            }
        )

    def _forecast(self, *, target: int, by: int, json: bool, organisation: str, **_o):
        members = region_municipalities(organisation)
        try:
            result = selectors.region_forecast(members, target=target, by_year=by)
        except ForecastError as exc:
            raise CommandError(_("Cannot forecast: %s") % exc) from None
        answer = result.answer
        if json:
            per_municipality = selectors.municipality_forecasts(members)
            self.stdout.write(
                _json_dumps(
                    {
                        **forecast_data(result),
                        "municipalities": municipality_forecast_data(per_municipality),
                    }
                )
            )
            return
        self.stdout.write(
            _("Population %(n)s at the end of %(period)s.")
            % {"n": number(result.last_population), "period": result.last_period}
        )
        self.stdout.write(
            _(
                "Expected to reach %(target)s in %(expected)s (80 %% interval: %(early)s to "
                "%(late)s)."
            )
            % {
                "target": number(target),
                "expected": answer.expected or "–",
                "early": answer.earliest or "–",
                "late": answer.latest or "–",
            }
        )
        self.stdout.write(
            _("Probability of %(target)s or more by the end of %(year)s: %(p)s %%.")
            % {"target": number(target), "year": by, "p": round(answer.probability_by * 100)}
        )
        for point in result.points:
            low, high = point.interval(0.8)
            mean, low, high = (number(v, 0) for v in (point.mean, low, high))
            self.stdout.write(f"  {point.period}: {mean} ({low}–{high})")


def _json_dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
