"""Read generated briefings back as text, for assertions."""

from __future__ import annotations

from pathlib import Path


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def docx_text(path: Path) -> str:
    """All body text of a .docx (paragraphs and table cells in order), whitespace collapsed."""
    from docx import Document

    document = Document(str(path))
    parts: list[str] = []
    body = document.element.body
    for element in body.iter():
        if element.tag.endswith("}p"):
            texts = [t.text or "" if t.tag.endswith("}t") else " " for t in element.iter()
                     if t.tag.endswith("}t") or t.tag.endswith("}tab")]
            parts.append("".join(texts))
    return " ".join(" ".join(parts).split())
