"""Errors as RFC 9457 problem details (application/problem+json), with a clear message."""

from __future__ import annotations

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    422: "Unprocessable input",
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


def install(api: NinjaAPI) -> None:
    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError):
        return problem(exc.status_code, str(exc))

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError):
        fields = [
            {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e["msg"]}
            for e in exc.errors
        ]
        return problem(
            422, "; ".join(f"{f['field']}: {f['message']}" for f in fields), errors=fields
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404):
        return problem(404, str(exc) or "No such record.")

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError):
        return problem(401, "Authentication required.")
