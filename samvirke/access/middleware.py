"""Sets the viewer for the request: from an API token on /api/, else from the session."""

from __future__ import annotations

import logging

from samvirke.access import audit, viewers
from samvirke.access.models import ApiToken
from samvirke.lib.problem import problem
from samvirke.lib.viewer import acting_as

security = logging.getLogger("samvirke.security")


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header.startswith("Bearer "):
            token = ApiToken.find(header.removeprefix("Bearer ").strip())
            if token is None:
                security.warning("refused api token path=%s", request.path)
                return problem(401, "The API token is unknown, revoked or expired.")
            if not token.holder_has_role():
                security.warning("refused api token of a user without its role %s", token.key_id)
                return problem(
                    401, "The API token's user is inactive or no longer holds the token's role."
                )
            token.touch()
            request.user = token.created_by  # history records the token's owner
            request.api_token = token
            viewer = viewers.for_token(token)
            with acting_as(viewer), audit.channel(f"API token {token.key_id}"):
                return self.get_response(request)
        request.api_token = None
        with acting_as(viewers.for_user(request.user)):
            return self.get_response(request)
