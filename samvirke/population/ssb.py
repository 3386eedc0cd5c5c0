"""Statistics Norway's PxWebApi v2: the HTTP edge. Decoding and mapping are separate.

httpx with timeouts; at most 30 requests a minute (SSB's limit per IP); retry with
backoff on 429 and 503 (honouring Retry-After); a clear error for 400, 403, 404 and
for a network that cannot be reached.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from samvirke.population.calc.jsonstat import Dataset, JsonStatError, decode

if TYPE_CHECKING:  # httpx loads where a client is made, not with every command
    import httpx

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
POPULATION_TABLE = "01222"
AGE_TABLE = "07459"
# The projection alternatives samvirke reads: main, low and high national growth
ALTERNATIVES = ("MMMM", "LLML", "HHMH")
PROJECTION_YEARS = ("2030", "2040", "2050")

# SSB 01222 ContentsCode → our measure
CONTENTS_01222 = {
    "Folketallet1": "population_start",
    "Fodte2": "births",
    "Dode3": "deaths",
    "Fodselsoverskudd4": "birth_surplus",
    "Innvandring5": "immigration",
    "Utvandring6": "emigration",
    "Tilflytting7": "in_moves",
    "Fraflytting8": "out_moves",
    "Nettoinnflytting9": "net_migration",
    "Folketilvekst10": "growth",
    "Folketallet11": "population_end",
}


class SsbError(Exception):
    """SSB could not give the data; the message says why in the user's language."""


