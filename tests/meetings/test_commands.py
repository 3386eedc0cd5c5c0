"""samvirke meetings list | agenda | minutes: what the public sees, agenda and minutes as
tagged PDF (PDF/UA-1: a structure tree, the language, the title)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from samvirke.meetings import services


def run(*args) -> str:
    out = io.StringIO()
    call_command("meetings", *args, stdout=out)
    return out.getvalue()


def pdf_text(path) -> tuple[PdfReader, str]:
    reader = PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_list_shows_the_published_meetings(sogn):
    listed = run("list")
    assert "styret-2026-04-07" in listed
    assert "Styringsgruppa for barnevern" in listed
    assert "styret-2025-06-04" in run("list", "--body", "sogn-ko-styret")


def test_agenda_is_a_tagged_pdf_with_the_expected_items(sogn, tmp_path):
    out = tmp_path / "sakliste.pdf"
    run("agenda", "styret-2026-04-07", "--out", str(out))
    reader, text = pdf_text(out)
    assert "Rapport og tilråding om PPT-samarbeid" in text
    assert "Visit Sognefjord" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "nn"
    assert "Styret i Sogn KO" in reader.metadata.title


def test_minutes_carry_the_decisions_and_not_the_closed_items(meeting, tmp_path):
    services.meeting_call(meeting=meeting, notify=False)
    services.item_record_outcome(
        item=meeting.items.get(number="12/26"), text="Teke til orientering."
    )
    out = tmp_path / "protokoll.pdf"
    run("minutes", "styret-2026-05-11", "--out", str(out))
    _reader, text = pdf_text(out)
    assert "Teke til orientering." in text
    assert "Lukka personalsak" not in text  # commands see what the public sees


def test_minutes_of_a_meeting_not_yet_held_are_refused(sogn, tmp_path):
    with pytest.raises(CommandError):
        run("minutes", "styret-2026-04-07", "--out", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError):
        run("agenda", "finst-ikkje", "--out", str(tmp_path / "x.pdf"))
