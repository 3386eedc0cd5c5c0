"""The monthly update's short forms: one status entry, a phase, a next step."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samvirke.lib import partial_date
from samvirke.registry.models import Cooperation, Source


def _partial_date(value: str) -> str:
    try:
        partial_date.parse(value)
    except partial_date.PartialDateError:
        raise ValidationError(
            _("Write a date as 2026-03-12, a month as 2026-03 or a year as 2026.")
        ) from None
    return value


class StatusEntryForm(forms.Form):
    PUBLISHED, DRAFT = "publisert", "utkast"

    text = forms.CharField(label=_("This month's status"), widget=forms.Textarea(attrs={"rows": 3}))
    date = forms.CharField(label=_("Date"), max_length=30)
    state = forms.ChoiceField(
        label=_("Show it"),
        choices=[(PUBLISHED, _("Published now")), (DRAFT, _("Draft (not shown publicly)"))],
        widget=forms.RadioSelect,
        initial=PUBLISHED,
    )
    source = forms.ModelChoiceField(
        label=_("Source"), queryset=Source.objects.all(), required=False
    )

    def __init__(self, *args, source: Source | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate().isoformat()
        self.fields["source"].initial = source
        self.fields["source"].empty_label = _("(no source)")

    def clean_date(self):
        return _partial_date(self.cleaned_data["date"].strip())


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Cooperation.Phase.choices)


class NextStepForm(forms.Form):
    text = forms.CharField(label=_("Next step"), max_length=1000)
    due = forms.CharField(
        label=_("Due"),
        max_length=30,
        required=False,
        help_text=_("A day, a month (2026-05) or empty when not known."),
    )

    def clean_due(self):
        value = self.cleaned_data["due"].strip()
        return _partial_date(value) if value else ""


class DecisionForm(forms.Form):
    """A decision, the cooperations it concerns and its follow-up, on one page."""

    PUBLISHED, DRAFT = StatusEntryForm.PUBLISHED, StatusEntryForm.DRAFT

    title = forms.CharField(label=_("Title"), max_length=300)
    body = forms.ModelChoiceField(label=_("Body"), queryset=None)  # set in __init__
    date = forms.CharField(label=_("Date"), max_length=30)
    case_number = forms.CharField(label=_("Case number"), max_length=50, required=False)
    text = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("As adopted.")
    )
    cooperations = forms.ModelMultipleChoiceField(
        label=_("Cooperations concerned"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    state = forms.ChoiceField(
        label=_("Show it"),
        choices=[(PUBLISHED, _("Published now")), (DRAFT, _("Draft (not shown publicly)"))],
        widget=forms.RadioSelect,
        initial=PUBLISHED,
    )
    follow_up = forms.CharField(
        label=_("Follow-up"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("What is to be done (empty: no follow-up)."),
    )
    responsible = forms.ChoiceField(label=_("Responsible"), required=False)
    due = forms.CharField(
        label=_("Due"),
        max_length=30,
        required=False,
        help_text=_("A day, a month (2026-05) or empty when not known."),
    )

    def __init__(self, *args, bodies, cooperations, responsible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        # the body that decides most often (the board) is chosen; another is one pick away
        board = bodies.annotate(n=Count("decisions")).order_by("-n", "name").first()
        self.fields["body"].initial = board.pk if board else None
        self.fields["cooperations"].queryset = cooperations
        self.fields["responsible"].choices = [("", _("(not known)"))] + [
            (name, name) for name in responsible
        ]
        self.fields["date"].initial = timezone.localdate().isoformat()

    def clean_date(self):
        return _partial_date(self.cleaned_data["date"].strip())

    def clean_due(self):
        value = self.cleaned_data["due"].strip()
        return _partial_date(value) if value else ""
