"""Population series per municipality; region totals are derived, never stored."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.registry.models import Municipality, Source

period_code = RegexValidator(
    r"^\d{4}(K[1-4])?$", _("A period is a year (2025) or a quarter (2025K3).")
)


class Measure(models.TextChoices):
    """The measures of SSB table 01222."""

    POPULATION_START = "population_start", _("population at start of quarter")
    POPULATION_END = "population_end", _("population at end of quarter")
    GROWTH = "growth", _("population growth")
    BIRTHS = "births", _("births")
    DEATHS = "deaths", _("deaths")
    BIRTH_SURPLUS = "birth_surplus", _("birth surplus")
    IMMIGRATION = "immigration", _("immigration")
    EMIGRATION = "emigration", _("emigration")
    IN_MOVES = "in_moves", _("domestic in-moves")
    OUT_MOVES = "out_moves", _("domestic out-moves")
    NET_MIGRATION = "net_migration", _("net in-migration")
    # Yearly, at 1 January (SSB table 07459), for allocation criteria.
    CHILDREN = "age_0_17", _("children 0–17 at 1 January")
    ELDERLY = "age_67_plus", _("inhabitants 67+ at 1 January")
    # Yearly, at 1 January: SSB's regional projection, main alternative (MMMM).
    PROJECTED = "projected_population", _("projected population at 1 January (SSB, MMMM)")


class PopulationValueQuerySet(models.QuerySet):
    def with_corrections(self) -> models.QuerySet:
        """Each figure with ``corrected_value``: its recorded correction, or None (in the
        same query)."""
        return self.annotate(
            corrected_value=models.Subquery(
                Correction.objects.filter(
                    municipality=models.OuterRef("municipality"),
                    period=models.OuterRef("period"),
                    measure=models.OuterRef("measure"),
                ).values("value")[:1]
            )
        )


class PopulationValue(models.Model):
    """One figure (persons) for a municipality, period and measure, with its source."""

    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="population", verbose_name=_("municipality")
    )
    period = models.CharField(_("period"), max_length=6, validators=[period_code])
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    value = models.IntegerField(_("value"), null=True, blank=True)
    status = models.CharField(
        _("status symbol"),
        max_length=2,
        blank=True,
        help_text=_("SSB's symbol where the value is missing: '.', '..' or ':'."),
    )
    source = models.ForeignKey(Source, models.PROTECT, verbose_name=_("source"))
    history = HistoricalRecords()

    objects = PopulationValueQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__number", "measure", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "period", "measure"], name="unique_population_value"
            )
        ]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")

    def __str__(self) -> str:
        return f"{self.municipality.number} {self.period} {self.measure}: {self.value}"


class Finding(models.Model):
    """A consistency finding stored with an import accepted despite it (--accept-findings)."""

    class Severity(models.TextChoices):
        ERROR = "error", _("error")
        WARNING = "warning", _("warning")

    source = models.ForeignKey(
        Source, models.CASCADE, related_name="findings", verbose_name=_("source")
    )
    order = models.PositiveIntegerField(_("order"))
    check_name = models.CharField(_("check"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    cells = models.JSONField(_("cells"), help_text=_("[[municipality, period, measure, value], …]"))
    difference = models.IntegerField(_("difference"), default=0)
    fix = models.JSONField(
        _("likely fix"),
        null=True,
        blank=True,
        help_text=_("[municipality, period, measure, value]"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "order"]
        constraints = [
            models.UniqueConstraint(fields=["source", "order"], name="unique_finding_order")
        ]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.check_name} ({self.source})"


class Correction(models.Model):
    """A documented correction of one source figure: the source's value stays recorded (on
    the figure and here), the corrected value is what every derived figure uses."""

    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="corrections", verbose_name=_("municipality")
    )
    period = models.CharField(_("period"), max_length=6, validators=[period_code])
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    source_value = models.IntegerField(_("value in the source"), null=True, blank=True)
    value = models.IntegerField(_("corrected value"))
    restores = models.JSONField(
        _("identities restored"),
        default=list,
        help_text=_("The checks the correction makes agree: [check, …]."),
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality__number", "measure", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "period", "measure"], name="unique_population_correction"
            )
        ]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return (
            f"{self.municipality.number} {self.period} {self.measure}: "
            f"{self.source_value} → {self.value}"
        )

    def clean(self) -> None:
        """A correction refers to a figure the register holds, and keeps its value."""
        figure = PopulationValue.objects.filter(
            municipality_id=self.municipality_id, period=self.period, measure=self.measure
        ).first()
        if figure is None:
            raise ValidationError(_("There is no figure for this cell to correct."))
        if figure.value != self.source_value:
            raise ValidationError(
                {"source_value": _("The source's value is %(value)s.") % {"value": figure.value}}
            )


class AgeCount(models.Model):
    """Persons of one sex and one-year age at 1 January in an area: registered (SSB 07459)
    or projected (SSB's regional projections, by alternative). Areas are municipalities
    (their number), counties ("46") and the whole country ("0"), as SSB names them; a
    region's figure is the sum of its members', never stored."""

    class Sex(models.TextChoices):
        MALE = "1", _("men")
        FEMALE = "2", _("women")

    class Alternative(models.TextChoices):
        REGISTERED = "", _("registered")
        MAIN = "MMMM", _("projection, main alternative (MMMM)")
        LOW = "LLML", _("projection, low national growth (LLML)")
        HIGH = "HHMH", _("projection, high national growth (HHMH)")

    area = models.CharField(_("area"), max_length=8)
    area_name = models.CharField(_("area name"), max_length=100)
    year = models.CharField(
        _("year"),
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("A year has four digits."))],
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age = models.PositiveSmallIntegerField(_("age"), help_text=_("105 means 105 or older."))
    alternative = models.CharField(
        _("alternative"), max_length=4, choices=Alternative.choices, blank=True
    )
    value = models.IntegerField(_("persons"), null=True, blank=True)
    status = models.CharField(_("status symbol"), max_length=2, blank=True)
    source = models.ForeignKey(Source, models.PROTECT, verbose_name=_("source"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["area", "alternative", "year", "sex", "age"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "sex", "age", "alternative"], name="unique_age_count"
            )
        ]
        indexes = [models.Index(fields=["alternative", "year"], name="age_count_year")]
        verbose_name = _("persons by age")
        verbose_name_plural = _("persons by age")

    def __str__(self) -> str:
        return f"{self.area} {self.year} {self.sex} {self.age} {self.alternative}: {self.value}"
