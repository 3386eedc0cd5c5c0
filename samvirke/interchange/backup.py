"""Backup and restore of the whole installation, history included (issue 13, point 3).

A backup is one zip file:

- ``manifest.json``: the format, when and from which database it was made, the applied
  migrations (a restore needs the same schema), each table's entry and row count, and
  each stored file;
- ``data/<app>.<model>.jsonl``: every row of every table, one JSON object a line, as
  Django's serializer writes it (primary keys kept, so the history tables, tokens, OTP
  devices and every reference stay as they were); tables are streamed, never held whole;
- ``files/<name>``: the bytes behind every FileField (agreement documents, and edition
  files once they live in storage), read through the field's storage, so a backup works
  whatever storage is configured.

Sessions are left out (everyone logs in again after a restore). A restore writes the
files, then replaces every table in one transaction and checks every reference before
it commits; it refuses a database that already holds records unless asked to replace
them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.files import File
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

from samvirke.portal.version import register_changed

FORMAT = "samvirke-backup"
VERSION = 1
CHUNK = 2000
# Tables a backup leaves out: sessions are only logins in progress.
SKIPPED = {"sessions.session"}
# Tables `migrate` fills by itself: they do not make a database "non-empty".
MADE_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond, or a
    restored history could place a change before a moment it was made after."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why. Nothing was changed."""


@dataclass
class BackupSummary:
    tables: int = 0
    rows: int = 0
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def _models() -> list[type[models.Model]]:
    """Every table a backup holds, in the order a restore loads them."""
    found = [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in SKIPPED
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _migrations() -> list[list[str]]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted([app, name] for app, name in applied)


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def backup(path: Path) -> BackupSummary:
    """Write the whole installation to ``path`` (a zip), consistently as of one moment."""
    summary = BackupSummary()
    manifest: dict = {
        "format": FORMAT,
        "version": VERSION,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "tables": [],
        "files": [],
    }
    directory = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=directory)
    os.close(handle)
    outermost = not connection.in_atomic_block
    try:
        with (
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
            transaction.atomic(),
        ):
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:  # one snapshot for every table
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            manifest["migrations"] = _migrations()
            for model in _models():
                entry = f"data/{model._meta.label_lower}.jsonl"
                rows = _write_table(archive, entry, model)
                manifest["tables"].append(
                    {"model": model._meta.label_lower, "entry": entry, "rows": rows}
                )
                summary.tables += 1
                summary.rows += rows
                for file_field in _file_fields(model):
                    _write_files(archive, model, file_field, manifest, summary)
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return summary


def _write_table(archive: zipfile.ZipFile, entry: str, model: type[models.Model]) -> int:
    queryset = model._base_manager.order_by("pk")
    counter = _Counter()
    with archive.open(entry, "w", force_zip64=True) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        serializers.serialize(
            "jsonl",
            counter.count(queryset.iterator(chunk_size=CHUNK)),
            stream=text,
            cls=_ExactEncoder,
        )
        text.flush()
        text.detach()
    return counter.rows


class _Counter:
    rows = 0

    def count(self, objects: Iterator[models.Model]) -> Iterator[models.Model]:
        for obj in objects:
            self.rows += 1
            yield obj


def _write_files(archive, model, file_field, manifest: dict, summary: BackupSummary) -> None:
    storage = file_field.storage
    names = (
        model._base_manager.exclude(**{file_field.name: ""})
        .order_by()
        .values_list(file_field.name, flat=True)
        .distinct()
    )
    for name in names.iterator():
        if not name:
            continue
        try:
            source = storage.open(name, "rb")
        except (OSError, FileNotFoundError):
            summary.missing_files.append(name)
            continue
        with source, archive.open(f"files/{name}", "w", force_zip64=True) as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        manifest["files"].append(
            {"model": model._meta.label_lower, "field": file_field.name, "name": name}
        )
        summary.files += 1


