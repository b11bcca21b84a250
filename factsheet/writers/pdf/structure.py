"""The collected structure tree written as PDF objects: StructTreeRoot, elements, ParentTree, IDTree.

Elements are written as ReportLab document objects whose bytes are made in one
step at save time (a briefing has hundreds), and the pages get their
/StructParents and /Tabs entries. Elements that ended up owning no content
(a paragraph with nothing to draw) are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase import pdfdoc

from factsheet.writers.pdf.tagging import Annotation, Element, MarkedContent, Tagger, pdf_string


def _string(value: str, document: Any) -> bytes:
    return pdf_string(value, document)


def _reference(obj: Any, document: Any) -> bytes:
    # What PDFObjectReference(name).format(document) writes, without its encoding steps (hundreds per file).
    return b"%d %d R" % document.idToObjectNumberAndVersion[obj.__InternalName__]


def _page(page: int, document: Any) -> bytes:
    return b"%d %d R" % document.idToObjectNumberAndVersion[f"Page{page + 1}"]


class _ElementObject(pdfdoc.PDFObject):
    """One structure element as a PDF dictionary; `ref`, its indirect reference, once registered."""

    ref = b""

    def __init__(self, element: Element, parent: pdfdoc.PDFObject, objects: dict[int, _ElementObject],
                 pages: dict[int, bytes] | None = None) -> None:
        self.element = element
        self.parent = parent
        self.objects = objects
        self.pages: dict[int, bytes] = {} if pages is None else pages
        """Each page's reference bytes, made once and shared by the elements of one tree."""

    def _page_ref(self, page: int, document: Any) -> bytes:
        ref = self.pages.get(page)
        if ref is None:
            ref = self.pages[page] = b"%d %d R" % document.idToObjectNumberAndVersion[f"Page{page + 1}"]
        return ref

    def page(self) -> int | None:
        """The page of the element's first marked content or annotation, for /Pg."""
        for kid in self.element.kids:
            if isinstance(kid, _CONTENT):
                return kid.page
        return None

    def format(self, document: Any) -> bytes:
        """The element dictionary; marked content on its own page as plain ids, else as MCR dictionaries."""
        element = self.element
        numbers = document.idToObjectNumberAndVersion  # looked up once: a briefing has hundreds of elements
        page = None  # self.page(), inline
        for kid in element.kids:
            if isinstance(kid, _CONTENT):
                page = kid.page
                break
        parent = self.parent
        parent_ref = parent.ref if isinstance(parent, _ElementObject) else _reference(parent, document)
        out = [b"<< /S /%s /P %s" % (element.role.encode("ascii"), parent_ref)]
        if page is not None:
            out.append(b" /Pg " + self._page_ref(page, document))
        if element.ident:
            out.append(b" /ID " + _string(element.ident, document))
        if element.lang:
            out.append(b" /Lang " + _string(element.lang, document))
        if element.alt:
            out.append(b" /Alt " + _string(element.alt, document))
        if element.scope:
            out.append(b" /A << /O /Table /Scope /%s >>" % element.scope.encode("ascii"))
        if element.bbox is not None:
            out.append(b" /A << /O /Layout /BBox [ %s ] >>" % pdfdoc.fp_str(*element.bbox).encode("ascii"))
        kids: list[bytes] = []
        objects = self.objects
        for kid in element.kids:
            if isinstance(kid, MarkedContent):
                if kid.page == page:
                    kids.append(b"%d" % kid.mcid)
                else:
                    kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (self._page_ref(kid.page, document), kid.mcid))
            elif isinstance(kid, Annotation):
                kids.append(b"<< /Type /OBJR /Obj %d %d R /Pg %s >>" % (
                    *numbers[kid.link.__InternalName__], self._page_ref(kid.page, document)))
            else:
                known = objects.get(id(kid))
                if known is not None:
                    kids.append(known.ref)
        out.append(b" /K [ %s ] >>" % b" ".join(kids))
        return b"".join(out)


_CONTENT = (MarkedContent, Annotation)


class _Raw(pdfdoc.PDFObject):
    """An object whose bytes are made by a function at save time."""

    def __init__(self, make: Any) -> None:
        self.make = make

    def format(self, document: Any) -> bytes:
        """Whatever the function makes."""
        return bytes(self.make(document))


