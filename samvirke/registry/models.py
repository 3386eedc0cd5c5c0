"""The register: municipalities, organisations, persons, cooperations, agreements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.lib.fields import AccessPaths, PartialDateField, Publishable
from samvirke.registry import documents

municipality_number = RegexValidator(r"^\d{4}$", _("A municipality number has four digits."))
organisation_number = RegexValidator(r"^\d{9}$", _("An organisation number has nine digits."))


class MunicipalityQuerySet(models.QuerySet):
    def valid_on(self, day: str):
        """The numbers in use on a day (YYYY-MM-DD); numbers with no dates count as in use."""
        return self.exclude(valid_from__gt=day).exclude(~models.Q(valid_to=""), valid_to__lt=day)


class Municipality(models.Model):
    """Kommune."""

    number = models.CharField(
        _("municipality number"), max_length=4, unique=True, validators=[municipality_number]
    )
    name = models.CharField(_("name"), max_length=100)
    county = models.CharField(_("county"), max_length=100, blank=True)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[organisation_number]
    )
    valid_from = PartialDateField(
        _("valid from"), help_text=_("When the number came into use (SSB's KLASS).")
    )
    valid_to = PartialDateField(
        _("valid to"), help_text=_("The last day the number was in use; blank while in use.")
    )
    history = HistoricalRecords()
    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class MunicipalityChange(models.Model):
    """A number replaced by another on a date (mergers, splits, new counties): 1417 Vik
    became 4639 Vik on 1 January 2020. From SSB's KLASS changes."""

    old = models.ForeignKey(
        Municipality, models.PROTECT, related_name="successors", verbose_name=_("old number")
    )
    new = models.ForeignKey(
        Municipality, models.PROTECT, related_name="predecessors", verbose_name=_("new number")
    )
    changed = PartialDateField(_("changed on"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["changed", "old__number", "new__number"]
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="unique_municipality_change")
        ]
        verbose_name = _("municipality number change")
        verbose_name_plural = _("municipality number changes")

    def __str__(self) -> str:
        return f"{self.old.number} → {self.new.number} ({self.changed})"


class Source(models.Model):
    """Where a fact comes from: a document, an SSB table, a file or manual entry."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("document")
        SSB = "ssb", _("Statistics Norway table")
        FILE = "file", _("file")
        MANUAL = "manual", _("manual entry")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(_("reference"), max_length=300, blank=True)
    retrieved_at = models.DateTimeField(_("retrieved at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title


class Organisation(models.Model):
    """Organisasjon: a body with a legal form, or a municipality as an organisation."""

    class LegalForm(models.TextChoices):
        IPR = "ipr", _("inter-municipal political council (IPR, ch. 18)")
        KO = "ko", _("municipal joint undertaking (KO, ch. 19)")
        IKS = "iks", _("inter-municipal company (IKS)")
        AS = "as", _("limited company (AS)")
        COOPERATIVE = "samvirke", _("cooperative")
        ASSOCIATION = "forening", _("association")
        MUNICIPALITY = "kommune", _("municipality")
        COUNTY = "fylkeskommune", _("county municipality")
        STATE = "stat", _("state body")
        UNKNOWN = "ukjend", _("unknown")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[organisation_number]
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, null=True, blank=True, verbose_name=_("municipality")
    )
    address = models.CharField(
        _("business address"), max_length=300, blank=True, help_text=_("From Enhetsregisteret.")
    )
    description = models.TextField(_("description"), blank=True)
    report_title = models.CharField(
        _("report title"),
        max_length=100,
        blank=True,
        help_text=_("The name over the status deck's title slide, e.g. the region's name."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.short_name or self.name


class OrganisationPartner(models.Model):
    """Another organisation this one works with as one team (Sogn KO and Sognarådet IPR:
    "Stillingsressursane jobbar saumlaust mellom dei to organisasjonane"): the region's
    staff page and report list the partners' staff beside its own."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="partners", verbose_name=_("organisation")
    )
    partner = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("works as one team with")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "partner"], name="unique_organisation_partner"
            )
        ]
        verbose_name = _("team partner")
        verbose_name_plural = _("team partners")

    def __str__(self) -> str:
        return f"{self.organisation} – {self.partner}"


