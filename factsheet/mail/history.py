"""What each briefing looked like when it was last emailed, so the next email can say what changed since.

Kept in out/.factsheet-emailed.json, one entry per facts file: the one-line summaries of its facts
and its as-of date. Only emails that were written or sent are recorded (never a --dry-run), and only
curated builds can be emailed, so a draft preview is never what an email is compared with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from factsheet.atomic import write_atomic

NAME = ".factsheet-emailed.json"


@dataclass(frozen=True)
class Emailed:
    """A briefing as it was emailed: the summary line of every fact, keyed '<section>:<id>', and its as-of date."""

    summaries: dict[str, str]
    as_of: str  # ISO date


def _read(out: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((out / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def last_emailed(out: Path, facts_key: str) -> Emailed | None:
    """The briefing of `facts_key` as last emailed, or None before its first email."""
    entry = _read(out).get(facts_key)
    if not isinstance(entry, dict):
        return None
    summaries, as_of = entry.get("summaries"), entry.get("as_of")
    if not isinstance(summaries, dict) or not isinstance(as_of, str):
        return None
    return Emailed({str(k): str(v) for k, v in summaries.items()}, as_of)


def remember(out: Path, facts_key: str, emailed: Emailed) -> None:
    """Record that the briefing of `facts_key` was emailed as `emailed`."""
    data = _read(out)
    data[facts_key] = {"summaries": emailed.summaries, "as_of": emailed.as_of}
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(out / NAME, text.encode("utf-8"))
