import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from samvirke.interchange.exporter import BeforeHistory, dump, export_register
from samvirke.lib.commands import SamvirkeCommand


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("--as-of %s is not a date or time such as 2026-03-01 or 2026-03-01T12:00") % text
        ) from None
    if len(text) == 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(SamvirkeCommand):
    help = "Write the whole register as YAML or JSON, now or as it stood on a past date."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
        parser.add_argument("--out", help="file to write (default: standard output)")
        parser.add_argument(
            "--as-of", type=_moment, help="the register as it stood then (end of that day)"
        )

    def handle(self, *args, format: str, out: str | None, as_of, **options):
        try:
            text = dump(export_register(as_of=as_of), format)
        except BeforeHistory as exc:
            raise CommandError(str(exc)) from None
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
