"""The staff login: password and a one-time code from the authenticator app (or a backup code)."""

from __future__ import annotations

from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class StaffLoginForm(OTPAdminAuthenticationForm):
    """django-otp's admin login, choosing the device from the code's shape when none is
    picked: six digits come from the authenticator app, anything else is a backup code.
    (Only that one device is tried, so failures never count against the other.)"""

    def _chosen_device(self, user):
        device = super()._chosen_device(user)
        if device is not None:
            return device
        token = (self.cleaned_data.get("otp_token") or "").strip()
        model = TOTPDevice if token.isdigit() else StaticDevice
        return model.objects.devices_for_user(user, confirmed=True).first()
