"""Staff editing of the register; every change is kept in the record's history."""

from django.contrib import admin

from samvirke.access.admin import ScopedAdmin, ScopedInline
from samvirke.registry import models
from samvirke.workflows.admin import AgreementElementInline, AgreementReviewInline


class ParticipationInline(ScopedInline):
    model = models.Participation
    extra = 0


class FinancingInline(ScopedInline):
    model = models.FinancingLine
    extra = 0


class StatusEntryInline(ScopedInline):
    model = models.StatusEntry
    extra = 1
    fields = [("order", "date", "is_published"), "text", "source"]


class NextStepInline(ScopedInline):
    model = models.NextStep
    extra = 0


class AgreementPartyInline(ScopedInline):
    model = models.AgreementParty
    extra = 0


class AgreementDocumentInline(ScopedInline):
    model = models.AgreementDocument
    extra = 0
    fields = ["title", "file"]


class OrganisationMemberInline(ScopedInline):
    model = models.OrganisationMember
    extra = 0


class OrganisationPartnerInline(ScopedInline):
    model = models.OrganisationPartner
    fk_name = "organisation"
    extra = 0


class SuccessorInline(ScopedInline):
    model = models.MunicipalityChange
    fk_name = "old"
    extra = 0


@admin.register(models.Municipality)
class MunicipalityAdmin(ScopedAdmin):
    list_display = ["number", "name", "county", "org_number", "valid_from", "valid_to"]
    list_filter = ["county"]
    search_fields = ["number", "name"]
    inlines = [SuccessorInline]


@admin.register(models.Source)
class SourceAdmin(ScopedAdmin):
    list_display = ["title", "kind", "retrieved_at"]
    search_fields = ["title", "slug"]


@admin.register(models.Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "legal_form", "org_number"]
    list_filter = ["legal_form"]
    search_fields = ["name", "short_name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMemberInline, OrganisationPartnerInline]


class BoardSectionCooperationInline(ScopedInline):
    model = models.BoardSectionCooperation
    extra = 0
    fields = ["order", "cooperation"]


@admin.register(models.BoardSection)
class BoardSectionAdmin(ScopedAdmin):
    """The board's order: the status deck's parts, headings and grouping of cooperations."""

    list_display = ["organisation", "order", "kind", "title"]
    list_filter = ["organisation", "kind"]
    inlines = [BoardSectionCooperationInline]


@admin.register(models.Person)
class PersonAdmin(ScopedAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.ServiceArea)
class ServiceAreaAdmin(ScopedAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Cooperation)
class CooperationAdmin(ScopedAdmin):
    list_display = [
        "name",
        "service_area",
        "legal_model",
        "host",
        "phase",
        "progress",
        "is_published",
    ]
    list_filter = ["phase", "progress", "legal_model", "is_published", "service_area"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipationInline, FinancingInline, StatusEntryInline, NextStepInline]


@admin.register(models.Agreement)
class AgreementAdmin(ScopedAdmin):
    list_display = ["title", "kind", "host", "review_date", "responsible", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [
        AgreementPartyInline,
        AgreementDocumentInline,
        AgreementReviewInline,
        AgreementElementInline,
    ]
