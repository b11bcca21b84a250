"""Tagged PDF: the structure tree, collected while the flowables draw.

ReportLab has no tagging, so the PDF writer builds it. The story builder makes
one `Element` per structure element, in the document tree's (logical) order,
and hands each flowable the element its content belongs to. When a flowable
draws, it wraps what it draws in marked content (``/P <</MCID 3>> BDC ... EMC``)
through the `Tagger` the canvas carries; the tagger records which element owns
each marked-content id on each page. Everything else drawn (running heads,
footers, rules, stripes, repeated table headers) is wrapped as an artifact.
`factsheet.writers.pdf.structure` turns the collected tree into PDF objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, Union

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable


@dataclass(slots=True)
class MarkedContent:
    """Marked-content id `mcid` on page `page` (0-based). A value, never changed once made (not a frozen
    dataclass, which costs three times as much to make: a briefing marks hundreds of sequences)."""

    page: int
    mcid: int


@dataclass(eq=False, slots=True)
class Annotation:
    """An annotation (a link) that belongs to a structure element; `key` is its /StructParent, set on writing."""

    page: int
    link: LinkAnnotation


Kid = Union["Element", MarkedContent, Annotation]


@dataclass(eq=False, slots=True)
class Element:
    """One structure element: a standard PDF structure type and its attributes.

    Elements hold their kids but not their parent: a tree without back references is freed by reference
    counting as soon as the document is written, not by a pass of the cyclic collector over every element.
    """

    role: str
    kids: list[Kid] = field(default_factory=list)
    alt: str = ""
    """Alternative text (/Alt), for figures."""
    lang: str = ""
    """Language (/Lang) when it differs from the enclosing element's."""
    ident: str = ""
    """Element identifier (/ID), for notes."""
    scope: str = ""
    """Header cell scope (/Scope in the Table attributes): Column or Row."""
    bbox: tuple[float, float, float, float] | None = None
    """Bounding box on its page, for figures (Layout attributes)."""

    def add(self, role: str, **attributes: Any) -> Element:
        """A new child element, after the existing kids."""
        child = Element(role, **attributes)
        self.kids.append(child)
        return child


class _Run(Protocol):
    """What the tagger needs to know of a text run."""

    @property
    def link(self) -> str | None:
        """Where the run links to, if anywhere."""


class Tagger:
    """Marked-content ids per page and the elements that own them, for one document."""

    def __init__(self, lang: str = "") -> None:
        self.root = Element("Document", lang=lang)
        self.pages: list[list[Element]] = []
        """Per page, the element owning each marked-content id (the id is the index)."""
        self.annotations: list[tuple[Element, LinkAnnotation]] = []
        self.descriptions: dict[str, str] = {}
        """What each link destination is, for the links' /Contents."""
        self.suppressed = 0

    def begin(self, page: int, element: Element) -> str:
        """The operator that opens a new marked-content sequence of `element` on `page`."""
        while len(self.pages) <= page:
            self.pages.append([])
        owners = self.pages[page]
        mcid = len(owners)
        owners.append(element)
        element.kids.append(MarkedContent(page, mcid))
        return f"/{element.role} <</MCID {mcid}>> BDC"

    def marks(self, canvas: Any, element: Element | None) -> Marks | None:
        """The marks of a paragraph of `element` being drawn now; None when nothing is to be tagged."""
        if element is None or self.suppressed:
            return None
        return Marks(self, element, canvas.getPageNumber() - 1)


class _Plain:
    """A run that links nowhere and has no language of its own: the element's own marked content."""

    @property
    def link(self) -> str | None:
        """Nowhere."""
        return None


PLAIN = _Plain()


def of(canvas: Any) -> Tagger | None:
    """The tagger of the document `canvas` draws, if it is tagged."""
    return getattr(canvas, "tagger", None)


ARTIFACT = "/Artifact BDC"
PAGINATION = "/Artifact <</Type /Pagination>> BDC"
LAYOUT = "/Artifact <</Type /Layout>> BDC"
END = "EMC"


