"""Who may write through the API: a token's holder, or a logged-in, second-factor-verified
session with its CSRF token.

Reads need no authentication; the access middleware has already set what the caller sees.
"""

from __future__ import annotations

from ninja.errors import HttpError
from ninja.security import django_auth

from samvirke.access import scope
from samvirke.lib import viewer


class Editor:
    def __call__(self, request):
        token = getattr(request, "api_token", None)
        if token is not None:
            return token
        user = django_auth(request)
        # a session writes only with the second factor the staff pages demand
        return user if user and request.user.is_verified() else None


editor = Editor()


def require_change(obj) -> None:
    """403 unless the caller's role lets them change ``obj``."""
    if not scope.can_change(obj, viewer.current()):
        raise HttpError(403, "Your role does not let you change this record.")
