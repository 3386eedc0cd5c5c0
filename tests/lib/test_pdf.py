"""The PDF path pauses the cycle collector only while it lays out, and restores it."""

import gc
import io

import pytest
from pypdf import PdfReader

from samvirke.lib.pdf import to_pdf

PAGE = '<!doctype html><html lang="nn"><head><title>T</title></head><body><p>Hei</p></body></html>'


def test_the_collector_is_back_on_after_a_pdf_and_off_only_while_it_is_made(monkeypatch):
    seen = []
    from weasyprint import HTML

    original = HTML.write_pdf

    def spy(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", spy)
    assert gc.isenabled()
    pdf = to_pdf(PAGE)
    assert seen == [False] and gc.isenabled()
    assert "Hei" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_caller_that_turned_the_collector_off_keeps_it_off():
    gc.disable()
    try:
        to_pdf(PAGE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_the_pdf_fails(monkeypatch):
    from weasyprint import HTML

    def fail(self, *args, **kwargs):
        raise ValueError("broken")

    monkeypatch.setattr(HTML, "write_pdf", fail)
    with pytest.raises(ValueError, match="broken"):
        to_pdf(PAGE)
    assert gc.isenabled()
