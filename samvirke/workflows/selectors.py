"""Reads of the ownership workflows, shared by the portal, the staff pages, the API and the CLI.

Each workflow shows its standard shape (every required agreement element, every
investigation and transfer step) with what the register holds; a step or element nobody
recorded is shown as unknown, never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from samvirke.lib import partial_date
from samvirke.lib.fields import visible_q
from samvirke.lib.months import month_names
from samvirke.registry.models import Agreement, Cooperation, Municipality
from samvirke.workflows.calc import agreement_law, host_selection
from samvirke.workflows.models import (
    AgreementElement,
    HostCriterion,
    HostScore,
    HostSelection,
    Investigation,
    InvestigationStep,
    Progress,
    Step,
    Transfer,
    TransferStep,
)


@dataclass(frozen=True)
class Checklist:
    regime: str | None  # None: no statute sets a minimum content
    law: str
    checks: list[agreement_law.Check]
    records: dict[str, AgreementElement]

    @property
    def complete(self) -> bool:
        return self.regime is not None and agreement_law.complete(self.checks)

    @property
    def rows(self) -> list[tuple[str, agreement_law.Check, AgreementElement | None]]:
        """(label, check, what was recorded) for each required element, in the law's order."""
        return [
            (AgreementElement.Element(c.element).label, c, self.records.get(c.element))
            for c in self.checks
        ]

    @property
    def gaps(self) -> list[agreement_law.Check]:
        return [check for check in self.checks if check.state != agreement_law.PRESENT]


def agreement_checklist(agreement: Agreement) -> Checklist:
    """The law's required elements for the agreement's kind, and what the register shows.

    Expects ``elements``, ``parties`` and ``cost_key_link`` loaded (see agreements()).
    """
    legal_model = ""
    if agreement.cooperation_id:
        legal_model = agreement.cooperation.legal_model
    elif agreement.organisation_id:
        legal_model = agreement.organisation.legal_form
    regime = agreement_law.regime(agreement.kind, legal_model)
    records = {e.element: e for e in agreement.elements.all()}
    if regime is None:
        return Checklist(None, "", [], records)
    derived = {
        agreement_law.PARTICIPANTS: bool(agreement.parties.all()),
        agreement_law.HOST_MUNICIPALITY: agreement.host_id is not None,
        agreement_law.COST_SHARING: bool(agreement.cost_key or _has_cost_key_link(agreement)),
    }
    recorded = {code: e.state for code, e in records.items()}
    checks = agreement_law.evaluate(regime, recorded, derived)
    return Checklist(regime, agreement_law.LAW[regime], checks, records)


def _has_cost_key_link(agreement: Agreement) -> bool:
    try:
        return agreement.cost_key_link is not None
    except Agreement.cost_key_link.RelatedObjectDoesNotExist:
        return False


@dataclass(frozen=True)
class Placed:
    """A candidate's place in the ranking (ranked by municipality number, shown by name)."""

    municipality: Municipality
    total: Fraction

    @property
    def candidate(self) -> str:
        return self.municipality.name


@dataclass(frozen=True)
class Matrix:
    selection: HostSelection
    criteria: list[HostCriterion]
    candidates: list[Municipality]
    cells: dict[tuple[int, int], HostScore]  # (criterion id, municipality id)
    missing: list[str]  # what is needed before a ranking can be made
    ranking: list[Placed]
    stability: list[host_selection.Stability]  # challengers by municipality number


def host_selections() -> QuerySet[HostSelection]:
    queryset = HostSelection.objects.filter(visible_q(Cooperation, "cooperation"))
    scores = HostScore.objects.select_related("municipality")
    return queryset.select_related(
        "cooperation", "criteria_decision", "decision", "chosen"
    ).prefetch_related(
        "candidates__municipality",
        Prefetch(
            "criteria",
            queryset=HostCriterion.objects.prefetch_related(Prefetch("scores", queryset=scores)),
        ),
    )


