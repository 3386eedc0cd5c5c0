"""Hardening: deploy checks, CSP, login throttling, session lifetime, the security log."""

import logging
import os
import secrets
import subprocess
import sys
import time

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from samvirke.security import LOGIN_AT
from tests.conftest import login_verified

PASSWORD = "eit-langt-og-godt-passord"


def test_check_deploy_is_clean_under_production_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "samvirke.example.no",
        "DJANGO_SETTINGS_MODULE": "samvirke.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "samvirke.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_pages_carry_a_content_security_policy(client, sogn):
    policy = client.get("/").headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in policy
    assert client.get("/").headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("password", ["kort-pass", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_five_failed_logins_lock_the_account(client, sogn, caplog):
    User.objects.create_user("stab", password=PASSWORD, is_staff=True)
    caplog.set_level(logging.WARNING, logger="samvirke.security")
    for _ in range(5):
        client.post("/admin/login/", {"username": "stab", "password": "feil"})
    assert caplog.text.count("login failed user=stab") == 5
    locked = client.post("/admin/login/", {"username": "stab", "password": PASSWORD})
    assert locked.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_logins_and_refused_access_are_logged(client, sogn, caplog):
    User.objects.create_user("stab", password=PASSWORD, is_staff=True)
    caplog.set_level(logging.INFO, logger="samvirke.security")
    client.get("/admin/registry/cooperation/")
    assert "access refused path=/admin/registry/cooperation/ user=-" in caplog.text
    device = TOTPDevice.objects.create(user=User.objects.get(username="stab"), name="app")
    client.post("/admin/login/", {"username": "stab", "password": PASSWORD})
    assert "login user=stab" not in caplog.text  # without the second factor: no login
    code = f"{totp(device.bin_key):06d}"
    response = client.post(
        "/admin/login/",
        {
            "username": "stab",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": code,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert "login user=stab" in caplog.text


def test_staff_pages_need_the_second_factor(client, sogn):
    staff = User.objects.create_user("stab", password=PASSWORD, is_staff=True, is_superuser=True)
    client.force_login(staff)  # password only
    assert client.get("/admin/").status_code == 302
    assert client.get("/stab/").status_code == 302
    login_verified(client, staff)
    assert client.get("/admin/").status_code == 200
    assert client.get("/stab/").status_code == 200


def test_the_otp_command_registers_an_authenticator(sogn, capsys):
    from django.core.management import call_command

    User.objects.create_user("stab", password=PASSWORD, is_staff=True)
    call_command("otp", "stab", "--backup", "2")
    out = capsys.readouterr().out
    assert out.startswith("otpauth://totp/samvirke%3Astab?secret=")
    assert out.count("backup code: ") == 2
    assert TOTPDevice.objects.get(user__username="stab").confirmed


def test_a_session_ends_after_its_absolute_lifetime(client, sogn, settings):
    staff = User.objects.create_user("stab", password=PASSWORD, is_staff=True, is_superuser=True)
    login_verified(client, staff)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LOGIN_AT] = time.time() - settings.SESSION_ABSOLUTE_LIFETIME - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_idle_timeout_is_renewed_on_each_request(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


OIDC = {
    "OIDC_RP_CLIENT_ID": "samvirke-test",
    "OIDC_RP_CLIENT_SECRET": "hemmeleg",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example.no/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://idp.example.no/token",
    "OIDC_OP_USER_ENDPOINT": "https://idp.example.no/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://idp.example.no/jwks",
}
OIDC_PROBE = """
import django; django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
# the real settings, but static files without the manifest that only `make run` builds
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
call_command("migrate", verbosity=0)
response = Client().get("/oidc/authenticate/")
print(response.status_code, response["Location"])
print(settings.OIDC_RP_SIGN_ALGO, settings.OIDC_TIMEOUT)
print(Client().get("/logg-inn/").content.decode().count("/oidc/authenticate/"))
"""


def run_with(env_extra: dict, code: str, tmp_path) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'oidc.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "samvirke.settings",
        **env_extra,
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def test_single_sign_on_is_configured_from_the_environment(tmp_path):
    result = run_with(OIDC, OIDC_PROBE, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    status_location, algorithm, links = result.stdout.strip().splitlines()
    status, location = status_location.split(" ", 1)
    assert status == "302"
    assert location.startswith("https://idp.example.no/authorize?")
    assert "client_id=samvirke-test" in location and "state=" in location
    assert "nonce=" in location and "response_type=code" in location
    assert algorithm == "RS256 10"
    assert links == "1"  # the login page offers single sign-on


def test_single_sign_on_without_its_endpoints_fails_loudly(tmp_path):
    incomplete = {k: v for k, v in OIDC.items() if k != "OIDC_OP_JWKS_ENDPOINT"}
    result = run_with(incomplete, "import django; django.setup()", tmp_path)
    assert result.returncode != 0
    assert "OIDC_OP_JWKS_ENDPOINT must be set" in result.stderr


@pytest.mark.parametrize(
    "url",
    ["/api/v1/population/series?measure=%00x", "/samarbeid/?phase=a%00b", "/arshjul/?organ=%00"],
)
def test_a_nul_character_in_a_parameter_is_a_clear_bad_request(client, sogn, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
