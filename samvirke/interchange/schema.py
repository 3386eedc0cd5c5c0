"""The register's file format: which records, fields and natural keys an export holds.

One description serves export, import and the Sogn dataset, so the three cannot
drift apart. Records refer to each other by natural keys (municipality number,
slugs), never by database ids. Entities are listed in dependency order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from samvirke.finance import models as fin
from samvirke.governance import models as gov
from samvirke.meetings import models as mtg
from samvirke.population import models as pop
from samvirke.registry import models as reg
from samvirke.workflows import models as wf


@dataclass(frozen=True)
class Field:
    """One key of a record. ``kind``: text, int, decimal, bool, date (partial) or ref."""

    key: str
    attr: str = ""
    kind: str = "text"
    ref: type[models.Model] | None = None
    required: bool = False

    @property
    def model_attr(self) -> str:
        return self.attr or self.key


@dataclass(frozen=True)
class Child:
    """A list inside a record, such as a cooperation's participants.

    ``identity`` names the fields that tell two items of the same parent apart;
    an empty identity means the item's position in the list (stored as ``order``).
    A ``flat`` child is written as a plain list of one field's values.
    """

    key: str
    label: str
    model: type[models.Model]
    parent_attr: str
    fields: tuple[Field, ...]
    identity: tuple[str, ...] = ()
    flat: bool = False


@dataclass(frozen=True)
class Entity:
    key: str
    label: str
    model: type[models.Model]
    natural_key: tuple[str, ...]
    fields: tuple[Field, ...]
    children: tuple[Child, ...] = ()


def ref(key: str, model: type[models.Model], *, attr: str = "", required: bool = False) -> Field:
    return Field(key, attr=attr, kind="ref", ref=model, required=required)


def date(key: str, attr: str = "", *, required: bool = False) -> Field:
    return Field(key, attr=attr, kind="date", required=required)


# The natural key of each model that other records refer to.
NATURAL_KEYS: dict[type[models.Model], str] = {
    reg.Municipality: "number",
    reg.Source: "slug",
    reg.Organisation: "slug",
    reg.Person: "slug",
    reg.ServiceArea: "slug",
    reg.Cooperation: "slug",
    gov.Body: "slug",
    gov.Decision: "slug",
    gov.Network: "slug",
    mtg.Meeting: "slug",
    reg.Agreement: "slug",
    fin.Criterion: "slug",
    fin.CostKey: "slug",
    wf.HostSelection: "slug",
}

ENTITIES: tuple[Entity, ...] = (
    Entity(
        "municipalities",
        "kommune",
        reg.Municipality,
        ("number",),
        (
            Field("number", required=True),
            Field("name", required=True),
            Field("county"),
            Field("org_number"),
            date("valid_from"),
            date("valid_to"),
        ),
    ),
    Entity(
        "municipality_changes",
        "kommunenummerendring",
        reg.MunicipalityChange,
        ("old", "new"),
        (
            ref("old", reg.Municipality, required=True),
            ref("new", reg.Municipality, required=True),
            date("changed", required=True),
        ),
    ),
    Entity(
        "sources",
        "kjelde",
        reg.Source,
        ("slug",),
        (
            Field("slug", required=True),
            Field("kind", required=True),
            Field("title", required=True),
            Field("reference"),
            Field("retrieved_at", kind="datetime"),
        ),
    ),
    Entity(
        "organisations",
        "organisasjon",
        reg.Organisation,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            Field("short_name"),
            Field("legal_form", required=True),
            Field("org_number"),
            ref("municipality", reg.Municipality),
            Field("address"),
            Field("description"),
            Field("report_title"),
        ),
        (
            Child(
                "members",
                "medlem",
                reg.OrganisationMember,
                "organisation",
                (ref("municipality", reg.Municipality, required=True),),
                identity=("municipality",),
                flat=True,
            ),
            Child(
                "works_with",
                "arbeider saman med",
                reg.OrganisationPartner,
                "organisation",
                (ref("partner", reg.Organisation, required=True),),
                identity=("partner",),
                flat=True,
            ),
        ),
    ),
    Entity(
        "persons",
        "person",
        reg.Person,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            Field("email"),
            Field("phone"),
        ),
    ),
    Entity(
        "service_areas",
        "tenesteområde",
        reg.ServiceArea,
        ("slug",),
        (Field("slug", required=True), Field("name", required=True)),
    ),
    Entity(
        "cooperations",
        "samarbeid",
        reg.Cooperation,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            ref("service_area", reg.ServiceArea),
            Field("legal_model"),
            ref("host", reg.Municipality),
            ref("owner", reg.Organisation),
            ref("organisation", reg.Organisation),
            Field("phase"),
            Field("phase_basis"),
            Field("phase_interpreted", kind="bool"),
            Field("no_host", kind="bool"),
            Field("stated_count", kind="int"),
            Field("stated_count_of", kind="int"),
            date("stated_count_date"),
            Field("stated_count_basis"),
            date("start"),
            Field("resources", kind="decimal"),
            ref("project_leader", reg.Person),
            Field("project_leader_note"),
            Field("description"),
            Field("progress"),
            Field("published", attr="is_published", kind="bool"),
        ),
        (
            Child(
                "participants",
                "deltakar",
                reg.Participation,
                "cooperation",
                (
                    ref("municipality", reg.Municipality, required=True),
                    Field("status"),
                    date("decided"),
                    Field("decided_by"),
                    date("start"),
                    date("end"),
                    Field("note"),
                    Field("basis"),
                ),
                identity=("municipality",),
            ),
            Child(
                "financing",
                "finansiering",
                reg.FinancingLine,
                "cooperation",
                (
                    ref("source", reg.Organisation),
                    Field("source_note"),
                    Field("amount", kind="decimal"),
                    Field("kind", required=True),
                    Field("note"),
                ),
            ),
            Child(
                "status_entries",
                "statuspunkt",
                reg.StatusEntry,
                "cooperation",
                (
                    date("date", required=True),
                    Field("text", required=True),
                    ref("source", reg.Source),
                    Field("published", attr="is_published", kind="bool"),
                ),
            ),
            Child(
                "next_steps",
                "neste steg",
                reg.NextStep,
                "cooperation",
                (date("due"), Field("text", required=True), Field("done", kind="bool")),
            ),
        ),
    ),
    Entity(
        "board_sections",
        "styredel",
        reg.BoardSection,
        ("organisation", "order"),
        (
            ref("organisation", reg.Organisation, required=True),
            Field("order", kind="int", required=True),
            Field("kind", required=True),
            Field("title"),
        ),
        (
            Child(
                "cooperations",
                "samarbeid",
                reg.BoardSectionCooperation,
                "section",
                (ref("cooperation", reg.Cooperation, required=True),),
                flat=True,
            ),
        ),
    ),
    Entity(
        "agreements",
        "avtale",
        reg.Agreement,
        ("slug",),
        (
            Field("slug", required=True),
            Field("title", required=True),
            Field("kind", required=True),
            ref("cooperation", reg.Cooperation),
            ref("organisation", reg.Organisation),
            ref("host", reg.Municipality),
            date("in_force"),
            date("review_date"),
            Field("responsible"),
            Field("notice_terms"),
            Field("cost_key"),
            Field("summary"),
            Field("published", attr="is_published", kind="bool"),
        ),
        (
            Child(
                "parties",
                "part",
                reg.AgreementParty,
                "agreement",
                (
                    ref("municipality", reg.Municipality, required=True),
                    Field("status"),
                    date("adopted"),
                    date("signed"),
                    Field("note"),
                ),
                identity=("municipality",),
            ),
            Child(
                "elements",
                "avtaleelement",
                wf.AgreementElement,
                "agreement",
                (
                    Field("element", required=True),
                    Field("state", required=True),
                    Field("clause"),
                    Field("note"),
                ),
                identity=("element",),
            ),
        ),
    ),
    Entity(
        "bodies",
        "organ",
        gov.Body,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            Field("kind", required=True),
            ref("organisation", reg.Organisation),
            ref("cooperation", reg.Cooperation),
            Field("description"),
        ),
        (
            Child(
                "memberships",
                "verv",
                gov.Membership,
                "body",
                (
                    ref("person", reg.Person),
                    Field("holder_title"),
                    Field("role", required=True),
                    ref("municipality", reg.Municipality),
                    date("start"),
                    date("end"),
                ),
            ),
        ),
    ),
    Entity(
        "staff",
        "tilsett",
        gov.Staff,
        ("organisation", "order"),
        (
            ref("organisation", reg.Organisation, required=True),
            Field("order", kind="int", required=True),
            ref("person", reg.Person, required=True),
            Field("title", required=True),
            Field("position_share", kind="decimal"),
            ref("employer", reg.Organisation),
        ),
    ),
    Entity(
        "decisions",
        "vedtak",
        gov.Decision,
        ("slug",),
        (
            Field("slug", required=True),
            ref("body", gov.Body, required=True),
            date("date"),
            Field("case_number"),
            Field("title", required=True),
            Field("text", required=True),
            Field("note"),
            Field("published", attr="is_published", kind="bool"),
        ),
        (
            Child(
                "cooperations",
                "samarbeid",
                gov.DecisionCooperation,
                "decision",
                (ref("cooperation", reg.Cooperation, required=True),),
                identity=("cooperation",),
                flat=True,
            ),
            Child(
                "follow_ups",
                "oppfølging",
                gov.FollowUp,
                "decision",
                (
                    Field("text", required=True),
                    Field("responsible"),
                    date("due"),
                    Field("status"),
                    Field("notes"),
                ),
            ),
        ),
    ),
    Entity(
        "networks",
        "nettverk",
        gov.Network,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            ref("organisation", reg.Organisation),
            Field("mandate"),
            Field("formal_mandate", kind="bool"),
            Field("committed", kind="bool"),
            date("established"),
            ref("cooperation", reg.Cooperation),
            Field("description"),
            Field("published", attr="is_published", kind="bool"),
        ),
        (
            Child(
                "members",
                "medlem",
                gov.NetworkMember,
                "network",
                (ref("municipality", reg.Municipality, required=True),),
                identity=("municipality",),
                flat=True,
            ),
        ),
    ),
    Entity(
        "principles",
        "prinsipp",
        gov.Principle,
        ("slug",),
        (
            Field("slug", required=True),
            ref("organisation", reg.Organisation),
            Field("kind", required=True),
            Field("order", kind="int", required=True),
            Field("title", required=True),
            Field("text"),
            ref("decision", gov.Decision),
        ),
    ),
    Entity(
        "meetings",
        "møte",
        mtg.Meeting,
        ("slug",),
        (
            Field("slug", required=True),
            ref("body", gov.Body),
            ref("network", gov.Network),
            Field("title"),
            date("date"),
            Field("start_time"),
            Field("place"),
            Field("video_link"),
            Field("status"),
            date("notice_sent"),
            Field("note"),
            Field("published", attr="is_published", kind="bool"),
        ),
        (
            Child(
                "invited",
                "invitert",
                mtg.Attendee,
                "meeting",
                (
                    ref("person", reg.Person),
                    Field("name"),
                    Field("kind"),
                    Field("present", kind="bool"),
                ),
            ),
        ),
    ),
    Entity(
        "agenda_items",
        "sak",
        mtg.AgendaItem,
        ("meeting", "order"),
        (
            ref("meeting", mtg.Meeting, required=True),
            Field("order", kind="int", required=True),
            Field("number"),
            Field("title", required=True),
            Field("proposal"),
            Field("closed", kind="bool"),
            Field("closed_basis"),
            Field("outcome"),
            ref("decision", gov.Decision),
            Field("note"),
        ),
        (
            Child(
                "cooperations",
                "samarbeid",
                mtg.AgendaItemCooperation,
                "item",
                (ref("cooperation", reg.Cooperation, required=True),),
                identity=("cooperation",),
                flat=True,
            ),
        ),
    ),
    Entity(
        "criteria",
        "kriterium",
        fin.Criterion,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            Field("unit"),
            Field("source"),
        ),
        (
            Child(
                "values",
                "verdi",
                fin.CriterionValue,
                "criterion",
                (
                    ref("municipality", reg.Municipality, required=True),
                    Field("value", kind="decimal", required=True),
                ),
                identity=("municipality",),
            ),
        ),
    ),
    Entity(
        "cost_keys",
        "fordelingsnøkkel",
        fin.CostKey,
        ("slug",),
        (
            Field("slug", required=True),
            Field("name", required=True),
            Field("version", kind="int"),
            Field("description"),
            ref("decision", gov.Decision),
        ),
        (
            Child(
                "components",
                "komponent",
                fin.CostKeyComponent,
                "key",
                (
                    Field("kind", required=True),
                    Field("weight", kind="decimal", required=True),
                    Field("period"),
                    ref("criterion", fin.Criterion),
                ),
            ),
            Child(
                "cooperations",
                "samarbeid",
                fin.CostKeyCooperation,
                "key",
                (ref("cooperation", reg.Cooperation, required=True),),
                identity=("cooperation",),
                flat=True,
            ),
            Child(
                "agreements",
                "avtale",
                fin.CostKeyAgreement,
                "key",
                (ref("agreement", reg.Agreement, required=True),),
                identity=("agreement",),
                flat=True,
            ),
        ),
    ),
    Entity(
        "budgets",
        "budsjett",
        fin.CooperationBudget,
        ("cooperation", "year"),
        (
            ref("cooperation", reg.Cooperation, required=True),
            Field("year", kind="int", required=True),
            Field("amount", kind="decimal", required=True),
            ref("cost_key", fin.CostKey, required=True),
            Field("period", required=True),
            Field("source"),
        ),
    ),
    Entity(
        "agreement_reviews",
        "gjennomgang",
        wf.AgreementReview,
        ("agreement", "date"),
        (
            ref("agreement", reg.Agreement, required=True),
            date("date", required=True),
            Field("outcome", required=True),
            Field("reviewed_by"),
            ref("decision", gov.Decision),
            Field("notes"),
        ),
    ),
    Entity(
        "duties",
        "plikt",
        wf.Duty,
        ("slug",),
        (
            Field("slug", required=True),
            Field("title", required=True),
            Field("kind", required=True),
            ref("organisation", reg.Organisation),
            ref("cooperation", reg.Cooperation),
            Field("reporter"),
            ref("recipient", gov.Body),
            Field("recipient_note"),
            Field("frequency", required=True),
            date("first_due"),
            date("until"),
            Field("source_note"),
        ),
        (
            Child(
                "done",
                "utført",
                wf.DutyCompletion,
                "duty",
                (date("due", required=True), date("done"), Field("note")),
                identity=("due",),
            ),
        ),
    ),
    Entity(
        "host_selections",
        "vertskommuneval",
        wf.HostSelection,
        ("slug",),
        (
            Field("slug", required=True),
            ref("cooperation", reg.Cooperation, required=True),
            ref("criteria_decision", gov.Decision),
            ref("decision", gov.Decision),
            ref("chosen", reg.Municipality),
            Field("note"),
        ),
        (
            Child(
                "candidates",
                "kandidat",
                wf.HostCandidate,
                "selection",
                (ref("municipality", reg.Municipality, required=True), Field("note")),
                identity=("municipality",),
            ),
        ),
    ),
    Entity(
        "host_criteria",
        "vertskommunekriterium",
        wf.HostCriterion,
        ("slug",),
        (
            Field("slug", required=True),
            ref("selection", wf.HostSelection, required=True),
            Field("order", kind="int", required=True),
            Field("name", required=True),
            Field("weight", kind="decimal"),
            Field("description"),
        ),
        (
            Child(
                "scores",
                "poeng",
                wf.HostScore,
                "criterion",
                (
                    ref("municipality", reg.Municipality, required=True),
                    Field("score", kind="decimal", required=True),
                    Field("justification"),
                ),
                identity=("municipality",),
            ),
        ),
    ),
    Entity(
        "investigations",
        "utgreiing",
        wf.Investigation,
        ("slug",),
        (
            Field("slug", required=True),
            ref("cooperation", reg.Cooperation, required=True),
            Field("title", required=True),
            Field("note"),
        ),
        (
            Child(
                "steps",
                "steg",
                wf.InvestigationStep,
                "investigation",
                (
                    Field("step", required=True),
                    Field("status"),
                    date("date"),
                    Field("participants"),
                    Field("union_representatives", kind="bool"),
                    Field("employees"),
                    Field("clarification"),
                    ref("decision", gov.Decision),
                ),
                identity=("step",),
            ),
            Child(
                "outputs",
                "resultat",
                wf.InvestigationOutput,
                "investigation",
                (
                    Field("step", required=True),
                    Field("kind", required=True),
                    Field("status"),
                    date("date"),
                    Field("title", required=True),
                ),
            ),
        ),
    ),
    Entity(
        "transfers",
        "verksemdoverdraging",
        wf.Transfer,
        ("cooperation",),
        (
            ref("cooperation", reg.Cooperation, required=True),
            date("date"),
            Field("note"),
        ),
        (
            Child(
                "steps",
                "steg",
                wf.TransferStep,
                "transfer",
                (
                    Field("kind", required=True),
                    Field("responsible"),
                    date("due"),
                    Field("status"),
                    date("done"),
                    Field("note"),
                ),
                identity=("kind",),
            ),
        ),
    ),
    Entity(
        "population",
        "folketal",
        pop.PopulationValue,
        ("municipality", "period", "measure"),
        (
            ref("municipality", reg.Municipality, required=True),
            Field("period", required=True),
            Field("measure", required=True),
            Field("value", kind="int"),
            Field("status"),
            ref("source", reg.Source, required=True),
        ),
    ),
    Entity(
        "population_corrections",
        "folketalsretting",
        pop.Correction,
        ("municipality", "period", "measure"),
        (
            ref("municipality", reg.Municipality, required=True),
            Field("period", required=True),
            Field("measure", required=True),
            Field("source_value", kind="int"),
            Field("value", kind="int", required=True),
            Field("restores", kind="json"),
            Field("note"),
            Field("recorded_at", kind="datetime"),
        ),
    ),
    Entity(
        "population_findings",
        "funn",
        pop.Finding,
        ("source", "order"),
        (
            ref("source", reg.Source, required=True),
            Field("order", kind="int", required=True),
            Field("check", attr="check_name", required=True),
            Field("severity", required=True),
            Field("cells", kind="json", required=True),
            Field("difference", kind="int"),
            Field("fix", kind="json"),
        ),
    ),
)