@contextmanager
def artifact(canvas: Any, kind: str = LAYOUT) -> Iterator[None]:
    """Everything drawn inside is an artifact, and no flowable drawn inside is tagged."""
    tagger = of(canvas)
    if tagger is None:
        yield
        return
    canvas._code.append(kind)
    tagger.suppressed += 1
    try:
        yield
    finally:
        tagger.suppressed -= 1
        canvas._code.append(END)


class Marks:
    """The marked content of one paragraph being drawn.

    Text of the paragraph itself is marked as its element; a run that links
    somewhere becomes a Reference holding a Link, a run in another language a Span
    with its own /Lang. Sequences open lazily, so none is empty.
    """

    def __init__(self, tagger: Tagger, element: Element, page: int) -> None:
        self.tagger = tagger
        self.element = element
        self.page = page
        self.key: tuple[str, str] | None = None
        self.open = False
        self.link: Element | None = None

    def run(self, run: _Run) -> str:
        """Operators switching to the marked content `run` belongs to ('' if already there)."""
        lang: str = getattr(run, "lang", "") or ""
        key = ("link", run.link) if run.link else ("lang", lang) if lang else ("", "")
        if self.open and key == self.key:
            return ""
        out = END + " " if self.open else ""
        self.key, self.open = key, True
        if key[0] == "link":  # a citation is a Reference holding its Link; a web address is a Link
            web = key[1].startswith(("https://", "http://"))
            self.link = (self.element if web else self.element.add("Reference")).add("Link")
            return out + self.tagger.begin(self.page, self.link)
        self.link = None
        if key[0] == "lang":
            return out + self.tagger.begin(self.page, self.element.add("Span", lang=lang))
        return out + self.tagger.begin(self.page, self.element)

    def close(self) -> str:
        """The operator closing the open sequence, if any."""
        if not self.open:
            return ""
        self.open = False
        return END


class LinkAnnotation(pdfdoc.LinkAnnotation):
    """A borderless, printable link to a named destination, with a description, formatted in one step.

    ReportLab builds a dictionary of PDF objects for each annotation and formats it
    value by value at save time; a briefing has a link per citation, so this writes
    the bytes directly. /StructParent ties it to its Link element (set when the
    structure is written).
    """

    contents = ""
    struct_parent: int | None = None

    url = ""
    """A web address to open instead of the destination."""

    def format(self, document: Any) -> bytes:
        """The annotation dictionary."""
        if self.url:
            target = b"/A << /S /URI /URI %s >>" % pdf_string(self.url, document)
        else:
            target = b"/Dest " + _destination(self.Destination, document)
        rect = fp_str(*self.Rect).encode("ascii")
        contents = pdf_string(self.contents, document)
        parent = b"" if self.struct_parent is None else b" /StructParent %d" % self.struct_parent
        return (b"<<\n/Border [ 0 0 0 ] /Contents %s %s /F 4 /Rect [ %s ]%s /Subtype /Link /Type /Annot\n>>"
                % (contents, target, rect, parent))


def _destination(destination: Any, document: Any) -> bytes:
    """`pdfdoc.format(destination, document)`, made once per destination while the file is written: every
    citation of a note links to the same destination (a briefing has a few hundred links to a few dozen)."""
    made: dict[int, tuple[Any, bytes]] | None = document.__dict__.get("_factsheet_destinations")
    if made is None:
        made = document.__dict__["_factsheet_destinations"] = {}
    known = made.get(id(destination))
    if known is not None and known[0] is destination:
        return known[1]
    data = bytes(pdfdoc.format(destination, document))
    made[id(destination)] = (destination, data)  # the destination is held, so its id is not reused meanwhile
    return data


def pdf_string(value: str, document: Any) -> bytes:
    """`PDFString(value).format(document)`: printable ASCII in an unencrypted file written directly (names,
    descriptions and identifiers, hundreds per file), anything else by ReportLab."""
    if value.isascii() and value.isprintable() and isinstance(document.encrypt, pdfdoc.NoEncryption):
        escaped = value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return bytes(pdfdoc.PDFString(value).format(document))


