"""Issue 13 (security, second round): one regression test per row, named for it."""

from __future__ import annotations

import io
import json
import zipfile

import lxml.html
import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook
from pptx import Presentation

from samvirke.access.admin import ScopedAdmin
from samvirke.access.models import ApiToken, Grant
from samvirke.registry.models import (
    Agreement,
    AgreementDocument,
    Cooperation,
    Municipality,
    Organisation,
)
from samvirke.reports.content import Chart
from samvirke.reports.render.pptx import _chart
from samvirke.workflows.models import AgreementReview
from tests.access.conftest import make_user
from tests.access.test_tokens_and_audit import bearer, new_token
from tests.conftest import login_verified
from tests.registry.test_documents import pdf_bytes, upload

SOGN_KO_DRAFTS = ("utkast-sogndal", "utkast-aurland")


def form_values(client, url: str) -> dict:
    """The values a browser would send back from the admin form at ``url``, unchanged."""
    page = client.get(url)
    assert page.status_code == 200, url
    form = lxml.html.fromstring(page.content).get_element_by_id(url.split("/")[3] + "_form")
    return {name: value for name, value in form.form_values() if name}


def test_row_1_staff_add_forms_list_no_other_organisations_drafts(drafts):
    client = login_verified(Client(), make_user("other_staff"))
    checked = []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ScopedAdmin):
            continue
        meta = model._meta
        response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/add/")
        if response.status_code != 200:
            continue
        text = response.content.decode().lower()
        assert not [d for d in SOGN_KO_DRAFTS if d in text], meta.label
        checked.append(meta.label)
    assert len(checked) >= 11, checked
    # the organisation's own drafts are still offered
    page = client.get("/admin/workflows/hostselection/add/").content.decode()
    assert "Utkast utkast-ipr" in page


