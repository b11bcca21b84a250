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
from factsheet.mail.history import Emailed
from factsheet.mail.message import Briefing
from factsheet.manifest import diff_summaries
from factsheet.workspace import Workspace, facts_stem, slug
from factsheet.writers import WRITERS


@dataclass(frozen=True)
class PreparedEmail:
    """The message, and what it carries."""

    message: EmailMessage
    attachments: list[tuple[str, int]]  # (file name, size in bytes)
    default_path: Path
    briefing: Briefing
    facts_key: str  # the facts file, relative to the workspace
    emailed: Emailed  # what to record once the message is written or sent

    def summary(self) -> list[str]:
        """What the message holds, in a few lines (for --dry-run)."""
        lines = [f"{name}: {self.message[name]}" for name in ("Subject", "From", "To", "Cc") if self.message[name]]
        lines.append(f"key points: {len(self.briefing.key_points)}")
        if self.briefing.changes:
            since = f" since {self.briefing.since}" if self.briefing.since else ""
            lines.append(f"what changed{since}: {len(self.briefing.changes)} line(s)")
            lines += [f"  {change}" for change in self.briefing.changes]
        else:
            lines.append("what changed: none (" + ("first email of this briefing)" if not self.briefing.since
                                                   else "same facts as the last email)"))
        lines += [f"attachment: {name} ({size / 1024:.0f} KB)" for name, size in self.attachments]
        return lines


def remember_sent(workspace: Workspace, prepared: PreparedEmail) -> None:
    """Record the briefing as emailed: the next email says what changed since this one."""
    from factsheet.mail.history import remember

    remember(workspace.out, prepared.facts_key, prepared.emailed)


def choose_facts(workspace: Workspace, facts: Path | None) -> Path:
    """The facts file to mail: the one named, or the only one in seeds/."""
    if facts is not None:
        return facts.resolve()
    found = workspace.facts_files()
    if not found:
        raise InputError(f"no facts files (*.facts.yaml) to email: {workspace.no_facts_hint()}",
                         Location(workspace.show(workspace.seeds)))
    if len(found) != 1:
        names = ", ".join(workspace.show(p) for p in found)
        raise InputError(f"name the facts file to email (found: {names}), e.g. `factsheet email "
                         f"{workspace.show(found[0])} --to ...`", Location(workspace.show(workspace.seeds)))
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
    from factsheet.compose.summary import summarise
    from factsheet.facts.load import load_facts
    from factsheet.mail.history import last_emailed
    from factsheet.mail.message import Attachment, build_message

    if not to:
        raise InputError("give at least one --to address", Location("--to"))
    facts_path = choose_facts(workspace, facts)
    build(workspace, facts_paths=[facts_path], template_names=[template],
          options=BuildOptions(formats=tuple(formats), lock_timeout=lock_timeout), report=report)
    sheet = load_facts(facts_path, workspace, check_quotes=False).sheet
    inside = facts_path.is_relative_to(workspace.root)
    key = facts_path.relative_to(workspace.root).as_posix() if inside else str(facts_path)
    # What changed since the last email of this briefing: none in the first one.
    now = Emailed(summarise(sheet), sheet.factsheet.as_of.isoformat())
    before = last_emailed(workspace.out, key)
    briefing = Briefing(
        title=sheet.factsheet.title,
        as_of=long_date(sheet.factsheet.as_of),
        key_points=tuple(" ".join(p.text.split()) for p in sheet.key_points),
        bottom_line=tuple(" ".join(line.text.split()) for line in sheet.bottom_line),
        cut_off=cut_off(sheet),
        judgments=tuple(f"{j.likelihood.value.capitalize()}, {j.confidence.value} confidence: "
                        f"{' '.join(j.text.split())}" for j in sheet.judgments),
        changes=tuple(diff_summaries(before.summaries, now.summaries)) if before else (),
        since=long_date(dt.date.fromisoformat(before.as_of)) if before else "",
    )
    stem = f"{slug(facts_stem(facts_path))}-{slug(template)}"
    names = [f"{stem}{WRITERS[fmt].extension}" for fmt in formats]
    attachments = [Attachment(name, (workspace.out / name).read_bytes()) for name in names]
    message = build_message(briefing, attachments, sender=sender, to=to, cc=cc, date=date, message_id=message_id)
    return PreparedEmail(message, [(a.name, len(a.data)) for a in attachments], workspace.out / f"{stem}.eml",
                         briefing, key, now)
