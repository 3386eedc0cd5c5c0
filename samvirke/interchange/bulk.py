"""Insert new rows and their history rows in plain SQL batches.

``bulk_create_with_history`` builds a second model instance per row for its history and
lets the ORM's insert compiler prepare every value twice; for the national demo that was
two thirds of an import (issue 16 point 5). Here each row's values are prepared once and
serve both the row and its history row, and the primary keys are reserved up front (the
PostgreSQL sequence, or above SQLite's AUTOINCREMENT high-water mark inside the import's
write transaction), so no row has to be read back.

Same result as the library: one history row per record, type "+", the change reason and
user given, the history date of the write. A model this cannot handle (a key that is not
an auto-increment, a history field it does not know) goes through the library instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

BATCH_SIZE = 2000
_HISTORY_OWN = ("history_date", "history_change_reason", "history_type", "history_user_id")


def create_with_history(
    objs: Sequence[models.Model],
    model: type[models.Model],
    *,
    change_reason: str,
    user=None,
) -> None:
    """Insert ``objs`` (new, unsaved) and a history row for each; each gets its pk."""
    if not objs:
        return
    # the wrapper itself: the `connection` proxy looks it up on every attribute read
    connection = connections[DEFAULT_DB_ALIAS]
    plan = _plan(model)
    if plan is None or connection.vendor not in {"sqlite", "postgresql"}:
        bulk_create_with_history(
            objs,
            model,
            batch_size=BATCH_SIZE,
            default_change_reason=change_reason,
            default_user=user,
        )
        return
    fields, history_table, history_columns, from_row = plan
    q = connection.ops.quote_name
    table = model._meta.db_table
    for obj, pk in zip(objs, _reserve_keys(model, len(objs)), strict=True):
        obj.pk = pk
    rows = []
    for obj in objs:
        rows.append(
            tuple(field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields)
        )
    own = {
        "history_date": timezone.now(),
        "history_change_reason": change_reason,
        "history_type": "+",
        "history_user_id": user.pk if user is not None else None,
    }
    history_rows = [
        tuple(row[index] if index is not None else own[name] for index, name in from_row)
        for row in rows
    ]
    insert = (
        f"INSERT INTO {q(table)} ({', '.join(q(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    insert_history = (
        f"INSERT INTO {q(history_table)} ({', '.join(q(c) for c in history_columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(history_columns))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(insert, rows[start : start + BATCH_SIZE])
            cursor.executemany(insert_history, history_rows[start : start + BATCH_SIZE])
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _plan(model: type[models.Model]):
    """(fields, history table, history columns, where each history value comes from), or
    None when the model is not one this writer handles."""
    meta = model._meta
    if not isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
        return None
    history = getattr(model, "history", None)
    if history is None:
        return None
    history_model = history.model
    fields = list(meta.concrete_fields)
    index_of = {field.attname: index for index, field in enumerate(fields)}
    columns, from_row = [], []
    for field in history_model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.attname in _HISTORY_OWN:
            from_row.append((None, field.attname))
        elif field.attname in index_of:
            from_row.append((index_of[field.attname], field.attname))
        else:
            return None
        columns.append(field.column)
    return fields, history_model._meta.db_table, columns, from_row


def _reserve_keys(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys no row has had, nor will be given by the database."""
    connection = connections[DEFAULT_DB_ALIAS]
    q = connection.ops.quote_name
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [q(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import holds the write lock (immediate transactions), so nobody else
        # inserts meanwhile; above the AUTOINCREMENT mark, so a deleted row's key (and its
        # history) is never reused. The explicit keys raise the mark themselves.
        cursor.execute(f"SELECT MAX({q(column)}) FROM {q(table)}")  # noqa: S608 - quoted
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        mark = cursor.fetchone()
        start = max(highest, mark[0] if mark else 0) + 1
        return list(range(start, start + count))
