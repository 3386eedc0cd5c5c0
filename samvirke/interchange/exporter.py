"""Export the whole register, now or as it stood at a past moment, by natural keys."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

import yaml
from django.db import models
from django.db.models import Min
from django.utils.translation import gettext as _

from samvirke.interchange import values
from samvirke.interchange.schema import ENTITIES, NATURAL_KEYS, Child, Entity, Field


class BeforeHistory(ValueError):
    """The moment lies before the register's history begins: nothing was known then, and an
    empty register would be a false answer."""

    def __init__(self, moment: dt.datetime, begins: dt.datetime | None):
        self.moment, self.begins = moment, begins
        if begins is None:
            message = _("The register has no history yet, so nothing is known as of %s.") % (
                f"{moment:%Y-%m-%d %H:%M}"
            )
        else:
            message = _(
                "Nothing is known as of %(moment)s: the register's history begins %(begins)s."
            ) % {"moment": f"{moment:%Y-%m-%d %H:%M}", "begins": f"{begins:%Y-%m-%d %H:%M}"}
        super().__init__(message)


def history_begins() -> dt.datetime | None:
    """The moment of the register's first recorded change."""
    firsts = [
        model.history.aggregate(first=Min("history_date"))["first"]
        for entity in ENTITIES
        for model in (entity.model, *(child.model for child in entity.children))
        if hasattr(model, "history")
    ]
    known = [f for f in firsts if f is not None]
    return min(known) if known else None


def export_register(*, as_of: dt.datetime | None = None) -> dict[str, list[dict]]:
    """The register as plain data; with ``as_of``, as the history says it stood then
    (``BeforeHistory`` when that is before the history begins)."""
    if as_of is not None:
        begins = history_begins()
        if begins is None or as_of < begins:
            raise BeforeHistory(as_of, begins)
    rows = _Rows(as_of)
    return {entity.key: _entity_records(entity, rows) for entity in ENTITIES}


def dump(data: dict, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # libyaml's emitter when built in: the same text (checked on the Sogn and national
    # exports), a third of the time of the pure-Python one
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)


class _Rows:
    """Each model's rows as {attribute name: value}, read once: current, or from the history
    as of a moment. The current rows come as plain values (no model instances: half the
    time of exporting the national register went to making 20 000 of them)."""

    def __init__(self, as_of: dt.datetime | None):
        self.as_of = as_of
        self._rows: dict[type[models.Model], list[dict]] = {}
        self._keys: dict[type[models.Model], dict[int, str]] = {}

    def all(self, model: type[models.Model]) -> list[dict]:
        if model not in self._rows:
            names = [field.attname for field in model._meta.concrete_fields]
            if self.as_of is None:
                rows = list(model._default_manager.order_by("pk").values(*names))
            else:
                history = model.history.as_of(self.as_of).order_by("pk")
                rows = [{name: getattr(obj, name) for name in names} for obj in history]
            self._rows[model] = rows
        return self._rows[model]

    def key(self, model: type[models.Model], pk: int | None) -> str | None:
        if pk is None:
            return None
        if model not in self._keys:
            attr, pk_name = NATURAL_KEYS[model], model._meta.pk.attname
            self._keys[model] = {row[pk_name]: row[attr] for row in self.all(model)}
        return self._keys[model][pk]


def _entity_records(entity: Entity, rows: _Rows) -> list[dict]:
    children = {
        child.key: _group(rows.all(child.model), child.model._meta.get_field(child.parent_attr))
        for child in entity.children
    }
    columns = _columns(entity)
    child_columns = {child.key: _columns(child) for child in entity.children}
    pk_name = entity.model._meta.pk.attname
    records = []
    for row in rows.all(entity.model):
        record = _fields(columns, row, rows)
        for child in entity.children:
            items = [
                _fields(child_columns[child.key], item, rows)
                for item in _ordered(child, children[child.key].get(row[pk_name], []), rows)
            ]
            if child.flat:
                items = [item[child.fields[0].key] for item in items]
            if items:
                record[child.key] = items
        records.append(record)
    key_fields = _natural_key_fields(entity)
    return sorted(records, key=lambda r: tuple(_sort_value(r.get(k)) for k in key_fields))


def _sort_value(value: object) -> tuple:
    """Numbers before text, numbers by size (staff order 2 before 10)."""
    return (0, value, "") if isinstance(value, int) else (1, 0, str(value))


def _natural_key_fields(entity: Entity) -> list[str]:
    by_attr = {spec.model_attr: spec.key for spec in entity.fields}
    return [by_attr[attr] for attr in entity.natural_key]


def _group(items: list[dict], parent: models.Field) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    for item in items:
        grouped[item[parent.attname]].append(item)
    return grouped


def _ordered(child: Child, items: list[dict], rows: _Rows) -> list[dict]:
    if not child.identity:
        return sorted(items, key=lambda item: item["order"])
    columns = {spec.model_attr: (spec, attname) for spec, attname in _columns(child)}
    identity = [columns[attr] for attr in child.identity]

    def sort_key(item: dict) -> tuple:
        return tuple(str(_value(spec, attname, item, rows)) for spec, attname in identity)

    return sorted(items, key=sort_key)


def _columns(kind: Entity | Child) -> tuple[tuple[Field, str], ...]:
    """Each field's spec with its model field's attribute name, looked up once a model (not
    once a row and field: 220 000 lookups in the national register)."""
    return tuple(
        (spec, kind.model._meta.get_field(spec.model_attr).attname) for spec in kind.fields
    )


def _fields(columns: tuple[tuple[Field, str], ...], row: dict, rows: _Rows) -> dict:
    record = {}
    for spec, attname in columns:
        value = _value(spec, attname, row, rows)
        if value is not None and value != "":
            record[spec.key] = value
    return record


def _value(spec: Field, attname: str, row: dict, rows: _Rows) -> object:
    raw = row[attname]
    if spec.kind == "ref":
        return rows.key(spec.ref, raw)
    return values.to_file(spec, raw)
