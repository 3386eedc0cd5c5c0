"""SSB's classification service KLASS: municipality numbers over time (classification 131).

`codes.json?from=&to=` lists every code valid in the range with its validity;
`changes.json?from=&to=` the replacements (oldCode → newCode, changeOccurred). The field
names are KLASS's own (its source: CodeList, CodeChangeList).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from samvirke.lib.http import JsonClient, ServiceError

BASE_URL = "https://data.ssb.no/api/klass/v1"
MUNICIPALITIES = "131"
UNKNOWN_CODE = "9999"  # "Uoppgitt": not a municipality


@dataclass(frozen=True)
class Code:
    number: str
    name: str
    valid_from: str  # YYYY-MM-DD
    valid_to: str  # YYYY-MM-DD, "" while in use


@dataclass(frozen=True)
class Change:
    old: str
    new: str
    changed: str  # YYYY-MM-DD


class KlassClient(JsonClient):
    def __init__(self, **options):
        super().__init__("SSB KLASS", options.pop("base_url", BASE_URL), **options)

    def municipalities(self, start: str, end: str) -> list[Code]:
        document = self.get_json(
            f"/classifications/{MUNICIPALITIES}/codes.json", {"from": start, "to": end}
        )
        codes = _list(document, "codes")
        found: dict[str, Code] = {}
        for item in codes:
            number = str(item.get("code", ""))
            if len(number) != 4 or not number.isdigit() or number == UNKNOWN_CODE:
                continue
            valid_from = str(item.get("validFrom") or item.get("validFromInRequestedRange") or "")
            valid_to = str(item.get("validTo") or "")
            earlier = found.get(number)
            # a number listed twice (renamed in the range): keep the newest name, widest span
            if earlier is not None:
                valid_from = (
                    min(earlier.valid_from, valid_from) if valid_from else earlier.valid_from
                )
                if earlier.valid_to == "" or valid_to == "":
                    valid_to = ""
                else:
                    valid_to = max(earlier.valid_to, valid_to)
            found[number] = Code(
                number, str(item.get("name", "")), valid_from, _day_before(valid_to)
            )
        return sorted(found.values(), key=lambda c: c.number)

    def changes(self, start: str, end: str) -> list[Change]:
        document = self.get_json(
            f"/classifications/{MUNICIPALITIES}/changes.json", {"from": start, "to": end}
        )
        return [
            Change(str(c["oldCode"]), str(c["newCode"]), str(c["changeOccurred"]))
            for c in _list(document, "codeChanges")
            if c.get("oldCode") and c.get("newCode") and c["oldCode"] != c["newCode"]
        ]


def _list(document: object, key: str) -> list[dict]:
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ServiceError(_("KLASS answered without the list “%s”.") % key)
    return items


def _day_before(day: str) -> str:
    """KLASS's validTo is the first day a code is no longer valid; the register keeps the
    last day it was."""
    if not day:
        return ""
    return (date.fromisoformat(day[:10]) - timedelta(days=1)).isoformat()
