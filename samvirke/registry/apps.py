from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "samvirke.registry"
    verbose_name = _("Register")

    def ready(self):
        from samvirke.lib.sorting import register_collation

        # names sort A–Z, Æ, Ø, Å on SQLite as on PostgreSQL (lib/alphabet.py)
        connection_created.connect(register_collation, dispatch_uid="samvirke-collation-nb")
