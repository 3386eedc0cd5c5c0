from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from samvirke.interchange.importer import RegisterFileError
from samvirke.interchange.services import dataset_names, load_dataset
from samvirke.lib.commands import SamvirkeCommand
from samvirke.registry.models import Municipality
from samvirke.registry.national_demo import load_national_demo

NATIONAL_DEMO = "national-demo"
SHOWN_DIFFERENCES = 50


class Command(SamvirkeCommand):
    help = (
        "Load an embedded dataset (sogn), or the synthetic national demo register "
        "(national-demo: 357 municipalities, 3 000 cooperations in 15 regions). "
        "Loading it again changes nothing; records staff have changed are kept and listed "
        "(--update takes the dataset's values); nothing is removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=[*dataset_names(), NATIONAL_DEMO])
        parser.add_argument(
            "--if-empty", action="store_true", help="load only into a register with no records"
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="overwrite records that differ from the dataset with its values (with history)",
        )

    def handle(self, *args, dataset: str, if_empty: bool, update: bool, **options):
        if if_empty and Municipality.objects.exists():
            self.stdout.write(_("The register has records already; %s was not loaded.") % dataset)
            return
        if dataset == NATIONAL_DEMO:
            result = load_national_demo()
        else:
            try:
                result = load_dataset(dataset, update=update)
            except RegisterFileError as exc:
                raise CommandError(_("Nothing was stored:\n%s") % exc) from None
        self.stdout.write(_("Dataset %(name)s: %(result)s.") % {"name": dataset, "result": result})
        if getattr(result, "differences", None):
            self.stdout.write(_("Kept as they are in the register (the dataset says otherwise):"))
            for line in result.differences[:SHOWN_DIFFERENCES]:
                self.stdout.write(f"  {line}")
            if result.kept > SHOWN_DIFFERENCES:
                self.stdout.write(_("  … and %d more") % (result.kept - SHOWN_DIFFERENCES))
            self.stdout.write(_("Run with --update to take the dataset's values."))
