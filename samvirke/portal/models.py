"""The register's version: one number raised whenever anything the public can see changes,
so cached public pages are valid exactly until the next change (portal/cache.py)."""

from __future__ import annotations

from django.db import models


class RegisterVersion(models.Model):
    """A single row (pk 1). In the database, not in a cache: every process and command sees
    every other's changes, with or without Redis."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "register version"

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M})"
