"""The staff's ownership workflows: agreement reviews, the follow-up plan, host selection,
investigations and transfers of undertakings.

Where the source is silent a field stays empty and the pages show it as missing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.governance.models import Body, Decision
from samvirke.lib.fields import AccessPaths, PartialDateField
from samvirke.registry.models import Agreement, Cooperation, Municipality, Organisation
from samvirke.workflows.calc import agreement_law, recurrence


class Progress(models.TextChoices):
    DONE = "fullfort", _("done")
    IN_PROGRESS = "pagar", _("in progress")
    PLANNED = "planlagd", _("planned")
    UNKNOWN = "ukjend", _("unknown")


class AgreementReview(models.Model):
    """Gjennomgang of an agreement: when, with what outcome, on which decision."""

    class Outcome(models.TextChoices):
        CONTINUE = "vidarefor", _("continue")
        REVISE = "revider", _("revise")
        TERMINATE = "sei_opp", _("terminate")

    agreement = models.ForeignKey(
        Agreement, models.CASCADE, related_name="reviews", verbose_name=_("agreement")
    )
    date = PartialDateField(_("reviewed"), blank=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reviewed_by = models.CharField(_("reviewed by"), max_length=200, blank=True)
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, verbose_name=_("decision")
    )
    notes = models.TextField(_("notes"), blank=True)
    access = AccessPaths(organisations=("agreement__organisation", "agreement__cooperation__owner"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "date"], name="unique_review_date")
        ]
        verbose_name = _("agreement review")
        verbose_name_plural = _("agreement reviews")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.date} ({self.get_outcome_display()})"


class AgreementElement(models.Model):
    """What a review found about one element the law requires of the agreement."""

    class Element(models.TextChoices):
        PARTICIPANTS = agreement_law.PARTICIPANTS, _("participants")
        HOST_MUNICIPALITY = agreement_law.HOST_MUNICIPALITY, _("host municipality")
        OFFICE_MUNICIPALITY = agreement_law.OFFICE_MUNICIPALITY, _("office municipality")
        TASKS_AUTHORITY = agreement_law.TASKS_AUTHORITY, _("tasks and delegated authority")
        COST_SHARING = agreement_law.COST_SHARING, _("cost sharing")
        OWNERSHIP_SHARES = agreement_law.OWNERSHIP_SHARES, _("ownership shares")
        LIABILITY_SHARES = agreement_law.LIABILITY_SHARES, _("liability shares")
        WITHDRAWAL = agreement_law.WITHDRAWAL, _("withdrawal")
        DISSOLUTION = agreement_law.DISSOLUTION, _("dissolution")

    class State(models.TextChoices):
        PRESENT = agreement_law.PRESENT, _("in the agreement")
        MISSING = agreement_law.MISSING, _("missing from the agreement")

    agreement = models.ForeignKey(
        Agreement, models.CASCADE, related_name="elements", verbose_name=_("agreement")
    )
    element = models.CharField(_("element"), max_length=30, choices=Element.choices)
    state = models.CharField(_("finding"), max_length=20, choices=State.choices)
    clause = models.CharField(_("clause"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    access = AccessPaths(organisations=("agreement__organisation", "agreement__cooperation__owner"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "element"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "element"], name="unique_element")
        ]
        verbose_name = _("agreement element")
        verbose_name_plural = _("agreement elements")

    def __str__(self) -> str:
        return f"{self.get_element_display()}: {self.get_state_display()}"


class Duty(models.Model):
    """A recurring duty of the follow-up plan: who reports what to whom, and when."""

    class Kind(models.TextChoices):
        ADMINISTRATIVE = "administrativ", _("administrative")
        POLITICAL = "politisk", _("political")

    class Frequency(models.TextChoices):
        ONCE = recurrence.ONCE, _("once")
        MONTHLY = recurrence.MONTHLY, _("monthly")
        QUARTERLY = recurrence.QUARTERLY, _("quarterly")
        YEARLY = recurrence.YEARLY, _("yearly")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    title = models.CharField(_("what"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, verbose_name=_("organisation")
    )
    cooperation = models.ForeignKey(
        Cooperation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="duties",
        verbose_name=_("cooperation"),
    )
    reporter = models.CharField(_("who reports"), max_length=200, blank=True)
    recipient = models.ForeignKey(
        Body,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="duties",
        verbose_name=_("to body"),
    )
    recipient_note = models.CharField(_("to (text)"), max_length=200, blank=True)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    first_due = PartialDateField(
        _("first due"), help_text=_("A day or a month (YYYY-MM-DD or YYYY-MM); empty if unknown.")
    )
    until = PartialDateField(_("until"))
    source_note = models.TextField(_("source"), blank=True)
    access = AccessPaths(organisations=("organisation", "cooperation__owner"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("duty")
        verbose_name_plural = _("follow-up plan")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.first_due and self.frequency:
            try:
                recurrence.validate(self.first_due, self.frequency)
            except recurrence.RecurrenceError as exc:
                raise ValidationError({"first_due": str(exc)}) from exc


class DutyCompletion(models.Model):
    """One occurrence of a duty, marked done."""

    duty = models.ForeignKey(
        Duty, models.CASCADE, related_name="completions", verbose_name=_("duty")
    )
    due = PartialDateField(_("due"), blank=False)
    done = PartialDateField(_("done on"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["duty", "due"]
        constraints = [models.UniqueConstraint(fields=["duty", "due"], name="unique_completion")]
        verbose_name = _("duty done")
        verbose_name_plural = _("duties done")

    def __str__(self) -> str:
        return f"{self.duty}: {self.due}"


class HostSelection(models.Model):
    """Val av vertskommune for a cooperation."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    cooperation = models.ForeignKey(
        Cooperation,
        models.PROTECT,
        related_name="host_selections",
        verbose_name=_("cooperation"),
    )
    criteria_decision = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision on the criteria"),
    )
    decision = models.ForeignKey(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision choosing the host"),
    )
    chosen = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen host"),
    )
    note = models.TextField(_("note"), blank=True)
    access = AccessPaths(organisations=("cooperation__owner",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("host selection")
        verbose_name_plural = _("host selections")

    def __str__(self) -> str:
        return str(self.cooperation)


class HostCandidate(models.Model):
    selection = models.ForeignKey(
        HostSelection, models.CASCADE, related_name="candidates", verbose_name=_("selection")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["selection", "municipality__number"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "municipality"], name="unique_candidate")
        ]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")

    def __str__(self) -> str:
        return str(self.municipality)


class HostCriterion(models.Model):
    """A criterion the board adopted for choosing a host, with its weight."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    selection = models.ForeignKey(
        HostSelection, models.CASCADE, related_name="criteria", verbose_name=_("selection")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=3, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    access = AccessPaths(organisations=("selection__cooperation__owner",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["selection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "order"], name="unique_criterion_order"),
            models.CheckConstraint(
                condition=models.Q(weight__isnull=True) | models.Q(weight__gte=0),
                name="criterion_weight_not_negative",
            ),
        ]
        verbose_name = _("host criterion")
        verbose_name_plural = _("host criteria")

    def __str__(self) -> str:
        return self.name


class HostScore(models.Model):
    criterion = models.ForeignKey(
        HostCriterion, models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("candidate")
    )
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=3)
    justification = models.TextField(_("justification"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion", "municipality__number"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "municipality"], name="unique_score")
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.score}"


class Investigation(models.Model):
    """Utgreiing: the standard steps from mandate to decision."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    cooperation = models.ForeignKey(
        Cooperation,
        models.PROTECT,
        related_name="investigations",
        verbose_name=_("cooperation"),
    )
    title = models.CharField(_("title"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    access = AccessPaths(organisations=("cooperation__owner",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("investigation")
        verbose_name_plural = _("investigations")

    def __str__(self) -> str:
        return self.title


class Step(models.TextChoices):
    MANDATE = "mandat", _("mandate")
    INSIGHT = "innsikt", _("insight")
    SOLUTION = "losing", _("solution work")
    RECOMMENDATION = "tilraading", _("recommendation")
    DECISION = "vedtak", _("decision")


class EmployeeInvolvement(models.TextChoices):
    """How the services' employees were involved in a step, as the source says it: taking
    part is not the same as being invited to comment on the result."""

    TOOK_PART = "tok_del", _("took part")
    INVITED_TO_COMMENT = "inviterte", _("invited to comment")
    NOT_INVOLVED = "ikkje", _("not involved")
    UNKNOWN = "ukjend", _("unknown")


class InvestigationStep(models.Model):
    investigation = models.ForeignKey(
        Investigation, models.CASCADE, related_name="steps", verbose_name=_("investigation")
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Progress.choices, default=Progress.UNKNOWN
    )
    date = PartialDateField(_("date"))
    participants = models.TextField(_("who took part"), blank=True)
    union_representatives = models.BooleanField(
        _("union representatives took part"), null=True, blank=True
    )
    employees = models.CharField(
        _("the services' employees"),
        max_length=20,
        choices=EmployeeInvolvement.choices,
        default=EmployeeInvolvement.UNKNOWN,
    )
    clarification = models.TextField(_("clarification reached"), blank=True)
    decision = models.ForeignKey(
        Decision, models.PROTECT, null=True, blank=True, verbose_name=_("decision")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["investigation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "step"], name="unique_step")
        ]
        verbose_name = _("investigation step")
        verbose_name_plural = _("investigation steps")

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.get_status_display()}"


class InvestigationOutput(models.Model):
    """A dated output of an investigation: an insight session, an interview, a report …"""

    class Kind(models.TextChoices):
        INSIGHT_SESSION = "innsiktsokt", _("insight session")
        INTERVIEW = "intervju", _("interviews")
        SOLUTION_SESSION = "losingsokt", _("solution session")
        REPORT = "rapport", _("report")
        RECOMMENDATION = "tilraading", _("recommendation")
        DISCUSSION_MINUTES = "droftingsreferat", _("minutes of discussion with unions")
        OTHER = "anna", _("other")

    investigation = models.ForeignKey(
        Investigation, models.CASCADE, related_name="outputs", verbose_name=_("investigation")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Progress.choices, default=Progress.UNKNOWN
    )
    date = PartialDateField(_("date"))
    title = models.CharField(_("title"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["investigation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["investigation", "order"], name="unique_output_order")
        ]
        verbose_name = _("investigation output")
        verbose_name_plural = _("investigation outputs")

    def __str__(self) -> str:
        return self.title


class Transfer(models.Model):
    """Verksemdoverdraging: a service's staff moving to the host (arbeidsmiljølova kap. 16)."""

    cooperation = models.OneToOneField(
        Cooperation, models.PROTECT, related_name="transfer", verbose_name=_("cooperation")
    )
    date = PartialDateField(_("transfer date"))
    note = models.TextField(_("note"), blank=True)
    access = AccessPaths(organisations=("cooperation__owner",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["cooperation__name"]
        verbose_name = _("transfer of undertaking")
        verbose_name_plural = _("transfers of undertakings")

    def __str__(self) -> str:
        return str(self.cooperation)


class TransferStep(models.Model):
    class Kind(models.TextChoices):
        UNIONS = "drofting", _("information and consultation with union representatives")
        EMPLOYEES = "informasjon", _("information to the employees")
        DATE = "dato", _("transfer date set")
        TERMS = "vilkar", _("pay and working terms clarified")
        PENSION = "pensjon", _("pension clarified")
        OBJECTION = "reservasjon", _("employees' right to object handled")
        LETTERS = "brev", _("individual letters to the employees")

    transfer = models.ForeignKey(
        Transfer, models.CASCADE, related_name="steps", verbose_name=_("transfer")
    )
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due = PartialDateField(_("due"))
    status = models.CharField(
        _("status"), max_length=20, choices=Progress.choices, default=Progress.UNKNOWN
    )
    done = PartialDateField(_("done on"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["transfer", "id"]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "kind"], name="unique_transfer_step")
        ]
        verbose_name = _("transfer step")
        verbose_name_plural = _("transfer steps")

    def __str__(self) -> str:
        return self.get_kind_display()
