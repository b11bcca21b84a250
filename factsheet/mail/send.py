"""Send a message through SMTP: STARTTLS by default, implicit TLS or plain on request."""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Literal

from factsheet.diagnostics import Location
from factsheet.errors import FactsheetError

Security = Literal["starttls", "tls", "plain"]


class SendError(FactsheetError):
    """The message was not sent (or not to everyone): nothing is reported as sent."""

    exit_code = 3


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send."""

    host: str
    port: int
    security: Security = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


def default_port(security: Security) -> int:
    """465 for implicit TLS, 587 for STARTTLS, 25 for plain."""
    return {"tls": 465, "starttls": 587, "plain": 25}[security]


def send_message(message: EmailMessage, settings: SmtpSettings) -> list[str]:
    """Send `message`; return the recipients it was accepted for. Raises SendError unless all accepted."""
    where = Location(f"smtp://{settings.host}:{settings.port}")
    context = ssl.create_default_context()
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                                   context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            client.ehlo()
            if settings.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if settings.user:
                client.login(settings.user, settings.password or "")
            refused = client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"login refused: {exc.smtp_code} {_text(exc.smtp_error)}; nothing was sent", where) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(f"the server does not support this: {exc}; nothing was sent", where) from None
    except smtplib.SMTPRecipientsRefused as exc:
        who = ", ".join(f"{addr} ({code} {_text(text)})" for addr, (code, text) in exc.recipients.items())
        raise SendError(f"every recipient was refused: {who}; nothing was sent", where) from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"the server refused: {exc.smtp_code} {_text(exc.smtp_error)}; nothing was sent",
                        where) from None
    except (smtplib.SMTPException, ssl.SSLError) as exc:
        raise SendError(f"SMTP failed: {exc}; nothing was sent", where) from None
    except (socket.gaierror, ConnectionRefusedError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise SendError(f"cannot reach the mail server: {reason}; nothing was sent", where) from None
    recipients = [a.addr_spec for field in ("To", "Cc") for a in getattr(message[field], "addresses", ())]
    if refused:
        who = ", ".join(f"{addr} ({code} {_text(text)})" for addr, (code, text) in refused.items())
        accepted = [r for r in recipients if r not in refused]
        raise SendError(f"sent to {', '.join(accepted)} only; refused: {who}", where)
    return recipients


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value
