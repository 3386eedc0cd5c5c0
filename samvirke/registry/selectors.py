"""Reads of the register shared by the portal, the API and the reports."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samvirke.governance.models import Body, Decision, DecisionCooperation, Membership, Network
from samvirke.lib import partial_date
from samvirke.lib.fields import visible_q
from samvirke.lib.months import month_names
from samvirke.registry import regions
from samvirke.registry.models import (
    NOT_TAKING_PART,
    Agreement,
    AgreementParty,
    BoardSectionCooperation,
    Cooperation,
    FinancingLine,
    Municipality,
    Organisation,
    OrganisationMember,
    OrganisationPartner,
    Participation,
    ParticipationStatus,
    ServiceArea,
    StatusEntry,
)


@dataclass(frozen=True)
class CooperationFilters:
    """The portal's cooperation filters; empty strings mean "any"."""

    service_area: str = ""
    legal_model: str = ""
    phase: str = ""
    host: str = ""
    municipality: str = ""


def cooperation_list(
    filters: CooperationFilters,
    *,
    organisation: Organisation | None,
    board: str = "",
) -> QuerySet[Cooperation]:
    """Published cooperations of the organisation's region (None: the whole installation)
    matching the filters, with what a list row shows.

    In the order its board has set (BoardSection; ``board``: another organisation's, by its
    identifier); those it has not placed follow by name."""
    queryset = (
        Cooperation.objects.visible()
        .filter(regions.cooperations_q(organisation))
        .select_related("service_area", "host")
    )
    if filters.service_area:
        queryset = queryset.filter(service_area__slug=filters.service_area)
    if filters.legal_model:
        queryset = queryset.filter(legal_model=filters.legal_model)
    if filters.phase:
        queryset = queryset.filter(phase=filters.phase)
    if filters.host:
        queryset = queryset.filter(host__number=filters.host)
    if filters.municipality:
        # a subquery rather than a join: no duplicate rows, so no DISTINCT to count or sort
        taking_part = Participation.objects.filter(municipality__number=filters.municipality)
        queryset = queryset.filter(pk__in=taking_part.values("cooperation"))
    board = board or (organisation.slug if organisation is not None else "")
    if board:
        # The board places are few (a board's agenda), the register national: rank them in
        # one small query and order by a CASE, instead of two correlated subqueries per
        # cooperation (50 ms a page on the national demo).
        places = BoardSectionCooperation.objects.filter(section__organisation__slug=board).order_by(
            "section__order", "order", "pk"
        )
        ranks: dict[int, int] = {}
        for cooperation_id in places.values_list("cooperation_id", flat=True):
            ranks.setdefault(cooperation_id, len(ranks))  # its first place on the board
        if ranks:
            queryset = queryset.annotate(
                board_rank=Case(
                    *(When(pk=pk, then=Value(rank)) for pk, rank in ranks.items()),
                    default=None,
                    output_field=IntegerField(),
                )
            )
            return queryset.order_by(F("board_rank").asc(nulls_last=True), "name", "pk")
    return queryset.order_by("name", "pk")


def phase_counts(*, organisation: Organisation | None) -> list[tuple[str, str, int]]:
    """(phase code, phase label, number of published cooperations of the region), in phase
    order."""
    region = Cooperation.objects.visible().filter(regions.cooperations_q(organisation))
    counts = Counter(region.values_list("phase", flat=True))
    return [
        (code, label, counts[code]) for code, label in Cooperation.Phase.choices if counts[code]
    ]


