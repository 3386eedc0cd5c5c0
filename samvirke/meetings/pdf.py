"""The agenda (innkalling og sakliste) and the minutes (møteprotokoll) as tagged PDF/UA."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from samvirke.lib.pdf import to_pdf
from samvirke.meetings import selectors
from samvirke.meetings.models import Meeting


def _render(template: str, meeting: Meeting) -> bytes:
    html = render_to_string(
        template,
        {
            "meeting": meeting,
            "items": list(meeting.items.all()),
            "attendance": selectors.attendance(meeting),
            "language": get_language() or "nn",
            "made": timezone.localdate(),
        },
    )
    return to_pdf(html)


def agenda_pdf(meeting: Meeting) -> bytes:
    """The items the viewer may see (from selectors.meeting_detail), with the proposals."""
    return _render("meetings/agenda_pdf.html", meeting)


def minutes_pdf(meeting: Meeting) -> bytes:
    """Who was invited and present, and each item's decision."""
    return _render("meetings/minutes_pdf.html", meeting)
