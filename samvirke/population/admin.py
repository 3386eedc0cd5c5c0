from django.contrib import admin

from samvirke.access.admin import ScopedAdmin
from samvirke.population import models


@admin.register(models.PopulationValue)
class PopulationValueAdmin(ScopedAdmin):
    list_display = ["municipality", "period", "measure", "value", "status", "source"]
    list_filter = ["measure", "municipality"]
    search_fields = ["period", "municipality__name"]
