import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samvirke.lib.commands import SamvirkeCommand


class Command(SamvirkeCommand):
    help = (
        "Register an authenticator app (TOTP) for a user of the staff pages: prints the "
        "otpauth:// address and a QR code to scan, and --backup N one-time backup codes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--backup", type=int, default=0, help="also make N backup codes")

    def handle(self, *args, username, backup, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"username: no user {username!r}")
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        self.stdout.write(device.config_url)
        picture = io.StringIO()
        segno.make(device.config_url, error="m").terminal(out=picture, compact=True)
        self.stdout.write(picture.getvalue())
        if backup:
            static, _created = StaticDevice.objects.get_or_create(user=user, name="backup")
            for _n in range(backup):
                token = StaticToken.random_token()
                static.token_set.create(token=token)
                self.stdout.write(f"backup code: {token}")