def cooperation_detail(slug: str, *, organisation: Organisation | None) -> Cooperation:
    """One published cooperation of the region with everything its page shows, in a fixed
    number of queries (404 for another region's)."""
    decision_links = DecisionCooperation.objects.filter(
        visible_q(Decision, "decision")
    ).select_related("decision__body__organisation")
    members = Membership.objects.select_related("person", "municipality")
    queryset = (
        Cooperation.objects.visible()
        .select_related(
            "service_area", "host", "owner", "organisation", "project_leader", "network"
        )
        .prefetch_related(
            Prefetch(
                "participations", queryset=Participation.objects.select_related("municipality")
            ),
            "financing__source",
            Prefetch(
                "status_entries", queryset=StatusEntry.objects.visible().select_related("source")
            ),
            "next_steps",
            Prefetch("agreements", queryset=Agreement.objects.visible()),
            Prefetch(
                "bodies",
                queryset=Body.objects.prefetch_related(Prefetch("memberships", queryset=members)),
            ),
            Prefetch("decision_links", queryset=decision_links),
        )
    )
    cooperation = get_object_or_404(
        queryset.filter(regions.cooperations_q(organisation)), slug=slug
    )
    decisions = [link.decision for link in cooperation.decision_links.all()]
    for participation in cooperation.participations.all():
        participation.council_decisions = council_decisions(decisions, participation)
    return cooperation


def stated_count_text(c: Cooperation) -> str:
    """A count the source states without names, as people read it: "5 av 6 kommunar"."""
    if c.stated_count is None:
        return ""
    if c.stated_count_of is None:
        return _("%(n)s municipalities") % {"n": c.stated_count}
    return _("%(n)s of %(total)s municipalities") % {
        "n": c.stated_count,
        "total": c.stated_count_of,
    }


def council_decisions(decisions, participation: Participation) -> list[Decision]:
    """The participant's own council decisions among a cooperation's decisions: those of its
    municipality's kommunestyre (its status refers to them)."""
    return [d for d in decisions if is_council_decision_of(d, participation.municipality_id)]


def is_council_decision_of(decision: Decision, municipality_id: int) -> bool:
    """A decision of the municipality's own council (kommunestyre)."""
    body = decision.body
    return (
        body.kind == Body.Kind.COUNCIL
        and body.organisation is not None
        and body.organisation.municipality_id == municipality_id
    )


@dataclass(frozen=True)
class Involvement:
    """One cooperation a municipality is in, and how: the rows of its kap. 17 overview."""

    cooperation: Cooperation
    roles: tuple[str, ...]  # host, participant, through its membership of a KO, named, cost bearer
    status: str  # its own participation status ("" where it has no participation record)
    decided: str  # when its council decided (partial date), "" if not recorded
    note: str
    payments: tuple[str, ...]  # what it pays, as the source states it (amounts, shares, effort)
    review: str  # the next review date of its agreement, or what is missing to set one
    council_decisions: tuple[Decision, ...] = ()  # its own council's decisions on it


@dataclass(frozen=True)
class MunicipalityOverview:
    """A municipality's overview of cooperation and agreements (kommunelova kap. 17)."""

    municipality: Municipality
    participations: list[Participation]
    hosted: list[Cooperation]
    agreement_parties: list[AgreementParty]
    memberships: list[Membership]
    decisions: list[Decision]
    involvements: list[Involvement] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)  # KO, IPR, IKS it owns
    networks: list[tuple[Network, str]] = field(default_factory=list)  # with how it takes part
    council_decisions: list[Decision] = field(default_factory=list)  # its kommunestyre's
    # councils and joint undertakings whose members the register does not hold: unknown
    unknown_memberships: list[Organisation] = field(default_factory=list)

    @property
    def forms_without_membership(self) -> list[str]:
        """The kinds of membership kommunelova names (KO, kap. 19; IPR, kap. 18) for which
        the register holds neither a membership nor an unknown one."""
        held = {o.legal_form for o in [*self.organisations, *self.unknown_memberships]}
        forms = (Organisation.LegalForm.KO, Organisation.LegalForm.IPR)
        return [form.label for form in forms if form not in held]


