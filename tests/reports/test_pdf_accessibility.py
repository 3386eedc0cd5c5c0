"""Every report PDF is tagged PDF/UA: a structure tree, marked content, language and title,
checked with pypdf and with poppler's pdfinfo, an independent reader."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from pypdf import PdfReader

REPORTS = [
    ["report", "status", "--period", "2026-03"],
    ["report", "municipality", "4643"],
    ["report", "followup"],
]


@pytest.mark.parametrize("command", REPORTS, ids=lambda c: c[1])
def test_report_pdfs_are_tagged_for_screen_readers(sogn, tmp_path, command):
    out = tmp_path / "report.pdf"
    call_command(*command, "--format", "pdf", "--out", str(out))
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]).startswith("nn")
    assert reader.metadata.title
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        info = subprocess.run([pdfinfo, str(out)], capture_output=True, text=True, check=True)
        assert "Tagged:          yes" in info.stdout
