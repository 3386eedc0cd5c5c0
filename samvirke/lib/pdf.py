"""HTML to PDF for every report: tagged PDF/UA-1 (a structure tree, the document's language
and title), so a screen reader can follow headings, lists and tables."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    with _without_cycle_collection():
        return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while WeasyPrint lays out a document.

    Layout makes hundreds of thousands of objects that live until the PDF is written, so
    the collector's full passes ran again and again over them and over every module
    loaded (a quarter of the status deck's CPU time, benchmarks/reports.py). Nothing is
    lost: what becomes garbage is collected once the collector runs again. Only the
    outermost caller turns it back on (the collector is one switch per process)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
