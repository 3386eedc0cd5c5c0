from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samvirke.interchange.importer import RegisterFileError
from samvirke.interchange.services import dataset_names, load_dataset
from samvirke.registry.models import Municipality
from samvirke.registry.national_demo import load_national_demo

NATIONAL_DEMO = "national-demo"


class Command(BaseCommand):
    help = (
        "Load an embedded dataset (sogn), or the synthetic national demo register "
        "(national-demo: 357 municipalities, 3 000 cooperations in 15 regions). "
        "Loading it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("dataset", choices=[*dataset_names(), NATIONAL_DEMO])
        parser.add_argument(
            "--if-empty", action="store_true", help="load only into a register with no records"
        )

    def handle(self, *args, dataset: str, if_empty: bool, **options):
        if if_empty and Municipality.objects.exists():
            self.stdout.write(_("The register has records already; %s was not loaded.") % dataset)
            return
        if dataset == NATIONAL_DEMO:
            result = load_national_demo()
        else:
            try:
                result = load_dataset(dataset)
            except RegisterFileError as exc:
                raise CommandError(_("Nothing was stored:\n%s") % exc) from None
        self.stdout.write(_("Dataset %(name)s: %(result)s.") % {"name": dataset, "result": result})
