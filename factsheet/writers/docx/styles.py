"""Style ids the writer uses, and the OOXML that defines them from the house style (`look`).

The writer only refers to styles by id; `make_reference` writes the definitions
below into ``resources/reference.docx``. Names follow Word's built-in names where
one exists (``heading 1`` shows as "Heading 1"), so a user's own template can
restyle the output.
"""

from __future__ import annotations

from factsheet.writers import look as house

FONT = "Source Sans Pro"


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


TEXT_COLOR = _hex(house.INK)
HEADING_COLOR = _hex(house.NAVY)
GREY = _hex(house.GREY)
RULE_COLOR = _hex(house.RULE)
HEADER_FILL = _hex(house.HEADER_FILL)
HEADER_INK = _hex(house.HEADER_INK)
ZEBRA = _hex(house.ZEBRA)
CITE_COLOR = _hex(house.LINK)
FLAG_COLOR = _hex(house.ALERT)
QUOTE_COLOR = _hex(house.QUOTE_INK)

# ---------------------------------------------------------------- style ids

TITLE = "Title"
HEADING = {1: "Heading1", 2: "Heading2"}
NORMAL = "Normal"
LEAD = "Lead"
META = "Meta"
SMALL = "Small"
SOURCE_QUOTE = "SourceQuote"
SOURCE_QUOTE_CHAR = "SourceQuoteChar"
LIST_BULLET = "ListBullet"
CAPTION = "Caption"
FIGURE = "Figure"
FIGURE_CAPTION = "FigureCaption"
TABLE = "BriefingTable"
TABLE_TEXT = "TableText"
TABLE_HEADING = "TableHeading"
NOTE = "Note"
CITATION = "CitationMarker"
FLAG = "Flag"
HEADER = "Header"
FOOTER = "Footer"
MARKING = "Marking"
MARKING_CHAR = "MarkingChar"

PARAGRAPH_STYLE = {
    "body": NORMAL,
    "lead": LEAD,
    "meta": META,
    "small": SMALL,
    "quote": SOURCE_QUOTE,
}
"""Paragraph.style role -> paragraph style id."""

BULLET_NUM_ID = "1"

STYLE_SIZES = {
    TITLE: "title", HEADING[1]: "h1", HEADING[2]: "h2", NORMAL: "body", LEAD: "lead", META: "meta",
    SMALL: "small", NOTE: "note", CAPTION: "caption", FIGURE_CAPTION: "caption", TABLE_TEXT: "table",
    HEADER: "furniture", FOOTER: "furniture", MARKING: "furniture",
}
"""Style id -> the `look.TypeScale` field that sizes it (the others inherit their size)."""

PROSE_INDENT = {NORMAL: "body", SOURCE_QUOTE: "body", LIST_BULLET: "body", FIGURE_CAPTION: "caption"}
"""Styles that keep to a measure (see `look.right_indent`); those with an indent of their own get the right
indent set on it too. The other styles based on Normal inherit its indent, unless they set a right indent
of 0 (tables, headings, figures, furniture)."""

# ---------------------------------------------------------------- definitions

_FONTS = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def half_points(points: float) -> int:
    """A size in points as Word's half-points."""
    return round(points * 2)


def _size(role: str, scale: house.TypeScale = house.BRIEFING) -> str:
    half = half_points(getattr(scale, role))
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


NATURAL_LINE = 1.257
"""Source Sans Pro's own line height in ems (hhea ascender 984 + descender 273 per 1000 units): what Word and
LibreOffice call a single line. A line spacing of `auto` multiplies it, so the PDF's leading (a multiple of the
type size) is this much smaller as a Word multiple."""


def line_twips(leading: float) -> int:
    """Word's `auto` line spacing (240ths of a line) that sets lines `leading` x the type size apart, as the PDF."""
    return round(240 * leading / NATURAL_LINE)


_LINE = line_twips(house.BRIEFING.leading)
_WIDE = '<w:ind w:right="0"/>'  # full text width: tables, headings, figures, furniture