def municipality_overview(number: str) -> MunicipalityOverview:
    municipality = get_object_or_404(Municipality, number=number)
    participations = list(
        Participation.objects.filter(
            visible_q(Cooperation, "cooperation"), municipality=municipality
        )
        # what the API's overview reads of them (the page reads the involvements)
        .select_related("cooperation__host")
        .order_by("cooperation__name")
    )
    hosted = list(Cooperation.objects.visible().filter(host=municipality).order_by("name"))
    parties = list(
        AgreementParty.objects.filter(visible_q(Agreement, "agreement"), municipality=municipality)
        .select_related("agreement__cooperation", "agreement__organisation", "agreement__host")
        .order_by("agreement__title")
    )
    memberships = list(
        Membership.objects.filter(municipality=municipality)
        .select_related("person", "body")
        .order_by("body__name", "order")
    )
    cooperation_ids = {p.cooperation_id for p in participations} | {c.pk for c in hosted}
    decisions = list(
        Decision.objects.visible()
        .filter(concerns__cooperation__in=cooperation_ids)
        .select_related("body")
        .distinct()
        .order_by("-date", "slug")
    )
    organisations = list(
        Organisation.objects.filter(members__municipality=municipality).order_by("name")
    )
    council = list(
        Decision.objects.visible()
        .filter(body__kind=Body.Kind.COUNCIL, body__organisation__municipality=municipality)
        .select_related("body")
        .prefetch_related(
            Prefetch("concerns", queryset=DecisionCooperation.objects.select_related("cooperation"))
        )
        .order_by("-date", "slug")
    )
    return MunicipalityOverview(
        municipality,
        participations,
        hosted,
        parties,
        memberships,
        decisions,
        _involvements(municipality, organisations, participations),
        organisations,
        _networks(municipality, organisations),
        council,
        _unknown_memberships(organisations),
    )


def _unknown_memberships(organisations: list[Organisation]) -> list[Organisation]:
    """A political council or joint undertaking that works as one team with an organisation
    the municipality is a member of, but whose own members the register does not hold:
    whether the municipality is a member is unknown (Sognarådet IPR: the source names Sogn
    KO's six municipalities, never the council's members)."""
    ids = [o.pk for o in organisations]
    return list(
        Organisation.objects.filter(
            Q(partners__partner__in=ids)
            | Q(pk__in=OrganisationPartner.objects.filter(organisation__in=ids).values("partner")),
            legal_form__in=[Organisation.LegalForm.IPR, Organisation.LegalForm.KO],
            members__isnull=True,
        )
        .exclude(pk__in=ids)
        .distinct()
        .order_by("name")
    )


# Sentences of the source that say what the municipalities pay: shares, amounts, effort.
_PAYS = re.compile(r"\d\s?%|kr\.?\s?\d|kostnad|finansier|eigeninnsats|eigendel|betal", re.I)


