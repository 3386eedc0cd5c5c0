"""Raising the register's version: after every committed change to a samvirke record.

Saves and deletes through the ORM raise it by signal (once per transaction, after the
commit); bulk writes, which send no signals, call register_changed() themselves.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone

from samvirke.portal.models import RegisterVersion

# Records that never change a page's content: access (grants and tokens: the public
# pages, the only ones cached, do not show them; a token read writes last_used_at).
UNCACHED_APPS = {"access", "portal"}


def current() -> tuple[int, datetime | None]:
    """(version number, when it was raised): read on every public request before the page
    cache answers, so in plain SQL (the ORM's query building was 40 % of a cached page)."""
    with connection.cursor() as cursor:
        cursor.execute(_CURRENT_SQL)
        row = cursor.fetchone()
    if row is None:
        return 0, None
    number, changed_at = row
    if isinstance(changed_at, str):  # SQLite hands back the stored text
        changed_at = datetime.fromisoformat(changed_at)
    if changed_at is not None and timezone.is_naive(changed_at):  # stored in UTC
        changed_at = changed_at.replace(tzinfo=UTC)
    return number, changed_at


_CURRENT_SQL = f"SELECT number, changed_at FROM {RegisterVersion._meta.db_table} WHERE id = 1"


def _raise() -> None:
    updated = RegisterVersion.objects.filter(pk=1).update(
        number=models.F("number") + 1, changed_at=timezone.now()
    )
    if not updated:
        RegisterVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def register_changed() -> None:
    """Raise the version once the current transaction commits (at once outside one)."""
    if connection.in_atomic_block and any(entry[1] is _raise for entry in connection.run_on_commit):
        return  # already due with this transaction
    transaction.on_commit(_raise)


def _is_register(sender) -> bool:
    config = sender._meta.app_config  # None for Django's own bookkeeping (migrations)
    return (
        config is not None
        and config.name.startswith("samvirke.")
        and config.label not in UNCACHED_APPS
    )


def _on_change(sender, **kwargs) -> None:
    if _is_register(sender):
        register_changed()


def _on_migrate(sender, **kwargs) -> None:
    register_changed()


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"samvirke-version-{id(signal)}")
    post_migrate.connect(_on_migrate, dispatch_uid="samvirke-version-migrate")
