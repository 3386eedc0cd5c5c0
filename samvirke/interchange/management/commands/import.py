from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from samvirke.interchange.importer import RegisterFileError, import_files
from samvirke.lib.commands import SamvirkeCommand


class Command(SamvirkeCommand):
    help = (
        "Import register files (YAML or JSON, as written by export). "
        "All records are stored, or none are. List items not in the files are kept "
        "unless --remove-missing is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--remove-missing",
            action="store_true",
            help="retire list items the files do not hold: unpublish status entries, "
            "delete other items (their history is kept)",
        )

    def handle(self, *args, files: list[Path], remove_missing: bool, **options):
        try:
            result = import_files(
                files,
                reason="import " + ", ".join(f.name for f in files),
                remove=remove_missing,
            )
        except RegisterFileError as exc:
            raise CommandError(_("Nothing was stored:\n%s") % exc) from None
        self.stdout.write(_("Imported: %s.") % result)
