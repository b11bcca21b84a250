"""Figures as vector drawings: a DrawingML group of shapes, as Word itself writes them.

Every `Box` is a rounded rectangle, every `Dot` an ellipse, every `Arrow` a line (with a
triangle at its end when it has a head, and the status's dash), every `Label` a text box
without insets holding one line of real text in the briefing's font: the figure stays
sharp at any size, its text can be searched, copied and read aloud, and nothing is
rasterised. The group is one inline drawing scaled to at most the text width, with the
figure's alternative text in its description.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import assert_never

from factsheet.document import nodes as n
from factsheet.writers import look
from factsheet.writers.docx import ooxml

EMU_PER_POINT = 12700
ASCENT, DESCENT = 0.984, 0.273
"""Source Sans Pro's ascender and descender, in ems: where a text box puts the baseline."""
_NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
"""DrawingML's own prefix, which the document root does not declare (its wp, wpg and wps it does:
`ooxml.BODY_NAMESPACES`)."""
_GROUP = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
_BODY = '<wps:bodyPr rot="0" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></wps:bodyPr>'


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{_hex(colour)}"/></a:solidFill>'


class _Emu:
    """Figure points to EMU at the drawing's scale."""

    def __init__(self, scale: float) -> None:
        self.scale = scale

    def __call__(self, points: float) -> int:
        return round(points * self.scale * EMU_PER_POINT)


def _xfrm(emu: _Emu, x: float, y: float, width: float, height: float, flip: str = "") -> str:
    return (f"<a:xfrm{flip}><a:off x=\"{emu(x)}\" y=\"{emu(y)}\"/>"
            f"<a:ext cx=\"{max(emu(width), 0)}\" cy=\"{max(emu(height), 0)}\"/></a:xfrm>")


def _shape(ident: int, name: str, props: str, body: str = "", text: str = "") -> str:
    """One ``wps:wsp``: its id and name, its geometry and look, and a text box if it has text."""
    box = f"<wps:txbx><w:txbxContent>{text}</w:txbxContent></wps:txbx>" if text else ""
    return (f'<wps:wsp><wps:cNvPr id="{ident}" name="{name} {ident}"/><wps:cNvSpPr/>'
            f"<wps:spPr>{props}</wps:spPr>{box}{body or '<wps:bodyPr/>'}</wps:wsp>")


def _text_paragraph(text: str, size: float, colour: str, bold: bool, align: str) -> str:
    """One line of figure text as the paragraph of a text box: no indent, no space around it."""
    half_points = round(size * 2)
    props = (f'<w:rPr><w:b w:val="{int(bold)}"/><w:color w:val="{_hex(colour)}"/>'
             f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')
    run = ooxml.run(text, rpr=props)
    return (f'<w:p><w:pPr><w:pStyle w:val="Figure"/><w:keepNext w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p>')


def _box(emu: _Emu, ident: int, box: n.Box, clean: Callable[[str], str]) -> str:
    fill, stroke = look.box_look(box.role)
    radius = 2 if box.height > 6 else 0.8
    adjust = round(min(50000, radius / max(min(box.width, box.height), 0.1) * 100000))
    line = f'<a:ln w="{emu(0.5)}">{_fill(stroke)}</a:ln>' if stroke else "<a:ln><a:noFill/></a:ln>"
    props = (_xfrm(emu, box.x, box.y, box.width, box.height)
             + f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adjust}"/></a:avLst></a:prstGeom>'
             + _fill(fill) + line)
    if not box.label:
        return _shape(ident, "Box", props)
    text = _text_paragraph(clean(box.label), look.FIGURE_FONT * emu.scale, look.INK, False, "center")
    return _shape(ident, "Box", props, _BODY.replace('anchor="t"', 'anchor="ctr"'), text)


def _dot(emu: _Emu, ident: int, dot: n.Dot) -> str:
    r = dot.radius
    props = (_xfrm(emu, dot.x - r, dot.y - r, 2 * r, 2 * r) + '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>'
             + _fill(look.NAVY) + f'<a:ln w="{emu(0.6)}">{_fill("#ffffff")}</a:ln>')
    return _shape(ident, "Dot", props)


