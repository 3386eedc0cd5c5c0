"""Settings fail loudly on bad values instead of falling back to something unsafe."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from samvirke.lib.env import env_bool, env_list, env_secret


def load_settings(**env):
    """Import the real settings module in a fresh interpreter with only the given variables."""
    code = (
        "import samvirke.settings as s;"
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], **env},
        check=False,
    )


def test_a_missing_secret_key_without_debug_is_refused_in_production():
    # (the embedded setup, with nothing set, reads var/secret_key: tests/test_plain_shell.py)
    result = load_settings(DATABASE_URL="postgres://u@db:5432/samvirke")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_the_embedded_default_is_sqlite_without_debug():
    result = load_settings(SECRET_KEY="k")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['127.0.0.1',",
        "'localhost']",
        "django.db.backends.sqlite3",
    ]


def test_database_url_selects_postgresql():
    result = load_settings(SECRET_KEY="k", DATABASE_URL="postgres://u@db:5432/samvirke")
    assert result.stdout.split()[-1] == "django.db.backends.postgresql"


def test_a_bad_debug_value_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "kanskje")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", default=False)


@pytest.mark.parametrize(("raw", "value"), [("true", True), ("0", False), ("Yes", True)])
def test_booleans_are_read(monkeypatch, raw, value):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", default=not value) is value


def test_lists_and_secret_files_are_read(monkeypatch, tmp_path):
    monkeypatch.setenv("HOSTS", "a.no, b.no,")
    assert env_list("HOSTS", "") == ["a.no", "b.no"]
    secret = tmp_path / "key"
    secret.write_text("hemmeleg\n")
    monkeypatch.delenv("KEY", raising=False)
    monkeypatch.setenv("KEY_FILE", str(secret))
    assert env_secret("KEY") == "hemmeleg"
    monkeypatch.setenv("KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="KEY_FILE"):
        env_secret("KEY")
