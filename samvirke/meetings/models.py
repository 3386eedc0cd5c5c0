"""Meetings of bodies and networks: attendance, agenda items (saker), case papers, and the
decision record each item's outcome becomes (see services.record_outcome)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samvirke.governance.models import Body, Decision, Network
from samvirke.lib.fields import AccessPaths, PartialDateField, Publishable
from samvirke.meetings import documents
from samvirke.registry.documents import UploadedPdf
from samvirke.registry.models import Cooperation, Person

# a meeting reaches its organisation through its body, or through its network
MEETING_ORGANISATIONS = ("body__organisation", "body__cooperation__owner", "network__organisation")


def _through(prefix: str) -> AccessPaths:
    return AccessPaths(organisations=tuple(f"{prefix}__{p}" for p in MEETING_ORGANISATIONS))


class Meeting(Publishable):
    """Møte: a meeting of a body (or of a network), in Europe/Oslo time."""

    class Status(models.TextChoices):
        PLANNED = "planlagt", _("planned")
        CALLED = "innkalla", _("called")
        HELD = "halde", _("held")
        MINUTED = "protokollert", _("minuted")

    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    body = models.ForeignKey(
        Body,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("body"),
    )
    network = models.ForeignKey(
        Network,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("network"),
        help_text=_("For a network's meeting, instead of a body."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    date = PartialDateField(_("date"), help_text=_("As precise as known: 2026-04-07, 2026-03."))
    start_time = models.CharField(
        _("starts at"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^([01]\d|2[0-3]):[0-5]\d$", _("A time such as 09:30."))],
        help_text=_("Local time (Europe/Oslo), HH:MM."),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    notice_sent = PartialDateField(_("notice sent"))
    note = models.TextField(_("note"), blank=True)
    signed_minutes = models.FileField(
        _("signed minutes (PDF)"),
        storage=documents.DocumentStorage(),
        upload_to=documents.paper_path,
        validators=[documents.validate_pdf],
        max_length=200,
        blank=True,
    )
    access = AccessPaths(organisations=MEETING_ORGANISATIONS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(body__isnull=False) | models.Q(network__isnull=False),
                name="meeting_has_body_or_network",
            )
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.organ_name}, {self.date or '?'}"

    @property
    def organ_name(self) -> str:
        return str(self.body or self.network or "")

    def clean(self):
        if self.body_id is None and self.network_id is None:
            raise ValidationError(
                {"body": _("A meeting needs a body (or, for a network's meeting, a network).")}
            )
        if self.body_id is not None and self.network_id is not None:
            raise ValidationError(
                {"network": _("A meeting is of a body or of a network, not both.")}
            )


class Attendee(models.Model):
    """Someone invited to a meeting: a member of the body or a guest; present if known."""

    class Kind(models.TextChoices):
        MEMBER = "medlem", _("member")
        GUEST = "gjest", _("guest")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="attendees", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    person = models.ForeignKey(
        Person, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    name = models.CharField(
        _("name or position"), max_length=200, blank=True, help_text=_("When no person is named.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    present = models.BooleanField(_("present"), null=True, blank=True)
    access = _through("meeting")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="unique_attendee_order"),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(name=""),
                name="attendee_has_name",
            ),
        ]
        verbose_name = _("invited")
        verbose_name_plural = _("invited")

    def __str__(self) -> str:
        return str(self.person or self.name)


class ClosedBasis(models.TextChoices):
    """The legal basis for treating an item behind closed doors."""

    STAFF_MATTER = "kl-11-5-2a", _("Local Government Act § 11-5 (2) a: an employee's position")
    CONFIDENTIAL = "kl-11-5-2b", _("Local Government Act § 11-5 (2) b: duty of confidentiality")
    PRIVACY = "kl-11-5-3a", _("Local Government Act § 11-5 (3) a: privacy")
    PUBLIC_INTEREST = (
        "kl-11-5-3b",
        _("Local Government Act § 11-5 (3) b: weighty public interests"),
    )
    FOI_13 = "offl-13", _("Freedom of Information Act § 13: duty of confidentiality")


class AgendaItem(models.Model):
    """Sak: one item on a meeting's agenda, with the proposal and the decision taken."""

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(
        _("case number"), max_length=20, blank=True, help_text=_("Such as 12/26.")
    )
    title = models.CharField(_("title"), max_length=300)
    proposal = models.TextField(_("proposed decision"), blank=True)
    closed = models.BooleanField(_("closed"), default=False)
    closed_basis = models.CharField(
        _("legal basis for closing"), max_length=20, choices=ClosedBasis.choices, blank=True
    )
    outcome = models.TextField(
        _("decision taken"), blank=True, help_text=_("Recording it creates the decision record.")
    )
    decision = models.OneToOneField(
        Decision,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_item",
        verbose_name=_("decision record"),
    )
    note = models.TextField(_("note"), blank=True)
    access = _through("meeting")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="unique_agenda_item_order"),
            models.CheckConstraint(
                condition=models.Q(closed=False) | ~models.Q(closed_basis=""),
                name="closed_item_has_basis",
            ),
        ]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def clean(self):
        if self.closed and not self.closed_basis:
            raise ValidationError(
                {"closed_basis": _("A closed item needs its legal basis for closing.")}
            )
        if not self.closed and self.closed_basis:
            raise ValidationError(
                {"closed": _("An item with a legal basis for closing is closed.")}
            )
        meeting = Meeting.objects.filter(pk=self.meeting_id).first()
        if meeting is not None and self.outcome.strip():
            if meeting.body_id is None:
                raise ValidationError(
                    {"outcome": _("A network's meeting takes no decisions; only a body's does.")}
                )
            if meeting.status == Meeting.Status.PLANNED:
                raise ValidationError(
                    {"outcome": _("Call the meeting before recording what it decided.")}
                )


class AgendaItemCooperation(models.Model):
    """A cooperation an agenda item concerns (carried to its decision)."""

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="concerns", verbose_name=_("agenda item")
    )
    cooperation = models.ForeignKey(
        Cooperation, models.PROTECT, related_name="+", verbose_name=_("cooperation")
    )
    access = _through("item__meeting")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "cooperation__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "cooperation"], name="unique_item_cooperation")
        ]
        verbose_name = _("cooperation concerned")
        verbose_name_plural = _("cooperations concerned")

    def __str__(self) -> str:
        return str(self.cooperation)


class CasePaper(UploadedPdf):
    """Saksdokument: a PDF attached to an item, checked like agreement documents. A closed
    item's papers are shown only to the organisation's board members and staff."""

    item = models.ForeignKey(
        AgendaItem, models.CASCADE, related_name="papers", verbose_name=_("agenda item")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("PDF file"),
        storage=documents.DocumentStorage(),
        upload_to=documents.paper_path,
        validators=[documents.validate_pdf],
        max_length=200,
    )
    access = _through("item__meeting")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "title"]
        verbose_name = _("case paper")
        verbose_name_plural = _("case papers")
