"""Build the briefing email: subject, plain and HTML bodies, attachments, fixed boundaries when asked."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path

from factsheet.diagnostics import Location
from factsheet.errors import InputError
from factsheet.writers import writer_for_extension

_LINE_BREAK = re.compile(r"[\r\n\x00\u2028\u2029\x85]")


@dataclass(frozen=True)
class Attachment:
    """A built file to attach: its bytes and the bare file name mail clients show."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Briefing:
    """What the email says about the briefing."""

    title: str
    as_of: str  # '25 November 2026'
    key_points: tuple[str, ...]
    changes: tuple[str, ...] = ()
    since: str = ""
    bottom_line: tuple[str, ...] = ()  # first in the body, as in the briefing
    cut_off: str = ""  # the information cut-off: the latest source date, 'Sep 2022'
    judgments: tuple[str, ...] = ()  # 'Likely, moderate confidence: ...'


def header_safe(value: str, what: str) -> str:
    """`value` unchanged, or an InputError when it could inject headers (CR, LF and other line breaks)."""
    if _LINE_BREAK.search(value):
        raise InputError(f"line breaks are not allowed (header injection?): {value!r}", Location(what))
    return value


def parse_address(value: str, what: str) -> Address:
    """A validated address ('name@example.org' or 'Name <name@example.org>')."""
    header_safe(value, what)
    from email.headerregistry import HeaderRegistry

    try:
        header = HeaderRegistry()("to", value)
        addresses = tuple(header.addresses)  # type: ignore[attr-defined]
        broken = bool(header.defects)
    except Exception:  # the email package raises several kinds for malformed input
        addresses, broken = (), True
    if len(addresses) != 1 or broken:
        raise InputError(f"not a single valid email address: {value!r}", Location(what))
    address: Address = addresses[0]
    if not re.fullmatch(r"[^@\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+", address.addr_spec):
        raise InputError(f"not a valid email address: {value!r}", Location(what))
    return address


def safe_filename(name: str) -> str:
    """A bare, safe attachment name: no folders, no control characters."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", base).strip(".-")
    return base or "briefing"


def plain_body(briefing: Briefing, attachments: list[Attachment]) -> str:
    """The plain-text body in the briefing's order: bottom line, judgments, key points, what changed, attachments."""
    cut = f" \u00b7 information cut-off {briefing.cut_off}" if briefing.cut_off else ""
    lines = [briefing.title, f"As of {briefing.as_of}{cut}", ""]
    if briefing.bottom_line:
        lines += ["Bottom line:", *briefing.bottom_line, ""]
    if briefing.judgments:
        lines += ["Key judgments:", *(f"- {j}" for j in briefing.judgments), ""]
    lines += ["Key points:"]
    lines += [f"- {point}" for point in briefing.key_points]
    if briefing.changes:
        since = f" since {briefing.since}" if briefing.since else ""
        lines += ["", f"What changed{since}:"]
        lines += [f"- {change}" for change in briefing.changes]
    lines += ["", "Attached: " + ", ".join(a.name for a in attachments), ""]
    return "\n".join(lines)


def html_body(briefing: Briefing, attachments: list[Attachment]) -> str:
    """The same content as HTML; every data string is escaped."""
    e = html.escape
    cut = f" \u00b7 information cut-off {e(briefing.cut_off)}" if briefing.cut_off else ""
    parts = [f"<h2>{e(briefing.title)}</h2>", f"<p><em>As of {e(briefing.as_of)}{cut}</em></p>"]
    if briefing.bottom_line:
        parts += ["<h3>Bottom line</h3>", "".join(f"<p><strong>{e(b)}</strong></p>" for b in briefing.bottom_line)]
    if briefing.judgments:
        parts += ["<h3>Key judgments</h3>", "<ul>" + "".join(f"<li>{e(j)}</li>" for j in briefing.judgments) + "</ul>"]
    parts += ["<h3>Key points</h3>", "<ul>" + "".join(f"<li>{e(p)}</li>" for p in briefing.key_points) + "</ul>"]
    if briefing.changes:
        since = f" since {e(briefing.since)}" if briefing.since else ""
        parts += [f"<h3>What changed{since}</h3>", "<ul>" + "".join(f"<li>{e(c)}</li>" for c in briefing.changes)
                  + "</ul>"]
    parts.append(f"<p>Attached: {e(', '.join(a.name for a in attachments))}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>\n"


def build_message(
    briefing: Briefing,
    attachments: list[Attachment],
    *,
    sender: str,
    to: Sequence[str],
    cc: Sequence[str] = (),
    date: str | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """The whole message. With `date` and `message_id` given, the same inputs give the same bytes."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_safe(f"{briefing.title} (as of {briefing.as_of})", "subject")
    message["From"] = parse_address(sender, "--from")
    message["To"] = [parse_address(a, "--to") for a in to]
    if cc:
        message["Cc"] = [parse_address(a, "--cc") for a in cc]
    message["Date"] = header_safe(date, "--date") if date else format_datetime(datetime.now(UTC))
    message["Message-ID"] = header_safe(message_id, "--message-id") if message_id else make_msgid("factsheet")
    message["MIME-Version"] = "1.0"
    message.set_content(plain_body(briefing, attachments))
    message.add_alternative(html_body(briefing, attachments), subtype="html")
    for attachment in attachments:
        info = writer_for_extension(Path(attachment.name).suffix)
        maintype, subtype = info.mime if info else ("application", "octet-stream")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                               filename=safe_filename(attachment.name))
    _fix_boundaries(message)
    return message


def _fix_boundaries(message: EmailMessage) -> None:
    """Boundaries derived from the content instead of random ones, so identical inputs give identical bytes."""
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            digest = hashlib.sha256(f"{index}:{message['Message-ID']}:{message['Date']}".encode()).hexdigest()
            part.set_boundary(f"=_factsheet_{digest[:24]}")

