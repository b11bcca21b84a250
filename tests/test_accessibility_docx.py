"""Word files that stand on their own, and say what the PDF says.

- Source Sans Pro is embedded (obfuscated, as ECMA-376 describes) and LibreOffice,
  on a font configuration that cannot see any installed Source Sans Pro, sets the
  document in it;
- cited source notes are real footnotes; runs in another language carry w:lang;
- parity with the PDF: the same headings, the same notes and the same figure
  descriptions, in the same order.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.oxml.ns import nsmap, qn
from fontTools.ttLib import TTFont
from lxml import etree

from factsheet.document import nodes as n
from factsheet.writers.docx import render
from tests import pdfcheck
from tests.conftest import require_tool
from tests.test_accessibility import BRIEFINGS, read_back, squash

STEM = "russia-drones-2022"
W = nsmap["w"]
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><pattern><patelt name="family"><string>Source Sans Pro</string></patelt></pattern>
  </rejectfont></selectfont>
</fontconfig>
"""


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def xpath(xml: bytes, path: str) -> list[etree._Element]:
    found: list[etree._Element] = etree.XPath(path, namespaces=nsmap)(etree.fromstring(xml))
    return found


@pytest.mark.parametrize(("seed", "template"), BRIEFINGS)
def test_fonts_are_embedded_obfuscated_with_the_characters_used(built: Path, seed: str, template: str) -> None:
    parts = members(built / "out" / f"{seed}-{template}.docx")
    relationships = {r.get("Id"): r.get("Target") for r in etree.fromstring(parts["word/_rels/fontTable.xml.rels"])}
    embeds = xpath(parts["word/fontTable.xml"],
                   "//w:font[@w:name='Source Sans Pro']/*[starts-with(local-name(), 'embed')]")
    assert sorted(etree.QName(e).localname for e in embeds) == [
        "embedBold", "embedBoldItalic", "embedItalic", "embedRegular"]
    settings = parts["word/settings.xml"]
    assert xpath(settings, "//w:embedTrueTypeFonts") and xpath(settings, "//w:saveSubsetFonts")
    assert 'Extension="odttf"' in parts["[Content_Types].xml"].decode() or "obfuscatedFont" in parts[
        "[Content_Types].xml"].decode()
    text = "".join(t for name, xml in parts.items() if name.startswith("word/") and name.endswith(".xml")
                   for t in xpath(xml, "//w:t/text()"))
    for embed in embeds:
        data = bytearray(parts["word/" + relationships[embed.get(qn("r:id"))]])
        key = bytes.fromhex(embed.get(qn("w:fontKey")).strip("{}").replace("-", ""))[::-1]
        for i in range(32):
            data[i] ^= key[i % 16]
        font = TTFont(io.BytesIO(bytes(data)))
        assert font["name"].getDebugName(1) == "Source Sans Pro"
        cmap, glyf = font.getBestCmap(), font["glyf"]
        missing = {char for char in set(text) if ord(char) not in cmap or (
            not char.isspace() and glyf[cmap[ord(char)]].numberOfContours == 0)}
        assert not missing, f"{embed.tag}: no outline for {sorted(missing)}"


