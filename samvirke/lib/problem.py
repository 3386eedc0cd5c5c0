"""Errors as RFC 9457 problem details (application/problem+json), with a clear message.

Shared by the API's error handlers and the access middleware (a refused token), so access
does not depend on the API.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views import defaults

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    422: "Unprocessable input",
    500: "Internal server error",
}


def problem(status: int, detail: str, **extra) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        **extra,
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def bad_request(request, exception):
    """Django's 400 (a body over the size limit, a malformed request): problem+json on the
    API, the usual page elsewhere."""
    if request.path.startswith("/api/"):
        return problem(400, "The request cannot be read (too large or malformed).")
    return defaults.bad_request(request, exception)


def server_error(request):
    """Django's 500: problem+json on the API, the usual page elsewhere."""
    if request.path.startswith("/api/"):
        return problem(500, "Something went wrong on the server; it has been logged.")
    return defaults.server_error(request)
