# Editions keep their files in the "editions" storage (a private folder, or an S3 bucket)
# instead of the database, each with its SHA-256; existing editions are moved over unchanged.

import hashlib

from django.core.files.base import ContentFile
from django.db import migrations, models

import samvirke.lib.storage
import samvirke.reports.models

FORMATS = ("pptx", "pdf", "html")


def move_bytes_to_storage(apps, schema_editor):
    Edition = apps.get_model("reports", "Edition")
    for edition in Edition.objects.all():
        sums = {}
        for fmt in FORMATS:
            content = bytes(getattr(edition, fmt) or b"")
            sums[fmt] = hashlib.sha256(content).hexdigest()
            getattr(edition, f"{fmt}_file").save(
                f"{edition.slug}.{fmt}", ContentFile(content), save=False
            )
        edition.sha256 = sums
        edition.save()


def move_bytes_back(apps, schema_editor):
    Edition = apps.get_model("reports", "Edition")
    for edition in Edition.objects.all():
        for fmt in FORMATS:
            with getattr(edition, f"{fmt}_file").open("rb") as f:
                setattr(edition, fmt, f.read())
        edition.save()


def _file_field(name):
    return models.FileField(
        default="",
        max_length=200,
        storage=samvirke.lib.storage.editions,
        upload_to=samvirke.reports.models.edition_path,
        verbose_name=name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            "edition", "pptx_file", _file_field("PowerPoint file"), preserve_default=False
        ),
        migrations.AddField("edition", "pdf_file", _file_field("PDF file"), preserve_default=False),
        migrations.AddField(
            "edition", "html_file", _file_field("web page"), preserve_default=False
        ),
        migrations.AddField(
            "edition",
            "sha256",
            models.JSONField(default=dict, verbose_name="SHA-256 of each file"),
        ),
        migrations.RunPython(move_bytes_to_storage, move_bytes_back),
        migrations.RemoveField("edition", "pptx"),
        migrations.RemoveField("edition", "pdf"),
        migrations.RemoveField("edition", "html"),
    ]
