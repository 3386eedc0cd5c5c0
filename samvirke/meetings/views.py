"""The meetings on the portal: the list, a meeting's agenda and papers, the PDFs."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from samvirke.lib.sorting import SORTS
from samvirke.meetings import pdf, selectors
from samvirke.meetings.models import Meeting
from samvirke.portal.paging import page_of


def meeting_list(request):
    body = request.GET.get("body", "")
    found = selectors.meeting_list(organisation=request.organisation, body=body)
    page = page_of(request, found, sorts=SORTS["meetings"])
    return render(request, "meetings/meeting_list.html", {"page": page, "body": body})


def meeting_detail(request, slug: str):
    meeting = selectors.meeting_detail(slug, organisation=request.organisation)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "attendance": selectors.attendance(meeting),
            "decision_ids": selectors.visible_decision_ids(meeting),
            "cooperation_ids": selectors.linked_cooperation_ids(meeting, request.organisation),
            "decks": selectors.decks_for(meeting),
        },
    )


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def agenda_pdf(request, slug: str):
    meeting = selectors.meeting_detail(slug, organisation=request.organisation)
    return _pdf(pdf.agenda_pdf(meeting), f"sakliste-{meeting.slug}.pdf")


def minutes_pdf(request, slug: str):
    meeting = selectors.meeting_detail(slug, organisation=request.organisation)
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTED):
        raise Http404("no minutes before the meeting is held")
    return _pdf(pdf.minutes_pdf(meeting), f"protokoll-{meeting.slug}.pdf")


def _file(field, title: str) -> FileResponse:
    response = FileResponse(
        field.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{slugify(title) or 'dokument'}.pdf",
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def signed_minutes(request, slug: str):
    meeting = selectors.meeting_detail(slug, organisation=request.organisation)
    if not meeting.signed_minutes:
        raise Http404("no signed minutes uploaded")
    return _file(meeting.signed_minutes, f"protokoll-{meeting.slug}")


def paper(request, slug: str, pk: int):
    """A case paper, only to those who may see its item (404 otherwise)."""
    document = selectors.paper(slug, pk, organisation=request.organisation)
    return _file(document.file, document.title)
