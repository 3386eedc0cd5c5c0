from django.contrib import admin
from django.utils.html import format_html

from samvirke.reports.models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Published editions are frozen: they can be read and downloaded, never edited."""

    list_display = ["title", "period", "language", "published_at", "published_by", "downloads"]
    fields = ["slug", "title", "period", "language", "published_at", "published_by", "downloads"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Download")
    def downloads(self, obj):
        return format_html(
            '<a href="/rapportar/utgaver/{0}.pptx">PPTX</a> · <a href="/rapportar/utgaver/{0}.pdf">'
            'PDF</a> · <a href="/rapportar/utgaver/{0}.html">HTML</a>',
            obj.slug,
        )
