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
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

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


def document_path(instance, filename: str) -> str:
    return f"agreements/{uuid.uuid4().hex}.pdf"


def validate_pdf(file) -> None:
    """A PDF within the size limit, recognised by its content, not its name or type."""
    limit = settings.DOCUMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(file.size / 1e6, 1), "limit": round(limit / 1e6, 1)}
        )
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(_("The file is not a PDF (its content does not start like one)."))
    try:
        reader = PdfReader(io.BytesIO(file.read()), strict=False)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        raise ValidationError(_("The file says it is a PDF but cannot be read as one.")) from None
    finally:
        file.seek(0)
    if pages == 0:
        raise ValidationError(_("The PDF has no pages."))
