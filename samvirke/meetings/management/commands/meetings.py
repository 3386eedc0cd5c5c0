from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.http import Http404
from django.utils.translation import gettext as _

from samvirke.lib.commands import SamvirkeCommand
from samvirke.lib.viewer import PUBLIC, acting_as
from samvirke.meetings import pdf, selectors
from samvirke.registry.selectors import command_organisation


class Command(SamvirkeCommand):
    help = (
        "Meetings of the bodies and networks, as the public sees them. Subcommands: list, "
        "agenda SLUG --out FILE.pdf (notice and agenda), minutes SLUG --out FILE.pdf."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="the published meetings, newest first")
        listing.add_argument("--body", default="", help="body or network identifier (slug)")
        listing.add_argument(
            "--organisation",
            default=settings.SAMVIRKE_ORGANISATION,
            help="the region whose meetings to list (identifier; default: this "
            "installation's, %(default)s)",
        )
        for name in ("agenda", "minutes"):
            p = sub.add_parser(name, help=f"the meeting's {name} as PDF")
            p.add_argument("meeting", help="meeting identifier (slug)")
            p.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    def handle(self, *args, **o):
        # commands show what the public sees: open items and papers only
        with acting_as(PUBLIC):
            getattr(self, "_" + o["action"])(o)

    def _list(self, o):
        try:
            organisation = command_organisation(o["organisation"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        meetings = list(selectors.meeting_list(organisation=organisation, body=o["body"]))
        for m in meetings:
            when = f"{m.date or '?'} {m.start_time}".strip()
            self.stdout.write(f"{when:16} {m.get_status_display():14} {m.organ_name}  [{m.slug}]")
        if not meetings:
            self.stdout.write(_("No meetings are published yet."))

    def _meeting(self, slug: str):
        try:
            return selectors.meeting_detail(slug, organisation=None)
        except Http404:
            raise CommandError(_("No published meeting “%(slug)s”.") % {"slug": slug}) from None

    def _agenda(self, o):
        o["out"].write_bytes(pdf.agenda_pdf(self._meeting(o["meeting"])))
        self.stdout.write(str(o["out"]))

    def _minutes(self, o):
        meeting = self._meeting(o["meeting"])
        if meeting.status not in (meeting.Status.HELD, meeting.Status.MINUTED):
            raise CommandError(_("The meeting is not held yet: it has no minutes."))
        o["out"].write_bytes(pdf.minutes_pdf(meeting))
        self.stdout.write(str(o["out"]))
