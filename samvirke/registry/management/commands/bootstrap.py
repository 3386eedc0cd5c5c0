from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from samvirke.lib.commands import SamvirkeCommand
from samvirke.lib.http import ServiceError
from samvirke.registry import bootstrap
from samvirke.registry.brreg import BrregClient
from samvirke.registry.klass import KlassClient


class Command(SamvirkeCommand):
    help = (
        "Start the register from national sources: 'municipalities' from SSB's KLASS "
        "(numbers with their validity and the 2020 and 2024 changes), 'organisations' from "
        "Enhetsregisteret (IKS, and KOs and regional councils found by name, with owners)."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["municipalities", "organisations"])

    def handle(self, *args, what: str, **options):
        try:
            if what == "municipalities":
                report = bootstrap.bootstrap_municipalities(
                    KlassClient(), timezone.localdate().isoformat()
                )
            else:
                report = bootstrap.bootstrap_organisations(BrregClient())
        except ServiceError as exc:
            raise CommandError(str(exc)) from None
        for label in report.created:
            self.stdout.write(_("new: %s") % label)
        for label in report.changed:
            self.stdout.write(_("changed: %s") % label)
        self.stdout.write(
            _("%(new)d new, %(changed)d changed, %(same)d unchanged.")
            % {"new": len(report.created), "changed": len(report.changed), "same": report.unchanged}
        )
