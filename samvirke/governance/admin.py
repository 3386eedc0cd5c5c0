"""Staff editing of bodies, decisions, networks and principles, with history."""

from django.contrib import admin

from samvirke.access.admin import ScopedAdmin, ScopedInline
from samvirke.governance import models


class MembershipInline(ScopedInline):
    model = models.Membership
    extra = 0


class DecisionCooperationInline(ScopedInline):
    model = models.DecisionCooperation
    extra = 0


class FollowUpInline(ScopedInline):
    model = models.FollowUp
    extra = 1
    fields = [("order", "due", "status", "responsible"), "text", "notes"]


class NetworkMemberInline(ScopedInline):
    model = models.NetworkMember
    extra = 0


@admin.register(models.Body)
class BodyAdmin(ScopedAdmin):
    list_display = ["name", "kind", "organisation", "cooperation"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(models.Staff)
class StaffAdmin(ScopedAdmin):
    list_display = ["person", "title", "position_share", "organisation", "employer"]


@admin.register(models.Decision)
class DecisionAdmin(ScopedAdmin):
    list_display = ["title", "body", "date", "case_number", "is_published"]
    list_filter = ["body", "is_published"]
    search_fields = ["title", "text", "case_number"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DecisionCooperationInline, FollowUpInline]


@admin.register(models.Network)
class NetworkAdmin(ScopedAdmin):
    list_display = ["name", "committed", "established", "is_published"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkMemberInline]


@admin.register(models.Principle)
class PrincipleAdmin(ScopedAdmin):
    list_display = ["title", "kind", "organisation", "order"]
    list_filter = ["kind"]
    search_fields = ["title", "text"]
    prepopulated_fields = {"slug": ["title"]}
