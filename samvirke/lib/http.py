"""A JSON client for public registers (KLASS, Enhetsregisteret): timeouts, retries with
backoff on 429/503 (honouring Retry-After), and errors that name the service in words."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:  # httpx loads where a client is made, not with every command
    import httpx


class ServiceError(Exception):
    """The service could not give the data; the message says why in the user's language."""


class JsonClient:
    def __init__(
        self,
        service: str,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        retries: int = 4,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.service = service
        import httpx

        self._http = httpx.Client(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": "samvirke", "Accept": "application/json"},
        )
        self._retries = retries
        self._sleep = sleep

    def get_json(self, path: str, params: dict[str, str] | None = None) -> object:
        import httpx

        for attempt in range(self._retries + 1):
            try:
                response = self._http.get(path, params=params)
            except httpx.TimeoutException:
                raise ServiceError(_("%s did not answer in time.") % self.service) from None
            except httpx.TransportError as exc:
                raise ServiceError(
                    _("Cannot reach %(service)s (%(error)s); nothing was changed.")
                    % {"service": self.service, "error": exc.__class__.__name__}
                ) from None
            if response.status_code in (429, 503) and attempt < self._retries:
                self._sleep(backoff(response, attempt))
                continue
            if response.status_code >= 400:
                raise ServiceError(
                    _("%(service)s answered %(status)s for %(path)s.")
                    % {"service": self.service, "status": response.status_code, "path": path}
                )
            try:
                return response.json()
            except ValueError:
                raise ServiceError(_("%s did not answer with JSON.") % self.service) from None
        raise ServiceError(_("%s is busy; try again later.") % self.service)


def backoff(response: httpx.Response, attempt: int) -> float:
    retry_after = response.headers.get("Retry-After", "")
    if retry_after.isdigit():
        return min(float(retry_after), 120.0)
    return min(2.0**attempt, 60.0)
