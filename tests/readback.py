"""Read generated briefings back as text, for assertions."""

from __future__ import annotations

from pathlib import Path


def pdf_text(path: Path) -> str:
    """All text of a PDF, whitespace collapsed."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def docx_text(path: Path) -> str:
    """All text of a .docx, whitespace collapsed: the body (paragraphs and table cells in order), then the
    footnotes (the cited source notes, which the PDF prints at the end)."""
    from docx import Document
    from lxml import etree

    document = Document(str(path))
    roots = [document.element.body]
    for part in document.part.package.parts:
        if str(part.partname) == "/word/footnotes.xml":
            roots.append(etree.fromstring(part.blob))
    parts: list[str] = []
    for root in roots:
        for element in root.iter():
            if isinstance(element.tag, str) and element.tag.endswith("}p"):
                texts = [t.text or "" if t.tag.endswith("}t") else " " for t in element.iter()
                         if isinstance(t.tag, str) and (t.tag.endswith("}t") or t.tag.endswith("}tab"))]
                parts.append("".join(texts))
    return " ".join(" ".join(parts).split())
