"""Case papers: the agreement documents' checked PDF upload (registry.documents), filed
under papers/ with a random name."""

from __future__ import annotations

import uuid

from samvirke.registry.documents import DocumentStorage, validate_pdf

__all__ = ["DocumentStorage", "paper_path", "validate_pdf"]


def paper_path(instance, filename: str) -> str:
    return f"papers/{uuid.uuid4().hex}.pdf"
