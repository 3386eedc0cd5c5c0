"""Nynorsk for the third-party parts of the staff pages (django-axes, django-otp, the admin).

Their English texts become translatable here: model and field names are wrapped in
gettext_lazy with the same English text (so the migration state does not change), the
app sections get their own names, and every msgid is listed below so `make messages`
keeps its translation in samvirke's catalogues.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, gettext_noop

APP_NAMES = {
    "axes": gettext_lazy("Login attempts"),
    "otp_totp": gettext_lazy("Authenticator apps"),
    "otp_static": gettext_lazy("Backup codes"),
}
LABELLED_APPS = ("axes", "otp_totp", "otp_static")

# Texts of django-axes, django-otp and the admin that samvirke's catalogues translate.
THIRD_PARTY_MSGIDS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("Path"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Locked Out"),
    gettext_noop("Expires At"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Not set"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("TOTP device"),
    gettext_noop("TOTP devices"),
    gettext_noop("static device"),
    gettext_noop("static devices"),
    gettext_noop("static token"),
    gettext_noop("static tokens"),
    gettext_noop("created at"),
    gettext_noop("last used at"),
    gettext_noop("confirmed"),
    gettext_noop("throttling failure timestamp"),
    gettext_noop("throttling failure count"),
    gettext_noop("OTP Token:"),
    gettext_noop("OTP Device:"),
    gettext_noop("Get OTP Challenge"),
    gettext_noop("Please enter your OTP token."),
    gettext_noop("Incorrect authentication code. Please try again."),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Superuser created successfully."),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
)


def _lazy(text):
    return text if isinstance(text, Promise) or not text else gettext_lazy(str(text))


def translate_third_party() -> None:
    """Make the English names of the third-party staff sections translatable (at ready())."""
    for label in LABELLED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        config.verbose_name = APP_NAMES[label]
        for model in config.get_models():
            meta = model._meta
            if "verbose_name_plural" not in meta.original_attrs and not isinstance(
                meta.verbose_name, Promise
            ):  # Django's default plural: the name and an "s"
                meta.verbose_name_plural = gettext_lazy(f"{meta.verbose_name}s")
            meta.verbose_name = _lazy(meta.verbose_name)
            meta.verbose_name_plural = _lazy(meta.verbose_name_plural)
            for field in meta.get_fields():
                if hasattr(field, "verbose_name") and getattr(field, "concrete", False):
                    field.verbose_name = _lazy(field.verbose_name)

    # django-otp builds its search help from English words; say it in the catalogue's words
    for model_admin in admin.site._registry.values():
        if model_admin.opts.app_label in ("otp_totp", "otp_static"):
            model_admin.search_help_text = gettext_lazy(
                "Search by the user's username or e-mail address"
            )
