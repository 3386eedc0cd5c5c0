"""The årshjul (public, with its calendar feed) and the staff dashboard."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.decorators import otp_required

from samvirke.governance.models import Body
from samvirke.lib.viewer import current as current_viewer
from samvirke.registry import regions
from samvirke.registry.models import Agreement, Cooperation, Municipality, Participation
from samvirke.workflows import agenda, ics, monthly, selectors
from samvirke.workflows.calc.due import OVERDUE, THIS_MONTH, THIS_QUARTER
from samvirke.workflows.forms import DecisionForm, NextStepForm, PhaseForm, StatusEntryForm


def _filters(request) -> dict:
    """The region (under /r/<slug>/; else the whole installation) and the query's filters."""
    return {
        "organisation": request.organisation,
        "municipality": request.GET.get("kommune", ""),
        "body": request.GET.get("organ", ""),
    }


def _choices(organisation) -> dict:
    """The filter's choices: municipalities taking part in and bodies of the region."""
    taking_part = Participation.objects.filter(regions.cooperations_q(organisation, "cooperation"))
    return {
        "municipalities": Municipality.objects.filter(
            pk__in=taking_part.values("municipality")
        ).order_by("number"),
        "bodies": Body.objects.filter(regions.bodies_q(organisation)).order_by("name"),
    }


def _year(request) -> int:
    text = request.GET.get("ar", "")
    if text.isdigit() and 1900 <= int(text) <= 2200:
        return int(text)
    return timezone.localdate().year


def calendar_page(request):
    """Årshjul: what falls due in a year, month by month, for a municipality or a body."""
    year, filters = _year(request), _filters(request)
    chosen = agenda.items(dt.date(year, 1, 1), dt.date(year, 12, 31), **filters)
    months = [(month, list(rows)) for month, rows in groupby(chosen, lambda i: i.last_day.month)]
    this_year = timezone.localdate().year
    context = {
        "year": year,
        # step links cover the feed's window; any other year is one field away
        "previous_year": year - 1 if year - 1 >= this_year - 1 else None,
        "next_year": year + 1 if year + 1 <= this_year + 2 else None,
        "months": months,
        "today": timezone.localdate(),  # open items past their last day are marked overdue
        "undated": agenda.undated(**filters),
        "feed_query": urlencode(
            {
                k: v
                for k, v in (("kommune", filters["municipality"]), ("organ", filters["body"]))
                if v
            }
        ),
        **filters,
        **_choices(filters["organisation"]),
    }
    return render(request, "workflows/calendar.html", context)


