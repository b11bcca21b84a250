"""The briefing's text read straight from a facts file, for the raw-library floor scripts.

Shared by raw_reportlab.py and raw_docx.py so both write the same text. Plain YAML
load, plain dicts, no factsheet imports: this is the least work any tool must do to
turn the facts into headings, the transfers table, key points, timeline and notes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TRANSFER_COLUMNS = ("System", "Type", "Supplier → recipient", "Status", "When")
TIMELINE_COLUMNS = ("Date", "Event")


@dataclass
class Briefing:
    """Everything the raw scripts write; a cell or bullet is (text, citation numbers)."""

    title: str
    meta: str
    subject: str
    key_points: list[tuple[str, list[int]]] = field(default_factory=list)
    transfers: list[list[tuple[str, list[int]]]] = field(default_factory=list)
    timeline: list[list[tuple[str, list[int]]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def date_text(value: Any) -> str:
    """'2022-08-24' -> '24 Aug 2022', '2022-08' -> 'Aug 2022'."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def read(path: Path) -> Briefing:
    """Load the facts file and lay out the text of the briefing."""
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in data.get("actors", [])}
    systems = {s["id"]: s for s in data.get("systems", [])}
    dates = {d["id"]: d for d in data.get("dates", [])}
    publishers = {s["id"]: s.get("publisher") or s["title"] for s in data.get("sources", [])}
    numbers: dict[tuple[str, str], int] = {}
    notes: list[str] = []

    def cite(fact: dict[str, Any]) -> list[int]:
        out = []
        for quote in fact.get("cites", []):
            key = (quote["source"], " ".join(quote["text"].split()))
            if key not in numbers:
                notes.append(f"{publishers.get(key[0], key[0])}: “{key[1]}”")
                numbers[key] = len(notes)
            out.append(numbers[key])
        return out

    head = data["factsheet"]
    briefing = Briefing(head["title"], f"As of {date_text(head['as_of'])}", head.get("subject", ""))
    for point in data.get("key_points", []):
        briefing.key_points.append((" ".join(point["text"].split()), cite(point)))
    for transfer in data.get("transfers", []):
        system = systems.get(transfer["system"], {})
        parties = " and ".join(names.get(s, s) for s in transfer["suppliers"])
        status = transfer["status"] + (f", {transfer['quantity']}" if transfer.get("quantity") else "")
        when = date_text(dates[transfer["when"]]["value"]) if transfer.get("when") in dates else (
            transfer.get("when_stated") or "not stated")
        briefing.transfers.append([
            (system.get("designation", transfer["system"]), []),
            (system.get("category", ""), []),
            (f"{parties} → {names.get(transfer['recipient'], transfer['recipient'])}", []),
            (status, cite(transfer)),
            (when, []),
        ])
    for event in sorted(data.get("dates", []), key=lambda d: (str(d["value"]), d["id"])):
        briefing.timeline.append([(date_text(event["value"]), []), (event["event"], cite(event))])
    briefing.notes = notes
    return briefing


def arguments() -> tuple[Path, Path]:
    """FACTS OUT from the command line."""
    if len(sys.argv) != 3:
        sys.exit(f"usage: {Path(sys.argv[0]).name} FACTS.yaml OUT")
    return Path(sys.argv[1]), Path(sys.argv[2])
