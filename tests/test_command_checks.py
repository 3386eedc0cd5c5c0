"""samvirke's commands run Django's system checks but the URL ones (which import the whole
URLconf); `check` runs them all."""

import importlib
import os
import subprocess
import sys

import pytest
from django.core import checks
from django.core.checks.registry import registry
from django.core.management import call_command, get_commands
from django.core.management.base import SystemCheckError

from samvirke.lib.commands import SamvirkeCommand


def _broken_urls(app_configs, **kwargs):
    return [checks.Error("a broken URLconf", id="samvirke_test.E001")]


def _broken_models(app_configs, **kwargs):
    return [checks.Error("a broken model", id="samvirke_test.E002")]


@pytest.fixture
def registered():
    added = []

    def register(check, tag):
        checks.register(check, tag)
        added.append(check)

    yield register
    for check in added:
        registry.registered_checks.discard(check)


def test_samvirke_commands_skip_the_url_checks_that_check_runs(registered, db):
    registered(_broken_urls, checks.Tags.urls)
    call_command("workflows", "due", skip_checks=False)
    with pytest.raises(SystemCheckError, match="a broken URLconf"):
        call_command("check")


def test_samvirke_commands_still_run_the_other_checks(registered, db):
    registered(_broken_models, checks.Tags.models)
    with pytest.raises(SystemCheckError, match="a broken model"):
        call_command("workflows", "due", skip_checks=False)


def test_every_samvirke_command_is_a_samvirke_command():
    ours = {name: app for name, app in get_commands().items() if app.startswith("samvirke.")}
    ours.pop("makemessages")  # Django's, with samvirke's defaults: a developer's tool
    assert len(ours) >= 14
    for name, app in ours.items():
        module = importlib.import_module(f"{app}.management.commands.{name}")
        assert issubclass(module.Command, SamvirkeCommand), name


def _loaded_after(statement: str) -> list[str]:
    """The heavy libraries loaded in a fresh Python after django.setup() and statement."""
    code = (
        f"import sys, django; django.setup(); {statement}; "
        "print(' '.join(m for m in ('pptx', 'weasyprint', 'pypdf', 'ninja', 'pydantic', "
        "'httpx', 'icalendar', 'samvirke.urls') if m in sys.modules))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "samvirke.settings", "SECRET_KEY": "x"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_setting_up_django_loads_no_library_that_a_command_may_not_use():
    """python-pptx, WeasyPrint, pypdf, ninja (with pydantic), httpx and icalendar load where
    they are used: every command and worker pays for what setup imports."""
    assert _loaded_after("pass") == []


def test_the_urlconf_loads_only_the_api_library():
    """A command that links to pages (reverse) loads the URLconf: the API's ninja, but not
    the libraries of decks, PDFs, calendars and the registers' clients."""
    assert _loaded_after("import samvirke.urls") == ["ninja", "pydantic", "samvirke.urls"]