class SsbClient:
    def __init__(
        self,
        *,
        base_url: str = BASE_URL,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        per_minute: int = 30,
        retries: int = 4,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import httpx

        self._http = httpx.Client(
            base_url=base_url,
            timeout=timeout,
            transport=transport,
            headers={"User-Agent": "samvirke"},
        )
        self._per_minute = per_minute
        self._retries = retries
        self._clock, self._sleep = clock, sleep
        self._sent: deque[float] = deque()

    def get_json(self, path: str, params: dict[str, str]) -> object:
        import httpx

        for attempt in range(self._retries + 1):
            self._wait_for_slot()
            try:
                response = self._http.get(path, params=params)
            except httpx.TimeoutException:
                raise SsbError(_("SSB did not answer in time.")) from None
            except httpx.TransportError as exc:
                raise SsbError(_("Cannot reach SSB (%s).") % exc.__class__.__name__) from None
            if response.status_code in (429, 503) and attempt < self._retries:
                self._sleep(_backoff(response, attempt))
                continue
            _raise_for_status(response)
            try:
                return response.json()
            except ValueError:
                raise SsbError(_("SSB answered with something that is not JSON.")) from None
        raise AssertionError("unreachable")  # the loop returns or raises

    def dataset(self, table: str, params: dict[str, str]) -> Dataset:
        document = self.get_json(f"/tables/{table}/data", {"lang": "no", **params})
        try:
            return decode(document)
        except JsonStatError as exc:
            raise SsbError(_("SSB's answer is not JSON-stat as expected: %s") % exc) from None

    def population(self, municipalities: list[str], from_period: str) -> Dataset:
        """Table 01222: every measure, quarterly, from a quarter on."""
        return self.dataset(
            POPULATION_TABLE,
            {
                "valueCodes[Region]": ",".join(municipalities),
                "valueCodes[ContentsCode]": ",".join(CONTENTS_01222),
                "valueCodes[Tid]": f"from({from_period})",
            },
        )

    def population_by_age(self, municipalities: list[str], from_year: str) -> Dataset:
        """Table 07459: persons at 1 January by sex and one-year age."""
        return self.dataset(
            AGE_TABLE,
            {
                "valueCodes[Region]": ",".join(municipalities),
                "valueCodes[Kjonn]": "*",
                "valueCodes[Alder]": "*",
                "valueCodes[ContentsCode]": "Personer1",
                "valueCodes[Tid]": f"from({from_year})",
            },
        )

    def newest_projection_table(self, *, by_age: bool = False) -> dict:
        """The newest regional population projection table (by age, if asked), found by
        search; the search answers with variable labels ("region", "alder")."""
        found = self.get_json(
            "/tables",
            {
                "query": "befolkningsframskrivinger region",
                "includeDiscontinued": "false",
                "lang": "no",
                "pageSize": "100",
            },
        )
        tables = found.get("tables", []) if isinstance(found, dict) else []
        regional = [
            t
            for t in tables
            # variableNames are labels ("region", "år"), not codes: compare case-blind
            if {"region", *(["alder"] if by_age else [])}
            <= {str(name).lower() for name in t.get("variableNames") or []}
            and "framskrev" in str(t.get("label", "")).lower()
        ]
        if not regional:
            raise SsbError(_("SSB's table search found no regional population projection."))
        return max(regional, key=lambda t: (str(t.get("updated", "")), str(t.get("id", ""))))

    def metadata(self, table: str) -> Dataset:
        """A table's variables and codes (its metadata, decoded as an empty dataset)."""
        metadata = self.get_json(f"/tables/{table}/metadata", {"lang": "no"})
        try:
            return decode({**metadata, "value": [None] * _cell_count(metadata)})
        except (JsonStatError, TypeError, AttributeError) as exc:
            raise SsbError(
                _("SSB's metadata for table %(table)s is not as expected: %(error)s")
                % {"table": table, "error": exc}
            ) from None

    def projection(self, table: str, municipalities: list[str]) -> Dataset:
        """The projection's main alternative (MMMM) for the municipalities, every year."""
        meta = self.metadata(table)
        params = {"valueCodes[Region]": ",".join(municipalities), "valueCodes[Tid]": "*"}
        for dim, codes in meta.categories.items():
            main = [c for c in codes if "MMMM" in c.upper()]
            if main:
                params[f"valueCodes[{dim}]"] = main[0]
        if not any("MMMM" in v for v in params.values()):
            raise SsbError(_("Table %s has no main alternative (MMMM).") % table)
        return self.dataset(table, params)

    def projection_by_age(self, table: str, areas: list[str]) -> Dataset:
        """The projection by sex and one-year age for the areas, in its first year (which
        must equal the registered one) and in 2030, 2040 and 2050: the main alternative
        (MMMM) and the low (LLML) and high (HHMH) national growth where published."""
        meta = self.metadata(table)
        if "Alder" not in meta.categories:
            raise SsbError(_("Table %s has no ages (no variable Alder).") % table)
        years = meta.categories.get("Tid", [])
        chosen = [y for y in years if y == years[0] or y in PROJECTION_YEARS]
        params = {
            "valueCodes[Region]": ",".join(areas),
            "valueCodes[Alder]": "*",
            "valueCodes[Tid]": ",".join(chosen),
        }
        if "Kjonn" in meta.categories:
            params["valueCodes[Kjonn]"] = "*"
        alternatives = {}
        for dim, codes in meta.categories.items():
            chosen = [c for c in codes if any(a in c.upper() for a in ALTERNATIVES)]
            if chosen:
                alternatives[dim] = chosen
        if not any("MMMM" in c.upper() for codes in alternatives.values() for c in codes):
            raise SsbError(_("Table %s has no main alternative (MMMM).") % table)
        for dim, chosen in alternatives.items():
            params[f"valueCodes[{dim}]"] = ",".join(chosen)
        return self.dataset(table, params)

    def _wait_for_slot(self) -> None:
        """Keep to at most ``per_minute`` requests in any 60 seconds."""
        now = self._clock()
        while self._sent and now - self._sent[0] >= 60:
            self._sent.popleft()
        if len(self._sent) >= self._per_minute:
            self._sleep(60 - (now - self._sent[0]))
            self._sent.popleft()
        self._sent.append(self._clock())


def _cell_count(metadata: dict) -> int:
    count = 1
    for size in metadata.get("size", []):
        count *= size
    return count


def _backoff(response: httpx.Response, attempt: int) -> float:
    retry_after = response.headers.get("Retry-After", "")
    if retry_after.isdigit():
        return min(float(retry_after), 120.0)
    return min(2.0**attempt, 60.0)


def _raise_for_status(response: httpx.Response) -> None:
    status = response.status_code
    if status < 400:
        return
    messages = {
        400: _("SSB rejected the query as malformed (400)."),
        403: _("SSB refused the query: it asks for more than 800 000 cells (403)."),
        404: _("SSB has no such table, or the address is too long (404)."),
        429: _("SSB says too many requests; try again in a minute (429)."),
        503: _("SSB's service is down for now; try again later (503)."),
    }
    raise SsbError(messages.get(status, _("SSB answered with an error (%s).") % status))
