"""Model fields shared by the domain apps."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samvirke.lib import partial_date, viewer


def validate_partial_date(value: str) -> None:
    try:
        partial_date.parse(value)
    except partial_date.PartialDateError:
        raise ValidationError(
            _("“%(value)s” is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or a range A/B."),
            code="invalid_partial_date",
            params={"value": value},
        ) from None


# The limit of every long text (descriptions, notes, decision texts): a short field's limit is
# its max_length; both are checked wherever a record is validated (staff pages, API, import).
LONG_TEXT_LIMIT = 20_000

# Invisible controls that reverse the order text is shown in (U+202A–U+202E, U+2066–U+2069):
# they can make a name or a link read differently from what it is ("Trojan Source").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def validate_no_bidi_controls(value: str) -> None:
    if isinstance(value, str) and not BIDI_CONTROLS.isdisjoint(value):
        raise ValidationError(
            _("The text holds invisible direction controls (U+202A–U+202E, U+2066–U+2069)."),
            code="bidi_control",
        )


def add_text_checks(model_classes: Iterable[type[models.Model]]) -> None:
    """Give every text field of these models the checks every text gets: no NUL (which
    PostgreSQL cannot store), no direction controls, and a length limit (long texts:
    LONG_TEXT_LIMIT characters). Added to the fields' validators, not to their definition,
    so no migration changes; model validation (full_clean) runs them everywhere."""
    for model in model_classes:
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if getattr(field, "_text_checks", False):
                continue
            extra = [ProhibitNullCharactersValidator(), validate_no_bidi_controls]
            if field.max_length is None:
                extra.append(MaxLengthValidator(LONG_TEXT_LIMIT))
            field.__dict__["validators"] = [*field.validators, *extra]
            field._text_checks = True  # type: ignore[attr-defined]


class PartialDateField(models.CharField):
    """A date as precise as the source states it (see lib.partial_date)."""

    default_validators = [validate_partial_date]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 21)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class AccessPaths:
    """How a record reaches the organisation that owns it and the municipalities it concerns.

    Lookups from the model (e.g. ``cooperation__owner``); any one matching is enough.
    """

    organisations: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()


def visible_q(model: type[models.Model], prefix: str = "") -> models.Q:
    """The condition "the current viewer may see this record" (of ``model``, reached through
    ``prefix`` from the queried model). The one access rule for every read:

    - the public sees published records;
    - a municipality reader also their organisation's drafts concerning their municipality
      (a role is for one organisation: another organisation's drafts stay hidden);
    - board members, staff and administrators also their organisation's drafts;
    - administrators of the installation (and system tasks) everything.
    """
    at = f"{prefix}__" if prefix else ""
    who = viewer.current()
    if who.everything:
        return models.Q()
    condition = models.Q(**{f"{at}is_published": True})
    paths: AccessPaths = model.access
    drafts = models.Q()
    for path in paths.organisations if who.draft_organisations else ():
        drafts |= models.Q(**{f"{path}__in": who.draft_organisations})
    readers: dict[int, set[int]] = {}
    for organisation, municipality in who.reader_scopes:
        readers.setdefault(organisation, set()).add(municipality)
    for organisation, municipalities in sorted(readers.items()) if paths.municipalities else ():
        owned = models.Q(pk__in=[])
        for path in paths.organisations:
            owned |= models.Q(**{path: organisation})
        concerns = models.Q(pk__in=[])
        for path in paths.municipalities:
            concerns |= models.Q(**{f"{path}__in": sorted(municipalities)})
        drafts |= owned & concerns
    if drafts:
        # a subquery, so joins through many-valued paths cannot duplicate rows
        visible_drafts = model._default_manager.filter(drafts).values("pk")
        condition |= models.Q(**{f"{at}pk__in": visible_drafts})
    return condition


def members_q(model: type[models.Model], prefix: str = "") -> models.Q:
    """The condition "the current viewer is a board member, staff member or administrator of
    the organisation owning this record": for what is closed to the public even once
    published (a closed agenda item and its papers). Municipality readers are not members."""
    at = f"{prefix}__" if prefix else ""
    who = viewer.current()
    if who.everything:
        # not Q(): an empty Q drops out of an OR instead of making it true
        return models.Q(**{f"{at}pk__isnull": False})
    members = models.Q(pk__in=[])
    for path in model.access.organisations if who.draft_organisations else ():
        members |= models.Q(**{f"{path}__in": who.draft_organisations})
    # a subquery, so joins through many-valued paths cannot duplicate rows
    return models.Q(**{f"{at}pk__in": model._default_manager.filter(members).values("pk")})


class VisibleQuerySet(models.QuerySet):
    def visible(self):
        """The records the current viewer may see (see visible_q)."""
        return self.filter(visible_q(self.model))


class Publishable(models.Model):
    """A record the public portal shows only once staff have published it."""

    is_published = models.BooleanField(_("published"), default=False)

    objects = VisibleQuerySet.as_manager()
    access = AccessPaths()

    class Meta:
        abstract = True
