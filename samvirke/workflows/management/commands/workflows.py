import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from samvirke.lib.commands import SamvirkeCommand
from samvirke.lib.numbers import number
from samvirke.lib.viewer import PUBLIC, SYSTEM, acting_as
from samvirke.registry import selectors as registry
from samvirke.registry.models import Agreement
from samvirke.workflows import agenda, ics, selectors, services
from samvirke.workflows.calc.agreement_law import MISSING, PRESENT
from samvirke.workflows.calc.due import LATER, OVERDUE, THIS_MONTH, THIS_QUARTER
from samvirke.workflows.models import AgreementReview, Progress


def _bucket_label(bucket: str) -> str:
    return {
        OVERDUE: _("Overdue"),
        THIS_MONTH: _("Due this month"),
        THIS_QUARTER: _("Due this quarter"),
        LATER: _("Later"),
    }[bucket]


def _missing_label(what: str) -> str:
    return {
        "criteria": _("the criteria"),
        "weights": _("weights"),
        "candidates": _("at least two candidates"),
        "scores": _("scores for every candidate"),
    }.get(what, what)


def _state_label(state: str) -> str:
    return {PRESENT: _("in the agreement"), MISSING: _("missing")}.get(state, _("not confirmed"))


class Command(SamvirkeCommand):
    help = (
        "The ownership workflows. Subcommands: due (what is due or overdue), review (record "
        "an agreement review), done (mark a duty done), checklist (agreements' required "
        "content), host (host-selection matrix and ranking), investigations, transfers, "
        "calendar (the årshjul, or an .ics file)."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("due", "calendar"):
            p = sub.add_parser(name)
            p.add_argument("--municipality", default="", help="municipality number")
            p.add_argument("--body", default="", help="body identifier (slug)")
            p.add_argument(
                "--organisation",
                default=settings.SAMVIRKE_ORGANISATION,
                help="the region (identifier; default: this installation's, %(default)s; "
                '"" for every organisation)',
            )
        sub.choices["calendar"].add_argument("--year", type=int, help="default: this year")
        sub.choices["calendar"].add_argument("--ics", type=Path, help="write an iCalendar file")
        review = sub.add_parser("review", help="record a review of an agreement")
        review.add_argument("agreement", help="agreement identifier (slug)")
        review.add_argument("--date", required=True, help="YYYY-MM-DD")
        review.add_argument(
            "--outcome", required=True, choices=[c for c, _l in AgreementReview.Outcome.choices]
        )
        review.add_argument("--notes", default="")
        review.add_argument("--decision", default="", help="the decision behind it (slug)")
        review.add_argument("--by", default="", help="who reviewed")
        review.add_argument("--next-review", default="", help="when the next review is due")
        done = sub.add_parser("done", help="mark one due date of a duty done")
        done.add_argument("duty", help="duty identifier (slug)")
        done.add_argument("--due", required=True, help="the due date that was met")
        done.add_argument("--on", default="", help="when it was done (default: today)")
        done.add_argument("--note", default="")
        sub.add_parser("checklist")
        sub.add_parser("host")
        sub.add_parser("investigations")
        sub.add_parser("transfers")

    def handle(self, *args, **o):
        # the staff's view (drafts included), except the årshjul, which is the public one
        with acting_as(PUBLIC if o["action"] == "calendar" else SYSTEM):
            getattr(self, "_" + o["action"])(o)

    def _region(self, o):
        try:
            return registry.command_organisation(o["organisation"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None

    def _due(self, o):
        rows = agenda.due(
            timezone.localdate(),
            organisation=self._region(o),
            municipality=o["municipality"],
            body=o["body"],
        )
        width = max((len(_bucket_label(b)) for b, _i in rows), default=0)
        for bucket, item in rows:
            label = _bucket_label(bucket)
            self.stdout.write(f"{label:{width}}  {item.when:10}  {item.title} — {item.context}")
        if not rows:
            self.stdout.write(_("Nothing falls due this quarter."))

    def _calendar(self, o):
        year = o["year"] or timezone.localdate().year
        filters = {
            "organisation": self._region(o),
            "municipality": o["municipality"],
            "body": o["body"],
        }
        items = agenda.items(dt.date(year, 1, 1), dt.date(year, 12, 31), **filters)
        if o["ics"]:
            o["ics"].write_bytes(ics.calendar(items, name=f"samvirke {year}", base_url=""))
            wrote = {"n": len(items), "path": o["ics"]}
            self.stdout.write(_("Wrote %(n)d events to %(path)s.") % wrote)
            return
        for item in items:
            mark = "x" if item.done else " "
            self.stdout.write(f"[{mark}] {item.when:10}  {item.title} — {item.context}")
        for item in agenda.undated(**filters):
            self.stdout.write(f"[ ] {_('no date'):10}  {item.title} — {item.context}")

    def _review(self, o):
        try:
            review = services.review_record(
                agreement=o["agreement"],
                date=o["date"],
                outcome=o["outcome"],
                notes=o["notes"],
                decision=o["decision"],
                reviewed_by=o["by"],
                next_review=o["next_review"],
            )
        except services.WorkflowInputError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Recorded: %s") % review)

    def _done(self, o):
        on = o["on"] or timezone.localdate().isoformat()
        try:
            done = services.duty_mark_done(duty=o["duty"], due=o["due"], done=on, note=o["note"])
        except services.WorkflowInputError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("Marked done: %s") % done)

    def _checklist(self, o):
        agreements = Agreement.objects.select_related(
            "cooperation", "organisation", "cost_key_link"
        ).prefetch_related("elements", "parties")
        for agreement in agreements:
            checklist = selectors.agreement_checklist(agreement)
            self.stdout.write(f"{agreement.title} ({checklist.law or _('no statutory minimum')})")
            width = max((len(_state_label(c.state)) for _l, c, _r in checklist.rows), default=0)
            for label, check, _record in checklist.rows:
                self.stdout.write(f"  {_state_label(check.state):{width}}  {label}")

    def _host(self, o):
        for m in map(selectors.host_matrix, selectors.host_selections()):
            self.stdout.write(str(m.selection))
            self.stdout.write("  " + _("Candidates: %s") % ", ".join(c.name for c in m.candidates))
            for r in m.ranking:
                self.stdout.write(f"  {r.candidate}: {number(r.total, 3)}")
            for s in m.stability:
                high = "∞" if s.high is None else number(s.high, 3)
                self.stdout.write(f"  {s.criterion}: {number(s.low, 3)} – {high}")
            if m.missing:
                self.stdout.write(
                    "  "
                    + _("No ranking yet; missing: %s") % ", ".join(map(_missing_label, m.missing))
                )

    def _investigations(self, o):
        for investigation in selectors.investigations():
            bar = selectors.process_bar(investigation)
            steps = " → ".join(f"{s.label} [{Progress(s.status).label}]" for s in bar)
            self.stdout.write(f"{investigation.title}\n  {steps}")

    def _transfers(self, o):
        for transfer in selectors.transfers():
            self.stdout.write(f"{transfer.cooperation} ({transfer.date or _('date unknown')})")
            for item in selectors.transfer_checklist(transfer):
                self.stdout.write(f"  {Progress(item.status).label:12} {item.label}")