def host_matrix(selection: HostSelection) -> Matrix:
    """The comparison matrix and, once every weight and score is there, the ranking."""
    criteria = list(selection.criteria.all())
    candidates = [c.municipality for c in selection.candidates.all()]
    cells = {(s.criterion_id, s.municipality_id): s for c in criteria for s in c.scores.all()}
    missing = []
    if not criteria:
        missing.append("criteria")
    if any(c.weight is None for c in criteria):
        missing.append("weights")
    if len(candidates) < 2:
        missing.append("candidates")
    if any((c.id, m.id) not in cells for c in criteria for m in candidates):
        missing.append("scores")
    ranking: list[Placed] = []
    stability: list[host_selection.Stability] = []
    if not missing:
        # keyed by municipality number: names are not unique (two Herøy, two Våler)
        by_number = {m.number: m for m in candidates}
        weights = {c.name: Fraction(c.weight) for c in criteria}
        scores = {
            m.number: {c.name: Fraction(cells[(c.id, m.id)].score) for c in criteria}
            for m in candidates
        }
        try:
            ranking = [
                Placed(by_number[r.candidate], r.total)
                for r in host_selection.rank(weights, scores)
            ]
            stability = host_selection.sensitivity(weights, scores)
        except host_selection.SelectionError as exc:
            missing.append(str(exc))
    return Matrix(selection, criteria, candidates, cells, missing, ranking, stability)


@dataclass(frozen=True)
class StepView:
    step: str
    label: str
    record: InvestigationStep | None
    outputs: list

    @property
    def status(self) -> str:
        return self.record.status if self.record else Progress.UNKNOWN


def investigations() -> QuerySet[Investigation]:
    queryset = Investigation.objects.filter(visible_q(Cooperation, "cooperation"))
    return queryset.select_related("cooperation").prefetch_related("steps__decision", "outputs")


def process_bar(investigation: Investigation) -> list[StepView]:
    """The five standard steps in order, each with what was recorded of it."""
    records = {s.step: s for s in investigation.steps.all()}
    outputs = list(investigation.outputs.all())
    return [
        StepView(code, label, records.get(code), [o for o in outputs if o.step == code])
        for code, label in Step.choices
    ]


@dataclass(frozen=True)
class TransferItem:
    kind: str
    label: str
    record: TransferStep | None
    # what the transfer itself records for this step: the date step is done when the
    # transfer date is recorded, whether or not a step row says so
    derived_note: str = ""

    @property
    def status(self) -> str:
        if self.record:
            return self.record.status
        return Progress.DONE if self.derived_note else Progress.UNKNOWN

    @property
    def status_label(self) -> str:
        return str(Progress(self.status).label)

    @property
    def note(self) -> str:
        return self.record.note if self.record and self.record.note else self.derived_note


def transfers() -> QuerySet[Transfer]:
    queryset = Transfer.objects.filter(visible_q(Cooperation, "cooperation"))
    return queryset.select_related("cooperation__host").prefetch_related("steps")


def transfer_checklist(transfer: Transfer) -> list[TransferItem]:
    """Every standard step of a transfer of undertaking, with what was recorded."""
    records = {s.kind: s for s in transfer.steps.all()}
    derived = {}
    if transfer.date:
        derived[TransferStep.Kind.DATE] = _("Transfer date recorded: %(date)s") % {
            "date": partial_date.describe(partial_date.parse(transfer.date), month_names())
        }
    return [
        TransferItem(code, label, records.get(code), derived.get(code, ""))
        for code, label in TransferStep.Kind.choices
    ]


def cooperation_workflows(cooperation: Cooperation) -> dict:
    """What the cooperation page shows of the workflows."""
    return {
        "investigations": [
            (i, process_bar(i)) for i in investigations().filter(cooperation=cooperation)
        ],
        "host_matrices": [
            host_matrix(s) for s in host_selections().filter(cooperation=cooperation)
        ],
        "transfer": next(
            ((t, transfer_checklist(t)) for t in transfers().filter(cooperation=cooperation)),
            None,
        ),
    }
