"""Session lifetime and the security log: logins, failed logins and refused access."""

from __future__ import annotations

import logging
import time
from http import HTTPStatus

import csp.middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

log = logging.getLogger("samvirke.security")
LOGIN_AT = "samvirke_login_at"


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    request.session[LOGIN_AT] = time.time()
    log.info("login user=%s ip=%s", user.get_username(), _address(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    address = _address(request)
    log.warning("login failed user=%s ip=%s", username, address)
    if address:
        key = SPRAY_KEY % address
        tried = cache.get(key, set())
        if len(tried) <= settings.SAMVIRKE_SPRAY_USERNAMES:
            cache.set(key, tried | {username.casefold()}, settings.AXES_COOLOFF_TIME * 3600)


SPRAY_KEY = "samvirke-login-spray:%s"


class PasswordSprayBackend(ModelBackend):
    """Login throttling across usernames: axes locks a username at an address after a few
    failures; this refuses every login from an address that has failed for more than
    SAMVIRKE_SPRAY_USERNAMES different usernames within the cool-off time (one guess for
    each of many users is spraying). First in AUTHENTICATION_BACKENDS."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        address = _address(request)
        if address and len(cache.get(SPRAY_KEY % address, ())) > settings.SAMVIRKE_SPRAY_USERNAMES:
            log.warning("login refused: password spraying from ip=%s", address)
            raise PermissionDenied("Too many usernames tried from this address.")
        return None  # the other backends decide (get_user is ModelBackend's)


class SessionLifetimeMiddleware:
    """Log a user out when the session is older than SESSION_ABSOLUTE_LIFETIME seconds.

    The idle timeout is Django's own: SESSION_COOKIE_AGE, renewed on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None or time.time() - started > settings.SESSION_ABSOLUTE_LIFETIME:
                log.info("session ended user=%s reason=lifetime", user.get_username())
                logout(request)
        return self.get_response(request)


class RefusedAccessLogMiddleware:
    """Log every refused access: 401/403 answers and redirects to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        login_redirect = (
            response.status_code == 302
            and "/login/" in response.get("Location", "")
            and not request.path.endswith("/login/")
        )
        if response.status_code in (401, 403) or login_redirect:
            user = getattr(request, "user", None)
            log.warning(
                "access refused path=%s user=%s status=%s ip=%s",
                request.path,
                user.get_username() if user and user.is_authenticated else "-",
                response.status_code,
                _address(request),
            )
        return response


class RejectNulMiddleware:
    """Refuse a request whose query, form or JSON body carries a NUL character.

    No field accepts one, and PostgreSQL cannot even compare text with one: a filter such
    as ?measure=%00 would otherwise end in a server error instead of a clear answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for where, values in (("query", request.GET), ("form", request.POST)):
            for key, value in values.lists():
                if "\x00" in key or any("\x00" in v for v in value):
                    return _bad_request(request, f"The {where} parameter {key!r} holds a NUL.")
        if request.content_type == "application/json" and _json_holds_nul(request.body):
            return _bad_request(request, "The JSON body holds a NUL character (\\u0000).")
        return self.get_response(request)


def _json_holds_nul(body: bytes) -> bool:
    """Whether a JSON text holds a NUL in a key or string (only parsed when it may)."""
    import json

    if b"\\u0000" not in body and b"\x00" not in body:
        return False
    try:
        data = json.loads(body)
    except ValueError:
        return b"\x00" in body  # invalid JSON: the parser's own 4xx answers the rest
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _bad_request(request, detail: str):
    from django.http import HttpResponseBadRequest

    from samvirke.lib.problem import problem

    if request.path.startswith("/api/"):
        return problem(400, detail)
    return HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware with the policy headers built once per settings: samvirke
    sets no policy per view and uses no nonce, so every response carries the same headers
    (building them was about a tenth of a cached public page). A response with its own
    policy parts, or a request whose nonce was used, goes through django-csp unchanged."""

    OWN_PARTS = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )
    HEADERS = (
        (HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY", False),
        (HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        self._built: dict[tuple, tuple[str, str]] = {}

    def _policies(self) -> dict[str, str]:
        # keyed on the settings objects, so override_settings gets its own headers
        key = tuple(id(getattr(settings, setting, None)) for _h, _e, setting, _r in self.HEADERS)
        if key not in self._built:
            self._built = {key: tuple(build_policy(report_only=ro) for *_x, ro in self.HEADERS)}
        return dict(zip((h for h, *_x in self.HEADERS), self._built[key], strict=True))

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, part) for part in self.OWN_PARTS
        ):
            return super().process_response(request, response)
        if response.status_code in (HTTPStatus.INTERNAL_SERVER_ERROR, HTTPStatus.NOT_FOUND) and (
            settings.DEBUG
        ):
            return response
        policies = self._policies()
        for header, exempt, setting, _report_only in self.HEADERS:
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                policies[header]
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(tuple(prefixes))
            ):
                response[header] = policies[header]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