def calendar_feed(request):
    """The same items as an iCalendar feed: from a year back to two years ahead."""
    filters = _filters(request)
    today = timezone.localdate()
    chosen = agenda.items(dt.date(today.year - 1, 1, 1), dt.date(today.year + 2, 12, 31), **filters)
    name = _("samvirke: annual cycle")
    filename = "arshjul"
    if request.organisation:  # a region's feed says whose it is
        name += f" – {request.organisation.short_name or request.organisation.name}"
        filename += f"-{request.organisation.slug}"
    if filters["municipality"]:
        name += f" – {filters['municipality']}"
    if filters["body"]:
        name += f" – {filters['body']}"
    body = ics.calendar(chosen, name=name, base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@staff_member_required
@otp_required(login_url="admin:login")
def dashboard(request):
    """What is due or overdue across reviews, follow-ups, duties and transfers."""
    filters = _filters(request)
    due = agenda.due(timezone.localdate(), **filters)
    buckets = [
        (OVERDUE, _("Overdue"), [i for b, i in due if b == OVERDUE]),
        (THIS_MONTH, _("Due this month"), [i for b, i in due if b == THIS_MONTH]),
        (THIS_QUARTER, _("Due this quarter"), [i for b, i in due if b == THIS_QUARTER]),
    ]
    agreements = (
        Agreement.objects.visible()
        .filter(regions.agreements_q(filters["organisation"]))
        .select_related("cooperation", "organisation", "cost_key_link")
        .prefetch_related("elements", "parties")
    )
    if filters["municipality"]:
        agreements = agreements.filter(parties__municipality__number=filters["municipality"])
    checklists = [(a, selectors.agreement_checklist(a)) for a in agreements.distinct()]
    context = {
        "buckets": buckets,
        "checklists": [(a, c) for a, c in checklists if c.regime and not c.complete],
        "no_review_date": [a for a, _c in checklists if not a.review_date],
        "undated": agenda.undated(**filters),
        "transfers": [
            (t, selectors.transfer_checklist(t))
            for t in selectors.transfers()
            # a transfer concerns its host (the new employer) and every participant
            if not filters["municipality"]
            or (t.cooperation.host_id and t.cooperation.host.number == filters["municipality"])
            or t.cooperation.participations.filter(
                municipality__number=filters["municipality"]
            ).exists()
        ],
        "matrices": [selectors.host_matrix(s) for s in selectors.host_selections()],
        **filters,
        **_choices(filters["organisation"]),
    }
    return render(request, "workflows/dashboard.html", context)


def _staff(view):
    """Staff only, with the second factor (as the staff pages)."""
    return staff_member_required(otp_required(login_url="admin:login")(view))


@_staff
def monthly_update(request):
    """The monthly update: per cooperation a status entry, its phase and a next step."""
    return _monthly_page(request)


def _monthly_page(request, refused=None):
    """The monthly page; a ``refused`` form is shown as it was posted, with its errors next
    to its fields, so nothing typed is lost."""
    bound = {refused.prefix: refused} if refused is not None else {}
    viewer = current_viewer()
    rows = list(monthly.cooperations(viewer))
    source = monthly.current_source()
    today = timezone.localdate()
    due = agenda.due(today, organisation=request.organisation)
    sections = [
        {
            "cooperation": c,
            "latest": (list(c.status_entries.all()) or [None])[-1],
            "status_form": bound.get(f"s-{c.slug}")
            or StatusEntryForm(prefix=f"s-{c.slug}", source=source),
            "phase_form": bound.get(f"p-{c.slug}")
            or PhaseForm(prefix=f"p-{c.slug}", initial={"phase": c.phase}),
            "step_form": bound.get(f"n-{c.slug}") or NextStepForm(prefix=f"n-{c.slug}"),
            "open_steps": [s for s in c.next_steps.all() if not s.done],
        }
        for c in rows
    ]
    return render(
        request,
        "workflows/monthly.html",
        {
            "sections": sections,
            "without_news": monthly.without_news(rows, today),
            "month": today,
            "overdue": [i for b, i in due if b == OVERDUE],
            "this_month": [i for b, i in due if b == THIS_MONTH],
        },
        status=400 if refused is not None else 200,
    )


def _posted(request, slug: str, form_class, prefix: str, **kwargs):
    cooperation = get_object_or_404(Cooperation, slug=slug)
    form = form_class(request.POST, prefix=f"{prefix}-{slug}", **kwargs)
    return cooperation, form


def _back(cooperation: Cooperation):
    return redirect(f"{reverse('workflows:monthly')}#c-{cooperation.slug}")


@require_POST
@_staff
def add_status_entry(request, slug: str):
    cooperation, form = _posted(request, slug, StatusEntryForm, "s")
    if form.is_valid():
        data = form.cleaned_data
        entry = monthly.add_status_entry(
            cooperation,
            current_viewer(),
            text=data["text"],
            date=data["date"],
            published=data["state"] == StatusEntryForm.PUBLISHED,
            source=data["source"],
        )
        messages.success(
            request,
            (
                _("Status entry saved and published for %(name)s.")
                if entry.is_published
                else _("Status entry saved as a draft for %(name)s (not shown publicly).")
            )
            % {"name": cooperation.name},
        )
        return _back(cooperation)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
    return _monthly_page(request, refused=form)


@require_POST
@_staff
def set_phase(request, slug: str):
    cooperation, form = _posted(request, slug, PhaseForm, "p")
    if form.is_valid():
        monthly.set_phase(cooperation, current_viewer(), form.cleaned_data["phase"])
        messages.success(
            request,
            _("Phase of %(name)s: %(phase)s.")
            % {"name": cooperation.name, "phase": cooperation.get_phase_display()},
        )
        return _back(cooperation)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
    return _monthly_page(request, refused=form)


@require_POST
@_staff
def add_next_step(request, slug: str):
    cooperation, form = _posted(request, slug, NextStepForm, "n")
    if form.is_valid():
        monthly.add_next_step(cooperation, current_viewer(), **form.cleaned_data)
        messages.success(request, _("Next step added to %(name)s.") % {"name": cooperation.name})
        return _back(cooperation)
    messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
    return _monthly_page(request, refused=form)


def _errors(form) -> str:
    return "; ".join(
        f"{form.fields[name].label}: {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )


@_staff
def new_decision(request):
    """A decision with the cooperations it concerns and one follow-up, on one page."""
    from samvirke.access import scope

    viewer = current_viewer()
    form = DecisionForm(
        request.POST or None,
        bodies=scope.editable(Body.objects.all(), viewer).order_by("name"),
        cooperations=monthly.cooperations(viewer),
        responsible=monthly.responsible_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = monthly.record_decision(
            viewer,
            body=data["body"],
            date=data["date"],
            title=data["title"],
            text=data["text"],
            case_number=data["case_number"],
            published=data["state"] == DecisionForm.PUBLISHED,
            cooperations=list(data["cooperations"]),
            follow_up=data["follow_up"],
            responsible=data["responsible"],
            due=data["due"],
        )
        messages.success(
            request,
            (
                _("Decision saved and published: %(title)s.")
                if decision.is_published
                else _("Decision saved as a draft (not shown publicly): %(title)s.")
            )
            % {"title": decision.title},
        )
        return redirect("workflows:new_decision")
    return render(request, "workflows/decision_form.html", {"form": form})