def _involvements(
    municipality: Municipality,
    organisations: list[Organisation],
    participations: list[Participation],
) -> list[Involvement]:
    """Every visible cooperation the municipality hosts, takes part in, takes part in through
    an organisation it is a member of, or is named in (status, description, notes).
    participations: the municipality's own, in visible cooperations."""
    org_ids = [o.pk for o in organisations]
    own_by_cooperation = {p.cooperation_id: p for p in participations}
    name = municipality.name
    # Subqueries and known ids, no joins: a join with participations and status entries
    # needs DISTINCT over the whole national register (most of this page's SQL time).
    named = Q(description__icontains=name) | Q(
        pk__in=StatusEntry.objects.visible().filter(text__icontains=name).values("cooperation")
    )
    cooperations = list(
        Cooperation.objects.visible()
        .filter(
            Q(pk__in=list(own_by_cooperation))
            | Q(host=municipality)
            | Q(owner__in=org_ids)
            | Q(organisation__in=org_ids)
            | named
        )
        .select_related("host", "owner", "organisation")
        .order_by("name")
    )
    _attach_rows(
        cooperations,
        # only the notes of the other participants are read (named in a note?)
        noted_participations=Participation.objects.exclude(note="").only("cooperation", "note"),
        financing_rows=FinancingLine.objects.select_related("source"),
        status_rows=StatusEntry.objects.visible(),
        agreement_rows=Agreement.objects.visible(),
        decision_link_rows=DecisionCooperation.objects.filter(
            visible_q(Decision, "decision")
        ).select_related("decision__body__organisation"),
    )
    word = re.compile(rf"\b{re.escape(name)}\b", re.I)
    # get_status_display() casts every choice label to hash them, each call
    statuses = dict(ParticipationStatus.choices)
    # the phrases most rows share, translated once per overview rather than once a row
    through_membership = str(_("through its membership of %s"))
    no_agreement = str(_("No agreement registered: a review date needs the agreement first."))
    rows = []
    for c in cooperations:
        own = own_by_cooperation.get(c.pk)
        texts = [c.description, *(e.text for e in c.status_rows)]
        texts += [p.note for p in c.noted_participations]
        roles = []
        if c.host_id == municipality.pk:
            roles.append(str(_("host municipality")))
        if own is not None and own.status not in NOT_TAKING_PART:
            roles.append(str(_("participant")))
        through = [o for o in (c.owner, c.organisation) if o is not None and o.pk in org_ids]
        if own is None and through:
            roles.append(through_membership % (through[0].short_name or through[0].name))
        if (
            any(word.search(t or "") for t in texts)
            and own is None
            and c.host_id != municipality.pk
        ):
            roles.append(str(_("named in the status")))
        payments = _payments(c, municipality, bool(own or through))
        if payments and (own or through):
            roles.append(str(_("cost bearer")))
        rows.append(
            Involvement(
                c,
                tuple(roles),
                str(statuses.get(own.status, own.status)) if own else "",
                own.decided if own else "",
                own.note if own else "",
                payments,
                _review(c, no_agreement),
                tuple(
                    link.decision
                    for link in c.decision_link_rows
                    if is_council_decision_of(link.decision, municipality.pk)
                ),
            )
        )
    return rows


def _attach_rows(cooperations: list[Cooperation], **querysets: QuerySet) -> None:
    """Each queryset's rows of the cooperations, as a list on each under the keyword's name
    (what Prefetch(to_attr=…) gives): one query each, skipped when there are none. A
    municipality in a region's organisation is involved in hundreds of cooperations, and
    Django's prefetch bookkeeping per row and relation cost more than the queries (12 of
    the national demo page's 46 ms, for five relations that were mostly empty)."""
    if not cooperations:
        return
    ids = [c.pk for c in cooperations]
    for name, queryset in querysets.items():
        by_cooperation: dict[int, list] = {pk: [] for pk in ids}
        for row in queryset.filter(cooperation_id__in=ids):
            by_cooperation[row.cooperation_id].append(row)
        for c in cooperations:
            setattr(c, name, by_cooperation[c.pk])


def _payments(c: Cooperation, municipality: Municipality, takes_part: bool) -> tuple[str, ...]:
    """What the municipality pays as the register and its source state it, nothing guessed."""
    lines = []
    for line in c.financing_rows:
        own = line.source is not None and line.source.municipality_id == municipality.pk
        shared = line.source is None and line.source_note.casefold() in {
            "kommunane",
            "alle kommunane",
        }
        if own or (shared and takes_part):
            what = (
                f"{number_format(line.amount, force_grouping=True)} kr"
                if line.amount is not None
                else str(line.get_kind_display()).capitalize()
            )
            lines.append(f"{what}{': ' + line.note if line.note else ''}")
    if takes_part:
        texts = [c.description, *(e.text for e in c.status_rows)]
        texts += [link.decision.text for link in c.decision_link_rows]
        for text in texts:
            for sentence in re.split(r"(?<=[.!?])\s+|\n|\s–\s", text or ""):
                sentence = sentence.strip(" –")
                if _PAYS.search(sentence) and "statsforvaltar" not in sentence.casefold():
                    quoted = _("The source: “%s”") % sentence.rstrip(".")
                    if quoted not in lines:
                        lines.append(quoted)
    return tuple(lines)


