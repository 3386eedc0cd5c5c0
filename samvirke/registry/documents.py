"""Agreement documents: PDF only, checked from the content, kept outside the static files.

They live in the "documents" storage (lib/storage.py: a private folder, or a bucket). The
file name is random (the uploaded name is kept as text only), so nothing a
user types becomes a path; the files are handed out by a view that checks access first.
"""

from __future__ import annotations

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from samvirke.lib import storage
from samvirke.lib.storage import PrivateFileSystemStorage


@deconstructible
class DocumentStorage(PrivateFileSystemStorage):
    """Private storage: settings.DOCUMENTS_ROOT, no public URL (the local default)."""

    def __init__(self, **kwargs):
        super().__init__(setting="DOCUMENTS_ROOT", **kwargs)


def document_storage():
    """The "documents" storage of settings.STORAGES: local by default, S3 when configured."""
    return storage.documents()


class DocumentFieldFile(FieldFile):
    """A stored document's link is the view that checks access (the storage has no URL)."""

    @property
    def url(self) -> str:
        self._require_file()
        document = self.instance
        return reverse("portal:agreement_document", args=[document.agreement.slug, document.id])


class DocumentFileField(models.FileField):
    """A FileField whose files link to the document view (the staff pages' file widget
    shows that link); stored and migrated exactly as a FileField."""

    attr_class = DocumentFieldFile

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


def document_path(instance, filename: str) -> str:
    return f"agreements/{uuid.uuid4().hex}.pdf"


MEGABYTE = 1024 * 1024  # the README's "20 MB" is 20 × 1024 × 1024 bytes


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".removesuffix(".0")


# markup that makes a file that also parses as a PDF render as a web page (a polyglot)
POLYGLOT_MARKERS = (b"<html", b"<!doctype", b"<script", b"<body", b"<svg", b"<?xml")


def validate_pdf(file) -> None:
    """A PDF within the size limit, recognised by its content, not its name or type: it
    starts with ``%PDF-`` at byte 0 and carries no web markup in its first kilobyte."""
    limit = settings.DOCUMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": _megabytes(file.size), "limit": _megabytes(limit)}
        )
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if not head.startswith(b"%PDF-"):
        raise ValidationError(_("The file is not a PDF (its content does not start like one)."))
    if any(marker in head.lower() for marker in POLYGLOT_MARKERS):
        raise ValidationError(_("The file is a PDF and a web page at once; it is refused."))
    # pypdf loads here, where a PDF is read: every command and worker imports this module
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(file.read()), strict=False)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise ValidationError(_("The file says it is a PDF but cannot be read as one.")) from None
    finally:
        file.seek(0)
    if pages == 0:
        raise ValidationError(_("The PDF has no pages."))


class UploadedPdf(models.Model):
    """What every uploaded PDF records beside its file: the name it was uploaded as, its
    size and when. Subclasses declare ``title`` and ``file`` (their own storage and path)."""

    original_name = models.CharField(
        _lazy("uploaded as"), max_length=255, blank=True, editable=False
    )
    size = models.PositiveIntegerField(_lazy("size (bytes)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_lazy("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.original_name:
            self.original_name = getattr(self.file, "name", "")[-255:]
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)
