from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "samvirke.access"
    verbose_name = _("Access")

    def ready(self):
        from django.apps import apps

        from samvirke.access import audit  # noqa: F401  (connects the history signal)
        from samvirke.access.labels import translate_third_party
        from samvirke.lib.fields import add_text_checks

        translate_third_party()
        # every text of the register is checked the same way (NUL, direction controls, length)
        for config in apps.get_app_configs():
            if config.name.startswith("samvirke."):
                add_text_checks(config.get_models())
