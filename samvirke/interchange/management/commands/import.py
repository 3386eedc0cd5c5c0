from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samvirke.interchange.importer import RegisterFileError, import_files


class Command(BaseCommand):
    help = (
        "Import register files (YAML or JSON, as written by export). "
        "All records are stored, or none are."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files: list[Path], **options):
        try:
            result = import_files(files, reason="import " + ", ".join(f.name for f in files))
        except RegisterFileError as exc:
            raise CommandError(_("Nothing was stored:\n%s") % exc) from None
        self.stdout.write(_("Imported: %s.") % result)
