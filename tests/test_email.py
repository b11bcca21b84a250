"""`factsheet email`: the .eml parses back with byte-identical attachments; a real SMTP server receives it."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.mail.message import safe_filename

STEM = "russia-drones-2022-briefing"
FIXED = ["--date", "Wed, 25 Nov 2026 09:00:00 +0000", "--message-id", "<fixed@factsheet.test>"]


def run(workspace: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, ["email", "--root", str(workspace), "--from", "Desk <desk@example.org>",
                                     *args], env=env)


def parse(path: Path) -> email.message.EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_eml_parses_back_with_identical_attachments(workspace: Path, tmp_path: Path) -> None:
    eml = tmp_path / "briefing.eml"
    result = run(workspace, "--to", "Ana <ana@example.org>", "--cc", "bo@example.org", "--out", str(eml), *FIXED)
    assert result.exit_code == 0, result.output
    assert f"attached {STEM}.pdf (" in result.output and " KB)" in result.output
    message = parse(eml)
    title = "Russia turns to North Korea and Iran for munitions and drones"
    assert message["Subject"] == f"{title} (as of 25 November 2026)"
    assert message["To"] == "Ana <ana@example.org>" and message["Cc"] == "bo@example.org"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert "Russia is buying millions of artillery shells" in plain.get_content()
    assert "<li>Russia is buying millions" in html.get_content()
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert set(attachments) == {f"{STEM}.pdf", f"{STEM}.docx"}
    assert attachments[f"{STEM}.pdf"].get_content_type() == "application/pdf"
    assert attachments[f"{STEM}.docx"].get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    for name, part in attachments.items():
        assert part.get_content() == (workspace / "out" / name).read_bytes()


def test_same_inputs_same_bytes(workspace: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.eml", tmp_path / "b.eml"
    assert run(workspace, "--to", "ana@example.org", "--out", str(first), *FIXED).exit_code == 0
    assert run(workspace, "--to", "ana@example.org", "--out", str(second), *FIXED).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_changes_appear_in_the_body_after_a_regeneration(workspace: Path, tmp_path: Path) -> None:
    assert run(workspace, "--to", "ana@example.org", "--out", str(tmp_path / "a.eml"), *FIXED).exit_code == 0
    facts = workspace / "seeds" / "russia-drones-2022.facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "text: How large the North Korean shipments are.", "text: How large and how frequent the shipments are."),
        encoding="utf-8")
    assert run(workspace, "--to", "ana@example.org", "--out", str(tmp_path / "b.eml"), *FIXED).exit_code == 0
    body = parse(tmp_path / "b.eml").get_body(("plain",))
    assert body is not None
    assert "What changed since 25 November 2026:" in body.get_content()
    assert "Changed: How large the North Korean shipments are. -> How large and how frequent" in body.get_content()


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "ana@example.org\r\nBcc: spy@example.org"], "--to: error: line breaks are not allowed"),
    (["--to", "ana@example.org", "--message-id", "<a@b>\nX-Evil: 1"],
     "is not a message id: write <local-part@domain> in ASCII"),
    (["--to", "not-an-address"], "--to: error: not a single valid email address: 'not-an-address'"),
    (["--to", "a@example.org, b@example.org"], "--to: error: not a single valid email address"),
])
def test_bad_addresses_and_header_injection_are_refused(workspace: Path, args: list[str], message: str) -> None:
    result = run(workspace, *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_attachment_names_never_carry_paths() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\x\\brief ing.pdf") == "brief-ing.pdf"


def test_size_warning(workspace: Path, tmp_path: Path) -> None:
    result = run(workspace, "--to", "ana@example.org", "--out", str(tmp_path / "a.eml"), "--max-size", "0.01")
    assert result.exit_code == 0 and "is larger than 0.01 MB" in result.output


# ----------------------------------------------------------------- a real SMTP server


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(request: pytest.FixtureRequest) -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"desk" and auth_data.password == b"s3cret"
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    inbox, port = Inbox(), free_port()
    with_auth = getattr(request, "param", False)
    kwargs: dict[str, Any] = {"authenticator": authenticator, "auth_require_tls": False} if with_auth else {}
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_sent_message_arrives_intact(workspace: Path, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    result = run(workspace, "--to", "ana@example.org", "--cc", "bo@example.org", "--send", "--smtp-host",
                 "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "plain")
    assert result.exit_code == 0, result.output
    assert "sent to ana@example.org, bo@example.org via 127.0.0.1" in result.output
    assert len(inbox.messages) == 1
    sender, recipients, raw = inbox.messages[0]
    assert sender == "desk@example.org" and recipients == ["ana@example.org", "bo@example.org"]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    for part in message.iter_attachments():
        assert part.get_content() == (workspace / "out" / str(part.get_filename())).read_bytes()


@pytest.mark.parametrize("smtp_server", [True], indirect=True)
def test_login_then_send(workspace: Path, smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    args = ["--to", "ana@example.org", "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
            "--smtp-security", "plain", "--smtp-user", "desk"]
    result = run(workspace, *args, env={"FACTSHEET_SMTP_PASSWORD": "s3cret"})
    assert result.exit_code == 0, result.output
    assert len(inbox.messages) == 1
    refused = run(workspace, *args, env={"FACTSHEET_SMTP_PASSWORD": "wrong"})
    assert refused.exit_code == 3
    assert "login refused: 535" in refused.output and "nothing was sent" in refused.output
    assert "sent to" not in refused.output
    assert len(inbox.messages) == 1


def test_unreachable_server_is_a_clear_error(workspace: Path) -> None:
    result = run(workspace, "--to", "ana@example.org", "--send", "--smtp-host", "127.0.0.1", "--smtp-port",
                 str(free_port()), "--smtp-security", "plain")
    assert result.exit_code == 3
    assert "cannot reach the mail server" in result.output and "nothing was sent" in result.output
    assert "sent to" not in result.output and "Traceback" not in result.output
