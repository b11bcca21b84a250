"""Small pieces of WordprocessingML that python-docx has no API for.

Elements are built with lxml directly (through python-docx's parser, so they
are ordinary oxml elements): runs, fields, bookmarks and internal hyperlinks.
Text always goes into element text, never through a markup parser, so data is
never interpreted; `Cleaner` removes what XML cannot store first.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Element = Any  # an lxml element from python-docx's parser (python-docx ships no types)

_TAGS: dict[str, str] = {}


def w(name: str) -> str:
    """The Clark name of ``w:<name>``."""
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = f"{{{W_NS}}}{name}"
    return tag


def sub(parent: Element, name: str, /, **attrs: str) -> Element:
    """Append a new ``w:<name>`` element to `parent`, with ``w:`` attributes `attrs`."""
    if attrs:
        element = parent.makeelement(w(name), {w(key): value for key, value in attrs.items()})
    else:
        element = parent.makeelement(w(name))
    parent.append(element)
    return element


def new(anchor: Element, name: str, /, **attrs: str) -> Element:
    """A new detached ``w:<name>`` element made by `anchor`'s parser."""
    return anchor.makeelement(w(name), {w(key): value for key, value in attrs.items()})


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


def run(parent: Element, text: str, style: str = "", bold: bool = False, italic: bool = False) -> Element:
    """Append a ``w:r`` holding `text` (tabs and line breaks as ``w:tab``/``w:br``)."""
    r = sub(parent, "r")
    if style or bold or italic:
        props = sub(r, "rPr")
        if style:
            sub(props, "rStyle", val=style)
        if bold:
            sub(props, "b")
        if italic:
            sub(props, "i")
    if "\t" in text or "\n" in text or "\r" in text:
        for piece in _BREAKS.split(text):
            if piece == "\t":
                sub(r, "tab")
            elif piece in ("\n", "\r", "\r\n"):
                sub(r, "br")
            elif piece:
                _text(r, piece)
    elif text:
        _text(r, text)
    return r


def _text(r: Element, text: str) -> None:
    t = sub(r, "t")
    t.set(XML_SPACE, "preserve")
    t.text = text


def paragraph(anchor: Element, style: str) -> Element:
    """A new detached ``w:p`` in paragraph style `style`."""
    p = new(anchor, "p")
    sub(sub(p, "pPr"), "pStyle", val=style)
    return p


# ---------------------------------------------------------------- fields


def field(p: Element, instruction: str, shown: str) -> None:
    """Append a complex field (e.g. ``PAGE``) whose cached result is `shown`."""
    sub(sub(p, "r"), "fldChar", fldCharType="begin")
    instr = sub(sub(p, "r"), "instrText")
    instr.set(XML_SPACE, "preserve")
    instr.text = f" {instruction} "
    sub(sub(p, "r"), "fldChar", fldCharType="separate")
    run(p, shown)
    sub(sub(p, "r"), "fldChar", fldCharType="end")


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

    def start(self, p: Element, name: str) -> str | None:
        """Append ``w:bookmarkStart`` named `name` to `p`; its id, or None if the name is taken."""
        if name in self.used:
            return None
        self.used.add(name)
        ident = str(self.next_id)
        self.next_id += 1
        sub(p, "bookmarkStart", id=ident, name=name)
        return ident

    @staticmethod
    def end(p: Element, ident: str | None) -> None:
        """Append the ``w:bookmarkEnd`` matching a `start`."""
        if ident is not None:
            sub(p, "bookmarkEnd", id=ident)


def internal_link(p: Element, anchor: str) -> Element:
    """Append a ``w:hyperlink`` to bookmark `anchor`; runs go inside it."""
    return sub(p, "hyperlink", anchor=anchor, history="1")
