import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samvirke.governance.models import FollowUp
from samvirke.interchange.exporter import BeforeHistory
from samvirke.lib import partial_date
from samvirke.lib.commands import SamvirkeCommand
from samvirke.registry.selectors import command_organisation
from samvirke.reports import documents, services
from samvirke.reports.models import Edition


def _period(text: str) -> str:
    try:
        parsed = partial_date.parse(text)
    except partial_date.PartialDateError:
        parsed = None
    if parsed is None or parsed.precision != "month" or parsed.is_range:
        raise CommandError(_("--period %s is not a month such as 2026-03.") % text)
    return text


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("%s is not a date such as 2026-03-31.") % text) from None


def _write(out: Path, content: bytes) -> None:
    """Write a report file, or say plainly why it cannot be written (no traceback)."""
    if out.is_dir():
        raise CommandError(_("--out %s is a folder; give a file name in it.") % out)
    if not out.parent.is_dir():
        raise CommandError(
            _("The folder %(folder)s does not exist; create it or give another --out.")
            % {"folder": out.parent}
        )
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise CommandError(
            _("Could not write %(file)s: %(reason)s") % {"file": out, "reason": exc.strerror}
        ) from None


class Command(SamvirkeCommand):
    help = (
        "Reports: the status deck (PPTX, PDF, HTML), published editions, the municipality "
        "overview and the decision follow-up report."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        status = commands.add_parser("status", help="build the status report")
        status.add_argument("--period", required=True, help="a month, e.g. 2026-03")
        status.add_argument("--format", choices=list(services.FORMATS), default="pptx")
        status.add_argument("--out", type=Path, required=True)
        status.add_argument("--lang", choices=["nn", "nb", "en"], default="nn")
        status.add_argument("--as-of", type=_day, help="the register as it stood that day")
        status.add_argument("--organisation", help="its identifier; default: this installation's")
        publish = commands.add_parser("publish", help="freeze an edition of the status report")
        publish.add_argument("--period", required=True)
        publish.add_argument("--lang", choices=["nn", "nb", "en"], default="nn")
        publish.add_argument("--organisation", help="its identifier; default: this installation's")
        editions = commands.add_parser("editions", help="list the published editions")
        editions.add_argument("--verbose", action="store_true")
        download = commands.add_parser("download", help="write a published edition's file")
        download.add_argument("edition")
        download.add_argument("--format", choices=list(services.FORMATS), default="pptx")
        download.add_argument("--out", type=Path, required=True)
        download.add_argument(
            "--rebuild",
            choices=["data", "history"],
            help="build it again from its stored data or the register history",
        )
        municipality = commands.add_parser("municipality", help="a municipality's overview")
        municipality.add_argument("number")
        municipality.add_argument("--format", choices=["pdf", "html", "csv"], default="pdf")
        municipality.add_argument("--out", type=Path, required=True)
        municipality.add_argument("--lang", choices=["nn", "nb", "en"], default="nn")
        followup = commands.add_parser("followup", help="the decision follow-up report")
        followup.add_argument("--body", default="", help="a body's identifier")
        followup.add_argument("--from", dest="start", type=_day)
        followup.add_argument("--to", dest="end", type=_day)
        followup.add_argument(
            "--status", choices=[c for c, _l in FollowUp.Status.choices], default=""
        )
        followup.add_argument("--format", choices=["pdf", "html"], default="pdf")
        followup.add_argument("--out", type=Path, required=True)
        followup.add_argument("--lang", choices=["nn", "nb", "en"], default="nn")
        followup.add_argument(
            "--organisation",
            default="",
            help="only the decisions of this region (identifier); default: every organisation's",
        )

    def handle(self, *args, action: str, **o):
        getattr(self, "_" + action)(**o)

    def _status(self, *, period, format, out, lang, as_of, organisation, **_o):
        moment = None
        if as_of:
            moment = timezone.make_aware(dt.datetime.combine(as_of, dt.time(23, 59, 59)))
        try:
            report = services.status_report(
                _period(period),
                organisation=organisation or settings.SAMVIRKE_ORGANISATION,
                language=lang,
                as_of=moment,
            )
        except BeforeHistory as exc:
            raise CommandError(str(exc)) from None  # never an empty deck
        _write(out, services.render(report, format))
        self.stdout.write(
            _("Wrote %(file)s (%(n)d sections).") % {"file": out, "n": len(report.sections)}
        )

    def _publish(self, *, period, lang, organisation, **_o):
        edition = services.publish(
            _period(period),
            organisation=organisation or settings.SAMVIRKE_ORGANISATION,
            language=lang,
            by="samvirke CLI",
        )
        self.stdout.write(
            _("Published %(title)s as %(slug)s.") % {"title": edition.title, "slug": edition.slug}
        )

    def _editions(self, **_o):
        editions = list(Edition.objects.all())
        if not editions:
            self.stdout.write(_("No edition is published yet."))
        for edition in editions:
            self.stdout.write(
                f"{edition.slug}\t{edition.title}\t{edition.published_at:%Y-%m-%d %H:%M}"
            )

    def _download(self, *, edition, format, out, rebuild, **_o):
        found = Edition.objects.filter(slug=edition).first()
        if found is None:
            raise CommandError(_("No published edition is called %s.") % edition)
        if rebuild:
            content = services.rebuild(found, format, from_history=rebuild == "history")
        else:
            content = found.file(format)
        _write(out, content)
        self.stdout.write(_("Wrote %s.") % out)

    def _municipality(self, *, number, format, out, lang, **_o):
        try:
            content = documents.municipality_report(number, format, language=lang)
        except Http404:
            raise CommandError(_("Unknown municipality number “%s”.") % number) from None
        _write(out, content)
        self.stdout.write(_("Wrote %s.") % out)

    def _followup(self, *, body, start, end, status, format, out, lang, organisation, **_o):
        try:
            region = command_organisation(organisation)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        filters = documents.FollowUpFilters(body=body, start=start, end=end, status=status)
        report = documents.follow_up_report(filters, format, organisation=region, language=lang)
        _write(out, report)
        self.stdout.write(_("Wrote %s.") % out)
