"""Published editions of the status report: the files and the data they were built from."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from samvirke.lib import storage

FILE_FORMATS = ("pptx", "pdf", "html")


def edition_path(instance: Edition, filename: str) -> str:
    return f"{instance.slug}/{filename}"


class EditionChanged(Exception):
    """A stored file no longer has the checksum it was published with."""


class Edition(models.Model):
    """A frozen status report: downloads stay byte-identical whatever the register does later.

    The three files live in the "editions" storage (lib/storage.py: a private folder, or a
    bucket shared by every app server); each one's SHA-256 is kept with the edition.
    """

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    organisation = models.SlugField(
        _("organisation"),
        max_length=100,
        help_text=_("The organisation whose report this is (its identifier)."),
    )
    period = models.CharField(_("period"), max_length=7)
    language = models.CharField(_("language"), max_length=5)
    title = models.CharField(_("title"), max_length=200)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.CharField(_("published by"), max_length=150, blank=True)
    data = models.JSONField(_("register data it was built from"))
    pptx_file = models.FileField(
        _("PowerPoint file"), storage=storage.editions, upload_to=edition_path, max_length=200
    )
    pdf_file = models.FileField(
        _("PDF file"), storage=storage.editions, upload_to=edition_path, max_length=200
    )
    html_file = models.FileField(
        _("web page"), storage=storage.editions, upload_to=edition_path, max_length=200
    )
    sha256 = models.JSONField(_("SHA-256 of each file"), default=dict)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("published edition")
        verbose_name_plural = _("published editions")

    def __str__(self) -> str:
        return f"{self.title} ({self.published_at:%Y-%m-%d %H:%M})"

    def field(self, file_format: str) -> models.fields.files.FieldFile:
        if file_format not in FILE_FORMATS:
            raise ValueError(f"unknown format {file_format!r}")
        return getattr(self, f"{file_format}_file")

    def store(self, file_format: str, content: bytes) -> None:
        """Write one format's file to storage (saved with the edition by the caller)."""
        self.sha256[file_format] = hashlib.sha256(content).hexdigest()
        self.field(file_format).save(f"{self.slug}.{file_format}", ContentFile(content), save=False)

    def file(self, file_format: str) -> bytes:
        """The stored bytes, checked against the checksum recorded at publishing."""
        with self.field(file_format).open("rb") as f:
            content = f.read()
        if hashlib.sha256(content).hexdigest() != self.sha256.get(file_format):
            raise EditionChanged(f"{self.slug}.{file_format} does not match its checksum")
        return content
