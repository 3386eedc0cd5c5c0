"""What the law requires an agreement of each kind to contain. Pure Python; no Django.

The regimes and their minimum content (the elements the board's review must find):

- host-municipality cooperation, kommunelova § 20-4;
- municipal joint undertaking (kommunalt oppgåvefellesskap, KO), kommunelova § 19-4;
- inter-municipal company (IKS), IKS-lova § 4;
- inter-municipal political council, kommunelova § 18-4.

Withdrawal and dissolution are required content for host-municipality agreements and
(with the owners' shares) for KO and IKS; for KO and IKS the law has fall-back rules
(kommunelova §§ 19-8, 19-9; IKS-lova §§ 30–32), which a review should still see settled.

An element's state is what the register recorded for it (``present`` or ``missing``,
e.g. from a review), else what the register's own fields show (parties, host, cost key),
else ``unknown``: never assumed present.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

HOST, KO, IKS, COUNCIL = "vertskommune", "ko", "iks", "ipr"
PRESENT, MISSING, UNKNOWN = "present", "missing", "unknown"

PARTICIPANTS = "participants"
HOST_MUNICIPALITY = "host_municipality"
OFFICE_MUNICIPALITY = "office_municipality"
TASKS_AUTHORITY = "tasks_authority"
COST_SHARING = "cost_sharing"
OWNERSHIP_SHARES = "ownership_shares"
LIABILITY_SHARES = "liability_shares"
WITHDRAWAL = "withdrawal"
DISSOLUTION = "dissolution"

ELEMENTS = (
    PARTICIPANTS,
    HOST_MUNICIPALITY,
    OFFICE_MUNICIPALITY,
    TASKS_AUTHORITY,
    COST_SHARING,
    OWNERSHIP_SHARES,
    LIABILITY_SHARES,
    WITHDRAWAL,
    DISSOLUTION,
)

LAW = {
    HOST: "kommunelova § 20-4",
    KO: "kommunelova § 19-4",
    IKS: "IKS-lova § 4",
    COUNCIL: "kommunelova § 18-4",
}

REQUIRED: dict[str, tuple[str, ...]] = {
    HOST: (
        PARTICIPANTS,
        HOST_MUNICIPALITY,
        TASKS_AUTHORITY,
        COST_SHARING,
        WITHDRAWAL,
        DISSOLUTION,
    ),
    KO: (
        PARTICIPANTS,
        OFFICE_MUNICIPALITY,
        TASKS_AUTHORITY,
        COST_SHARING,
        OWNERSHIP_SHARES,
        LIABILITY_SHARES,
        WITHDRAWAL,
        DISSOLUTION,
    ),
    IKS: (
        PARTICIPANTS,
        OFFICE_MUNICIPALITY,
        TASKS_AUTHORITY,
        COST_SHARING,
        OWNERSHIP_SHARES,
        LIABILITY_SHARES,
        WITHDRAWAL,
        DISSOLUTION,
    ),
    COUNCIL: (PARTICIPANTS, OFFICE_MUNICIPALITY, TASKS_AUTHORITY, COST_SHARING, WITHDRAWAL),
}


@dataclass(frozen=True)
class Check:
    element: str
    state: str  # present, missing or unknown
    recorded: bool  # the state was recorded, not read from the register's fields


def regime(agreement_kind: str, legal_model: str) -> str | None:
    """The regime whose minimum content applies, or None when no statute sets one.

    ``agreement_kind`` is the agreement's kind, ``legal_model`` the legal model of the
    cooperation (or organisation) it governs, "" when neither is known.
    """
    if agreement_kind == "vertskommuneavtale" or legal_model.startswith("vertskommune"):
        return HOST
    if agreement_kind == "selskapsavtale" or legal_model == "iks":
        return IKS
    if legal_model in (KO, COUNCIL):
        return legal_model
    return None


def evaluate(which: str, recorded: Mapping[str, str], derived: Mapping[str, bool]) -> list[Check]:
    """Each required element of ``which`` regime with its state, in the law's order."""
    checks = []
    for element in REQUIRED[which]:
        if recorded.get(element) in (PRESENT, MISSING):
            checks.append(Check(element, recorded[element], recorded=True))
        elif derived.get(element):
            checks.append(Check(element, PRESENT, recorded=False))
        else:
            checks.append(Check(element, UNKNOWN, recorded=False))
    return checks


def complete(checks: list[Check]) -> bool:
    return all(check.state == PRESENT for check in checks)
