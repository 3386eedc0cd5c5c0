"""Staff editing of the register; every change is kept in the record's history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samvirke.registry import models


class ParticipationInline(admin.TabularInline):
    model = models.Participation
    extra = 0
    autocomplete_fields = ["municipality"]


class FinancingInline(admin.TabularInline):
    model = models.FinancingLine
    extra = 0


class StatusEntryInline(admin.StackedInline):
    model = models.StatusEntry
    extra = 1
    fields = [("order", "date", "is_published"), "text", "source"]


class NextStepInline(admin.TabularInline):
    model = models.NextStep
    extra = 0


class AgreementPartyInline(admin.TabularInline):
    model = models.AgreementParty
    extra = 0
    autocomplete_fields = ["municipality"]


class OrganisationMemberInline(admin.TabularInline):
    model = models.OrganisationMember
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(models.Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "county", "org_number"]
    search_fields = ["number", "name"]


@admin.register(models.Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "retrieved_at"]
    search_fields = ["title", "slug"]


@admin.register(models.Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "legal_form", "org_number"]
    list_filter = ["legal_form"]
    search_fields = ["name", "short_name", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMemberInline]


@admin.register(models.Person)
class PersonAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.ServiceArea)
class ServiceAreaAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Cooperation)
class CooperationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "service_area", "legal_model", "host", "phase", "is_published"]
    list_filter = ["phase", "legal_model", "is_published", "service_area"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["service_area", "host", "owner", "organisation", "project_leader"]
    inlines = [ParticipationInline, FinancingInline, StatusEntryInline, NextStepInline]


@admin.register(models.Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "host", "review_date", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cooperation", "organisation", "host"]
    inlines = [AgreementPartyInline]
