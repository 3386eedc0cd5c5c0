"""What the background jobs record: a daily job's claim on its day, and report builds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyRun(models.Model):
    """A daily job claims its day (Europe/Oslo) here before it runs: the unique pair makes it
    run once a day however many servers or schedulers try."""

    job = models.CharField(_("job"), max_length=50)
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    output = models.TextField(_("output"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_run_per_day")]
        ordering = ["-day", "job"]
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")

    def __str__(self) -> str:
        return f"{self.job} {self.day}"


class ReportBuild(models.Model):
    """A report or edition built in the background: its progress and its result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.SlugField(
        _("organisation"),
        max_length=100,
        help_text=_("The organisation whose report this is (its identifier)."),
    )
    period = models.CharField(_("period"), max_length=7)
    language = models.CharField(_("language"), max_length=5, default="nn")
    requested_by = models.CharField(_("requested by"), max_length=150, blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    edition = models.ForeignKey(
        "reports.Edition",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published edition"),
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("report build")
        verbose_name_plural = _("report builds")

    def __str__(self) -> str:
        return f"{self.period} {self.language} ({self.get_status_display()})"