def _keep(element: Element, known: dict[int, bool] | None = None) -> bool:
    """Whether `element` owns any content, itself or through its descendants (answers remembered in `known`)."""
    if known is None:
        return any(not isinstance(kid, Element) or _keep(kid) for kid in element.kids)
    found = known.get(id(element))
    if found is None:
        found = False
        for kid in element.kids:  # a loop, not any() over a generator: hundreds of elements per briefing
            if not isinstance(kid, Element) or _keep(kid, known):
                found = True
                break
        known[id(element)] = found
    return found


def write(tagger: Tagger, document: Any, pages: list[Any]) -> Callable[[], None]:
    """Add the structure tree of `tagger` to the ReportLab `document` whose page objects are `pages`.

    Returns what to call once the file is written: it drops the links between the tree's objects (each
    knows them all, to name its kids), so that reference counting frees them rather than the cyclic collector.
    """
    objects: dict[int, _ElementObject] = {}
    root = _Raw(lambda doc: b"")  # replaced below once the tree's objects exist
    document.Reference(root, "StructTreeRoot")
    order: list[_ElementObject] = []
    known: dict[int, bool] = {}  # each element asked once, not once per ancestor
    page_refs: dict[int, bytes] = {}

    # Each kept element, parents before kids, in the tree's order (a loop: a nested function calling itself
    # is a reference cycle, which would hold the document until the cyclic collector ran).
    # Each registered as `document.Reference(obj)` registers a new object (the next number, named "R<number>"),
    # without making the reference nobody reads: a briefing has hundreds (the contract test pins Reference).
    stack: list[tuple[Element, pdfdoc.PDFObject]] = [(tagger.root, root)]
    number = document.objectcounter
    id_to_object, numbers, number_to_id = document.idToObject, document.idToObjectNumberAndVersion, document.numberToId
    while stack:
        element, parent = stack.pop()
        obj = _ElementObject(element, parent, objects, page_refs)
        objects[id(element)] = obj
        number += 1
        name = f"R{number}"
        if name in id_to_object:
            raise ValueError(f"redefining named object: {name!r}")  # as ReportLab's Reference would
        obj.__InternalName__ = name
        numbers[name] = (number, 0)
        number_to_id[number] = name
        id_to_object[name] = obj
        obj.ref = b"%d 0 R" % number
        order.append(obj)
        stack.extend(reversed([(kid, obj) for kid in element.kids if isinstance(kid, Element) and _keep(kid, known)]))
    document.objectcounter = number
    top = objects[id(tagger.root)]
    key = len(pages)
    links: list[tuple[int, _ElementObject]] = []
    for element, link in tagger.annotations:
        link.struct_parent = key
        links.append((key, objects[id(element)]))
        key += 1
    next_key = key
    identified = sorted((obj.element.ident, number, obj) for number, obj in enumerate(order) if obj.element.ident)

    def root_bytes(doc: Any) -> bytes:
        # Parent tree: each page's marked-content owners (index = id), then each annotation's own key.
        entries = [b"%d [ %s ]" % (number, b" ".join([objects[id(owner)].ref for owner in owners]))
                   for number, owners in enumerate(tagger.pages)]
        entries.extend(b"%d %s" % (number, obj.ref) for number, obj in links)
        id_tree = b""
        if identified:
            names = b" ".join(_string(ident, doc) + b" " + obj.ref for ident, _, obj in identified)
            id_tree = b" /IDTree << /Names [ %s ] >>" % names
        return (b"<< /Type /StructTreeRoot /K [ %s ] /ParentTree << /Nums [ %s ] >> /ParentTreeNextKey %d%s >>"
                % (top.ref, b" ".join(entries), next_key, id_tree))

    root.make = root_bytes
    for number, page in enumerate(pages):
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = number
        if page.Annots:
            page.Tabs = pdfdoc.PDFName("S")
    catalog = document.Catalog
    catalog.StructTreeRoot = pdfdoc.PDFObjectReference("StructTreeRoot")
    catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": "true"})

    def release() -> None:
        objects.clear()
        root.make = None

    return release