def _review(c: Cooperation, no_agreement: str) -> str:
    """The next review date of its agreements, or what is missing (no_agreement: the
    phrase for a cooperation without one)."""
    agreements = c.agreement_rows
    if not agreements:
        return no_agreement
    dated = [a for a in agreements if a.review_date]
    if dated:
        first = min(dated, key=lambda a: partial_date.parse(a.review_date).first)
        return partial_date.describe(partial_date.parse(first.review_date), month_names())
    return str(
        _("No review date recorded for %s: record when and by whom it is reviewed.")
        % ", ".join(a.title for a in agreements)
    )


def _networks(municipality: Municipality, organisations: list[Organisation]) -> list:
    """Networks it is a member of, and the networks of the organisations it is a member of."""
    rows = []
    for network in (
        Network.objects.visible()
        .filter(Q(members__municipality=municipality) | Q(organisation__in=organisations))
        .select_related("organisation")
        .prefetch_related("members")
        .distinct()
        .order_by("name")
    ):
        if any(m.municipality_id == municipality.pk for m in network.members.all()):
            rows.append((network, str(_("member"))))
        else:
            org = network.organisation
            rows.append(
                (network, str(_("through its membership of %s")) % (org.short_name or org.name))
            )
    return rows


def municipality_list(*, organisation: Organisation | None) -> QuerySet[Municipality]:
    """The region's member municipalities (None: every municipality of the installation)."""
    return Municipality.objects.filter(regions.members_q(organisation)).order_by("number")


def region_municipalities(organisation: Organisation | str | None) -> list[Municipality]:
    """The member municipalities of an organisation (given or by its identifier)."""
    if organisation is None:
        return []
    if isinstance(organisation, str):
        members = OrganisationMember.objects.filter(organisation__slug=organisation)
    else:
        members = OrganisationMember.objects.filter(organisation=organisation)
    return [member.municipality for member in members.select_related("municipality")]


def organisation(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).prefetch_related("members__municipality").first()


def agreement_list(*, organisation: Organisation | None) -> QuerySet[Agreement]:
    """The region's agreements (None: the whole installation's) the viewer may see."""
    return (
        Agreement.objects.visible()
        .filter(regions.agreements_q(organisation))
        .select_related("cooperation", "organisation", "host")
        .prefetch_related(
            Prefetch("parties", queryset=AgreementParty.objects.select_related("municipality"))
        )
        .order_by("title")
    )


def agreement_detail(slug: str, *, organisation: Organisation | None) -> Agreement:
    """An agreement of the region with what its page shows, including its checklist and
    review history."""
    queryset = (
        agreement_list(organisation=organisation)
        .select_related("cost_key_link")
        .prefetch_related("elements", "reviews__decision")
    )
    return get_object_or_404(queryset, slug=slug)


@dataclass(frozen=True)
class TimelineItem:
    date: str
    kind: str  # "status" or "decision"
    item: object


def cooperation_timeline(cooperation: Cooperation) -> list[TimelineItem]:
    """Status entries and decisions of a prefetched cooperation, newest first."""
    items = [TimelineItem(e.date, "status", e) for e in cooperation.status_entries.all()]
    items += [
        TimelineItem(link.decision.date, "decision", link.decision)
        for link in cooperation.decision_links.all()
    ]
    return sorted(items, key=lambda i: i.date, reverse=True)


def command_organisation(slug: str) -> Organisation | None:
    """A command's --organisation: the organisation, or None for "" (the whole installation).
    Raises ValueError naming the identifier when there is none such."""
    if not slug:
        return None
    found = organisation(slug)
    if found is None:
        raise ValueError(_("No organisation has the identifier “%s”.") % slug)
    return found


def service_areas(*, organisation: Organisation | None) -> QuerySet[ServiceArea]:
    """The service areas of the region's cooperations (None: every one), by name."""
    if organisation is None:
        return ServiceArea.objects.order_by("name")
    used = Cooperation.objects.filter(regions.cooperations_q(organisation)).values("service_area")
    return ServiceArea.objects.filter(pk__in=used).order_by("name")