class OrganisationMember(models.Model):
    """A municipality that is a member (owner) of an organisation."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="members", verbose_name=_("organisation")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "municipality__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "municipality"], name="unique_organisation_member"
            )
        ]
        verbose_name = _("member municipality")
        verbose_name_plural = _("member municipalities")

    def __str__(self) -> str:
        return str(self.municipality)


class Person(models.Model):
    """A named person. Public pages and the API show only the name (with the role, body and
    period from the membership); contact details are for staff (PUBLIC_FIELDS, tested)."""

    PUBLIC_FIELDS = ("name",)

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Staff only; never public."))
    phone = models.CharField(
        _("phone"), max_length=30, blank=True, help_text=_("Staff only; never public.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """Tenesteområde."""

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.name


class ParticipationStatus(models.TextChoices):
    ADOPTED = "vedteke", _("adopted")
    NOT_ADOPTED = "ikkje_vedteke", _("not adopted")
    WITHDRAWN = "utmeld", _("withdrawn")
    UNKNOWN = "ukjend", _("unknown")


# The one rule for "who takes part": everyone listed, except those who withdrew or whose
# council voted no (an unknown status still takes part: the source lists them).
NOT_TAKING_PART = (ParticipationStatus.WITHDRAWN, ParticipationStatus.NOT_ADOPTED)


class ParticipationQuerySet(models.QuerySet):
    def taking_part(self):
        return self.exclude(status__in=NOT_TAKING_PART)


class Cooperation(Publishable):
    """Samarbeid: the central record of the register."""

    class LegalModel(models.TextChoices):
        HOST = "vertskommune", _("host municipality (paragraph not stated)")
        HOST_ADMINISTRATIVE = "vertskommune_20_2", _("host municipality, administrative (§ 20-2)")
        HOST_JOINT_BOARD = "vertskommune_20_3", _("host municipality with joint board (§ 20-3)")
        KO = "ko", _("municipal joint undertaking (KO)")
        IKS = "iks", _("inter-municipal company (IKS)")
        AS = "as", _("limited company (AS)")
        AGREEMENT = "avtale", _("agreement-based")
        NETWORK = "nettverk", _("network")
        PROJECT = "prosjekt", _("project")
        UNKNOWN = "ukjend", _("unknown")

    class Phase(models.TextChoices):
        IDEA = "ide", _("idea")
        INSIGHT = "innsikt", _("insight and investigation")
        PRINCIPLE = "prinsippvedtak", _("decision in principle")
        AGREEMENT = "avtale", _("agreement")
        ESTABLISHMENT = "etablering", _("establishment")
        OPERATION = "drift", _("operation")
        EVALUATION = "evaluering", _("evaluation or winding up")
        UNKNOWN = "ukjend", _("unknown")

    class Progress(models.TextChoices):
        ON_TRACK = "paa_plan", _("on track")
        NEEDS_CLARIFICATION = "treng_avklaring", _("needs clarification")
        DELAYED = "forseinka", _("delayed")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    service_area = models.ForeignKey(
        ServiceArea, models.PROTECT, null=True, blank=True, verbose_name=_("service area")
    )
    legal_model = models.CharField(
        _("legal model"), max_length=30, choices=LegalModel.choices, default=LegalModel.UNKNOWN
    )
    host = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_cooperations",
        verbose_name=_("host municipality"),
    )
    owner = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_cooperations",
        verbose_name=_("owner"),
        help_text=_("The organisation that owns or coordinates the cooperation."),
    )
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_cooperations",
        verbose_name=_("legal entity"),
        help_text=_("The company or body that carries the cooperation, where there is one."),
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.UNKNOWN
    )
    phase_basis = models.TextField(
        _("the phase rests on"),
        blank=True,
        help_text=_("The source's own sentence the phase is set from."),
    )
    phase_interpreted = models.BooleanField(
        _("phase read from the source"),
        default=False,
        help_text=_(
            "The source does not name the phase: it is read from the sentence above, "
            "and shown as such."
        ),
    )
    no_host = models.BooleanField(
        _("no host municipality"),
        default=False,
        help_text=_(
            "No host municipality is expected (a project or plan without one): the pages show "
            "no host instead of an unknown one."
        ),
    )
    stated_count = models.PositiveSmallIntegerField(
        _("municipalities stated (count)"),
        null=True,
        blank=True,
        help_text=_(
            "A count the source states without naming the municipalities (the 5 of "
            "'5 of 6 adopted a positive principle decision')."
        ),
    )
    stated_count_of = models.PositiveSmallIntegerField(
        _("out of"), null=True, blank=True, help_text=_("The 6 of '5 of 6'.")
    )
    stated_count_date = PartialDateField(_("stated count dated"))
    stated_count_basis = models.TextField(
        _("the count rests on"), blank=True, help_text=_("The source's own sentence.")
    )
    start = PartialDateField(_("start"))
    resources = models.DecimalField(
        _("resources (full-time equivalents)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    project_leader = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, verbose_name=_("project leader")
    )
    project_leader_note = models.CharField(
        _("about the project leader"), max_length=300, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    progress = models.CharField(
        _("progress"),
        max_length=20,
        choices=Progress.choices,
        blank=True,
        help_text=_(
            "Set by staff for the board's summary; left empty, the summary marks a cooperation "
            "delayed when a follow-up or next step is overdue."
        ),
    )
    access = AccessPaths(
        organisations=("owner", "organisation"), municipalities=("participations__municipality",)
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        count, total = self.stated_count, self.stated_count_of
        if count is not None and total is not None and count > total:
            raise ValidationError(
                {
                    "stated_count": _("%(count)s of %(total)s: the count is more than the total.")
                    % {"count": count, "total": total}
                }
            )
        if (count is not None or total is not None) and not self.stated_count_basis.strip():
            raise ValidationError(
                {"stated_count_basis": _("A stated count needs the source's sentence it rests on.")}
            )
        if self.phase_interpreted and not self.phase_basis.strip():
            raise ValidationError(
                {"phase_basis": _("A phase read from the source needs the sentence it rests on.")}
            )

    # A host municipality is expected only where the legal model has one, or is not known.
    HOSTLESS_MODELS = (
        LegalModel.KO,
        LegalModel.IKS,
        LegalModel.AS,
        LegalModel.NETWORK,
        LegalModel.PROJECT,
    )

    @property
    def host_applies(self) -> bool:
        """False where no host is expected: then "unknown" would be noise, not a gap."""
        return self.host_id is not None or not (
            self.no_host or self.legal_model in self.HOSTLESS_MODELS
        )


class Participation(models.Model):
    """One municipality's part in a cooperation, and the council decision behind it."""

    cooperation = models.ForeignKey(
        Cooperation, models.CASCADE, related_name="participations", verbose_name=_("cooperation")
    )
    municipality = models.ForeignKey(
        Municipality, models.PROTECT, related_name="participations", verbose_name=_("municipality")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.UNKNOWN,
    )
    decided = PartialDateField(_("decided"))
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    basis = models.TextField(
        _("source sentence"),
        blank=True,
        help_text=_("The source's own sentence that names this municipality's part."),
    )
    start = PartialDateField(_("takes part from"))
    end = PartialDateField(_("takes part until"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["cooperation", "municipality__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperation", "municipality"], name="unique_participation"
            )
        ]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")

    def __str__(self) -> str:
        return f"{self.municipality.name}: {self.get_status_display()}"

    @property
    def takes_part(self) -> bool:
        return self.status not in NOT_TAKING_PART


