from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samvirke.lib.commands import SamvirkeCommand
from samvirke.lib.viewer import SYSTEM, acting_as
from samvirke.registry.selectors import command_organisation
from samvirke.workflows import agenda
from samvirke.workflows.calc.due import OVERDUE, THIS_MONTH, THIS_QUARTER

LABELS = {
    OVERDUE: gettext_lazy("Overdue"),
    THIS_MONTH: gettext_lazy("Due this month"),
    THIS_QUARTER: gettext_lazy("Due this quarter"),
}


class Command(SamvirkeCommand):
    help = (
        "List what falls due: agreement reviews, decision follow-ups, duties of the "
        "follow-up plan, transfer and investigation steps, next steps (overdue, this month, "
        "this quarter). Sends the list by e-mail when SAMVIRKE_REMINDER_EMAILS and an SMTP "
        "server are configured. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", default="", help="Only what concerns this one")
        parser.add_argument("--body", default="", help="Only what concerns this body (slug)")
        parser.add_argument(
            "--organisation",
            default="",
            help="only this region's items (identifier; default: every organisation's, as "
            "the daily job sends them; each person gets what concerns them)",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()  # Europe/Oslo
        try:
            organisation = command_organisation(options["organisation"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        with acting_as(SYSTEM):  # the staff's list: drafts of every organisation included
            due = agenda.due(
                today,
                organisation=organisation,
                municipality=options["municipality"],
                body=options["body"],
            )
        lines = []
        for bucket in (OVERDUE, THIS_MONTH, THIS_QUARTER):
            chosen = [item for b, item in due if b == bucket]
            if chosen:
                lines.append(f"{LABELS[bucket]}:")
                lines += [f"  - {_line(item)}" for item in chosen]
        report = "\n".join(lines) or _("Nothing falls due this quarter.")
        self.stdout.write(report)
        recipients = getattr(settings, "SAMVIRKE_REMINDER_EMAILS", [])
        if recipients and due:
            subject = _("samvirke: what falls due (%s)") % today.isoformat()
            send_mail(subject, report, None, recipients)
            self.stdout.write(_("Sent to %s.") % ", ".join(recipients))


def _line(item: agenda.Item) -> str:
    return _("%(what)s — %(context)s (%(when)s, %(who)s)") % {
        "what": item.title,
        "context": item.context,
        "when": item.when,
        "who": item.responsible or _("no one named"),
    }
