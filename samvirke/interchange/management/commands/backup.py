from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from samvirke.interchange.backup import BackupError, backup
from samvirke.lib.commands import SamvirkeCommand


class Command(SamvirkeCommand):
    help = (
        "Write everything (register with its full history, users, roles, tokens as hashes, "
        "second factors, documents, published editions) to one zip file, as of one moment."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            summary = backup(file)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Backup %(file)s: %(tables)d tables, %(rows)d rows, %(files)d files.")
            % {"file": file, "tables": summary.tables, "rows": summary.rows, "files": summary.files}
        )
        for name in summary.missing_files:
            self.stderr.write(_("Missing from storage, not in the backup: %s") % name)