class FinancingLine(models.Model):
    class Kind(models.TextChoices):
        GRANT = "grant", _("grant")
        OWN = "own_contribution", _("own contribution")
        IN_KIND = "in_kind", _("own effort (in kind)")

    cooperation = models.ForeignKey(
        Cooperation, models.CASCADE, related_name="financing", verbose_name=_("cooperation")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    source = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, verbose_name=_("source")
    )
    source_note = models.CharField(_("source (text)"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (NOK)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cooperation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "order"], name="unique_financing_order")
        ]
        verbose_name = _("financing line")
        verbose_name_plural = _("financing")

    def __str__(self) -> str:
        return f"{self.source or self.source_note}: {self.amount}"


class StatusEntry(Publishable):
    """A dated status line of a cooperation, as reported."""

    cooperation = models.ForeignKey(
        Cooperation, models.CASCADE, related_name="status_entries", verbose_name=_("cooperation")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    date = PartialDateField(_("date"), blank=False)
    text = models.TextField(_("text"))
    source = models.ForeignKey(
        Source, models.PROTECT, null=True, blank=True, verbose_name=_("source")
    )
    access = AccessPaths(
        organisations=("cooperation__owner", "cooperation__organisation"),
        municipalities=("cooperation__participations__municipality",),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cooperation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "order"], name="unique_status_order")
        ]
        verbose_name = _("status entry")
        verbose_name_plural = _("status entries")

    def __str__(self) -> str:
        return self.text[:60]


