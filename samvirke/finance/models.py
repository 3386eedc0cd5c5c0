"""Cost keys (fordelingsnøklar), custom criteria and cooperation budgets."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.governance.models import Decision
from samvirke.lib.fields import AccessPaths
from samvirke.registry.models import Agreement, Cooperation, Municipality

reference_period = RegexValidator(
    r"^\d{4}(K[1-4])?$",
    _("A reference period is a quarter (2025K4) or a year (2026 = 1 January 2026)."),
)


class Criterion(models.Model):
    """A custom allocation criterion with a value per municipality (forest area, users …)."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name


class CriterionValue(models.Model):
    criterion = models.ForeignKey(
        Criterion, models.CASCADE, related_name="values", verbose_name=_("criterion")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=4, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion", "municipality__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "municipality"], name="unique_criterion_value"
            )
        ]
        verbose_name = _("criterion value")
        verbose_name_plural = _("criterion values")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.value}"


class CostKey(models.Model):
    """Fordelingsnøkkel: weighted components adding to 100 %."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised each time the components change.")
    )
    description = models.TextField(_("description"), blank=True)
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, verbose_name=_("decision")
    )
    access = AccessPaths(organisations=("decision__body__organisation",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cost key")
        verbose_name_plural = _("cost keys")

    def __str__(self) -> str:
        return self.name


class CostKeyComponent(models.Model):
    class Kind(models.TextChoices):
        EQUAL = "equal", _("equal share")
        POPULATION = "population", _("population")
        CHILDREN = "age_0_17", _("children 0–17")
        ELDERLY = "age_67_plus", _("inhabitants 67+")
        CRITERION = "criterion", _("custom criterion")

    key = models.ForeignKey(
        CostKey, models.CASCADE, related_name="components", verbose_name=_("cost key")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    period = models.CharField(
        _("reference period"),
        max_length=6,
        blank=True,
        validators=[reference_period],
        help_text=_("Empty: the period chosen when allocating."),
    )
    criterion = models.ForeignKey(
        Criterion, models.PROTECT, null=True, blank=True, verbose_name=_("criterion")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "order"]
        constraints = [
            models.UniqueConstraint(fields=["key", "order"], name="unique_component_order"),
            models.CheckConstraint(
                condition=models.Q(kind="criterion", criterion__isnull=False)
                | (~models.Q(kind="criterion") & models.Q(criterion__isnull=True)),
                name="criterion_only_for_criterion_components",
            ),
        ]
        verbose_name = _("component")
        verbose_name_plural = _("components")

    def __str__(self) -> str:
        return f"{self.weight} % {self.get_kind_display()}"


class CostKeyCooperation(models.Model):
    """The key a cooperation shares its costs by (one key per cooperation)."""

    key = models.ForeignKey(
        CostKey, models.CASCADE, related_name="cooperation_links", verbose_name=_("cost key")
    )
    cooperation = models.OneToOneField(
        Cooperation, models.CASCADE, related_name="cost_key_link", verbose_name=_("cooperation")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "cooperation__name"]
        verbose_name = _("cooperation using the key")
        verbose_name_plural = _("cooperations using the key")

    def __str__(self) -> str:
        return str(self.cooperation)


class CostKeyAgreement(models.Model):
    """The key an agreement refers to (one key per agreement)."""

    key = models.ForeignKey(
        CostKey, models.CASCADE, related_name="agreement_links", verbose_name=_("cost key")
    )
    agreement = models.OneToOneField(
        Agreement, models.CASCADE, related_name="cost_key_link", verbose_name=_("agreement")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "agreement__title"]
        verbose_name = _("agreement using the key")
        verbose_name_plural = _("agreements using the key")

    def __str__(self) -> str:
        return str(self.agreement)


class CooperationBudget(models.Model):
    """A cooperation's budget for a year, shared among its participants by a key."""

    cooperation = models.ForeignKey(
        Cooperation, models.CASCADE, related_name="budgets", verbose_name=_("cooperation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("amount (NOK)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    cost_key = models.ForeignKey(CostKey, models.PROTECT, verbose_name=_("cost key"))
    period = models.CharField(_("reference period"), max_length=6, validators=[reference_period])
    source = models.CharField(_("source"), max_length=300, blank=True)
    access = AccessPaths(organisations=("cooperation__owner",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["cooperation", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "year"], name="unique_budget_year")
        ]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def __str__(self) -> str:
        return f"{self.cooperation} {self.year}"
