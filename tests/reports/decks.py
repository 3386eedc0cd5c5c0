"""The text a reader finds in a generated deck (python-pptx), shared by the report tests."""

import io

from pptx import Presentation


def slide_text(slide) -> str:
    """A slide's text boxes and table cells."""
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def deck_text(content: bytes) -> str:
    """Every slide's text and its speaker notes."""
    parts = []
    for slide in Presentation(io.BytesIO(content)).slides:
        parts.append(slide_text(slide))
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)
