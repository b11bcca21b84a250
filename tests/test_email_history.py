"""What an email says changed: nothing in a briefing's first email, and never a draft preview's facts."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import SEED_FACTS

FIXED = ["--date", "Wed, 25 Nov 2026 09:00:00 +0000", "--message-id", "<fixed@factsheet.test>"]
DRAFT_GAP = """gaps:
  - id: gap-draft-junk
    review: draft
    text: Draft junk nobody reviewed.
    cites:
      - source: techtimes
        text: there was no information offered
"""


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def mail(example: Path, eml: Path, *extra: str) -> Any:
    result = run("email", "--root", str(example), "--to", "ana@example.org", "--from", "desk@example.org",
                 "--format", "pdf", "--out", str(eml), *FIXED, *extra)
    assert result.exit_code == 0, result.output
    return result


def body(eml: Path) -> str:
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    plain = message.get_body(("plain",))
    assert plain is not None
    return str(plain.get_content())


def edit(example: Path, old: str, new: str) -> None:
    facts = example / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    assert old in text
    facts.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_email_has_no_what_changed_even_after_several_builds(example: Path, tmp_path: Path) -> None:
    build = ["build", "--root", str(example), "--template", "briefing", "--format", "pdf"]
    assert run(*build).exit_code == 0
    edit(example, "text: How large the North Korean shipments are.", "text: How large the shipments are.")
    rebuilt = run(*build)
    assert rebuilt.exit_code == 0 and "changed since the last build" in rebuilt.output
    mail(example, tmp_path / "first.eml")
    assert "What changed" not in body(tmp_path / "first.eml")
    # The second email says what changed since the first one, and only that.
    edit(example, "text: How large the shipments are.", "text: How large and how frequent the shipments are.")
    mail(example, tmp_path / "second.eml")
    text = body(tmp_path / "second.eml")
    assert "What changed since 25 November 2026:" in text
    assert "- Changed: How large the shipments are. -> How large and how frequent the shipments are." in text
    assert text.count("\n- Changed:") == 1 and "- Added:" not in text and "- Removed:" not in text


def test_a_draft_preview_is_never_what_is_compared(example: Path, tmp_path: Path) -> None:
    build = ["build", "--root", str(example), "--template", "briefing", "--format", "pdf"]
    assert run(*build).exit_code == 0
    mail(example, tmp_path / "first.eml")
    edit(example, "gaps:\n", DRAFT_GAP)
    preview = run(*build, "--allow-drafts")
    assert preview.exit_code == 0, preview.output
    assert "Added: Draft junk nobody reviewed." in preview.output  # the preview is compared with the curated build
    edit(example, DRAFT_GAP, "gaps:\n")
    curated = run(*build)
    assert curated.exit_code == 0, curated.output
    assert "changed since the last build" not in curated.output  # ... but never becomes the reference
    mail(example, tmp_path / "second.eml")
    assert "What changed" not in body(tmp_path / "second.eml")
    assert "Draft junk" not in (tmp_path / "second.eml").read_text(encoding="utf-8", errors="replace")


def test_dry_run_shows_the_message_and_writes_and_sends_nothing(example: Path, tmp_path: Path) -> None:
    eml = tmp_path / "dry.eml"
    result = run("email", "--root", str(example), "--to", "Ana <ana@example.org>", "--from", "desk@example.org",
                 "--format", "pdf", "--out", str(eml), "--dry-run", "--send", "--smtp-host", "127.0.0.1",
                 "--smtp-port", "9")
    assert result.exit_code == 0, result.output
    assert not eml.exists() and not (example / "out" / ".factsheet-emailed.json").exists()
    lines = result.output.splitlines()
    assert "Subject: Russia turns to North Korea and Iran for munitions and drones (as of 25 November 2026)" in lines
    assert "To: Ana <ana@example.org>" in lines and "key points: 6" in lines
    assert "what changed: none (first email of this briefing)" in lines
    assert any(line.startswith("attachment: russia-drones-2022-briefing.pdf (") for line in lines)
    assert "sent to" not in result.output  # port 9 would refuse: nothing was even tried
    assert "dry run: nothing written or sent (without --dry-run: send via 127.0.0.1)" in lines
    # The dry run did not count as an email: the next real one is still the first.
    edit(example, "text: How large the North Korean shipments are.", "text: How large the shipments are.")
    mail(example, eml)
    assert "What changed" not in body(eml)
    changed = run("email", "--root", str(example), "--to", "ana@example.org", "--from", "desk@example.org",
                  "--format", "pdf", "--dry-run")
    assert "what changed: none (same facts as the last email)" in changed.output.splitlines()