class NextStep(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, models.CASCADE, related_name="next_steps", verbose_name=_("cooperation")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    due = PartialDateField(_("due"))
    text = models.TextField(_("text"))
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cooperation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "order"], name="unique_next_step_order")
        ]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self) -> str:
        return self.text[:60]


class Agreement(Publishable):
    """Avtale."""

    class Kind(models.TextChoices):
        COOPERATION = "samarbeidsavtale", _("cooperation agreement")
        HOST = "vertskommuneavtale", _("host municipality agreement")
        COMPANY = "selskapsavtale", _("company agreement")
        OTHER = "anna", _("other agreement")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    cooperation = models.ForeignKey(
        Cooperation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("cooperation"),
    )
    organisation = models.ForeignKey(
        Organisation,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("organisation"),
    )
    host = models.ForeignKey(
        Municipality,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_agreements",
        verbose_name=_("host municipality"),
    )
    in_force = PartialDateField(_("in force from"))
    review_date = PartialDateField(_("review date"))
    responsible = models.CharField(_("responsible for the review"), max_length=200, blank=True)
    notice_terms = models.TextField(_("notice and withdrawal terms"), blank=True)
    cost_key = models.TextField(
        _("cost key"),
        blank=True,
        help_text=_("What the agreement says about cost sharing; a stored key is linked there."),
    )
    summary = models.TextField(_("content"), blank=True)
    access = AccessPaths(
        organisations=("organisation", "cooperation__owner"),
        municipalities=("parties__municipality",),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.Model):
    agreement = models.ForeignKey(
        Agreement, models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    municipality = models.ForeignKey(
        Municipality,
        models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.UNKNOWN,
    )
    adopted = PartialDateField(_("adopted"))
    signed = PartialDateField(_("signed"))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "municipality__number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "municipality"], name="unique_party")
        ]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return str(self.municipality)


class AgreementDocument(documents.UploadedPdf):
    """The signed agreement or an annex, as PDF (see registry/documents.py)."""

    agreement = models.ForeignKey(
        Agreement, models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    title = models.CharField(_("title"), max_length=200)
    file = documents.DocumentFileField(
        _("PDF file"),
        storage=documents.document_storage,
        upload_to=documents.document_path,
        validators=[documents.validate_pdf],
        max_length=200,
    )
    access = AccessPaths(organisations=("agreement__organisation", "agreement__cooperation__owner"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "title"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")


class BoardSection(models.Model):
    """One part of an organisation's status deck, in the board's order.

    The organisation's own headings ("Me veks!") and its grouping of cooperations: one slide
    per cooperation, or several short ones together on one slide. The portal's lists and
    the API list cooperations in this order too.
    """

    class Kind(models.TextChoices):
        POPULATION_GROWTH = "folketilvekst", _("population growth")
        POPULATION_TARGET = "folketalsmaal", _("population target")
        AGE_STRUCTURE = "alder", _("age structure")
        COOPERATIONS = "samarbeid", _("cooperations, one slide each")
        GROUPED = "samla", _("cooperations together on one slide")
        PRINCIPLES = "prinsipp", _("principles and statements")
        NETWORKS = "nettverk", _("networks")
        DECISIONS = "vedtak", _("other decisions")
        DIVIDER = "skiljeark", _("divider")
        ORGANISATION = "organisasjon", _("organisation and staff")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="board_sections", verbose_name=_("organisation")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("The organisation's own heading; empty: the standard heading."),
    )
    access = AccessPaths(organisations=("organisation",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "order"], name="unique_board_section_order"
            )
        ]
        verbose_name = _("board section")
        verbose_name_plural = _("board sections")

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())


class BoardSectionCooperation(models.Model):
    """A cooperation's place in a board section."""

    section = models.ForeignKey(
        BoardSection, models.CASCADE, related_name="items", verbose_name=_("board section")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    cooperation = models.ForeignKey(
        Cooperation, models.CASCADE, related_name="board_places", verbose_name=_("cooperation")
    )
    access = AccessPaths(organisations=("section__organisation",))
    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "order"]
        constraints = [
            models.UniqueConstraint(fields=["section", "order"], name="unique_board_item_order")
        ]
        verbose_name = _("cooperation in board section")
        verbose_name_plural = _("cooperations in board section")

    def __str__(self) -> str:
        return str(self.cooperation)
