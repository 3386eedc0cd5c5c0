"""Agreement documents: PDF only (by content), a size limit, stored outside the static
files, handed out only to those who may see the agreement."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader, PdfWriter

from samvirke.registry.models import Agreement, AgreementDocument
from tests.conftest import login_verified


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _n in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def agreement_form(agreement, **document) -> dict:
    """The admin change form of an agreement, unchanged, plus one new document."""
    parties = list(agreement.parties.all())
    data = {
        "slug": agreement.slug,
        "title": agreement.title,
        "kind": agreement.kind,
        "cooperation": agreement.cooperation_id or "",
        "organisation": agreement.organisation_id or "",
        "host": agreement.host_id or "",
        "in_force": agreement.in_force,
        "review_date": agreement.review_date,
        "responsible": agreement.responsible,
        "notice_terms": agreement.notice_terms,
        "cost_key": agreement.cost_key,
        "summary": agreement.summary,
        "is_published": "on" if agreement.is_published else "",
        "parties-TOTAL_FORMS": len(parties),
        "parties-INITIAL_FORMS": len(parties),
        "documents-TOTAL_FORMS": 1,
        "documents-INITIAL_FORMS": 0,
        "documents-0-title": document.get("title", "Signert avtale"),
        "documents-0-file": document["file"],
        "reviews-TOTAL_FORMS": 0,
        "reviews-INITIAL_FORMS": 0,
        "elements-TOTAL_FORMS": agreement.elements.count(),
        "elements-INITIAL_FORMS": agreement.elements.count(),
    }
    for n, p in enumerate(parties):
        data |= {
            f"parties-{n}-id": p.pk,
            f"parties-{n}-agreement": agreement.pk,
            f"parties-{n}-municipality": p.municipality_id,
            f"parties-{n}-status": p.status,
            f"parties-{n}-adopted": p.adopted,
            f"parties-{n}-signed": p.signed,
            f"parties-{n}-note": p.note,
        }
    for n, e in enumerate(agreement.elements.all()):
        data |= {
            f"elements-{n}-id": e.pk,
            f"elements-{n}-agreement": agreement.pk,
            f"elements-{n}-element": e.element,
            f"elements-{n}-state": e.state,
            f"elements-{n}-clause": e.clause,
            f"elements-{n}-note": e.note,
        }
    return data


@pytest.fixture
def staff(client, sogn, admin_user):
    return login_verified(client, admin_user)


def upload(staff, slug: str, content: bytes, name: str = "avtale.pdf"):
    agreement = Agreement.objects.get(slug=slug)
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return staff.post(
        f"/admin/registry/agreement/{agreement.pk}/change/", agreement_form(agreement, file=file)
    )


def test_staff_upload_a_pdf_and_the_public_downloads_it(staff):
    public = Client()
    response = upload(staff, "gis-vertskommuneavtale", pdf_bytes(2), "../../etc/passwd.pdf")
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    document = AgreementDocument.objects.get()
    stored = Path(document.file.path)
    assert stored.is_relative_to(Path(settings.DOCUMENTS_ROOT))
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    assert stored.name != "passwd.pdf" and document.original_name.endswith("passwd.pdf")
    page = public.get("/avtalar/gis-vertskommuneavtale/").content.decode()
    url = f"/avtalar/gis-vertskommuneavtale/dokument/{document.pk}/"
    assert url in page
    download = public.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    body = b"".join(download.streaming_content)
    assert len(PdfReader(io.BytesIO(body)).pages) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "ikkje ein PDF"),
        (b"%PDF-1.7\n garbage that is no pdf at all", "kan ikkje lesast"),
    ],
)
def test_what_is_not_a_pdf_is_refused_and_nothing_is_stored(staff, content, message):
    response = upload(staff, "gis-vertskommuneavtale", content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert AgreementDocument.objects.count() == 0


def test_a_file_over_the_limit_is_refused(staff, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    response = upload(staff, "gis-vertskommuneavtale", pdf_bytes(30))
    assert response.status_code == 200 and "grensa er" in response.content.decode()
    assert AgreementDocument.objects.count() == 0


def test_a_draft_agreements_document_is_not_handed_to_the_public(staff):
    assert upload(staff, "gis-vertskommuneavtale", pdf_bytes()).status_code == 302
    document = AgreementDocument.objects.get()
    Agreement.objects.filter(slug="gis-vertskommuneavtale").update(is_published=False)
    url = f"/avtalar/gis-vertskommuneavtale/dokument/{document.pk}/"
    assert Client().get(url).status_code == 404
    assert staff.get(url).status_code == 200  # an administrator sees drafts