def test_libreoffice_sets_the_word_file_in_its_embedded_fonts(built: Path, tmp_path: Path) -> None:
    soffice, pdffonts = require_tool("soffice"), require_tool("pdffonts")
    conf = tmp_path / "fonts.conf"
    conf.write_text(FONTS_CONF.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    env = {"FONTCONFIG_FILE": str(conf), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    fc_list = require_tool("fc-list")
    listed = subprocess.run([fc_list], capture_output=True, text=True, env=env, timeout=120).stdout
    assert "Source Sans" not in listed
    source = built / "out" / f"{STEM}-one-pager.docx"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180, env=env)
    converted = tmp_path / f"{STEM}-one-pager.pdf"
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    fonts = subprocess.run([pdffonts, str(converted)], capture_output=True, text=True, check=True).stdout
    faces = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert {"SourceSansPro-Regular", "SourceSansPro-Bold", "SourceSansPro-It"} <= faces, fonts
    assert not any("DejaVu" in face for face in faces), fonts
    with pikepdf.open(converted) as pdf:
        assert len(pdf.pages) == 1  # the one-pager stays one page in its own fonts


def footnotes(path: Path) -> list[tuple[int, str]]:
    """(number shown, text) of every footnote, in the order of their references in the body."""
    parts = members(path)
    notes = {int(f.get(qn("w:id"))): "".join(f.xpath(".//w:t/text()", namespaces=nsmap))
             for f in xpath(parts["word/footnotes.xml"], "/w:footnotes/w:footnote") if int(f.get(qn("w:id"))) > 0}
    out = []
    for reference in xpath(parts["word/document.xml"], "//w:footnoteReference"):
        number = len(out) + 1
        if reference.get(qn("w:customMarkFollows")) == "1":
            number = int("".join(reference.getparent().xpath("./w:t/text()", namespaces=nsmap)))
        out.append((number, notes[int(reference.get(qn("w:id")))].strip()))
    return out


@pytest.mark.parametrize(("seed", "template"), BRIEFINGS)
def test_word_and_pdf_have_the_same_headings_notes_and_figure_descriptions(built: Path, seed: str,
                                                                           template: str) -> None:
    pdf, word = built / "out" / f"{seed}-{template}.pdf", built / "out" / f"{seed}-{template}.docx"
    structure = read_back(pdf)
    document = docx.Document(str(word))
    # Headings: a section whose only content was its notes has no heading in Word (they are footnotes there).
    heading = re.compile(r"/H[1-6]")
    with pikepdf.open(pdf) as opened:
        elements = pdfcheck.walk(opened.Root.StructTreeRoot)
        dropped = []
        for element, parent in elements:
            if heading.fullmatch(str(element.S)):
                siblings = {str(kid.S) for kid in parent.K if isinstance(kid, pikepdf.Dictionary) and "/S" in kid}
                dropped.append(str(parent.get("/S")) == "/Sect" and {s for s in siblings if not heading.fullmatch(s)}
                               == {"/Note"})
    pdf_headings = [text for (role, text) in structure if re.fullmatch(r"H[1-6]", role)]
    assert len(pdf_headings) == len(dropped)
    pdf_headings = [text for text, gone in zip(pdf_headings, dropped, strict=True) if not gone]
    word_headings = [squash(p.text) for p in document.paragraphs
                     if p.style.name == "Title" or p.style.name.startswith("Heading")]
    assert word_headings == pdf_headings
    # Notes: every PDF note is a Word footnote with the same number and text.
    pdf_notes = [text for role, text in structure if role == "Note"]
    word_notes = [squash(f"{number}.\u00a0{text}") for number, text in footnotes(word)]
    assert word_notes == pdf_notes
    # Figures: the same descriptions.
    with pikepdf.open(pdf) as opened:
        alts = [str(e.Alt) for e, _ in pdfcheck.walk(opened.Root.StructTreeRoot) if pikepdf.Name.Figure == e.S]
    descriptions = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    assert descriptions == alts


def test_runs_in_another_language_carry_it() -> None:
    meta = n.Metadata("Title", "author", "subject", (), "en-GB", "2026-11-25", "b1")
    french = n.Span((n.Emph((n.Text("Liberté"),)),), attributes=(("lang", "fr"),))
    body = (n.Paragraph((n.Text("The motto "), french, n.Text("."))),)
    data = render(n.Document(meta, n.Page(), body)).data
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    runs = xpath(xml, "//w:r[w:rPr/w:lang]")
    assert ["".join(r.xpath("./w:t/text()", namespaces=nsmap)) for r in runs] == ["Liberté"]
    lang = runs[0].find(f"{{{W}}}rPr/{{{W}}}lang")
    assert lang.get(qn("w:val")) == "fr" and lang.get(qn("w:bidi")) == "fr"
    assert runs[0].find(f"{{{W}}}rPr/{{{W}}}i") is not None
