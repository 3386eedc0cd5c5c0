"""Where documents and published editions keep their bytes: Django's storage API.

Two named storages (settings.STORAGES): "documents" (agreement PDFs) and "editions"
(published status reports). The embedded default is a private folder under var/ each;
with AWS_STORAGE_BUCKET_NAME they live in an S3-compatible bucket (settings.py). Neither
has a public URL: views hand the bytes out after their access check, streamed.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateFileSystemStorage(FileSystemStorage):
    """A local folder named by a setting (read on each use, so a test can move it); no URL."""

    def __init__(self, setting: str = "DOCUMENTS_ROOT", **kwargs):
        self.setting = setting
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(getattr(settings, self.setting))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("private files have no public URL; a view hands them out")


def documents() -> Storage:
    return storages["documents"]


def editions() -> Storage:
    return storages["editions"]


def stream(storage: Storage, name: str, chunk: int = 64 * 1024):
    """The file's bytes in chunks (for a StreamingHttpResponse/FileResponse)."""
    with storage.open(name, "rb") as file:
        while block := file.read(chunk):
            yield block
