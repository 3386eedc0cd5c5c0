"""Governance: bodies and memberships, staff, decisions and follow-ups, networks, principles."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.lib.fields import AccessPaths, PartialDateField, Publishable
from samvirke.registry.models import Cooperation, Municipality, Organisation, Person


class Body(models.Model):
    """Organ: representantskap, styre, styringsgruppe, arbeidsutval."""

    class Kind(models.TextChoices):
        REPRESENTATIVES = "representantskap", _("council of representatives")
        BOARD = "styre", _("board")
        STEERING_GROUP = "styringsgruppe", _("steering group")
        WORKING_COMMITTEE = "arbeidsutval", _("working committee")
        COUNCIL = "kommunestyre", _("municipal council")
        OTHER = "anna", _("other body")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    cooperation = models.ForeignKey(
        Cooperation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("cooperation"),
    )
    description = models.TextField(_("description"), blank=True)
    access = AccessPaths(organisations=("organisation", "cooperation__owner"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """Verv: a seat in a body, held by a named person or by a position."""

    class Role(models.TextChoices):
        CHAIR = "leiar", _("chair")
        DEPUTY_CHAIR = "nestleiar", _("deputy chair")
        MEMBER = "medlem", _("member")
        DEPUTY = "vara", _("deputy member")

    body = models.ForeignKey(
        Body, models.CASCADE, related_name="memberships", verbose_name=_("body")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    person = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("person"),
    )
    holder_title = models.CharField(
        _("held by (position)"),
        max_length=200,
        blank=True,
        help_text=_("For a seat held by a position when no person is named."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("represents"),
    )
    start = PartialDateField(_("from"))
    end = PartialDateField(_("to"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "order"]
        constraints = [
            models.UniqueConstraint(fields=["body", "order"], name="unique_membership_order"),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(holder_title=""),
                name="membership_has_holder",
            ),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person or self.holder_title} ({self.get_role_display()})"


class Staff(models.Model):
    """Tilsett: a position in an organisation, with its share and formal employer."""

    person = models.ForeignKey(Person, models.PROTECT, verbose_name=_("person"))
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    position_share = models.DecimalField(
        _("position share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="staff", verbose_name=_("works for")
    )
    employer = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name=_("formal employer"),
    )
    access = AccessPaths(organisations=("organisation",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "order"], name="unique_staff_order")
        ]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.person}, {self.title}"


class Decision(Publishable):
    """Vedtak."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    body = models.ForeignKey(Body, models.PROTECT, related_name="decisions", verbose_name=_("body"))
    date = PartialDateField(_("date"))
    case_number = models.CharField(_("case number"), max_length=50, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("decision"))
    note = models.TextField(_("note"), blank=True)
    access = AccessPaths(
        organisations=("body__organisation", "body__cooperation__owner"),
        municipalities=("concerns__cooperation__participations__municipality",),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "slug"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.title


class DecisionCooperation(models.Model):
    """A cooperation a decision concerns."""

    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="concerns", verbose_name=_("decision")
    )
    cooperation = models.ForeignKey(
        Cooperation, models.PROTECT, related_name="decision_links", verbose_name=_("cooperation")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "cooperation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "cooperation"], name="unique_decision_cooperation"
            )
        ]
        verbose_name = _("cooperation concerned")
        verbose_name_plural = _("cooperations concerned")

    def __str__(self) -> str:
        return str(self.cooperation)


class FollowUp(models.Model):
    """Oppfølging of a decision."""

    class Status(models.TextChoices):
        NOT_STARTED = "ikkje_starta", _("not started")
        IN_PROGRESS = "pagar", _("in progress")
        DONE = "fullfort", _("done")
        UNKNOWN = "ukjend", _("unknown")

    decision = models.ForeignKey(
        Decision, models.CASCADE, related_name="follow_ups", verbose_name=_("decision")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("what"))
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due = PartialDateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "order"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "order"], name="unique_follow_up_order")
        ]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return self.text[:60]


class Network(Publishable):
    """Nettverk: a professional network."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    mandate = models.TextField(_("mandate"), blank=True)
    formal_mandate = models.BooleanField(_("formal mandate"), null=True, blank=True)
    committed = models.BooleanField(_("committed network"), null=True, blank=True)
    established = PartialDateField(_("established"))
    cooperation = models.OneToOneField(
        Cooperation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("the same as the cooperation"),
        help_text=_(
            "Where the register also holds this network as a cooperation: one network, one "
            "record of its facts (the cooperation's), linked both ways."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    access = AccessPaths(organisations=("organisation",), municipalities=("members__municipality",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    network = models.ForeignKey(
        Network, models.CASCADE, related_name="members", verbose_name=_("network")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "municipality__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "municipality"], name="unique_network_member"
            )
        ]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")

    def __str__(self) -> str:
        return str(self.municipality)


class Principle(models.Model):
    """A standing statement of an organisation: a principle, goal, clause or way of working."""

    class Kind(models.TextChoices):
        PRINCIPLE = "prinsipp", _("principle")
        GOAL = "mal", _("goal")
        HYPOTHESIS = "hypotese", _("hypothesis")
        AGREEMENT_CLAUSE = "avtalepunkt", _("agreement clause")
        ROLE = "rolle", _("role")
        WORKING_METHOD = "arbeidsform", _("way of working")
        BACKGROUND = "bakgrunn", _("background")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, verbose_name=_("decision")
    )
    access = AccessPaths(organisations=("organisation",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles and statements")

    def __str__(self) -> str:
        return self.title
