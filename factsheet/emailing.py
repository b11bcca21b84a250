"""`factsheet email`: bring a briefing up to date, put it into a MIME message, write it or send it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from factsheet.build import build
from factsheet.buildoptions import FORMATS, BuildOptions
from factsheet.diagnostics import Diagnostic, Location
from factsheet.errors import InputError
from factsheet.manifest import Manifest, diff_summaries
from factsheet.workspace import Workspace, facts_stem, slug


@dataclass(frozen=True)
class PreparedEmail:
    """The message, and what it carries."""

    message: EmailMessage
    attachments: list[tuple[str, int]]  # (file name, size in bytes)
    default_path: Path


def choose_facts(workspace: Workspace, facts: Path | None) -> Path:
    """The facts file to mail: the one named, or the only one in seeds/."""
    if facts is not None:
        return facts.resolve()
    found = workspace.facts_files()
    if len(found) != 1:
        names = ", ".join(workspace.show(p) for p in found) or "none"
        raise InputError(f"name the facts file to email (found: {names})", Location(workspace.show(workspace.seeds)))
    return found[0]


def prepare(
    workspace: Workspace,
    *,
    facts: Path | None,
    template: str,
    formats: Sequence[str] = FORMATS,
    sender: str,
    to: Sequence[str],
    cc: Sequence[str] = (),
    date: str | None = None,
    message_id: str | None = None,
    report: Callable[[Diagnostic], None] = lambda _: None,
    lock_timeout: float | None = None,
) -> PreparedEmail:
    """Build the briefing if needed, then the message around it."""
    from factsheet.compose.analytic import cut_off
    from factsheet.compose.format import long_date
    from factsheet.facts.load import load_facts
    from factsheet.mail.message import Attachment, Briefing, build_message

    if not to:
        raise InputError("give at least one --to address", Location("--to"))
    facts_path = choose_facts(workspace, facts)
    build(workspace, facts_paths=[facts_path], template_names=[template],
          options=BuildOptions(formats=tuple(formats), lock_timeout=lock_timeout), report=report)
    sheet = load_facts(facts_path, workspace, check_quotes=False).sheet
    entry = Manifest.read(workspace.out).facts.get(facts_path.relative_to(workspace.root).as_posix(), {})
    changes = diff_summaries(entry["previous"], entry["current"]) if entry.get("previous") else []
    since = entry.get("previous_as_of", "")
    briefing = Briefing(
        title=sheet.factsheet.title,
        as_of=long_date(sheet.factsheet.as_of),
        key_points=tuple(" ".join(p.text.split()) for p in sheet.key_points),
        bottom_line=tuple(" ".join(line.text.split()) for line in sheet.bottom_line),
        cut_off=cut_off(sheet),
        judgments=tuple(f"{j.likelihood.value.capitalize()}, {j.confidence.value} confidence: "
                        f"{' '.join(j.text.split())}" for j in sheet.judgments),
        changes=tuple(changes),
        since=long_date(dt.date.fromisoformat(since)) if since else "",
    )
    stem = f"{slug(facts_stem(facts_path))}-{slug(template)}"
    attachments = [Attachment(f"{stem}.{fmt}", (workspace.out / f"{stem}.{fmt}").read_bytes()) for fmt in formats]
    message = build_message(briefing, attachments, sender=sender, to=to, cc=cc, date=date, message_id=message_id)
    return PreparedEmail(message, [(a.name, len(a.data)) for a in attachments], workspace.out / f"{stem}.eml")
