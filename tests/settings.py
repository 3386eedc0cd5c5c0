"""Test settings: the real settings, with a throwaway key and plain static storage."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from samvirke.settings import *  # noqa: E402,F403

STORAGES = {
    **STORAGES,  # noqa: F405 - documents and editions as configured (local unless a bucket)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
DOCUMENTS_ROOT = Path(tempfile.mkdtemp(prefix="samvirke-documents-"))
EDITIONS_ROOT = Path(tempfile.mkdtemp(prefix="samvirke-editions-"))
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405 - jobs run in the test's process
# Tests roll their transactions back, so no change ever commits and raises the register's
# version: the page cache is switched on only by the tests of the cache itself.
SAMVIRKE_PAGE_CACHE = False
