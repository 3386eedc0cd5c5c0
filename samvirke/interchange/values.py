"""Conversion of single values between the file format and model fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from samvirke.interchange.schema import Field


class ValueProblem(ValueError):
    """A value in a file that cannot become the field's value; the text says why."""


def to_model(field: Field, raw: object) -> object:
    """The model value for a raw value read from YAML or JSON (None when absent)."""
    if raw is None:
        return None
    converter = _TO_MODEL[field.kind]
    return converter(raw)


def to_file(field: Field, value: object) -> object:
    """The value to write to a file for a model value."""
    if value is None:
        return None
    if field.kind == "decimal":
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    if field.kind == "datetime":
        return value.isoformat()
    return value


def _text(raw: object) -> str:
    if isinstance(raw, bool) or isinstance(raw, (list, dict)):
        raise ValueProblem(_("expected text, found %(value)r") % {"value": raw})
    if isinstance(raw, (dt.date, int, float)):
        return raw.isoformat() if isinstance(raw, dt.date) else str(raw)
    return str(raw)


def _int(raw: object) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ValueProblem(_("expected a whole number, found %(value)r") % {"value": raw})
    return raw


def _decimal(raw: object) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ValueProblem(_("expected a number, found %(value)r") % {"value": raw})
    try:
        number = Decimal(str(raw).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueProblem(_("expected a number, found %(value)r") % {"value": raw}) from None
    if not number.is_finite():
        raise ValueProblem(_("expected a number, found %(value)r") % {"value": raw})
    return number


def _bool(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise ValueProblem(_("expected true or false, found %(value)r") % {"value": raw})
    return raw


def _datetime(raw: object) -> dt.datetime:
    if isinstance(raw, dt.datetime):
        value = raw
    else:
        try:
            value = dt.datetime.fromisoformat(str(raw))
        except ValueError:
            raise ValueProblem(
                _("expected a time such as 2026-03-01T12:00:00+01:00, found %(value)r")
                % {"value": raw}
            ) from None
    if value.tzinfo is None:
        raise ValueProblem(_("the time %(value)r lacks a time zone") % {"value": raw})
    return value


def _json(raw: object) -> object:
    if not isinstance(raw, list | dict):
        raise ValueProblem(_("expected a list, found %(value)r") % {"value": raw})
    return raw


_TO_MODEL = {
    "json": _json,
    "text": _text,
    "ref": _text,
    "date": _text,
    "int": _int,
    "decimal": _decimal,
    "bool": _bool,
    "datetime": _datetime,
}
