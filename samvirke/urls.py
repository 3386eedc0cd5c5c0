from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from django_otp.admin import OTPAdminSite

from samvirke.access.forms import StaffLoginForm
from samvirke.api.urls import api

# errors that happen before the API's own handlers (a body over the size limit) or outside
# them answer in problem+json on /api/ too
handler400 = "samvirke.lib.problem.bad_request"
handler500 = "samvirke.lib.problem.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # The language form on every public page carries no CSRF token, so the page can be cached
    # for everyone (portal/cache.py); choosing a language changes nothing but a cookie.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(
            template_name="portal/login.html",
            extra_context={"oidc_enabled": settings.OIDC_ENABLED},
        ),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/v1/", api.urls),
    path("rapportar/", include("samvirke.reports.urls")),
    path("", include("samvirke.workflows.urls")),
    path("", include("samvirke.meetings.urls")),
    path("", include("samvirke.portal.urls")),
]

if settings.OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))

# the staff pages need a second factor: only OTP-verified users get in
admin.site.__class__ = OTPAdminSite
admin.site.login_form = StaffLoginForm
admin.site.site_header = "samvirke"
admin.site.site_title = "samvirke"
