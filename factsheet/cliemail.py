"""The `email` command: bring a briefing up to date and mail it, with its SMTP options."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from factsheet.cligroup import ROOT_OPTION, Command, open_workspace, report_problem
from factsheet.completion import complete_facts, complete_templates
from factsheet.options import LOCK_TIMEOUT, mail_date, message_id, positive_size
from factsheet.writers import FORMATS

EMAIL_ENVIRONMENT = """\b
Environment variables (an option given on the command line wins):
  FACTSHEET_FROM           --from
  FACTSHEET_SMTP_HOST      --smtp-host
  FACTSHEET_SMTP_PORT      --smtp-port
  FACTSHEET_SMTP_USER      --smtp-user
  FACTSHEET_SMTP_SECURITY  --smtp-security
  FACTSHEET_SMTP_PASSWORD  the SMTP password (there is no option; without it, a prompt asks)
  FACTSHEET_LOCK_TIMEOUT   --lock-timeout"""


@click.command(cls=Command, epilog=EMAIL_ENVIRONMENT)
@ROOT_OPTION
@click.option("--to", "to", multiple=True, required=True, help="Recipient (repeatable).")
@click.option("--cc", "cc", multiple=True, help="Copy recipient (repeatable).")
@click.option("--from", "sender", envvar="FACTSHEET_FROM", required=True,
              help="Sender address (or FACTSHEET_FROM).")
@click.option("--template", default="briefing", show_default=True, shell_complete=complete_templates,
              help="Template of the attached briefing.")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help=f"Attach only this format (repeatable; default: {' and '.join(FORMATS)}).")
@click.option("--out", "eml", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the message to this .eml file (default: out/<briefing>.eml unless --send).")
@click.option("--send", is_flag=True, help="Send the message through SMTP.")
@click.option("--dry-run", is_flag=True, help="Show what the message would hold; write and send nothing.")
@click.option("--smtp-host", envvar="FACTSHEET_SMTP_HOST", default="localhost", show_default=True)
@click.option("--smtp-port", envvar="FACTSHEET_SMTP_PORT", type=int, default=None,
              help="Default: 587 for starttls, 465 for tls, 25 for plain.")
@click.option("--smtp-user", envvar="FACTSHEET_SMTP_USER", default=None,
              help="Log in as this user; the password comes from FACTSHEET_SMTP_PASSWORD or a prompt.")
@click.option("--smtp-security", type=click.Choice(["starttls", "tls", "plain"]), default="starttls",
              show_default=True, envvar="FACTSHEET_SMTP_SECURITY")
@click.option("--max-size", type=float, default=10.0, show_default=True, callback=positive_size,
              help="Warn above this size (MB).")
@click.option("--date", default=None, callback=mail_date,
              help="Fixed Date header (RFC 5322, e.g. 'Fri, 25 Nov 2022 09:00:00 +0000'), for reproducible messages.")
@click.option("--message-id", default=None, callback=message_id,
              help="Fixed Message-ID <local@domain> (ASCII), for reproducible messages.")
@LOCK_TIMEOUT
@click.argument("facts", required=False, type=click.Path(dir_okay=False, path_type=Path),
                shell_complete=complete_facts)
def email(root: Path | None, to: tuple[str, ...], cc: tuple[str, ...], sender: str, template: str,
          formats: tuple[str, ...], eml: Path | None, send: bool, dry_run: bool, smtp_host: str,
          smtp_port: int | None, smtp_user: str | None, smtp_security: str, max_size: float, date: str | None,
          message_id: str | None, lock_timeout: float | None, facts: Path | None) -> None:
    """Bring a briefing up to date and put it into an email: write an .eml, or --send it.

    The body lists the key points and, from the second email of a briefing on, what changed since
    the last one; the PDF and Word files are attached. FACTS may be left out when seeds/ holds one.

    \b
    Examples:
      factsheet email --to ana@example.org --from me@example.org --out briefing.eml
      factsheet email --to ana@example.org --from me@example.org --dry-run
      factsheet email seeds/russia-drones-2022.facts.yaml --template one-pager --format pdf \\
          --to "Ana Analyst <ana@example.org>" --cc desk@example.org --from me@example.org --send
    """
    from factsheet.atomic import write_atomic
    from factsheet.emailing import prepare, remember_sent
    from factsheet.mail.send import SmtpSettings, default_port, send_message
    from factsheet.progress import show_progress

    workspace = open_workspace(root)
    password = os.environ.get("FACTSHEET_SMTP_PASSWORD")
    if send and smtp_user and password is None and not sys.stdin.isatty() and not dry_run:
        raise click.UsageError(f"--send logs in as {smtp_user} but there is no password and no terminal to ask "
                               "for one: set FACTSHEET_SMTP_PASSWORD")
    if eml is not None:
        workspace.check_output_file(eml, str(eml), [facts.resolve()] if facts is not None else [])
        if eml.exists() and eml.suffix.lower() != ".eml":
            raise click.UsageError(f"--out {eml} exists and is not an .eml file; it is not overwritten")
    with show_progress(sys.stderr):
        prepared = prepare(workspace, facts=facts, template=template, formats=formats or FORMATS,
                           sender=sender, to=to, cc=cc, date=date, message_id=message_id,
                           report=report_problem, lock_timeout=lock_timeout)
    if dry_run:
        for line in prepared.summary():
            click.echo(line)
        action = f"send via {smtp_host}" if send else f"write {workspace.show(eml or prepared.default_path)}"
        click.echo(f"dry run: nothing written or sent (without --dry-run: {action})")
        return
    for name, size in prepared.attachments:
        click.echo(f"attached {name} ({size / 1024:.0f} KB)")
        if size > max_size * 1024 * 1024:
            click.echo(f"warning: {name} is larger than {max_size:g} MB; some mail servers refuse such mail", err=True)
    if eml is not None or not send:
        target = eml or prepared.default_path
        workspace.check_output_file(target, workspace.show(target))  # checked again: the build took time
        write_atomic(target, bytes(prepared.message), str(target))
        click.echo(f"wrote {workspace.show(target)}")
    if send:
        if smtp_user and password is None:
            password = click.prompt(f"SMTP password for {smtp_user}", hide_input=True)
        security = smtp_security  # checked by click.Choice
        settings = SmtpSettings(smtp_host, smtp_port or default_port(security), security,  # type: ignore[arg-type]
                                smtp_user, password)
        accepted = send_message(prepared.message, settings)
        click.echo(f"sent to {', '.join(accepted)} via {smtp_host}:{settings.port}")
    remember_sent(workspace, prepared)
