"""The base of samvirke's own management commands.

Django runs its system checks before every command, and the URL checks import the whole
URLconf: the API builds its schemas and the report views load python-pptx, about 0.7 s that
a command such as `samvirke export` never uses. samvirke's commands run every check but the
URL ones; `samvirke check`, `migrate` and `runserver` still run them all, as Django has them.
"""

from __future__ import annotations

from django.core.checks import Tags
from django.core.checks.registry import registry
from django.core.management.base import BaseCommand


class SamvirkeCommand(BaseCommand):
    """A management command whose system checks leave out the URL checks.

    Checks registered without any tag are left out too (Django selects checks by tag):
    django.contrib.auth's middleware check and django-axes' settings check, which
    `samvirke check` runs.
    """

    def check(self, app_configs=None, tags=None, **kwargs):
        if tags is None:
            deployment = kwargs.get("include_deployment_checks", False)
            tags = sorted(registry.tags_available(deployment) - {Tags.urls})
        return super().check(app_configs, tags, **kwargs)
