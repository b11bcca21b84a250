"""Inline nodes as Word runs: formatting inherited from enclosing nodes, languages, links, and the
citation marks that link to their notes or hold the footnote references."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from factsheet.document.nodes import FLAG, Cite, Emph, Inline, Inlines, Span, Strong, Text
from factsheet.writers import assert_never
from factsheet.writers.docx import notes, ooxml, scripts, styles
from factsheet.writers.docx.ooxml import Cleaner
from factsheet.writers.look import citation_marks


@dataclass(frozen=True)
class Format:
    """Character formatting inherited from enclosing inline nodes."""

    bold: bool = False
    italic: bool = False
    flag: bool = False
    lang: str = ""


PLAIN = Format()


@lru_cache(maxsize=256)
def _format(bold: bool, italic: bool, flag: bool, lang: str) -> Format:
    # A few formats serve a whole document: made once, not copied for every Strong, Emph and Span.
    return Format(bold, italic, flag, lang)


_BARE_RUN = re.compile(r"<w:r>(?!<w:rPr>)")


def with_language(runs: str, lang: str) -> str:
    """`runs` (``w:r`` markup) marked as text in language `lang`, for spelling and for screen readers."""
    tag = f'<w:lang w:val="{ooxml.attribute(lang)}" w:bidi="{ooxml.attribute(lang)}"/>'
    return _BARE_RUN.sub("<w:r><w:rPr></w:rPr>", runs).replace("</w:rPr>", tag + "</w:rPr>")


class InlineWriter:
    """The runs for inline nodes; `BodyWriter` sets the state they read and keeps while it writes."""

    clean: Cleaner
    """Makes a data string safe for XML, reporting what it drops (as `where`)."""
    where: str
    """Where in the document the writer is, for messages."""
    part: Any
    """The document part external links are related to (None: links are plain text)."""
    warnings: list[str]
    """Warnings met while writing."""
    cited: set[int]
    """Numbers of the notes that become footnotes: those cited in the text."""
    footnotes: dict[int, int]
    """Footnote id of each cited note, by note number, in the order of first citations."""
    note_anchors: dict[int, str]
    """Bookmark name of each note, by note number."""

    def inlines(self, nodes: Inlines, fmt: Format) -> str:
        """The runs for `nodes`."""
        if len(nodes) == 1:
            return self.inline(nodes[0], fmt)
        return "".join([self.inline(node, fmt) for node in nodes])

    def inline(self, node: Inline, fmt: Format) -> str:
        """The runs for one inline node."""
        match node:
            case Text():
                text = self.clean(node.text, self.where)
                if not text:
                    return ""
                style = styles.FLAG if fmt.flag else ""
                if scripts.has_rtl(text):
                    markup = "".join([ooxml.run(piece, style, fmt.bold, fmt.italic, script)
                                      for piece, script in scripts.pieces(text)])
                else:  # one left-to-right piece, as `pieces` would cut it
                    markup = ooxml.run(text, style, fmt.bold, fmt.italic)
                return with_language(markup, fmt.lang) if fmt.lang else markup
            case Strong():
                return self.inlines(node.children, _format(True, fmt.italic, fmt.flag, fmt.lang))
            case Emph():
                return self.inlines(node.children, _format(fmt.bold, True, fmt.flag, fmt.lang))
            case Span():
                flag = fmt.flag or FLAG in node.classes
                content = self.inlines(node.children, _format(fmt.bold, fmt.italic, flag, node.lang or fmt.lang))
                if node.href and self.part is not None:
                    rid = self.part.relate_to(node.href, RT.HYPERLINK, is_external=True)
                    return ooxml.external_link(rid, content)
                return content
            case Cite():
                return self.citations(node.numbers)
            case _:
                assert_never(node, "docx writer")

    def marks(self, numbers: Sequence[int]) -> list[tuple[str, int]]:
        """The printed marks of a run of citations: ranges as in the PDF, except that a note still
        waiting for its footnote reference gets a mark of its own, so each footnote's reference is its
        note's first citation and Word numbers the footnotes as the PDF numbers its notes."""
        out: list[tuple[str, int]] = []
        pending: list[int] = []
        for number in sorted(set(numbers)):
            if number in self.cited and number not in self.footnotes:
                out.extend(citation_marks(pending))
                out.append((str(number), number))
                pending = []
            else:
                pending.append(number)
        return out + citation_marks(pending)

    def citations(self, numbers: Sequence[int]) -> str:
        """One superscript marker 'n,m', each number a link to its note's bookmark."""
        out: list[str] = []
        for position, (label, number) in enumerate(self.marks(numbers)):
            if position:
                out.append(ooxml.run(",", style=styles.CITATION))
            if number in self.cited and number not in self.footnotes:  # the first citation holds the footnote
                self.footnotes[number] = len(self.footnotes) + 1
                out.append(notes.reference(self.footnotes[number], number, styles.CITATION))
                continue
            anchor = self.note_anchors.get(number)
            if anchor is None:
                self.warnings.append(f"docx: {self.where}: citation {number} has no note in the document")
                anchor = ooxml.bookmark_name(f"note-{number}")
            out.append(ooxml.internal_link(anchor, ooxml.run(label, style=styles.CITATION)))
        return "".join(out)