def test_row_2_a_token_is_refused_once_its_user_is_deactivated(client, drafts, capsys):
    user = make_user("staff")
    secret = new_token(capsys, "tilsett", user="staff")
    url = "/api/v1/cooperations/utkast-aurland"
    assert client.get(url, **bearer(secret)).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(url, **bearer(secret))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_row_2_a_token_is_refused_once_its_user_loses_the_role(client, drafts, capsys):
    make_user("staff")
    secret = new_token(capsys, "tilsett", user="staff")
    Grant.objects.filter(user__username="staff").delete()
    assert client.get("/api/v1/cooperations/utkast-aurland", **bearer(secret)).status_code == 401
    response = client.post(
        "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews",
        {"date": "2026-06-01", "outcome": "revider"},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 401
    assert not AgreementReview.objects.exists()


def test_row_2_token_create_refuses_a_role_the_user_lacks(drafts, capsys):
    make_user("board")
    with pytest.raises(CommandError, match="role"):
        new_token(capsys, "tilsett", user="board")
    with pytest.raises(CommandError, match="role"):
        new_token(capsys, "administrator", user="board")
    assert not ApiToken.objects.exists()
    # a role included in the one held is fine: a board member's token may read as a reader
    assert new_token(capsys, "kommunelesar", user="board", municipality="4640").startswith("smv_")


def test_row_2_the_staff_pages_issue_tokens_only_for_roles_the_creator_holds(drafts):
    user = make_user("admin")
    client = login_verified(Client(), user)
    sogn_ko = Organisation.objects.get(slug="sogn-ko")
    data = {"name": "t", "organisation": sogn_ko.pk, "role": "tilsett", "municipality": ""}
    data |= {"expires_at": "", "revoked_at": ""}
    assert client.post("/admin/access/apitoken/add/", data).status_code == 302
    assert ApiToken.objects.get().created_by == user
    # a reader token needs the municipality: the model's own check still speaks
    response = client.post("/admin/access/apitoken/add/", {**data, "role": "kommunelesar"})
    assert response.status_code == 200 and ApiToken.objects.count() == 1


def test_row_3_an_agreement_with_a_document_still_opens_in_the_staff_pages(admin_client, sogn):
    assert upload(admin_client, "gis-vertskommuneavtale", pdf_bytes()).status_code == 302
    document = AgreementDocument.objects.get()
    agreement = Agreement.objects.get(slug="gis-vertskommuneavtale")
    page = admin_client.get(f"/admin/registry/agreement/{agreement.pk}/change/")
    assert page.status_code == 200
    assert f"/avtalar/gis-vertskommuneavtale/dokument/{document.pk}/" in page.content.decode()
    history = admin_client.get(f"/admin/registry/agreement/{agreement.pk}/history/")
    assert history.status_code == 200


FORMULA = '=HYPERLINK("http://example.invalid/x","klikk")'
QUERY = "budget=1000000&key=hovudregel-25-75&period=2025K4"


def test_row_5_formula_leading_names_are_text_in_csv_and_xlsx(client, sogn, tmp_path):
    Municipality.objects.filter(number="4640").update(name=FORMULA)
    Municipality.objects.filter(number="4641").update(name="+47 sum")
    rows = client.get(f"/fordeling/?{QUERY}&format=csv").content.decode().splitlines()
    assert any(row.startswith("4640,\"'=HYPERLINK(") for row in rows), rows
    assert any(row.startswith("4641,'+47 sum,") for row in rows), rows
    path = tmp_path / "fordeling.xlsx"
    path.write_bytes(client.get(f"/fordeling/?{QUERY}&format=xlsx").content)
    sheet = load_workbook(path).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert cells[FORMULA].data_type == "s" and cells[FORMULA].quotePrefix
    assert cells["+47 sum"].quotePrefix
    # samvirke's own formulas stay formulas
    assert any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_row_5_a_charts_embedded_workbook_holds_no_formula_from_a_name():
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _chart(slide, Chart("t", "bar", (FORMULA, "Sogndal"), (("@SUM(1)", (1.0, 2.0)),)))
    blob = slide.shapes[0].chart.part.chart_workbook.xlsx_part.blob
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_row_6_a_review_cannot_cite_another_organisations_draft_decision(client, drafts, capsys):
    make_user("other_staff")
    ipr = Organisation.objects.get(slug="sognaradet-ipr")
    call_command(
        "token", "create", "t", "--user", "other_staff", "--organisation", ipr.slug,
        "--role", "tilsett",
    )  # fmt: skip
    secret = capsys.readouterr().out.strip().splitlines()[-1]
    url = "/api/v1/agreements/avtale-utkast-ipr/reviews"
    answers = {}
    for decision in ("vedtak-utkast-sogndal", "finst-ikkje"):
        body = {"date": "2026-06-01", "outcome": "revider", "decision": decision}
        response = client.post(url, body, content_type="application/json", **bearer(secret))
        answers[decision] = (response.status_code, response.json()["detail"].replace(decision, ""))
    assert answers["vedtak-utkast-sogndal"] == answers["finst-ikkje"]  # no existence oracle
    assert answers["finst-ikkje"][0] == 422
    assert not AgreementReview.objects.exists()


def test_row_7_a_nul_in_a_json_body_is_a_clear_400(client, drafts, capsys):
    make_user("staff")
    secret = new_token(capsys, "tilsett", user="staff")
    body = json.dumps({"date": "2026-06-01", "outcome": "revider", "notes": "a\x00b"})
    response = client.post(
        "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews",
        body,
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]
    assert not AgreementReview.objects.exists()


def test_row_8_a_municipality_reader_sees_only_their_organisations_drafts(drafts):
    sogn_ko = Organisation.objects.get(slug="sogn-ko")
    ipr = Organisation.objects.get(slug="sognaradet-ipr")
    luster = Municipality.objects.get(number="4642")  # the IPR draft concerns it
    user = make_user("reader")
    Grant.objects.filter(user=user).update(municipality=luster)
    client = login_verified(Client(), user)
    assert client.get("/api/v1/cooperations/utkast-ipr").status_code == 404
    assert client.get("/samarbeid/utkast-ipr/").status_code == 404
    Grant.objects.filter(user=user).update(organisation=ipr)
    assert client.get("/api/v1/cooperations/utkast-ipr").status_code == 200
    assert sogn_ko.pk != ipr.pk


def test_row_9_staff_cannot_move_their_draft_to_another_organisation(drafts):
    client = login_verified(Client(), make_user("staff"))
    make_user("other_staff")  # organisation B has people who would then see it
    ipr = Organisation.objects.get(slug="sognaradet-ipr")
    draft = Cooperation.objects.get(slug="utkast-sogndal")
    url = f"/admin/registry/cooperation/{draft.pk}/change/"
    data = form_values(client, url)
    for key in ("owner", "organisation"):
        response = client.post(url, {**data, key: ipr.pk})
        assert response.status_code == 403, key
        draft.refresh_from_db()
        assert draft.owner.slug == "sogn-ko" and draft.organisation_id != ipr.pk
    # an unchanged save still works
    assert client.post(url, data).status_code == 302


def test_row_12_texts_have_limits_with_a_clear_message(drafts, capsys):
    from samvirke.lib.fields import LONG_TEXT_LIMIT

    review = AgreementReview(
        agreement=Agreement.objects.get(slug="sogn-ko-samarbeidsavtale"),
        date="2026-06-01",
        outcome="revider",
        notes="x" * (LONG_TEXT_LIMIT + 1),
    )
    with pytest.raises(ValidationError) as failure:
        review.full_clean()
    assert "notes" in failure.value.message_dict
    make_user("staff")
    secret = new_token(capsys, "tilsett", user="staff")
    response = Client().post(
        "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews",
        {"date": "2026-06-01", "outcome": "revider", "notes": "x" * 2_000_000},
        content_type="application/json",
        **bearer(secret),
    )
    assert response.status_code == 422
    assert str(LONG_TEXT_LIMIT) in response.json()["detail"].replace("\xa0", "").replace(" ", "")
    assert not AgreementReview.objects.exists()


def test_row_15_direction_controls_are_refused_in_text(drafts):
    cooperation = Cooperation.objects.get(slug="utkast-sogndal")
    cooperation.name = "Barnevern \u202egpj.exe"
    with pytest.raises(ValidationError) as failure:
        cooperation.full_clean()
    assert "name" in failure.value.message_dict


def test_row_15_a_pdf_must_start_with_its_signature_and_be_no_web_page(admin_client, sogn):
    polyglot = b"<html><script>alert(1)</script>" + pdf_bytes()
    assert upload(admin_client, "gis-vertskommuneavtale", polyglot).status_code == 200
    hidden = b"%PDF-1.4\n<html><body>x</body></html>\n" + pdf_bytes()[9:]
    assert upload(admin_client, "gis-vertskommuneavtale", hidden).status_code == 200
    assert not AgreementDocument.objects.exists()


def test_row_15_the_size_message_says_20_mb(admin_client, sogn, settings):
    from samvirke.registry.documents import validate_pdf

    file = SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * 100)
    file.size = settings.DOCUMENT_MAX_BYTES + 1
    with pytest.raises(ValidationError) as failure:
        validate_pdf(file)
    assert "20 MB" in failure.value.messages[0]