LINK_PADDING = 1.0
"""Points added around a link's text: a superscript digit alone is a hard target."""


def annotate(canvas: Any, link: pdfdoc.PDFObject) -> None:
    """`canvas._addAnnotation(link)` for a new annotation: named "Annot.NUMBER<count>", registered as the next
    object as `PDFDocument.Reference` does, and listed on the page, without the reference objects ReportLab
    makes and drops on the way (a briefing has a link per citation)."""
    count = canvas._annotationCount + 1
    name = f"Annot.NUMBER{count}"
    document = canvas._doc
    if name in document.idToObject:
        canvas._addAnnotation(link)  # not the case this stands for: ReportLab's own checks and errors
        return
    canvas._annotationCount = count
    number = document.objectcounter = document.objectcounter + 1
    link.__InternalName__ = name
    document.idToObjectNumberAndVersion[name] = (number, 0)
    document.numberToId[number] = name
    document.idToObject[name] = link
    canvas._annotationrefs.append(pdfdoc.PDFObjectReference(name))


_IDENTITY = (1, 0, 0, 1, 0, 0)


def _on_page(canvas: Any, rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """`canvas._absRect(rect, 1)`: the rectangle in page coordinates. Text is drawn at absolute positions, so the
    transform is mostly the identity, where the four corners ReportLab transforms are the rectangle's own."""
    if canvas._currentMatrix == _IDENTITY and not canvas._getCmShift():
        x1, y1, x2, y2 = rect
        return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)
    return canvas._absRect(rect, 1)  # type: ignore[no-any-return]


def link_to(canvas: Any, destination: str, rect: tuple[float, float, float, float],
            element: Element | None = None) -> None:
    """A link annotation over `rect` to `destination` (a named destination or a web address),
    owned by the Link `element` when tagged."""
    x1, y1, x2, y2 = rect
    pad = LINK_PADDING
    web = destination.startswith(("https://", "http://"))
    link = LinkAnnotation(_on_page(canvas, (x1 - pad, y1 - pad, x2 + pad, y2 + pad)), "",
                          None if web else canvas._bookmarkReference(destination))
    link.url = destination if web else ""
    tagger = of(canvas)
    link.contents = tagger.descriptions.get(destination, "") if tagger else ""
    if not link.contents:
        link.contents = f"Open {destination}" if web else f"Go to {destination}"
    annotate(canvas, link)
    if tagger is not None and element is not None:
        element.kids.append(Annotation(canvas.getPageNumber() - 1, link))
        tagger.annotations.append((element, link))


class Tagged(Flowable):
    """`flowable` drawn as the marked content of `element` (a figure, say); `bbox` recorded when asked."""

    def __init__(self, flowable: Flowable, element: Element, record_bbox: bool = False) -> None:
        super().__init__()
        self.flowable = flowable
        self.element = element
        self.record_bbox = record_bbox

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The wrapped flowable's size."""
        self.width, self.height = self.flowable.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """The wrapped flowable's parts, each owned by the same element."""
        parts: Sequence[Flowable] = self.flowable.split(availWidth, availHeight)
        return [Tagged(part, self.element, self.record_bbox) for part in parts]

    def getSpaceBefore(self) -> float:
        """The wrapped flowable's space before."""
        return float(self.flowable.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        """The wrapped flowable's space after."""
        return float(self.flowable.getSpaceAfter())

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw the flowable inside a marked-content sequence of the element."""
        tagger = of(canvas)
        if tagger is None or tagger.suppressed:
            self.flowable.drawOn(canvas, x, y, _sW)
            return
        canvas._code.append(tagger.begin(canvas.getPageNumber() - 1, self.element))
        self.flowable.drawOn(canvas, x, y, _sW)
        canvas._code.append(END)
        if self.record_bbox:
            self.element.bbox = (x, y, x + self.width, y + self.height)
