"""Staff editing of cost keys, criteria and budgets, with history."""

from django.contrib import admin

from samvirke.access.admin import ScopedAdmin, ScopedInline
from samvirke.finance import models


class ComponentInline(ScopedInline):
    model = models.CostKeyComponent
    extra = 0


class CooperationLinkInline(ScopedInline):
    model = models.CostKeyCooperation
    extra = 0


class AgreementLinkInline(ScopedInline):
    model = models.CostKeyAgreement
    extra = 0


class CriterionValueInline(ScopedInline):
    model = models.CriterionValue
    extra = 0


@admin.register(models.CostKey)
class CostKeyAdmin(ScopedAdmin):
    list_display = ["name", "version", "decision"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["version"]
    inlines = [ComponentInline, CooperationLinkInline, AgreementLinkInline]

    def save_related(self, request, form, formsets, change):
        """A change to the components makes a new version of the key."""
        super().save_related(request, form, formsets, change)
        components_changed = any(
            fs.has_changed() for fs in formsets if fs.model is models.CostKeyComponent
        )
        if change and components_changed:
            form.instance.version += 1
            form.instance.save(update_fields=["version"])


@admin.register(models.Criterion)
class CriterionAdmin(ScopedAdmin):
    list_display = ["name", "unit", "source"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CriterionValueInline]


@admin.register(models.CooperationBudget)
class CooperationBudgetAdmin(ScopedAdmin):
    list_display = ["cooperation", "year", "amount", "cost_key", "period"]
    list_filter = ["year"]
