"""The årshjul (public, with its calendar feed) and the staff dashboard."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from urllib.parse import urlencode

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.decorators import otp_required

from samvirke.governance.models import Body
from samvirke.registry.models import Agreement, Municipality
from samvirke.workflows import agenda, ics, selectors
from samvirke.workflows.calc.due import OVERDUE, THIS_MONTH, THIS_QUARTER


def _filters(request) -> dict:
    return {
        "municipality": request.GET.get("kommune", ""),
        "body": request.GET.get("organ", ""),
    }


def _choices() -> dict:
    return {
        "municipalities": Municipality.objects.filter(participations__isnull=False)
        .distinct()
        .order_by("number"),
        "bodies": Body.objects.order_by("name"),
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
        **_choices(),
    }
    return render(request, "workflows/calendar.html", context)


def calendar_feed(request):
    """The same items as an iCalendar feed: from a year back to two years ahead."""
    filters = _filters(request)
    today = timezone.localdate()
    chosen = agenda.items(dt.date(today.year - 1, 1, 1), dt.date(today.year + 2, 12, 31), **filters)
    name = _("samvirke: annual cycle")
    if filters["municipality"]:
        name += f" – {filters['municipality']}"
    if filters["body"]:
        name += f" – {filters['body']}"
    body = ics.calendar(chosen, name=name, base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="arshjul.ics"'
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
            if not filters["municipality"]
            or t.cooperation.participations.filter(
                municipality__number=filters["municipality"]
            ).exists()
        ],
        "matrices": [selectors.host_matrix(s) for s in selectors.host_selections()],
        **filters,
        **_choices(),
    }
    return render(request, "workflows/dashboard.html", context)
