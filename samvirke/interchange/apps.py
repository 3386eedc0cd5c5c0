from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "samvirke.interchange"
    verbose_name = _("Export and import")
