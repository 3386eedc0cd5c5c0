from django import forms
from django.utils.translation import gettext_lazy as _

from samvirke.finance import selectors, services
from samvirke.registry.selectors import region_municipalities


def _former_label(name: str, end: str) -> str:
    if end:
        return _("%(name)s (former member until %(end)s)") % {"name": name, "end": end}
    return _("%(name)s (former member, end date unknown)") % {"name": name}


class AllocationForm(forms.Form):
    """The calculator's input; it is read from the query string, so results can be linked."""

    budget = forms.CharField(label=_("Budget (NOK)"), max_length=30)
    key = forms.CharField(
        label=_("Cost key"),
        max_length=200,
        help_text=_("A stored key, or written out such as “25 likt, 75 folketal”."),
    )
    period = forms.CharField(
        label=_("Reference period"),
        max_length=6,
        help_text=_("A quarter (2025K4) or a year (2026 = population at 1 January)."),
    )
    participants = forms.MultipleChoiceField(
        label=_("Participants"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: the region's member municipalities."),
    )
    part_year = forms.CharField(
        label=_("Part of the year (optional)"),
        required=False,
        max_length=300,
        help_text=_("E.g. “4638:..2026-06-30” for a member that leaves at the end of June."),
    )
    year = forms.IntegerField(
        label=_("Budget year"), required=False, min_value=1900, max_value=2200
    )
    compare = forms.CharField(
        label=_("Compare with other keys (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One key per line."),
    )

    def __init__(self, *args, organisation, municipalities, former=(), **kwargs):
        """organisation: the region whose members take part when none is ticked;
        municipalities: the current members; former: (municipality, end) pairs, offered
        after them and marked as former members with their end date (or "unknown")."""
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        participants = self.fields["participants"]
        assert isinstance(participants, forms.MultipleChoiceField)
        participants.choices = [(m.number, m.name) for m in municipalities] + [
            (m.number, _former_label(m.name, end)) for m, end in former
        ]

    def clean_budget(self):
        return self._check(services.parse_budget, "budget")

    def clean_period(self):
        return self._check(services.check_period, "period")

    def clean_key(self):
        return self._check(services.resolve_key, "key")

    def clean_compare(self):
        texts = [k.strip() for k in self.cleaned_data["compare"].splitlines() if k.strip()]
        try:
            return [services.resolve_key(text) for text in texts]
        except services.AllocationInputError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean(self):
        data = super().clean() or {}
        if "participants" in data and "part_year" in data:
            try:
                data["chosen"] = services.parse_participants(
                    self.participants_text(), data.get("year"), self.organisation
                )
            except services.AllocationInputError as exc:
                self.add_error("part_year" if data["part_year"] else "participants", exc.message)
        return data

    def _check(self, parse, name: str):
        try:
            return parse(self.cleaned_data[name])
        except services.AllocationInputError as exc:
            raise forms.ValidationError(exc.message) from None

    def participants_text(self) -> str:
        chosen = list(self.cleaned_data["participants"])
        part_year = {
            item.split(":")[0].strip(): item.strip()
            for item in self.cleaned_data["part_year"].split(",")
            if item.strip()
        }
        if not chosen and part_year:
            chosen = [m.number for m in region_municipalities(self.organisation)]
        chosen += [n for n in part_year if n not in chosen]
        return ",".join(part_year.get(n, n) for n in chosen)

    def run(self):
        """(result, comparison or None); errors go onto the form's fields."""
        data = self.cleaned_data
        inputs = services.Inputs(
            data["budget"],
            (data["key"], *data["compare"]),
            data["period"],
            tuple(data["chosen"]),
        )
        try:
            result = services.allocate(inputs)
            comparison = services.compare(inputs) if data["compare"] else None
        except services.AllocationInputError as exc:
            field = exc.field if exc.field in self.fields else "part_year"
            self.add_error(field, exc.message)
            return None, None
        return result, comparison


def initial_values() -> dict:
    keys = list(selectors.stored_keys()[:1])
    periods = selectors.population_periods()
    return {"key": keys[0].slug if keys else "", "period": periods[0] if periods else ""}
