"""The README's quick start in a plain shell: the embedded setup finds its key and database.

A copy of the package in a temporary directory stands for a fresh clone after `make run`:
its var/ is the copy's own, and the commands run with nothing exported but PATH and HOME.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    root = tmp_path_factory.mktemp("clone")
    shutil.copytree(
        REPO / "samvirke", root / "samvirke", ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


def samvirke(layout, *args, **extra_env):
    # `python -m` puts the working directory first on the path, so the copy is the one run
    env = {"PATH": "/usr/bin:/bin", "HOME": str(layout), **extra_env}
    return subprocess.run(
        [sys.executable, "-m", "samvirke.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=layout,
        timeout=600,
    )


def test_the_quick_start_works_from_a_plain_shell(layout):
    migrated = samvirke(layout, "migrate", "--no-input", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr
    key = layout / "var" / "secret_key"
    assert key.exists() and len(key.read_text().strip()) >= 50
    assert key.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert (layout / "var" / "samvirke.sqlite3").exists()

    made = samvirke(
        layout,
        "createsuperuser",
        "--noinput",
        "--username",
        "stab",
        "--email",
        "stab@example.no",
        DJANGO_SUPERUSER_PASSWORD="ein-lang-og-god-frase",
    )
    assert made.returncode == 0, made.stderr

    otp = samvirke(layout, "otp", "stab", "--backup", "1")
    assert otp.returncode == 0, otp.stderr
    assert otp.stdout.startswith("otpauth://totp/") and "backup code:" in otp.stdout

    exported = samvirke(layout, "export", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.lstrip().startswith("{")

    reminders = samvirke(layout, "reminders")
    assert reminders.returncode == 0, reminders.stderr
    # the same key and database every time: the user made above is still there
    again = samvirke(layout, "otp", "stab")
    assert again.returncode == 0, again.stderr


def test_the_installed_command_runs_in_a_plain_shell(tmp_path):
    installed = Path(sys.executable).parent / "samvirke"
    result = subprocess.run(
        [str(installed), "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "otp USER" in result.stdout


@pytest.mark.parametrize(
    "production",
    [
        {"DATABASE_URL": "postgres://u@db:5432/samvirke"},
        {"ALLOWED_HOSTS": "samvirke.example.no"},
    ],
)
def test_a_production_setting_without_a_key_fails_loudly(layout, production):
    result = samvirke(layout, "check", **production)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_a_production_key_is_used_as_given(layout):
    result = samvirke(
        layout,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        ALLOWED_HOSTS="samvirke.example.no",
        SECRET_KEY="production-key",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "production-key"
