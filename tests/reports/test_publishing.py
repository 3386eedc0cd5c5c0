"""Published editions stay byte-identical; past editions can be rebuilt from history."""

import base64
import hashlib
import json

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from samvirke.interchange.exporter import export_register
from samvirke.interchange.services import load_dataset
from samvirke.lib import storage
from samvirke.registry.models import Cooperation
from samvirke.reports import services
from samvirke.reports.content import build_status_report
from samvirke.reports.models import Edition, EditionChanged
from tests.conftest import login_verified


def test_an_edition_stays_byte_identical_after_the_register_moves_on(sogn, client):
    edition = services.publish("2026-03", organisation="sogn-ko")
    stored = {
        f: b"".join(client.get(f"/rapportar/utgaver/{edition.slug}.{f}").streaming_content)
        for f in ("pptx", "pdf", "html")
    }
    barnevern = Cooperation.objects.get(slug="barnevern")
    barnevern.name = "Barnevern i Sogn"
    barnevern.save()
    for file_format, content in stored.items():
        again = b"".join(
            client.get(f"/rapportar/utgaver/{edition.slug}.{file_format}").streaming_content
        )
        assert again == content == edition.file(file_format)
    report = services.status_report("2026-03", organisation="sogn-ko")
    assert "Barnevern i Sogn" in services.render(report, "html").decode()
    assert "Barnevern i Sogn" not in stored["html"].decode()


def test_an_edition_can_be_rebuilt_from_the_register_history(sogn):
    edition = services.publish("2026-03", organisation="sogn-ko")
    nav = Cooperation.objects.get(slug="nav")
    nav.name = "NAV Sogn"
    nav.save()
    then = build_status_report(
        export_register(as_of=edition.published_at), "2026-03", organisation="sogn-ko"
    )
    assert then == build_status_report(edition.data, "2026-03", organisation="sogn-ko")
    assert services.rebuild(edition, "html", from_history=True) == edition.file("html")


def test_the_publish_button_is_for_staff_only(sogn, client, django_capture_on_commit_callbacks):
    response = client.post("/rapportar/publiser/", {"period": "2026-03"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Edition.objects.exists()
    staff = User.objects.create_user("stab", password="eit-langt-passord-1", is_staff=True)
    login_verified(client, staff)
    with django_capture_on_commit_callbacks(execute=True):  # the build runs after commit
        response = client.post("/rapportar/publiser/", {"period": "2026-03"}, follow=True)
    assert "Byggjer ei utgåve" in response.content.decode()  # queued: the build page
    page = client.get(response.redirect_chain[-1][0]).content.decode()  # after the build ran
    edition = Edition.objects.get()
    assert edition.published_by == "stab"
    assert edition.slug in page and 'value="100"' in page


def test_the_cli_publishes_lists_and_downloads(sogn, tmp_path, capsys):
    call_command("report", "publish", period="2026-03", organisation="sogn-ko")
    slug = Edition.objects.get().slug
    call_command("report", "editions")
    assert slug in capsys.readouterr().out
    out = tmp_path / "deck.pptx"
    call_command("report", "download", slug, format="pptx", out=out)
    assert out.read_bytes() == Edition.objects.get().file("pptx")
    with pytest.raises(CommandError, match="2026-3"):
        call_command("report", "publish", period="2026-3")


def test_reports_on_the_portal_and_in_the_api(sogn, client):
    services.publish("2026-03", organisation="sogn-ko")
    assert client.get("/rapportar/").status_code == 200
    editions = client.get("/api/v1/reports/editions").json()
    assert editions[0]["downloads"]["pptx"].endswith(".pptx")
    links = client.get("/api/v1/reports/links?period=2026-03").json()
    assert set(links["municipalities"]) >= {"4639", "4643"}
    pdf = client.get(links["status"]["pdf"].replace("http://testserver", ""))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_municipality_overview(sogn, client):
    page = client.get("/rapportar/kommune/4643.html").content.decode()
    for fact in (
        "Årdal kommune",
        "NAV",
        "Vertskommune",
        "Alarmsentralen IKS",
        "Vertskommuneavtale om felles barnevernsteneste",
        "desember 2025",
    ):
        assert fact in page, fact
    pdf = client.get("/rapportar/kommune/4643.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/rapportar/kommune/0000.pdf").status_code == 404


def test_the_follow_up_report_filters(sogn, client):
    page = client.get("/rapportar/vedtaksoppfolging/?format=html&status=pagar").content.decode()
    assert "Etablering av ny teneste" in page and "Pågår" in page
    assert "Gjennomgang av avtalar" not in page
    board = client.get(
        "/rapportar/vedtaksoppfolging/?format=html&body=sogn-ko-styret"
        "&from=2026-01-01&to=2026-03-31"
    ).content.decode()
    assert "Vidare utvikling av vertskommunesamarbeid om NAV" in board
    assert "Veteranplan for Sognaregionen" not in board


def test_the_cli_writes_the_other_reports(sogn, tmp_path):
    call_command("report", "municipality", "4643", format="pdf", out=tmp_path / "m.pdf")
    call_command(
        "report", "followup", format="html", out=tmp_path / "f.html", body="sogn-ko-styret"
    )
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
    assert "Styret i Sogn KO" in (tmp_path / "f.html").read_text(encoding="utf-8")
    with pytest.raises(CommandError, match="9999"):
        call_command("report", "municipality", "9999", out=tmp_path / "x.pdf")


def test_edition_data_is_the_register_export(sogn):
    edition = services.publish("2026-03", organisation="sogn-ko")
    assert json.dumps(edition.data, sort_keys=True) == json.dumps(export_register(), sort_keys=True)


def test_an_edition_keeps_its_checksum_and_a_changed_file_is_refused(sogn, client):
    edition = services.publish("2026-03", organisation="sogn-ko")
    response = client.get(f"/rapportar/utgaver/{edition.slug}.pdf")
    body = b"".join(response.streaming_content)
    digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
    assert response["Repr-Digest"] == f"sha-256=:{digest}:"
    assert edition.sha256["pdf"] == hashlib.sha256(body).hexdigest()
    name = edition.pdf_file.name
    storage.editions().delete(name)
    storage.editions().save(name, ContentFile(b"%PDF- something else"))
    with pytest.raises(EditionChanged):
        Edition.objects.get().file("pdf")


@pytest.fixture
def restores_sogn(django_db_blocker):
    """A transactional test empties the database when it ends; the tests after it read the
    Sogn register, so load it again (this fixture is set up first, so torn down last)."""
    yield
    with django_db_blocker.unblock():
        load_dataset("sogn")


def test_old_editions_move_from_the_database_to_storage(restores_sogn, transactional_db):
    """The migration writes the bytes an edition held in the database to storage."""
    executor = MigrationExecutor(connection)
    executor.migrate([("reports", "0001_initial")])
    old = executor.loader.project_state([("reports", "0001_initial")]).apps
    old.get_model("reports", "Edition").objects.create(
        slug="old",
        period="2026-03",
        language="nn",
        title="Old",
        data={},
        published_at=timezone.now(),
        pptx=b"deck",
        pdf=b"%PDF-1",
        html=b"<p>old</p>",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    edition = Edition.objects.get(slug="old")
    assert [edition.file(f) for f in ("pptx", "pdf", "html")] == [b"deck", b"%PDF-1", b"<p>old</p>"]
