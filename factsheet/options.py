"""Checks of command-line values, so that a bad option is refused before any work (exit 2)."""

from __future__ import annotations

import math
import re

import click

# RFC 5322 msg-id: "<" dot-atom-text "@" dot-atom-text ">" in printable ASCII (no-fold-literal left out).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
MESSAGE_ID = re.compile(rf"^<{_ATOM}@{_ATOM}>$")


def message_id(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A Message-ID of the form <local@domain>, ASCII only."""
    if value is not None and not MESSAGE_ID.match(value):
        raise click.BadParameter(f"{value!r} is not a message id: write <local-part@domain> in ASCII, "
                                 "e.g. <briefing-1@example.org>")
    return value


def mail_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An RFC 5322 date with a time zone, e.g. 'Fri, 25 Nov 2022 09:00:00 +0000'."""
    if value is None:
        return None
    # Imported here: email.utils (and socket behind it) would cost every command ~12 ms at start-up.
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    year = re.search(r"\b(\d{4})\b", value)  # two-digit years are obsolete, and read as 19xx or 20xx
    if parsed is None or parsed.tzinfo is None or year is None or not 1900 <= int(year.group(1)) <= 2100:
        raise click.BadParameter(f"{value!r} is not an email date: write it as RFC 5322 does, e.g. "
                                 "'Fri, 25 Nov 2022 09:00:00 +0000'")
    return value


def positive_size(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    """A finite size above zero, in megabytes."""
    if not math.isfinite(value) or value <= 0:
        raise click.BadParameter(f"{value!r} is not a size: give a number of megabytes above 0, e.g. 10")
    return value


def seconds(_ctx: click.Context, _param: click.Parameter, value: float | None) -> float | None:
    """A finite, non-negative number of seconds."""
    if value is not None and (not math.isfinite(value) or value < 0):
        raise click.BadParameter(f"{value!r} is not a number of seconds (0 or more)")
    return value


LOCK_TIMEOUT = click.option(
    "--lock-timeout", type=float, default=None, callback=seconds, envvar="FACTSHEET_LOCK_TIMEOUT",
    help="Seconds to wait for another build into the same output folder (default 300; FACTSHEET_LOCK_TIMEOUT).",
)
