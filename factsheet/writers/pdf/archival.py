"""PDF/A-2 and PDF/UA-1 identification: XMP metadata, the sRGB output intent, the Info dictionary.

The only date any output carries is the document's as-of date, so creation,
modification and metadata dates all come from it and the bytes stay
reproducible. The Info dictionary and the XMP packet say the same things, as
PDF/A requires. The output intent embeds a 588-byte sRGB profile made by
LittleCMS (``PIL.ImageCms.createProfile("sRGB")``, "No copyright, use freely"),
its creation date fixed to 2026-01-01; it lives in ``factsheet/resources/sRGB.icc``.
"""

from __future__ import annotations

import zlib
from functools import cache
from importlib import resources
from typing import Any

from reportlab.pdfbase import pdfdoc

from factsheet.document.nodes import Metadata

PDFA_PART, PDFA_CONFORMANCE = 2, "A"
PDFUA_PART = 1
PRODUCER = "factsheet"
SRGB = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """The shipped sRGB ICC profile."""
    return (resources.files("factsheet") / "resources" / "sRGB.icc").read_bytes()


def _xml(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _xmp_date(iso: str) -> str:
    return f"{iso}T00:00:00Z"


def _pdf_date(iso: str) -> str:
    return "D:" + iso.replace("-", "") + "000000Z"


def keywords(meta: Metadata) -> str:
    """The keywords as one string, as both Info and XMP carry them."""
    return ", ".join(meta.keywords)


# PDF/A-2 accepts only the XMP schemas it predefines unless a file describes the others; pdfuaid is one.
_PDFUA_SCHEMA = """<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>"""


def xmp(meta: Metadata) -> bytes:
    """The XMP packet: Dublin Core, XMP basic, PDF, PDF/A and PDF/UA identification."""
    date = _xmp_date(meta.as_of)
    language = f"<dc:language><rdf:Bag><rdf:li>{_xml(meta.language)}</rdf:li></rdf:Bag></dc:language>" if (
        meta.language) else ""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{_xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
{language}
<pdf:Keywords>{_xml(keywords(meta))}</pdf:Keywords>
<pdf:Producer>{PRODUCER}</pdf:Producer>
<xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfaid:part>{PDFA_PART}</pdfaid:part>
<pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
<pdfuaid:part>{PDFUA_PART}</pdfuaid:part>
{_PDFUA_SCHEMA}
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return packet.encode("utf-8")


class _Stream(pdfdoc.PDFObject):
    """A stream written as given: `dictionary` entries besides /Length, then the bytes."""

    def __init__(self, entries: bytes, data: bytes) -> None:
        self.entries = entries
        self.data = data

    def format(self, document: Any) -> bytes:
        """The stream object's bytes."""
        return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (self.entries, len(self.data), self.data)


class _Info(pdfdoc.PDFInfo):
    """The Info dictionary, its dates the as-of date (ReportLab's invariant mode writes 2000-01-01)."""

    date = ""

    def format(self, document: Any) -> bytes:
        """The Info dictionary, as ReportLab writes it but for the dates."""
        date = pdfdoc.PDFString(self.date)
        entries = {
            "Title": pdfdoc.PDFString(self.title), "Author": pdfdoc.PDFString(self.author),
            "Subject": pdfdoc.PDFString(self.subject), "Keywords": pdfdoc.PDFString(self.keywords),
            "Creator": pdfdoc.PDFString(self.creator), "Producer": pdfdoc.PDFString(self.producer),
            "CreationDate": date, "ModDate": date,
        }
        return bytes(pdfdoc.PDFDictionary(entries).format(document))


def identify(document: Any, meta: Metadata) -> None:
    """Make the ReportLab `document` a PDF/A-2 and PDF/UA-1 file: metadata, output intent, viewer settings."""
    info = _Info()
    old = document.info
    info.title, info.author, info.subject = old.title, old.author, old.subject
    info.keywords, info.creator, info.producer = old.keywords, old.creator, old.producer
    info.date = _pdf_date(meta.as_of)
    document.info = info
    document._pdfVersion = max(document._pdfVersion, (1, 7))

    catalog = document.Catalog
    catalog.Metadata = document.Reference(_Stream(b"/Type /Metadata /Subtype /XML", xmp(meta)), "XMPMetadata")
    profile = zlib.compress(srgb_profile())
    profile_ref = document.Reference(_Stream(b"/N 3 /Filter /FlateDecode", profile), "OutputProfile")
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(SRGB), "Info": pdfdoc.PDFString(SRGB),
        "DestOutputProfile": profile_ref,
    })
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = pdfdoc.PDFArray([intent])
    catalog.PageMode = pdfdoc.PDFName("UseOutlines")
    catalog.ViewerPreferences = pdfdoc.PDFDictionary({"DisplayDocTitle": "true"})
