"""The supply network: one lane per transfer, from its supplier's box to its recipient's box.

Lanes are sorted by recipient, then by supplier, so each recipient's and each supplier's
lanes are next to each other and one box spans them. Every arrow is horizontal in its
own lane, so arrows never cross, every arrow meets its recipient at a point of its own,
and the label (system and status, wrapped, never cut) sits above its arrow inside the
lane. Line colour and dash tell the status; a legend says which is which.

A network too large for a page is reduced, and the caption says how: first transfers
with the same supplier, recipient and status share one arrow whose label counts and
names them; if that is still too many, transfers to one recipient with one status do,
drawn from all their suppliers. The table next to the figure always lists each transfer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factsheet.compose.figures import (
    HEADING_SIZE,
    LABEL_SIZE,
    WIDTH,
    label_lines,
    lines_height,
    text_width,
    wrap,
)
from factsheet.document.nodes import Arrow, Box, Figure, Label, Shape
from factsheet.facts.model import FactSheet, Transfer

STATUS_ORDER = ("delivered", "reported", "agreed", "planned", "licensed", "ended")
MAX_LANES = 22
"""More lanes than this do not fit a page readably: the network is reduced (and says so)."""

NAMED = 6
"""A shared arrow names this many of its systems, then says how many more there are."""
SUPPLIER_W, RECIPIENT_W = 116.0, 108.0
GAP = 8.0  # between a box and the label column
HEAD = 4.0  # arrowheads stop this short of the recipient's box
PAD = 3.0


@dataclass(frozen=True)
class Lane:
    """One arrow: who supplies, who receives, in what status, and what its label says."""

    suppliers: tuple[str, ...]
    recipient: str
    status: str
    label: str


def _lanes(transfers: Sequence[Transfer], system_name: Callable[[str], str], level: int) -> list[Lane]:
    """Lanes for `transfers`: one each (level 0), or one per group (levels 1 and 2)."""
    groups: dict[tuple[tuple[str, ...], str, str], list[Transfer]] = {}
    for transfer in transfers:
        suppliers = tuple(transfer.suppliers) if level < 2 else ()
        key = (suppliers, transfer.recipient, transfer.status.value)
        if level == 0:
            key = (*key[:2], f"{key[2]}\x00{len(groups)}")
        groups.setdefault(key, []).append(transfer)
    lanes = []
    for (suppliers, recipient, status), members in groups.items():
        status = status.split("\x00")[0]
        names = list(dict.fromkeys(system_name(t.system) for t in members))
        if level == 2:
            suppliers = tuple(dict.fromkeys(s for t in members for s in t.suppliers))
        if len(members) == 1:
            label = f"{names[0]} \u00b7 {status}"
        else:
            shown = ", ".join(names[:NAMED]) + (f" and {len(names) - NAMED} more" if len(names) > NAMED else "")
            label = f"{len(members)} transfers, {status}: {shown}"
        lanes.append(Lane(suppliers, recipient, status, label))
    order_rec = list(dict.fromkeys(lane.recipient for lane in lanes))
    order_sup = list(dict.fromkeys(lane.suppliers for lane in lanes))
    return sorted(lanes, key=lambda lane: (order_rec.index(lane.recipient), order_sup.index(lane.suppliers)))


def supply_network(sheet: FactSheet, actor: Callable[[str], str]) -> Figure | None:
    """Suppliers -> recipients, one arrow per transfer labelled with its system and status."""
    if not sheet.transfers:
        return None
    systems = {s.id: s.designation for s in sheet.systems}

    def system_name(ident: str) -> str:
        return systems.get(ident, ident)

    level, lanes = 0, _lanes(sheet.transfers, system_name, 0)
    while len(lanes) > MAX_LANES and level < 2:
        level += 1
        lanes = _lanes(sheet.transfers, system_name, level)
    shapes, height = _draw(lanes, actor)
    caption = ("Who supplies what to whom: one arrow per transfer, labelled with the system and its status; "
               "the line's colour and dash show the status.")
    if level == 1:
        caption = (f"Who supplies what to whom. The {len(sheet.transfers)} transfers are drawn as "
                   f"{len(lanes)} arrows: transfers with the same supplier, recipient and status share one, "
                   "labelled with how many there are and their systems; the table lists each transfer.")
    elif level == 2:
        caption = (f"Who supplies what to whom. The {len(sheet.transfers)} transfers are drawn as "
                   f"{len(lanes)} arrows: transfers to the same recipient with the same status share one, drawn "
                   "from all their suppliers and labelled with how many there are and their systems; "
                   "the table lists each transfer.")
    if level == 0:
        alt = "Supply network. " + "; ".join(
            f"{' and '.join(actor(s) for s in t.suppliers)} to {actor(t.recipient)}: "
            f"{system_name(t.system)} ({t.status.value})"
            for t in sheet.transfers
        ) + "."
    else:  # what the figure shows: its arrows, not every transfer (the table has those)
        alt = f"Supply network of {len(sheet.transfers)} transfers, grouped. " + "; ".join(
            f"{' and '.join(actor(s) for s in lane.suppliers) or 'several suppliers'} to {actor(lane.recipient)}: "
            f"{lane.label}"
            for lane in lanes
        ) + "."
    return Figure(WIDTH, height, tuple(shapes), caption, alt)


def _draw(lanes: list[Lane], actor: Callable[[str], str]) -> tuple[list[Shape], float]:
    """The shapes of the lanes, boxes, headings and legend; and the figure's height."""
    label_x = SUPPLIER_W + GAP
    label_w = WIDTH - RECIPIENT_W - GAP - label_x
    texts = [wrap(lane.label, LABEL_SIZE, label_w) for lane in lanes]
    heights = [PAD + lines_height(len(lines), LABEL_SIZE) + PAD + 4.0 for lines in texts]

    def runs(key: Callable[[Lane], object]) -> list[tuple[int, int]]:
        """(first, last) lane index of each run of lanes sharing `key`."""
        out: list[tuple[int, int]] = []
        for index, lane in enumerate(lanes):
            if out and key(lanes[out[-1][0]]) == key(lane) and out[-1][1] == index - 1:
                out[-1] = (out[-1][0], index)
            else:
                out.append((index, index))
        return out

    rec_runs = runs(lambda lane: lane.recipient)
    sup_runs = runs(lambda lane: (lane.recipient, lane.suppliers))
    boxes: list[tuple[tuple[int, int], list[str], str, float, float]] = []
    for run_ in sup_runs:
        names = " and ".join(actor(s) for s in lanes[run_[0]].suppliers) or "several suppliers"
        boxes.append((run_, wrap(names, LABEL_SIZE, SUPPLIER_W - 8), "supplier", 0.0, SUPPLIER_W))
    for run_ in rec_runs:
        name = actor(lanes[run_[0]].recipient)
        boxes.append((run_, wrap(name, LABEL_SIZE, RECIPIENT_W - 8), "recipient", WIDTH - RECIPIENT_W, RECIPIENT_W))
    # A box taller than its lanes (a long name wrapped) makes its last lane taller.
    for (first, last), lines, *_ in boxes:
        need = lines_height(len(lines), LABEL_SIZE) + 2 * PAD + 2
        have = sum(heights[first:last + 1])
        if need > have:
            heights[last] += need - have

    top = 14.0
    shapes: list[Shape] = [
        Label(0, 8, "Supplier", HEADING_SIZE, "start", "heading"),
        Label(label_x, 8, "System \u00b7 status", HEADING_SIZE, "start", "heading"),
        Label(WIDTH, 8, "Recipient", HEADING_SIZE, "end", "heading"),
    ]
    lane_tops = [top + sum(heights[:i]) for i in range(len(lanes))]
    bottom = top + sum(heights)
    for (first, last), lines, role, x, width in boxes:
        y0 = lane_tops[first] + 1.5
        y1 = lane_tops[last] + heights[last] - 1.5
        shapes.append(Box(x, y0, width, y1 - y0, "", role))
        block = lines_height(len(lines), LABEL_SIZE)
        shapes.extend(label_lines(x + width / 2, (y0 + y1 - block) / 2, lines, LABEL_SIZE, "middle", "box",
                                  width - 6))
    for lane, lines, lane_top, height in zip(lanes, texts, lane_tops, heights, strict=True):
        shapes.extend(label_lines(label_x, lane_top + PAD, lines, LABEL_SIZE, "start", "transfer", label_w))
        y = lane_top + height - PAD - 2.0
        shapes.append(Arrow(SUPPLIER_W, y, WIDTH - RECIPIENT_W - HEAD / 2, y, lane.status))
    legend, legend_h = _legend([lane.status for lane in lanes], bottom + 8)
    shapes.extend(legend)
    return shapes, bottom + 8 + legend_h


def _legend(statuses: list[str], top: float) -> tuple[list[Shape], float]:
    """A sample line and the name of each status drawn, in the house order, wrapping to more rows."""
    shown = [s for s in STATUS_ORDER if s in statuses] + sorted(set(statuses) - set(STATUS_ORDER))
    shapes: list[Shape] = [Label(0, top + 7, "Status:", HEADING_SIZE, "start", "heading")]
    x, row = 40.0, 0
    sample = 22.0
    for status in shown:
        width = sample + 4 + text_width(status, LABEL_SIZE) + 12
        if x + width > WIDTH and x > 40.0:
            x, row = 40.0, row + 1
        y = top + row * 12
        shapes.append(Arrow(x, y + 4.5, x + sample, y + 4.5, status))
        shapes.append(Label(x + sample + 4, y + 7, status, LABEL_SIZE, "start", "legend"))
        x += width
    return shapes, (row + 1) * 12
