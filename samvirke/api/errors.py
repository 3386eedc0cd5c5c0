"""Errors as RFC 9457 problem details (application/problem+json), with a clear message."""

from __future__ import annotations

import logging

from django.db import DataError
from django.http import Http404, HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from samvirke.lib.problem import problem

log = logging.getLogger("django.request")


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

    @api.exception_handler(DataError)
    def data_error(request: HttpRequest, exc: DataError):
        # the database refused a value no check caught (e.g. a character PostgreSQL cannot
        # store): the input is at fault, and the answer says so instead of a 500
        log.warning("database refused input path=%s: %s", request.path, exc)
        return problem(400, "The database cannot store a value of the request.")

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception):
        log.error("API error path=%s", request.path, exc_info=exc)
        return problem(500, "Something went wrong on the server; it has been logged.")