def restore(path: Path, *, replace: bool = False) -> BackupSummary:
    """Replace the installation's data with a backup's, or refuse and change nothing."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(
            _("%(file)s is not a samvirke backup: %(error)s")
            % {
                "file": path.name,
                "error": exc,
            }
        ) from None
    with archive:
        manifest = _manifest(archive, path)
        _check_schema(manifest)
        by_label = {model._meta.label_lower: model for model in _models()}
        unknown = [t["model"] for t in manifest["tables"] if t["model"] not in by_label]
        if unknown:
            raise BackupError(
                _("The backup holds tables this installation lacks: %s") % ", ".join(unknown)
            )
        if not replace:
            _refuse_if_not_empty(by_label)
        summary = BackupSummary()
        _restore_files(archive, manifest, by_label, summary)
        with transaction.atomic():
            for model in by_label.values():  # references are checked at the end
                model._base_manager.all()._raw_delete(connection.alias)
            if replace:
                apps.get_model("sessions", "Session")._base_manager.all()._raw_delete(
                    connection.alias
                )
            loaded = []
            for table in manifest["tables"]:
                model = by_label[table["model"]]
                rows = _load_table(archive, table["entry"], model)
                if rows != table["rows"]:
                    raise BackupError(
                        _("%(table)s: the backup says %(expected)d rows, it holds %(found)d")
                        % {"table": table["model"], "expected": table["rows"], "found": rows}
                    )
                loaded.append(model)
                summary.tables += 1
                summary.rows += rows
            connection.check_constraints()
            register_changed()
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
                    cursor.execute(statement)
        ContentType.objects.clear_cache()
        cache.clear()
    return summary


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError):
        raise BackupError(_("%s is not a samvirke backup (no manifest)") % path.name) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BackupError(_("%s is not a samvirke backup of a version this one reads") % path.name)
    return manifest


def _check_schema(manifest: dict) -> None:
    here = {tuple(m) for m in _migrations()}
    there = {tuple(m) for m in manifest["migrations"]}
    if here != there:
        missing = sorted(there - here)
        extra = sorted(here - there)
        detail = "; ".join(
            part
            for part in (
                _("the backup has migrations this database lacks: %s")
                % ", ".join(".".join(m) for m in missing[:5])
                if missing
                else "",
                _("this database has migrations the backup lacks: %s")
                % ", ".join(".".join(m) for m in extra[:5])
                if extra
                else "",
            )
            if part
        )
        raise BackupError(
            _(
                "The backup was made with another version of the database tables (%s). "
                "Restore it with the samvirke version that made it, then upgrade."
            )
            % detail
        )


def _refuse_if_not_empty(by_label: dict[str, type[models.Model]]) -> None:
    for label, model in by_label.items():
        if label in MADE_BY_MIGRATE:
            continue
        count = model._base_manager.count()
        if count:
            raise BackupError(
                _(
                    "The database is not empty (%(table)s holds %(count)d rows); nothing was "
                    "changed. Restore with --replace to replace everything in it."
                )
                % {"table": model._meta.verbose_name_plural, "count": count}
            )


def _load_table(archive: zipfile.ZipFile, entry: str, model: type[models.Model]) -> int:
    """Insert a table's rows as they were: in batches, or one by one (raw, no signals, no
    history) where a field would otherwise set itself (``auto_now``) or links are many."""
    one_by_one = any(
        getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        for f in model._meta.concrete_fields
    ) or bool(model._meta.many_to_many)
    rows = 0
    batch: list[models.Model] = []
    with archive.open(entry) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8")
        for item in serializers.deserialize("jsonl", lines):
            rows += 1
            if one_by_one:
                item.save()
                continue
            batch.append(item.object)
            if len(batch) >= CHUNK:
                model._base_manager.bulk_create(batch)
                batch = []
    if batch:
        model._base_manager.bulk_create(batch)
    return rows


def _restore_files(archive, manifest: dict, by_label, summary: BackupSummary) -> None:
    for item in manifest["files"]:
        storage = by_label[item["model"]]._meta.get_field(item["field"]).storage
        name = item["name"]
        with archive.open(f"files/{name}") as source:
            if storage.exists(name):
                storage.delete(name)
            stored = storage.save(name, File(source, name=os.path.basename(name)))
        if stored != name:
            raise BackupError(
                _("The file %(name)s could not be stored under its own name") % {"name": name}
            )
        summary.files += 1
