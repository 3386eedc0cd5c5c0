"""Issue 13, row 11 and point 3: backup and restore carry everything, history included."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from samvirke.access.models import ApiToken, Grant, Role
from samvirke.interchange.exporter import dump, export_register
from samvirke.registry.models import Agreement, AgreementDocument, Cooperation, Organisation
from samvirke.reports.models import Edition
from tests.registry.test_documents import pdf_bytes


@pytest.fixture
def documents_root(settings, tmp_path):
    settings.DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.DOCUMENTS_ROOT


def _installation():
    """Users, a role, a token, a second factor, a document, an edition, and history."""
    user = get_user_model().objects.create_user("kari", password="hemmeleg-passord-42")
    organisation = Organisation.objects.get(slug="sogn-ko")
    Grant.objects.create(user=user, organisation=organisation, role=Role.STAFF)
    token = ApiToken(name="robot", created_by=user, organisation=organisation, role=Role.STAFF)
    secret = token.issue()
    token.save()
    TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    agreement = Agreement.objects.first()
    document = AgreementDocument(agreement=agreement, title="Signert")
    document.file.save("signert.pdf", ContentFile(pdf_bytes(2)))
    edition = Edition(
        slug="status-2026-03-nn",
        period="2026-03",
        language="nn",
        title="Status mars 2026",
        published_at=timezone.now(),
        data=export_register(),
    )
    for file_format, content in [
        ("pptx", b"PK\x03\x04 pptx"),
        ("pdf", b"%PDF-1.7"),
        ("html", b"<p>"),
    ]:
        edition.store(file_format, content)
    edition.save()
    return user, secret, document


def _state():
    users = list(
        get_user_model().objects.order_by("pk").values("pk", "username", "password", "is_staff")
    )
    return {
        "register": dump(export_register(), "json"),
        "users": users,
        "grants": list(Grant.objects.order_by("pk").values("user_id", "organisation_id", "role")),
        "tokens": list(
            ApiToken.objects.order_by("pk").values("key_id", "key_hash", "created_by_id")
        ),
        "devices": list(
            TOTPDevice.objects.order_by("pk").values("user_id", "name", "key", "confirmed")
        ),
        "editions": [
            (e.slug, e.file("pptx"), e.file("pdf"), e.file("html"), e.data)
            for e in Edition.objects.order_by("pk")
        ],
        "documents": [
            (d.file.name, d.file.read()) for d in AgreementDocument.objects.order_by("pk")
        ],
        "history": Cooperation.history.count(),
    }


def test_row_11_backup_then_restore_gives_back_everything_with_its_history(
    sogn, documents_root, tmp_path
):
    user, secret, document = _installation()
    moment = timezone.now()
    nav = Cooperation.objects.get(slug="nav")
    nav.phase = "avtale"
    nav.save()
    as_of_before = dump(export_register(as_of=moment), "json")
    state_before = _state()
    path = tmp_path / "samvirke.zip"
    call_command("backup", str(path))

    # what a disaster (or a mistake) does: records, users, files gone or changed
    Cooperation.objects.filter(slug="nav").update(name="Endra")
    get_user_model().objects.create_user("inntrengar")
    TOTPDevice.objects.all().delete()
    for edition in Edition.objects.all():
        for file_format in ("pptx", "pdf", "html"):
            edition.field(file_format).storage.delete(edition.field(file_format).name)
    Edition.objects.all().delete()
    document.file.storage.delete(document.file.name)

    call_command("restore", str(path), replace=True)

    assert _state() == state_before
    assert dump(export_register(as_of=moment), "json") == as_of_before
    assert as_of_before != state_before["register"]  # the as-of view really is the past
    assert ApiToken.find(secret).created_by.username == "kari"
    fresh = Cooperation.objects.create(slug="ny-etter-restore", name="Ny")
    assert fresh.pk > nav.pk  # the sequences go on after the restored rows


def test_a_restore_into_a_database_with_records_is_refused_unless_asked(sogn, tmp_path):
    path = tmp_path / "samvirke.zip"
    call_command("backup", str(path))
    Cooperation.objects.filter(slug="nav").update(name="Endra")
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(path))
    assert Cooperation.objects.get(slug="nav").name == "Endra"


def test_a_backup_of_another_schema_is_refused_and_changes_nothing(sogn, tmp_path):
    path = tmp_path / "samvirke.zip"
    call_command("backup", str(path))
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(other, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["migrations"].append(["registry", "9999_future"])
                content = json.dumps(manifest).encode()
            target.writestr(item, content)
    before = dump(export_register(), "json")
    with pytest.raises(CommandError, match="9999_future"):
        call_command("restore", str(other), replace=True)
    assert dump(export_register(), "json") == before


def test_a_file_that_is_not_a_backup_is_refused(sogn, tmp_path):
    path = tmp_path / "not-a-backup.zip"
    path.write_bytes(b"hello")
    with pytest.raises(CommandError, match="not-a-backup.zip"):
        call_command("restore", str(path), replace=True)


def test_a_restore_keeps_every_microsecond_of_the_history(sogn, tmp_path):
    """Django's JSON encoder cuts times to milliseconds: a change made 0.4 ms after a moment
    came back before it, and the register as of that moment showed the change (CI, stop 22)."""
    nav = Cooperation.objects.get(slug="nav")
    nav.phase = "avtale"
    nav.save()
    latest = nav.history.latest()
    exact = (latest.history_date + timedelta(seconds=1)).replace(microsecond=123999)
    nav.history.filter(pk=latest.pk).update(history_date=exact)
    before = exact.replace(microsecond=123500)
    as_of_before = dump(export_register(as_of=before), "json")
    path = tmp_path / "samvirke.zip"
    call_command("backup", str(path))

    call_command("restore", str(path), replace=True)

    assert Cooperation.history.get(pk=latest.pk).history_date == exact
    assert dump(export_register(as_of=before), "json") == as_of_before
