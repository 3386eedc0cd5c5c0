from django import forms
from django.contrib import admin
from django.db import transaction

from samvirke.access.admin import ScopedAdmin
from samvirke.population import models, services


@admin.register(models.PopulationValue)
class PopulationValueAdmin(ScopedAdmin):
    list_display = ["municipality", "period", "measure", "value", "status", "source"]
    list_filter = ["measure", "municipality"]
    search_fields = ["period", "municipality__name"]


class CorrectionForm(forms.ModelForm):
    """The staff page's form: the checks decide, as on the command line and in the API."""

    class Meta:
        model = models.Correction
        fields = ["municipality", "period", "measure", "value", "note"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            with transaction.atomic():
                checked = services.correct(
                    municipality=data["municipality"].number,
                    period=data["period"],
                    measure=data["measure"],
                    value=data["value"],
                    note=data.get("note", ""),
                )
                transaction.set_rollback(True)  # only checked here; saved by save_model
        except services.CorrectionError as exc:
            raise forms.ValidationError(exc.message) from None
        self.instance.source_value = checked.source_value
        self.instance.restores = checked.restores
        return data


@admin.register(models.Correction)
class CorrectionAdmin(ScopedAdmin):
    form = CorrectionForm
    list_display = ["municipality", "period", "measure", "source_value", "value", "recorded_by"]
    list_filter = ["measure", "municipality"]
    readonly_fields = ["source_value", "restores", "recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        saved = services.correct(
            municipality=obj.municipality.number,
            period=obj.period,
            measure=obj.measure,
            value=obj.value,
            note=obj.note,
            user=request.user,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()
