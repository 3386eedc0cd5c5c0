"""HTML to PDF for every report: tagged PDF/UA-1 (a structure tree, the document's language
and title), so a screen reader can follow headings, lists and tables."""

from __future__ import annotations


def to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
