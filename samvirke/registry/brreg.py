"""Brønnøysundregistra's open Enhetsregisteret API: inter-municipal organisations.

`GET /enheter?organisasjonsform=IKS&size=&page=` pages through units (HAL: `_embedded.enheter`,
`page.totalPages`); `GET /enheter/{orgnr}/roller` gives role groups whose roles name a person
or a unit (`enhet.organisasjonsnummer`). An IKS's owners hold participant roles (DTPR,
DTSO). Kommunale oppgåvefellesskap and regional councils have no organisation form of their
own (they are "ANNA", other legal person): they are found by name, and the register says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from samvirke.lib.http import JsonClient, ServiceError

BASE_URL = "https://data.brreg.no/enhetsregisteret/api"
PAGE_SIZE = 100
MAX_RESULTS = 10_000  # the API answers at most size × (page + 1) ≤ 10 000
PARTICIPANT_ROLES = {"DTPR", "DTSO"}  # deltakar med proratarisk / solidarisk ansvar
# (organisation form, name search, samvirke's legal form, read from the name?)
SEARCHES = (
    ("IKS", "", "iks", False),
    ("ANNA", "oppgavefellesskap", "ko", True),
    ("ANNA", "oppgåvefellesskap", "ko", True),
    ("ANNA", "regionråd", "ipr", True),
)


@dataclass(frozen=True)
class Unit:
    org_number: str
    name: str
    form: str  # Enhetsregisteret's organisation form code (IKS, ANNA …)
    legal_form: str  # samvirke's (iks, ko, ipr)
    by_name: bool  # the legal form was read from the name, not the organisation form
    address: str
    municipality: str  # the business address's municipality number


class BrregClient(JsonClient):
    def __init__(self, **options):
        super().__init__("Enhetsregisteret", options.pop("base_url", BASE_URL), **options)

    def units(self) -> list[Unit]:
        """Every IKS, and the KOs and regional councils found by name."""
        found: dict[str, Unit] = {}
        for form, name, legal_form, by_name in SEARCHES:
            for item in self._search(form, name):
                unit = _unit(item, legal_form, by_name)
                found.setdefault(unit.org_number, unit)
        return sorted(found.values(), key=lambda u: u.org_number)

    def participants(self, org_number: str) -> list[str]:
        """Organisation numbers of the units holding a participant role."""
        document = self.get_json(f"/enheter/{org_number}/roller")
        groups = document.get("rollegrupper") if isinstance(document, dict) else None
        if not isinstance(groups, list):
            raise ServiceError(_("Enhetsregisteret answered without role groups."))
        numbers = []
        for group in groups:
            for role in group.get("roller") or []:
                code = (role.get("type") or {}).get("kode")
                unit = role.get("enhet") or {}
                if code in PARTICIPANT_ROLES and unit.get("organisasjonsnummer"):
                    if not role.get("fratraadt") and not role.get("avregistrert"):
                        numbers.append(str(unit["organisasjonsnummer"]))
        return sorted(set(numbers))

    def _search(self, form: str, name: str) -> list[dict]:
        items, page = [], 0
        while True:
            params = {"organisasjonsform": form, "size": str(PAGE_SIZE), "page": str(page)}
            if name:
                params["navn"] = name
            document = self.get_json("/enheter", params)
            if not isinstance(document, dict) or not isinstance(document.get("page"), dict):
                raise ServiceError(_("Enhetsregisteret answered without paging."))
            items += (document.get("_embedded") or {}).get("enheter") or []
            pages = int(document["page"].get("totalPages") or 0)
            page += 1
            if page >= pages or PAGE_SIZE * (page + 1) > MAX_RESULTS:
                return items


def _unit(item: dict, legal_form: str, by_name: bool) -> Unit:
    address = item.get("forretningsadresse") or item.get("postadresse") or {}
    lines = [
        *(address.get("adresse") or []),
        " ".join(p for p in (address.get("postnummer"), address.get("poststed")) if p),
    ]
    return Unit(
        str(item.get("organisasjonsnummer", "")),
        str(item.get("navn", "")),
        str((item.get("organisasjonsform") or {}).get("kode", "")),
        legal_form,
        by_name,
        ", ".join(line for line in lines if line)[:300],
        str(address.get("kommunenummer") or ""),
    )
