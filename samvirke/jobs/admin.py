from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django_q import models as queue

from samvirke.jobs.models import DailyRun, ReportBuild

# django-q2's own pages (its queue, schedules, task results) are for operators, not staff:
# they are English and not accessible; the schedules are set by migrations and the
# builds and daily runs are shown below.
for model in (queue.Schedule, queue.Success, queue.Failure, queue.OrmQ, queue.Task):
    try:
        admin.site.unregister(model)
    except NotRegistered:
        pass


@admin.register(ReportBuild)
class ReportBuildAdmin(admin.ModelAdmin):
    """Background builds can be followed here; they are started from the reports page."""

    list_display = ["period", "language", "status", "percent", "step", "requested_at", "edition"]
    readonly_fields = [f.name for f in ReportBuild._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DailyRun)
class DailyRunAdmin(admin.ModelAdmin):
    list_display = ["job", "day", "started_at"]
    readonly_fields = ["job", "day", "started_at", "output"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
