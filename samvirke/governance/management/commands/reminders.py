from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samvirke.governance.calc.due import LATER, OVERDUE, THIS_MONTH, THIS_QUARTER, classify
from samvirke.governance.models import FollowUp
from samvirke.registry.models import Agreement

LABELS = {
    OVERDUE: gettext_lazy("Overdue"),
    THIS_MONTH: gettext_lazy("Due this month"),
    THIS_QUARTER: gettext_lazy("Due this quarter"),
}


class Command(BaseCommand):
    help = (
        "List what falls due: agreement reviews and decision follow-ups (overdue, this "
        "month, this quarter). Sends the list by e-mail when SAMVIRKE_REMINDER_EMAILS "
        "and an SMTP server are configured. Run it daily."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()  # Europe/Oslo
        items = self._items(today)
        lines = []
        for bucket in (OVERDUE, THIS_MONTH, THIS_QUARTER):
            chosen = [text for b, text in items if b == bucket]
            if chosen:
                lines.append(f"{LABELS[bucket]}:")
                lines += [f"  - {text}" for text in chosen]
        if not lines:
            lines = [_("Nothing falls due this quarter.")]
        report = "\n".join(lines)
        self.stdout.write(report)
        recipients = getattr(settings, "SAMVIRKE_REMINDER_EMAILS", [])
        if recipients and any(b != LATER for b, _t in items):
            send_mail(
                _("samvirke: what falls due (%s)") % today.isoformat(), report, None, recipients
            )
            self.stdout.write(_("Sent to %s.") % ", ".join(recipients))

    def _items(self, today):
        items = []
        for agreement in Agreement.objects.exclude(review_date=""):
            due = classify(agreement.review_date, today)
            items.append(
                (
                    due.bucket,
                    _("Review of %(agreement)s (%(when)s)")
                    % {"agreement": agreement.title, "when": agreement.review_date},
                )
            )
        open_follow_ups = (
            FollowUp.objects.exclude(due="")
            .exclude(status=FollowUp.Status.DONE)
            .select_related("decision")
        )
        for follow_up in open_follow_ups:
            due = classify(follow_up.due, today)
            items.append(
                (
                    due.bucket,
                    _("%(what)s — %(decision)s (%(when)s, %(who)s)")
                    % {
                        "what": follow_up.text,
                        "decision": follow_up.decision.title,
                        "when": follow_up.due,
                        "who": follow_up.responsible or _("no one named"),
                    },
                )
            )
        return sorted(items, key=lambda item: item[1])
