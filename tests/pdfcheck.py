"""Machine checks of PDF/UA-1 and PDF/A-2 rules, for the accessibility tests.

Three checkers, each for what it covers:
- the `pdfua` package (16 PDF/UA-1 rules);
- pikepdf's PDF/A-2b validator (an allowlist built from the veraPDF rules). It knows
  no XMP extension schemas and only conformance B, so it checks a copy of the file
  whose XMP packet is reduced to what it knows, padded to the same length so that
  every other byte and offset is the file's own; the extension schema and the
  conformance level are checked here instead;
- `problems` below: the PDF/UA-1 (Matterhorn) and PDF/A-2 level A rules about
  structure, marked content, annotations, metadata and fonts that neither covers.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pikepdf

STANDARD_TYPES = frozenset([
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD",
    "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
    "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
])
PARENTS = {"LI": {"L"}, "Lbl": {"LI"}, "LBody": {"LI"}, "TR": {"Table", "THead", "TBody", "TFoot"},
           "TH": {"TR"}, "TD": {"TR"}}
SHOW = {"Tj", "TJ", "'", '"'}
PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do"}
XMP_NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
          "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#", "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#"}


def pdfua_findings(path: Path) -> list[str]:
    """What the `pdfua` package finds, one line each."""
    import pdfua

    return [f"{f.rule_id}: {f.message}" for f in pdfua.validate(str(path)).findings]


def reduced_xmp(data: bytes) -> bytes:
    """`data` with its XMP packet cut to the PDF/A-2b schemas pikepdf's validator knows, same length."""
    start = data.index(b"<?xpacket begin")
    end = data.index(b"<?xpacket end", start)
    packet = data[start:end]
    reduced = re.sub(rb"<pdfuaid:part>.*?</pdfuaid:part>\n?", b"", packet)
    reduced = re.sub(rb"<pdfaExtension:schemas>.*</pdfaExtension:schemas>\n?", b"", reduced, flags=re.S)
    reduced = re.sub(rb'\s+xmlns:(pdfuaid|pdfaExtension|pdfaSchema|pdfaProperty)="[^"]*"', b"", reduced)
    reduced = reduced.replace(b"<pdfaid:conformance>A<", b"<pdfaid:conformance>B<")
    assert len(reduced) <= len(packet)
    return data[:start] + reduced + b" " * (len(packet) - len(reduced)) + data[end:]


def pdfa_findings(path: Path) -> list[str]:
    """What pikepdf's PDF/A-2b validator finds in the file (XMP reduced as the module docstring says)."""
    import pikepdf.pdfa

    report = pikepdf.pdfa.validate_written(io.BytesIO(reduced_xmp(path.read_bytes())), "2b")
    return [str(finding) for finding in report.findings]


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def walk(root: Any) -> list[tuple[Any, Any]]:
    """Every structure element under the StructTreeRoot, in order, with its parent."""
    out: list[tuple[Any, Any]] = []

    def visit(element: Any, parent: Any) -> None:
        out.append((element, parent))
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                visit(kid, element)

    for top in _kids(root):
        visit(top, root)
    return out


def _marked(pdf: pikepdf.Pdf, page: Any) -> tuple[list[str], dict[int, str]]:
    """Problems in a page's content stream, and the role of every MCID it marks."""
    problems: list[str] = []
    mcids: dict[int, str] = {}
    stack: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if len(operands) > 1 else None
            if tag == "/Artifact":
                if any(t != "/Artifact" for t in stack):
                    problems.append("an artifact inside tagged content")
            elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                if "/Artifact" in stack:
                    problems.append("tagged content inside an artifact")
                mcid = int(props["/MCID"])
                if mcid in mcids:
                    problems.append(f"MCID {mcid} used twice")
                mcids[mcid] = tag
            stack.append(tag)
        elif name == "EMC":
            if not stack:
                problems.append("EMC without BDC")
            else:
                stack.pop()
        elif (name in SHOW or name in PAINT) and not stack:
            problems.append(f"{name} outside marked content (neither artifact nor tagged)")
    if stack:
        problems.append("marked content left open at the end of the page")
    return problems, mcids


def problems(path: Path) -> list[str]:
    """PDF/UA-1 and PDF/A-2a rules checked here, one message per failure (see the module docstring)."""
    out: list[str] = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if root.get("/MarkInfo", {}).get("/Marked") is not True:
            out.append("catalog: /MarkInfo /Marked is not true")
        if not str(root.get("/Lang", "")):
            out.append("catalog: no /Lang")
        if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
            out.append("catalog: DisplayDocTitle is not true")
        if root.get("/PageMode") != pikepdf.Name.UseOutlines:
            out.append("catalog: the outline does not open on load")
        intents = root.get("/OutputIntents", [])
        if not any(i.get("/S") == pikepdf.Name.GTS_PDFA1 and int(i.DestOutputProfile.get("/N", 0)) == 3
                   for i in intents):
            out.append("catalog: no sRGB (N 3) PDF/A output intent")
        out.extend(_xmp_problems(pdf))
        tree = root.get("/StructTreeRoot")
        if tree is None:
            return [*out, "catalog: no StructTreeRoot"]
        out.extend(_structure_problems(pdf, tree))
        out.extend(_font_problems(pdf))
    return out


