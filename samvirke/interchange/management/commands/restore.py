from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from samvirke.interchange.backup import BackupError, restore
from samvirke.lib.commands import SamvirkeCommand


class Command(SamvirkeCommand):
    help = (
        "Restore a backup written by 'samvirke backup' into a migrated database: all of it "
        "or nothing. A database that holds records is refused unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace everything in the database (records, history, users, sessions)",
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            summary = restore(file, replace=replace)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Restored %(file)s: %(tables)d tables, %(rows)d rows, %(files)d files.")
            % {"file": file, "tables": summary.tables, "rows": summary.rows, "files": summary.files}
        )
