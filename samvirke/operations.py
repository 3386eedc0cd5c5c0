"""Running samvirke on several servers: health and readiness for load balancers, and a
request id in every log line.

``/healthz`` says the process is up; ``/readyz`` checks the database, the cache and the
file storages (documents, editions) and answers 503 naming what failed. Both are answered
by HealthMiddleware before the host and HTTPS checks, so a load balancer can ask by IP.
"""

from __future__ import annotations

import contextvars
import logging
import os
import re
import uuid
from pathlib import Path

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.http import JsonResponse

log = logging.getLogger("samvirke.operations")

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    token = uuid.uuid4().hex
    cache.set("samvirke:readyz", token, 10)
    if cache.get("samvirke:readyz") != token:
        raise RuntimeError("the cache did not keep a value")


def check_storage(alias: str) -> None:
    storage = storages[alias]
    if isinstance(storage, FileSystemStorage):  # a local folder: there (or creatable), writable
        folder = Path(storage.location)
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(f"{alias}: the folder is not writable")
    else:  # a bucket: listing fails when it is missing or unreachable
        storage.listdir("")


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "documents": lambda: check_storage("documents"),
    "editions": lambda: check_storage("editions"),
}


def readiness() -> tuple[bool, dict[str, str]]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure makes the server not ready; say which
            log.warning("readyz: %s failed: %s", name, exc.__class__.__name__)
            results[name] = f"failed: {exc.__class__.__name__}"
    return all(v == "ok" for v in results.values()), results


class HealthMiddleware:
    """Answers /healthz and /readyz first: no host check, no HTTPS redirect, no session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return JsonResponse({"status": "ok"})
        if request.path == "/readyz":
            ready, checks = readiness()
            return JsonResponse(
                {"status": "ok" if ready else "unavailable", "checks": checks},
                status=200 if ready else 503,
            )
        return self.get_response(request)


class RequestIdMiddleware:
    """Every request gets an id (the proxy's X-Request-ID if it is plain, else a new one):
    in the response header and in each log line written while serving it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _SAFE_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every log record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True
