from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "samvirke.portal"
    verbose_name = _("Public portal")

    def ready(self):
        from samvirke import security  # noqa: F401  (connects the login signal handlers)
        from samvirke.portal import version

        version.connect()
