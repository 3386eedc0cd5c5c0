"""Who may see and change what: roles in organisations, and API tokens for machines.

The rule itself is one function (lib.fields.visible_q for reads, access.scope for writes);
these tables only say who holds which role where.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.registry.models import Municipality, Organisation


class Role(models.TextChoices):
    READER = "kommunelesar", _("municipality reader")
    BOARD = "styremedlem", _("board member")
    STAFF = "tilsett", _("staff")
    ADMIN = "administrator", _("administrator")


DRAFT_ROLES = {Role.BOARD, Role.STAFF, Role.ADMIN}
EDIT_ROLES = {Role.STAFF, Role.ADMIN}
# a role includes those below it in the same organisation (a reader's drafts are a board's)
INCLUDED_BY = {
    Role.READER: DRAFT_ROLES,
    Role.BOARD: DRAFT_ROLES,
    Role.STAFF: EDIT_ROLES,
    Role.ADMIN: {Role.ADMIN},
}


class Scope(models.Model):
    """A role in an organisation; a municipality reader also names the municipality."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("For a municipality reader: the municipality whose drafts they may read."),
    )

    class Meta:
        abstract = True

    def clean(self):
        if (self.role == Role.READER) != (self.municipality_id is not None):
            raise ValidationError(
                {"municipality": _("A municipality reader, and only they, name a municipality.")}
            )


class Grant(Scope):
    """Membership: a user holds a role in an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="grants", verbose_name=_("user")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "municipality"], name="unique_grant"
            )
        ]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}, {self.organisation}"


USE_RESOLUTION = dt.timedelta(minutes=1)  # how exactly a token's last use is kept


class ApiToken(Scope):
    """A machine client's key, scoped to one role; only its hash is stored."""

    PREFIX = "smv"

    name = models.CharField(_("name"), max_length=200)
    key_id = models.CharField(_("key id"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
        help_text=_("Changes made with the token are recorded as this user's."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.key_id})"

    @staticmethod
    def digest(secret: str) -> str:
        # the secret is 256 random bits, so a plain hash is enough (no password stretching)
        return hashlib.sha256(secret.encode()).hexdigest()

    def issue(self) -> str:
        """Give the token a new key; returns the only copy of it."""
        self.key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        self.key_hash = self.digest(secret)
        return f"{self.PREFIX}_{self.key_id}_{secret}"

    def clean(self):
        super().clean()
        if self.created_by_id is not None and not self.holder_has_role():
            raise ValidationError(
                {
                    "role": _(
                        "The token's user does not hold this role in this organisation "
                        "(or is inactive), so the token cannot have it."
                    )
                }
            )

    def holder_has_role(self) -> bool:
        """Whether the token's user is active and holds its role now (or a role including
        it, in the same organisation): a token is never worth more than its user."""
        user = self.created_by
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        grants = Grant.objects.filter(user=user, organisation_id=self.organisation_id)
        holds = models.Q(role__in=INCLUDED_BY.get(self.role, set()))
        if self.role == Role.READER:
            holds |= models.Q(role=Role.READER, municipality_id=self.municipality_id)
        return grants.filter(holds).exists()

    def touch(self) -> None:
        """Note the use, at most once a minute: a read through a token seldom writes."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= USE_RESOLUTION:
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now

    @property
    def active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @classmethod
    def find(cls, presented: str) -> ApiToken | None:
        """The active token a presented key belongs to, or None."""
        prefix, _sep, rest = presented.partition("_")
        key_id, _sep, secret = rest.partition("_")
        if prefix != cls.PREFIX or not key_id or not secret:
            return None
        token = cls.objects.filter(key_id=key_id).select_related("created_by").first()
        if token is None or not secrets.compare_digest(token.key_hash, cls.digest(secret)):
            return None
        return token if token.active else None
