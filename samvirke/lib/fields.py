"""Model fields shared by the domain apps."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from samvirke.lib import partial_date


def validate_partial_date(value: str) -> None:
    try:
        partial_date.parse(value)
    except partial_date.PartialDateError:
        raise ValidationError(
            _("“%(value)s” is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or a range A/B."),
            code="invalid_partial_date",
            params={"value": value},
        ) from None


class PartialDateField(models.CharField):
    """A date as precise as the source states it (see lib.partial_date)."""

    default_validators = [validate_partial_date]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 21)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Publishable(models.Model):
    """A record the public portal shows only once staff have published it."""

    is_published = models.BooleanField(_("published"), default=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True
