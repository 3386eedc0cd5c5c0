"""Who may write through the API: a token's holder, or a logged-in, second-factor-verified
session with its CSRF token.

Reads need no authentication; the access middleware has already set what the caller sees.
"""

from __future__ import annotations

from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from samvirke.access import scope
from samvirke.lib import viewer


class TokenAuth(HttpBearer):
    """An API token (Authorization: Bearer smv_…); the access middleware has already
    checked it (and its user's current role) and refused it if it is no good."""

    def authenticate(self, request, token):
        return getattr(request, "api_token", None)


class VerifiedSession(SessionAuth):
    """A logged-in session with its CSRF token and the second factor the staff pages demand."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and request.user.is_verified() else None


# both are declared in the OpenAPI document as the write operations' security schemes
editor = [TokenAuth(), VerifiedSession()]


def require_change(obj) -> None:
    """403 unless the caller's role lets them change ``obj``."""
    if not scope.can_change(obj, viewer.current()):
        raise HttpError(403, "Your role does not let you change this record.")
