"""WordprocessingML written as text: parsed once where python-docx must hold it, or not at all.

Building a body element by element through lxml cost more than everything else
in the Word writer together, so the writer assembles markup strings instead.
The body's markup goes into the saved document part as it is (`package.package_bytes`);
headers, footers and settings are parsed by `parse` into ordinary python-docx (oxml)
elements in one call. Markup is written as a parser and serialiser would leave it
(empty elements closed, attribute white space as spaces), so both ways give the same bytes.
Every data string goes through `text` or `attribute` escaping, never into
markup unescaped; `Cleaner` first removes what XML cannot store.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Only what the document root declares too, so the new body carries no declarations of its
# own; pictures are serialised with theirs.
NAMESPACES = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

Element = Any  # an lxml element from python-docx's parser (python-docx ships no types)

_TAGS: dict[str, str] = {}


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def r(name: str) -> str:
    """The Clark name of ``r:<name>`` (relationship references)."""
    return f"{{{R_NS}}}{name}"


def w(name: str) -> str:
    """The Clark name of ``w:<name>``."""
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = f"{{{W_NS}}}{name}"
    return tag


BODY_NAMESPACES = (
    f"{NAMESPACES} xmlns:wp=\"{WP_NS}\" xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\""
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
"""The prefixes body markup uses undeclared: all declared by the reference's document root too, so markup
parsed into the body carries no declarations of its own and is serialised as it was written."""


def parse_body(markup: str) -> Element:
    """A ``w:body`` element holding the elements `markup` stands for."""
    from docx.oxml.parser import parse_xml

    return parse_xml(f"<w:body {BODY_NAMESPACES}>{markup}</w:body>")


def parse(markup: str) -> list[Element]:
    """The elements `markup` (a sequence of WordprocessingML elements) stands for."""
    return list(parse_body(markup))


_DECLARATION = re.compile(r' xmlns:\w+="[^"]*"')


def markup_of(element: Element) -> str:
    """`element` as markup without the namespace declarations of its start tag (the body's, see
    `BODY_NAMESPACES`), to be parsed again by `parse` or written into the body as it is."""
    from lxml import etree

    markup = str(etree.tostring(element, encoding="unicode"))
    end = markup.index(">")
    return _DECLARATION.sub("", markup[:end]) + markup[end:]


def text(value: str) -> str:
    """`value` escaped for element content."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ATTRIBUTE_SPACE = re.compile(r"\r\n|[\t\n\r]")


def attribute(value: str) -> str:
    """`value` escaped for a double-quoted attribute, its tabs and line ends spaces, as an XML parser
    reads them (XML 1.0, 3.3.3): the markup is then what it is when parsed and serialised again."""
    if "\t" in value or "\n" in value or "\r" in value:
        value = _ATTRIBUTE_SPACE.sub(" ", value)
    return text(value).replace('"', "&quot;")


# ---------------------------------------------------------------- text cleaning

