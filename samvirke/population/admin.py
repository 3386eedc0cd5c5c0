from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from samvirke.population import models


@admin.register(models.PopulationValue)
class PopulationValueAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "period", "measure", "value", "status", "source"]
    list_filter = ["measure", "municipality"]
    search_fields = ["period", "municipality__name"]
