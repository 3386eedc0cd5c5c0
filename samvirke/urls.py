from django.contrib import admin
from django.urls import include, path

from samvirke.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("rapportar/", include("samvirke.reports.urls")),
    path("", include("samvirke.workflows.urls")),
    path("", include("samvirke.portal.urls")),
]

admin.site.site_header = "samvirke"
admin.site.site_title = "samvirke"