# XML 1.0 allows tab, newline and carriage return below U+0020, no surrogates, not U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Cleaner:
    """Removes characters XML cannot store, recording a warning for every string it changed."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings

    def __call__(self, text: str, where: str) -> str:
        """`text` without XML-invalid characters; `where` names it in the warning."""
        if _NOT_XML.search(text) is None:
            return text
        removed = _NOT_XML.findall(text)
        cleaned = _NOT_XML.sub("", text)
        codes = ", ".join(sorted({f"U+{ord(char):04X}" for char in removed}))
        excerpt = cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"
        self.warnings.append(
            f"docx: {where}: removed {len(removed)} character(s) that XML cannot store ({codes}) from {excerpt!r}"
        )
        return cleaned


# ---------------------------------------------------------------- runs

_BREAKS = re.compile(r"(\t|\r\n|\r|\n)")
_BREAK_MARKUP = {"\t": "<w:tab/>", "\n": "<w:br/>", "\r": "<w:br/>", "\r\n": "<w:br/>"}


def run(value: str, style: str = "", bold: bool = False, italic: bool = False, script: str = "",
        rpr: str = "") -> str:
    """A ``w:r`` holding `value` (tabs and line breaks as ``w:tab``/``w:br``).

    `script` is the font of a right-to-left run (Arabic, Persian, Hebrew): the run is then
    marked right to left and complex-script, with bold and italic for complex scripts too.
    `rpr` is ready-made run properties (a ``w:rPr``) instead of those. An empty run is written
    ``<w:r/>``, as a serialiser writes it.
    """
    props = _run_properties(style, bold, italic, script) if style or bold or italic or script else rpr
    if "\t" in value or "\n" in value or "\r" in value:
        body = "".join(_BREAK_MARKUP.get(piece) or _text(piece) for piece in _BREAKS.split(value) if piece)
    else:
        body = _text(value) if value else ""
    if not props and not body:
        return "<w:r/>"
    return f"<w:r>{props}{body}</w:r>"


@lru_cache(maxsize=64)
def _run_properties(style: str, bold: bool, italic: bool, script: str) -> str:
    parts = [f'<w:rStyle w:val="{style}"/>' if style else "", f'<w:rFonts w:cs="{script}"/>' if script else "",
             ("<w:b/><w:bCs/>" if script else "<w:b/>") if bold else "",
             ("<w:i/><w:iCs/>" if script else "<w:i/>") if italic else "", "<w:rtl/><w:cs/>" if script else ""]
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _text(value: str) -> str:
    return f'<w:t xml:space="preserve">{text(value)}</w:t>'


def paragraph(style: str, content: str, props: str = "") -> str:
    """A ``w:p`` in paragraph style `style` holding `content`; `props` adds paragraph properties."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{props}</w:pPr>{content}</w:p>'


# ---------------------------------------------------------------- fields


def field(instruction: str, shown: str) -> str:
    """A complex field (e.g. ``PAGE``) whose cached result is `shown`."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {text(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


# ---------------------------------------------------------------- bookmarks and links

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,39}")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_\-]")
MAX_NAME = 40


def bookmark_name(anchor: str) -> str:
    """`anchor` as a Word bookmark name: a letter, then letters, digits, ``_`` or ``-``; 40 at most.

    Anchors that already qualify are kept; others are tidied and given a short
    hash of the original, so two different anchors never share a name.
    """
    if _NAME.fullmatch(anchor):
        return anchor
    base = _NOT_NAME.sub("_", anchor)
    if not base[:1].isalpha():
        base = "b" + base
    digest = hashlib.sha1(anchor.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{base[: MAX_NAME - 9]}_{digest}"


class Bookmarks:
    """Hands out bookmark ids in document order and keeps names unique."""

    def __init__(self) -> None:
        self.next_id = 0
        self.used: set[str] = set()

    def start(self, name: str) -> tuple[str, str] | None:
        """A ``w:bookmarkStart`` named `name` and its matching ``w:bookmarkEnd``; None if the name is taken."""
        if name in self.used:
            return None
        self.used.add(name)
        ident = self.next_id
        self.next_id += 1
        return f'<w:bookmarkStart w:id="{ident}" w:name="{attribute(name)}"/>', f'<w:bookmarkEnd w:id="{ident}"/>'


def external_link(rid: str, content: str) -> str:
    """A ``w:hyperlink`` to the web address of relationship `rid` around the runs `content` (if any)."""
    if not content:
        return f'<w:hyperlink r:id="{attribute(rid)}" w:history="1"/>'
    return f'<w:hyperlink r:id="{attribute(rid)}" w:history="1">{content}</w:hyperlink>'


def internal_link(anchor: str, content: str) -> str:
    """A ``w:hyperlink`` to bookmark `anchor` around the runs `content`."""
    return f'<w:hyperlink w:anchor="{attribute(anchor)}" w:history="1">{content}</w:hyperlink>'
