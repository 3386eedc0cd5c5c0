"""Staff planning of meetings: the meeting with who is invited, the items with their papers;
calling a meeting and recording an item's outcome go through the services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import FileField, URLField
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samvirke.access import scope
from samvirke.access.admin import LABELLED_DATETIME, ScopedAdmin, ScopedInline
from samvirke.governance.models import Body, Network
from samvirke.lib import viewer
from samvirke.meetings import models, services

# the private storage has no URL, which Django's clearable file widget would show
PRIVATE_FILES = {FileField: {"widget": forms.FileInput}}
MINUTED = _("The meeting is minuted: its agenda can no longer change.")


class NotMinutedForm(forms.ModelForm):
    """Refuses a change to an item (or a paper) of a minuted meeting."""

    def _meeting(self):
        instance = self.instance
        if isinstance(instance, models.CasePaper):
            return instance.item.meeting if instance.item_id else None
        meeting_id = self.cleaned_data.get("meeting") or instance.meeting_id
        if isinstance(meeting_id, models.Meeting):
            return meeting_id
        return models.Meeting.objects.filter(pk=meeting_id).first()

    def clean(self):
        cleaned = super().clean()
        meeting = self._meeting()
        if meeting and meeting.status == models.Meeting.Status.MINUTED and self.has_changed():
            raise ValidationError(MINUTED)
        return cleaned


class AttendeeInline(ScopedInline):
    model = models.Attendee
    extra = 0
    fields = [("order", "kind", "present"), ("person", "name")]


class ItemInline(ScopedInline):
    model = models.AgendaItem
    form = NotMinutedForm
    extra = 0
    fields = [("order", "number", "closed", "closed_basis"), "title"]
    show_change_link = True


@admin.register(models.Meeting)
class MeetingAdmin(ScopedAdmin):
    list_display = ["__str__", "title", "date", "start_time", "status", "is_published"]
    list_filter = ["status", "body", "is_published"]
    search_fields = ["title", "slug", "place"]
    readonly_fields = ["status", "notice_sent"]
    fields = [
        "slug",
        ("body", "network"),
        "title",
        ("date", "start_time"),
        ("place", "video_link"),
        ("status", "notice_sent", "is_published"),
        "note",
        "signed_minutes",
    ]
    inlines = [AttendeeInline, ItemInline]
    formfield_overrides = {
        **LABELLED_DATETIME,
        **PRIVATE_FILES,
        URLField: {"assume_scheme": "https"},
    }
    actions = ["call_meetings", "minute_meetings"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # only the bodies and networks of the staff member's own organisations
        if db_field.name in ("body", "network"):
            model = Body if db_field.name == "body" else Network
            kwargs["queryset"] = scope.editable(model.objects.all(), viewer.current())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _each(self, request, queryset, service, done_message):
        done = 0
        for meeting in queryset:
            try:
                service(meeting=meeting)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{meeting}: {' '.join(error.messages)}", messages.ERROR)
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Call the meeting (publish the agenda, send the notice)"))
    def call_meetings(self, request, queryset):
        self._each(
            request,
            queryset,
            services.meeting_call,
            lambda n: ngettext("%d meeting called.", "%d meetings called.", n) % n,
        )

    @admin.action(description=_("Approve the minutes"))
    def minute_meetings(self, request, queryset):
        self._each(
            request,
            queryset,
            services.meeting_minute,
            lambda n: ngettext("%d meeting minuted.", "%d meetings minuted.", n) % n,
        )


class CasePaperInline(ScopedInline):
    model = models.CasePaper
    form = NotMinutedForm
    extra = 1
    fields = ["title", "file"]
    formfield_overrides = PRIVATE_FILES


class ItemCooperationInline(ScopedInline):
    model = models.AgendaItemCooperation
    extra = 1


@admin.register(models.AgendaItem)
class AgendaItemAdmin(ScopedAdmin):
    form = NotMinutedForm
    list_display = ["__str__", "meeting", "closed", "decision"]
    list_filter = ["closed"]
    search_fields = ["title", "number"]
    readonly_fields = ["decision"]
    fields = [
        "meeting",
        ("order", "number"),
        "title",
        "proposal",
        ("closed", "closed_basis"),
        "outcome",
        "decision",
        "note",
    ]
    inlines = [ItemCooperationInline, CasePaperInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "meeting":
            meetings = models.Meeting.objects.exclude(status=models.Meeting.Status.MINUTED)
            kwargs["queryset"] = scope.editable(meetings, viewer.current())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # the outcome becomes the decision record once the item's cooperations are saved
        item = form.instance
        outcome = item.outcome.strip()
        if outcome and (item.decision is None or item.decision.text != outcome):
            # the form's clean (AgendaItem.clean) already refused what the service would
            decision = services.item_record_outcome(item=item, text=outcome)
            self.message_user(
                request, _("Decision recorded: %(title)s") % {"title": decision.title}
            )
