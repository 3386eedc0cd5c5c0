"""A planned board meeting of Sogn KO with an open and a closed item, each with a paper."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from samvirke.governance.models import Body
from samvirke.meetings import services
from samvirke.registry.models import Cooperation


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str = "sak.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


@pytest.fixture
def meeting(sogn):
    return planned_meeting()


def planned_meeting():
    meeting = services.meeting_create(
        slug="styret-2026-05-11",
        body=Body.objects.get(slug="sogn-ko-styret"),
        date="2026-05-11",
        start_time="09:30",
        title="Styremøte",
        place="Sogndal rådhus",
    )
    open_item = services.item_add(
        meeting=meeting,
        number="12/26",
        title="Open sak om barnevern",
        proposal="Styret tek saka til orientering.",
        cooperations=[Cooperation.objects.get(slug="barnevern")],
    )
    closed_item = services.item_add(
        meeting=meeting,
        number="13/26",
        title="Lukka personalsak",
        closed=True,
        closed_basis="kl-11-5-2a",
    )
    services.paper_add(item=open_item, title="Saksframlegg open", file=pdf_upload())
    services.paper_add(item=closed_item, title="Saksframlegg lukka", file=pdf_upload())
    return meeting


@pytest.fixture
def english():
    """Messages read in English (the source language), so tests can name them."""
    from django.utils import translation

    with translation.override("en"):
        yield
