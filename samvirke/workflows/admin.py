"""Staff editing of the ownership workflows, with history on every record."""

from django.contrib import admin

from samvirke.access.admin import ScopedAdmin, ScopedInline
from samvirke.workflows import models


class AgreementReviewInline(ScopedInline):
    model = models.AgreementReview
    extra = 0
    fields = [("date", "outcome", "reviewed_by"), "decision", "notes"]


class AgreementElementInline(ScopedInline):
    model = models.AgreementElement
    extra = 0
    fields = [("element", "state", "clause"), "note"]


class DutyCompletionInline(ScopedInline):
    model = models.DutyCompletion
    extra = 1


class HostCandidateInline(ScopedInline):
    model = models.HostCandidate
    extra = 0


class HostScoreInline(ScopedInline):
    model = models.HostScore
    extra = 0


class InvestigationStepInline(ScopedInline):
    model = models.InvestigationStep
    extra = 0
    fields = [
        ("step", "status", "date"),
        "participants",
        ("union_representatives", "employees"),
        "clarification",
        "decision",
    ]


class InvestigationOutputInline(ScopedInline):
    model = models.InvestigationOutput
    extra = 0
    fields = [("order", "step", "kind", "status", "date"), "title"]


class TransferStepInline(ScopedInline):
    model = models.TransferStep
    extra = 0
    fields = [("kind", "status", "due", "done"), "responsible", "note"]


@admin.register(models.AgreementReview)
class AgreementReviewAdmin(ScopedAdmin):
    list_display = ["agreement", "date", "outcome", "decision"]
    list_filter = ["outcome"]


@admin.register(models.Duty)
class DutyAdmin(ScopedAdmin):
    list_display = ["title", "kind", "frequency", "first_due", "recipient", "cooperation"]
    list_filter = ["kind", "frequency"]
    search_fields = ["title", "reporter"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DutyCompletionInline]


@admin.register(models.HostSelection)
class HostSelectionAdmin(ScopedAdmin):
    list_display = ["cooperation", "chosen", "decision"]
    inlines = [HostCandidateInline]


@admin.register(models.HostCriterion)
class HostCriterionAdmin(ScopedAdmin):
    list_display = ["name", "selection", "weight"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HostScoreInline]


@admin.register(models.Investigation)
class InvestigationAdmin(ScopedAdmin):
    list_display = ["title", "cooperation"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [InvestigationStepInline, InvestigationOutputInline]


@admin.register(models.Transfer)
class TransferAdmin(ScopedAdmin):
    list_display = ["cooperation", "date"]
    inlines = [TransferStepInline]