DOC_DEFAULTS = f"""
<w:docDefaults>
  <w:rPrDefault><w:rPr>{_FONTS}{_size("body")}
    <w:lang w:val="en-US" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="90" w:line="{_LINE}" w:lineRule="auto"/></w:pPr>
  </w:pPrDefault>
</w:docDefaults>
"""

# The house table look: a rule above and below the table and between rows, no vertical rules.
_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE_COLOR}"/>'
    for side in ("top", "bottom", "insideH")
) + '<w:left w:val="nil"/><w:right w:val="nil"/><w:insideV w:val="nil"/>'
_TIGHT = '<w:spacing w:before="0" w:after="0" w:line="254" w:lineRule="auto"/>'
_HIDDEN = "<w:semiHidden/><w:unhideWhenUsed/>"

STYLES = f"""
<w:style w:type="paragraph" w:default="1" w:styleId="{NORMAL}"><w:name w:val="Normal"/><w:qFormat/>
  <w:pPr><w:ind w:right="0"/></w:pPr>
  <w:rPr>{_FONTS}<w:color w:val="{TEXT_COLOR}"/>{_size("body")}</w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
  <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/>{_HIDDEN}</w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
  <w:uiPriority w:val="99"/>{_HIDDEN}<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
    <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
    <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>
  <w:uiPriority w:val="99"/>{_HIDDEN}</w:style>

<w:style w:type="paragraph" w:styleId="{TITLE}"><w:name w:val="Title"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{NORMAL}"/><w:uiPriority w:val="10"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:spacing w:before="0" w:after="60" w:line="240" w:lineRule="auto"/>{_WIDE}
    <w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING_COLOR}"/><w:kern w:val="28"/>{_size("title")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{HEADING[1]}"><w:name w:val="heading 1"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{NORMAL}"/><w:uiPriority w:val="9"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="90"/>{_WIDE}<w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING_COLOR}"/>{_size("h1")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{HEADING[2]}"><w:name w:val="heading 2"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{NORMAL}"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="60"/>{_WIDE}<w:outlineLvl w:val="1"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{HEADING_COLOR}"/>{_size("h2")}</w:rPr></w:style>

<w:style w:type="paragraph" w:styleId="{LEAD}"><w:name w:val="Lead"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{NORMAL}"/><w:qFormat/><w:pPr><w:spacing w:after="100"/></w:pPr>
  <w:rPr><w:color w:val="{TEXT_COLOR}"/>{_size("lead")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{META}"><w:name w:val="Meta"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{NORMAL}"/><w:qFormat/><w:pPr><w:spacing w:after="120"/></w:pPr>
  <w:rPr><w:color w:val="{GREY}"/>{_size("meta")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{SMALL}"><w:name w:val="Small"/><w:basedOn w:val="{NORMAL}"/>
  <w:qFormat/><w:pPr><w:spacing w:before="100" w:after="60"/></w:pPr><w:rPr>{_size("small")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{SOURCE_QUOTE}"><w:name w:val="Source Quote"/>
  <w:basedOn w:val="{NORMAL}"/><w:link w:val="{SOURCE_QUOTE_CHAR}"/><w:qFormat/>
  <w:pPr><w:ind w:left="300"/></w:pPr>
  <w:rPr><w:color w:val="{QUOTE_COLOR}"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="{SOURCE_QUOTE_CHAR}"><w:name w:val="Source Quote Char"/>
  <w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="{SOURCE_QUOTE}"/>
  <w:rPr><w:color w:val="{QUOTE_COLOR}"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{LIST_BULLET}"><w:name w:val="List Bullet"/>
  <w:basedOn w:val="{NORMAL}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr><w:numPr><w:numId w:val="{BULLET_NUM_ID}"/></w:numPr><w:spacing w:after="70"/>
    <w:ind w:left="260" w:hanging="260"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="{NOTE}"><w:name w:val="Note"/><w:basedOn w:val="{NORMAL}"/>
  <w:qFormat/><w:pPr><w:spacing w:after="40" w:line="250" w:lineRule="auto"/>
    <w:ind w:left="306" w:right="0" w:hanging="306"/></w:pPr>
  <w:rPr>{_size("note")}</w:rPr></w:style>
<w:style w:type="character" w:styleId="{CITATION}"><w:name w:val="Citation Marker"/>
  <w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
  <w:rPr><w:color w:val="{CITE_COLOR}"/><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="{FLAG}"><w:name w:val="Flag"/>
  <w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{FLAG_COLOR}"/></w:rPr></w:style>

<w:style w:type="paragraph" w:styleId="{CAPTION}"><w:name w:val="caption"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{NORMAL}"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/>{_WIDE}</w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{GREY}"/>{_size("caption")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{FIGURE}"><w:name w:val="Figure"/><w:basedOn w:val="{NORMAL}"/>
  <w:next w:val="{FIGURE_CAPTION}"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="40" w:line="240" w:lineRule="auto"/>{_WIDE}</w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="{FIGURE_CAPTION}"><w:name w:val="Figure Caption"/>
  <w:basedOn w:val="{NORMAL}"/><w:next w:val="{NORMAL}"/><w:qFormat/>
  <w:pPr><w:spacing w:after="160"/><w:ind w:right="0"/></w:pPr>
  <w:rPr><w:i/><w:iCs/><w:color w:val="{GREY}"/>{_size("caption")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{TABLE_TEXT}"><w:name w:val="Table Text"/>
  <w:basedOn w:val="{NORMAL}"/><w:qFormat/><w:pPr>{_TIGHT}{_WIDE}</w:pPr><w:rPr>{_size("table")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{TABLE_HEADING}"><w:name w:val="Table Heading"/>
  <w:basedOn w:val="{TABLE_TEXT}"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{HEADER_INK}"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="{TABLE}"><w:name w:val="Briefing Table"/>
  <w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>
  <w:pPr>{_TIGHT}</w:pPr>
  <w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{_BORDERS}</w:tblBorders>
    <w:tblCellMar><w:top w:w="52" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>
      <w:bottom w:w="64" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>
  <w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="{HEADER_INK}"/></w:rPr>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr></w:tblStylePr>
  <w:tblStylePr w:type="band2Horz">
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{ZEBRA}"/></w:tcPr></w:tblStylePr></w:style>

<w:style w:type="paragraph" w:styleId="{HEADER}"><w:name w:val="header"/><w:basedOn w:val="{NORMAL}"/>
  <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
  <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="3" w:color="{RULE_COLOR}"/></w:pBdr>{_TIGHT}{_WIDE}</w:pPr>
  <w:rPr><w:color w:val="{GREY}"/>{_size("furniture")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{FOOTER}"><w:name w:val="footer"/><w:basedOn w:val="{NORMAL}"/>
  <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
  <w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{RULE_COLOR}"/></w:pBdr>{_TIGHT}{_WIDE}</w:pPr>
  <w:rPr><w:color w:val="{GREY}"/>{_size("furniture")}</w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="{MARKING}"><w:name w:val="Marking"/><w:basedOn w:val="{NORMAL}"/>
  <w:qFormat/><w:pPr>{_TIGHT}{_WIDE}<w:jc w:val="center"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="{HEADING_COLOR}"/>{_size("furniture")}</w:rPr></w:style>
<w:style w:type="character" w:styleId="{MARKING_CHAR}"><w:name w:val="Marking Char"/>
  <w:basedOn w:val="DefaultParagraphFont"/>
  <w:rPr><w:b/><w:bCs/><w:caps/><w:color w:val="{HEADING_COLOR}"/></w:rPr></w:style>
"""
"""Every ``w:style`` of the reference document, in the order Word's schema wants their children."""

NUMBERING = f"""
<w:abstractNum w:abstractNumId="0">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0">
    <w:start w:val="1"/><w:numFmt w:val="bullet"/><w:pStyle w:val="{LIST_BULLET}"/>
    <w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr>
  </w:lvl>
</w:abstractNum>
<w:num w:numId="{BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>
"""

FONT_TABLE = f"""
<w:font w:name="{FONT}"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
"""