def _arrow(emu: _Emu, ident: int, arrow: n.Arrow) -> str:
    colour, dash, width = look.line_look(arrow.role)
    flip = (' flipH="1"' if arrow.x2 < arrow.x1 else "") + (' flipV="1"' if arrow.y2 < arrow.y1 else "")
    x, y = min(arrow.x1, arrow.x2), min(arrow.y1, arrow.y2)
    dashes = ""
    if dash:
        pairs = [(dash[i], dash[i + 1] if i + 1 < len(dash) else dash[i]) for i in range(0, len(dash), 2)]
        dashes = "<a:custDash>" + "".join(
            f'<a:ds d="{round(on / width * 100000)}" sp="{round(off / width * 100000)}"/>' for on, off in pairs
        ) + "</a:custDash>"
    head = '<a:tailEnd type="triangle" w="med" len="med"/>' if arrow.head else ""
    props = (_xfrm(emu, x, y, abs(arrow.x2 - arrow.x1), abs(arrow.y2 - arrow.y1), flip)
             + '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
             + f'<a:ln w="{emu(width)}">{_fill(colour)}{dashes}{head}</a:ln>')
    return _shape(ident, "Line", props)


def _label(emu: _Emu, ident: int, label: n.Label, figure_width: float, clean: Callable[[str], str]) -> str:
    colour, bold = look.label_look(label.role)
    # The box only places the line (it never wraps, and text may run past it): generous, centred on the
    # anchor as the text is, and inside the figure, which some programs otherwise widen and shift.
    width = max(label.width, len(label.text) * label.size * 0.7) + 4
    room = {"middle": 2 * min(label.x, figure_width - label.x), "end": label.x}.get(
        label.anchor, figure_width - label.x)
    width = max(min(width, room), 1.0)
    x = {"middle": label.x - width / 2, "end": label.x - width}.get(label.anchor, label.x)
    align = {"middle": "center", "end": "right"}.get(label.anchor, "left")
    paragraph = _text_paragraph(clean(label.text), label.size * emu.scale, colour, bold, align)
    top = label.y - ASCENT * label.size
    props = (_xfrm(emu, x, top, width, (ASCENT + DESCENT) * label.size)
             + '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>')
    return _shape(ident, "Label", props, _BODY, paragraph)


def inline(figure: n.Figure, room: tuple[float, float], number: int, description: str, title: str,
           clean: Callable[[str], str]) -> str:
    """The ``wp:inline`` markup of `figure` as a group of vector shapes, scaled down to fit `room`
    (width, height in points) as the PDF writer scales it: the text width, and 80% of the text height."""
    if figure.width <= 0 or figure.height <= 0:
        raise ValueError(f"figure has no size ({figure.width} x {figure.height} pt)")
    emu = _Emu(min(1.0, room[0] / figure.width, room[1] * 0.8 / figure.height))
    shapes: list[str] = []
    for index, shape in enumerate(figure.shapes, start=1):
        match shape:
            case n.Box():
                shapes.append(_box(emu, index, shape, clean))
            case n.Dot():
                shapes.append(_dot(emu, index, shape))
            case n.Arrow():
                shapes.append(_arrow(emu, index, shape))
            case n.Label():
                shapes.append(_label(emu, index, shape, figure.width, clean))
            case _:
                assert_never(shape)
    width, height = emu(figure.width), emu(figure.height)
    title_attr = f' title="{ooxml.attribute(title)}"' if title else ""
    return (
        f'<wp:inline {_NS} distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{width}" cy="{height}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{number}" name="Figure {number}" descr="{ooxml.attribute(description)}"{title_attr}/>'
        f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{_GROUP}"><wpg:wgp><wpg:cNvGrpSpPr/>'
        f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{width}" cy="{height}"/></a:xfrm></wpg:grpSpPr>'
        + "".join(shapes)
        + "</wpg:wgp></a:graphicData></a:graphic></wp:inline>"
    )