def test_row_15_api_errors_outside_the_handlers_are_problem_json(drafts, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(raise_request_exception=False)
    response = client.post(
        "/api/v1/agreements/sogn-ko-samarbeidsavtale/reviews",
        json.dumps({"notes": "x" * 5000}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_row_15_password_spraying_from_one_address_is_refused(client, sogn, settings):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("ekte", password="ein-lang-og-trygg-frase")
    for n in range(settings.SAMVIRKE_SPRAY_USERNAMES + 1):
        client.post("/logg-inn/", {"username": f"gjett{n}", "password": "Sommar2026!"})
    response = client.post(
        "/logg-inn/", {"username": "ekte", "password": "ein-lang-og-trygg-frase"}
    )
    assert "_auth_user_id" not in client.session, response.status_code
    # another address is not affected
    other = Client(REMOTE_ADDR="192.0.2.7")
    other.post("/logg-inn/", {"username": "ekte", "password": "ein-lang-og-trygg-frase"})
    assert "_auth_user_id" in other.session


def test_row_15_the_write_operation_declares_its_security_schemes():
    from samvirke.api.urls import api

    schema = api.get_openapi_schema()
    operation = schema["paths"]["/api/v1/agreements/{slug}/reviews"]["post"]
    names = {name for requirement in operation["security"] for name in requirement}
    schemes = schema["components"]["securitySchemes"]
    assert {schemes[n]["type"] for n in names} == {"http", "apiKey"}
    assert any(schemes[n].get("scheme") == "bearer" for n in names)


def test_row_15_the_api_docs_load_no_script_from_elsewhere_and_have_a_csp(client, sogn):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = lxml.html.fromstring(response.content)
    sources = page.xpath("//script/@src | //link/@href")
    assert sources and all(s.startswith("/") for s in sources), sources


@pytest.mark.parametrize(
    "record",
    [
        '{"municipalities": [{"number": "4999", "name": "Ny\\u0000kommune"}]}',
        '{"municipalities": [{"number": "49\\u000099", "name": "Ny kommune"}]}',
        '{"cooperations": [{"slug": "barnevern\\u0000", "name": "x"}]}',
    ],
)
def test_row_7_an_import_with_a_nul_names_the_field(sogn, tmp_path, record):
    path = tmp_path / "nul.json"
    path.write_text(record, encoding="utf-8")
    with pytest.raises(CommandError) as failure:
        call_command("import", str(path))
    assert "nul.json" in str(failure.value)
    assert not Municipality.objects.filter(number__startswith="49", name__contains="Ny").exists()


def test_row_12_a_long_text_shows_its_limit_in_the_staff_form(admin_client, sogn):
    from samvirke.lib.fields import LONG_TEXT_LIMIT

    agreement = Agreement.objects.get(slug="gis-vertskommuneavtale")
    page = admin_client.get(f"/admin/registry/agreement/{agreement.pk}/change/")
    summary = lxml.html.fromstring(page.content).get_element_by_id("id_summary")
    assert summary.get("maxlength") == str(LONG_TEXT_LIMIT)
