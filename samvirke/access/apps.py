from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "samvirke.access"
    verbose_name = _("Access")

    def ready(self):
        from samvirke.access import audit  # noqa: F401  (connects the history signal)
        from samvirke.access.labels import translate_third_party

        translate_third_party()