def _xmp_problems(pdf: pikepdf.Pdf) -> list[str]:
    from lxml import etree

    out: list[str] = []
    stream = pdf.Root.get("/Metadata")
    if stream is None:
        return ["catalog: no XMP metadata"]
    if "/Filter" in stream:
        out.append("XMP: the metadata stream is filtered")
    xmp = etree.fromstring(re.sub(rb"<\?xpacket[^>]*\?>", b"", stream.read_bytes()).strip())

    def text(xpath: str) -> str:
        return "".join(str(t) for t in xmp.xpath(xpath, namespaces=XMP_NS)).strip()

    if text("//pdfaid:part/text()") != "2" or text("//pdfaid:conformance/text()") != "A":
        out.append("XMP: not identified as PDF/A-2a")
    if text("//pdfuaid:part/text()") != "1":
        out.append("XMP: not identified as PDF/UA-1")
    if text("//pdfaSchema:namespaceURI/text()") != XMP_NS["pdfuaid"] or text("//pdfaProperty:name/text()") != "part":
        out.append("XMP: the pdfuaid schema is not described in a PDF/A extension schema")
    title = text("//dc:title//rdf:li/text()")
    if not title or title != str(pdf.docinfo.get("/Title", "")):
        out.append(f"XMP: dc:title {title!r} missing or unlike the Info title")
    created = text("//xmp:CreateDate/text()")
    info_date = str(pdf.docinfo.get("/CreationDate", ""))
    if not created or created[:10].replace("-", "") != info_date[2:10]:
        out.append(f"XMP: CreateDate {created!r} unlike the Info CreationDate {info_date!r}")
    return out


def _structure_problems(pdf: pikepdf.Pdf, tree: Any) -> list[str]:
    out: list[str] = []
    elements = walk(tree)
    owners: dict[tuple[int, int], Any] = {}  # (page object number, mcid) -> element
    seen_ids: set[str] = set()
    last_heading = 0
    for element, parent in elements:
        role = str(element.get("/S"))[1:]
        if role not in STANDARD_TYPES:
            out.append(f"structure: {role} is not a standard structure type")
        if role in PARENTS and str(parent.get("/S", ""))[1:] not in PARENTS[role]:
            out.append(f"structure: {role} inside {parent.get('/S')}")
        if role == "Figure" and not str(element.get("/Alt", "")).strip():
            out.append("structure: a Figure without /Alt")
        if role == "TH" and "/Scope" not in element.get("/A", {}):
            out.append("structure: a TH without /Scope")
        if role == "Note":
            ident = str(element.get("/ID", ""))
            if not ident or ident in seen_ids:
                out.append(f"structure: a Note without a unique /ID ({ident!r})")
            seen_ids.add(ident)
        if re.fullmatch(r"H[1-6]", role):
            level = int(role[1])
            if level > last_heading + 1:
                out.append(f"structure: heading {role} skips a level after H{last_heading}")
            last_heading = level
        if element.get("/P") != parent and not (parent is tree and element.get("/P") == tree):
            out.append(f"structure: {role}'s /P is not its parent")
        page = element.get("/Pg")
        for kid in _kids(element):
            if isinstance(kid, int):
                if page is None:
                    out.append(f"structure: {role} has MCIDs but no /Pg")
                else:
                    owners[(page.objgen[0], kid)] = element
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                owners[(kid.Pg.objgen[0], int(kid.MCID))] = element
    if seen_ids:
        names = list(tree.get("/IDTree", {}).get("/Names", []))
        if {str(n) for n in names[0::2]} != seen_ids:
            out.append("structure: the IDTree does not list every Note /ID")
    nums = list(tree.ParentTree.Nums)
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index, page in enumerate(pdf.pages):
        content_problems, mcids = _marked(pdf, page)
        out.extend(f"page {index + 1}: {p}" for p in content_problems)
        key = page.obj.get("/StructParents")
        if mcids and key is None:
            out.append(f"page {index + 1}: marked content but no /StructParents")
            continue
        entries = list(parent_tree.get(int(key), [])) if key is not None else []
        for mcid, tag in mcids.items():
            owner = owners.get((page.obj.objgen[0], mcid))
            if owner is None:
                out.append(f"page {index + 1}: MCID {mcid} belongs to no structure element")
            elif mcid >= len(entries) or entries[mcid].objgen != owner.objgen:
                out.append(f"page {index + 1}: the ParentTree does not map MCID {mcid} to its element")
            elif tag != str(owner.S):
                out.append(f"page {index + 1}: MCID {mcid} is marked {tag}, its element is {owner.S}")
        annots = list(page.obj.get("/Annots", []))
        if annots and page.obj.get("/Tabs") != pikepdf.Name.S:
            out.append(f"page {index + 1}: annotations but no /Tabs /S")
        for annot in annots:
            if not str(annot.get("/Contents", "")).strip():
                out.append(f"page {index + 1}: an annotation without /Contents")
            if not int(annot.get("/F", 0)) & 4 or int(annot.get("/F", 0)) & (1 | 2 | 32):
                out.append(f"page {index + 1}: an annotation that is not printable or is hidden")
            owner = parent_tree.get(int(annot.get("/StructParent", -1)))
            if owner is None or str(owner.get("/S")) != "/Link" or not any(
                    isinstance(k, pikepdf.Dictionary) and k.get("/Type") == pikepdf.Name.OBJR
                    and k.Obj.objgen == annot.objgen for k in _kids(owner)):
                out.append(f"page {index + 1}: a link annotation not owned by a Link element through an OBJR")
    return out


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    out: list[str] = []
    tags: dict[str, str] = {}
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        name = str(obj.get("/BaseFont", ""))[1:]
        descriptor = obj.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            out.append(f"font {name}: not embedded")
        if "/ToUnicode" not in obj:
            out.append(f"font {name}: no ToUnicode map")
        match = re.fullmatch(r"([A-Z]{6})\+(.+)", name)
        if match is None:
            out.append(f"font {name}: a subset without a six-letter tag")
        elif match.group(1) in tags:
            out.append(f"font {name}: subset tag {match.group(1)} also names {tags[match.group(1)]}")
        else:
            tags[match.group(1)] = name
    return out
