"""The command line: thin Click commands; errors are translated once, here."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factsheet import __version__
from factsheet.completion import complete_facts, complete_seeds, complete_templates
from factsheet.errors import EXIT_INTERNAL, FactsheetError
from factsheet.options import LOCK_TIMEOUT, mail_date, message_id, positive_size
from factsheet.writers import FORMATS
from factsheet.writers.paper import PAPER

if TYPE_CHECKING:
    from datetime import datetime

    from factsheet.workspace import Workspace

ROOT_OPTION = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Workspace folder holding seeds/ and templates/ (default: the current folder).",
)


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and isinstance(ctx.obj, dict):
        ctx.obj["debug"] = True


class _Command(click.Command):
    """A command whose summary is never cut short, and which takes --debug after its name too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(["--debug"], is_flag=True, expose_value=False, callback=_set_debug,
                                        help="Show tracebacks for errors (also accepted before the command)."))

    def get_short_help_str(self, limit: int = 45) -> str:
        """The docstring's first line, whole: the command list wraps it instead of cutting it."""
        text = self.short_help or (self.help or "").strip().split("\n\n")[0]
        return " ".join(text.split())


COMMAND_ORDER = ("init", "build", "check", "email", "extract", "watch", "schema", "upgrade")


_STREAM_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EDQUOT, errno.EIO, errno.EFBIG}


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit does not fail a second time."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _print_traceback() -> None:
    import traceback  # only --debug shows one

    traceback.print_exc()


class _Group(click.Group):
    """Catches factsheet's own errors and prints them as path:line:col: messages."""

    command_class = _Command

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Commands in the order a new user meets them, not alphabetically."""
        known = [name for name in COMMAND_ORDER if name in self.commands]
        return known + sorted(name for name in self.commands if name not in known)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactsheetError as exc:
            for diagnostic in exc.diagnostics:
                click.echo(str(diagnostic), err=True)
            if ctx.obj and ctx.obj.get("debug"):
                _print_traceback()
            count = len(exc.diagnostics)
            if count > 1:
                click.echo(f"{count} problems found; nothing was written.", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:
            if exc.errno not in _STREAM_ERRORS:
                raise
            # Our files are written through atomic.py (an OutputError); what is left is the terminal or a pipe.
            _silence_stdout()
            click.echo(f"factsheet: cannot write to standard output: {exc.strerror}", err=True)
            ctx.exit(EXIT_INTERNAL)
        except Exception as exc:  # an internal error: say so briefly, traceback only with --debug
            if ctx.obj and ctx.obj.get("debug"):
                _print_traceback()
            else:
                click.echo(f"factsheet: internal error: {type(exc).__name__}: {exc} (use --debug)", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, epilog="""\b
Start here (an empty folder is fine):
  factsheet init --example     # a workspace with a worked example
  factsheet build              # its briefings, in out/
\b
Shell completion of commands, options, template names and facts files:
  bash: eval "$(_FACTSHEET_COMPLETE=bash_source factsheet)"   (in ~/.bashrc)
  zsh:  eval "$(_FACTSHEET_COMPLETE=zsh_source factsheet)"    (in ~/.zshrc)
  fish: _FACTSHEET_COMPLETE=fish_source factsheet > ~/.config/fish/completions/factsheet.fish""")
@click.version_option(__version__, prog_name="factsheet")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors (also accepted after the command).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn curated, quote-backed facts into briefing PDFs and Word files.

    A workspace is a folder holding seeds/ (source texts and their facts files) and templates/;
    briefings go to out/. Run `factsheet COMMAND --help` for a command's options and examples.
    """
    ctx.obj = {"debug": debug}


def _report(diagnostic: object) -> None:
    """Print a warning or error met during a build, on its own line even while progress is shown."""
    from factsheet.progress import clear

    clear()
    click.echo(str(diagnostic), err=True)


def _open(root: Path | None, out: Path | None = None) -> Workspace:
    """The workspace; says once when it builds with the shipped templates because it has none."""
    from factsheet.workspace import Workspace

    workspace = Workspace.open(root, out)
    if workspace.uses_shipped_templates and workspace.seeds.is_dir():
        names = ", ".join(p.stem for p in workspace.template_files())
        click.echo(f"note: no templates/ folder in the workspace: using the shipped templates ({names}); "
                   "`factsheet init` copies them there to change them", err=True)
    return workspace


@main.command()
@ROOT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: out/ in the workspace).")
@click.option("--template", "templates", multiple=True, shell_complete=complete_templates,
              help="Template name (repeatable; default: all).")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help=f"Output format (repeatable; default: {' and '.join(FORMATS)}).")
@click.option("--paper", type=click.Choice(sorted(PAPER)), default=None,
              help="Paper size (default: each template's choice).")
@click.option("--allow-stale", is_flag=True,
              help="Build even when a citation changed or vanished, marking such facts 'source changed - unverified'.")
@click.option("--allow-drafts", is_flag=True, help="Build with draft facts, marked 'unreviewed'.")
@click.option("--allow-unsourced-numbers", "allow_numbers", is_flag=True,
              help="Build even when prose states a number none of its citations contains (warned, not refused).")
@click.option("--force", is_flag=True, help="Rebuild every output, even those up to date.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, envvar="FACTSHEET_JOBS",
              help="Worker processes for rendering (default 0: one per core; 1: none). The files are the same.")
@LOCK_TIMEOUT
@click.argument("facts", nargs=-1, type=click.Path(dir_okay=False, path_type=Path), shell_complete=complete_facts)
def build(root: Path | None, out: Path | None, templates: tuple[str, ...], formats: tuple[str, ...],
          paper: str | None, allow_stale: bool, allow_drafts: bool, allow_numbers: bool, force: bool, jobs: int,
          lock_timeout: float | None, facts: tuple[Path, ...]) -> None:
    """Build briefings: every facts file x template x format, unless narrowed.

    Only outputs whose inputs changed are made again; each is written whole or not at all. On a
    terminal, a long build shows its progress.

    \b
    Examples:
      factsheet build
      factsheet build --template one-pager --format pdf --paper letter
      factsheet build seeds/russia-drones-2022.facts.yaml --out /tmp/briefings
      factsheet build --allow-drafts      # preview draft facts, marked 'unreviewed'
      factsheet build --force
      factsheet build --jobs 1            # render in this process only
    """
    from factsheet.build import build as run_build
    from factsheet.buildoptions import BuildOptions
    from factsheet.progress import show_progress

    workspace = _open(root, out)
    options = BuildOptions(formats=formats or FORMATS, paper=paper, allow_stale=allow_stale,
                           allow_drafts=allow_drafts, allow_numbers=allow_numbers, force=force, jobs=jobs,
                           lock_timeout=lock_timeout)
    with show_progress(sys.stderr):
        result = run_build(
            workspace,
            facts_paths=[p.resolve() for p in facts] or None,
            template_names=templates or None,
            options=options,
            report=_report,
        )
    for shown, lines in result.changes.items():
        click.echo(f"{shown}: changed since the last build:")
        for line in lines:
            click.echo(f"  {line}")
    for output in result.written:
        pages = f", {output.pages} page{'s' if output.pages != 1 else ''}" if output.pages else ""
        click.echo(f"wrote {output.shown} ({output.size / 1024:.0f} KB{pages}): {'; '.join(output.reasons)}")
        for warning in output.warnings:
            click.echo(f"warning: {warning}", err=True)
    if result.up_to_date:
        click.echo(f"up to date: {len(result.up_to_date)} output{'s' if len(result.up_to_date) != 1 else ''}")


@main.command()
@ROOT_OPTION
@click.option("--fix", is_flag=True,
              help="Rewrite quotes whose change cannot alter meaning (spacing, punctuation, one spelling rule; "
                   "never numbers, quantities, negations or names), listing each.")
def check(root: Path | None, fix: bool) -> None:
    """Re-anchor every citation in its source and report the ones an edit touched.

    Exits 0 only when every citation is intact or moved; 2 when one changed, vanished or is
    ambiguous, or when there is nothing to check.

    \b
    Examples:
      factsheet check
      factsheet check --fix               # accept edits in spacing, punctuation or spelling
      factsheet check --root ~/briefings
    """
    from factsheet.checking import Fixed, check_workspace
    from factsheet.workspace import Workspace

    def rewrote(fixed: Fixed) -> None:
        click.echo(f"{fixed.location}: fixed {fixed.field}: {fixed.fact_id}: {fixed.diff}\n"
                   f"  old: {fixed.old}\n  new: {fixed.new}")

    reports = check_workspace(Workspace.open(root), fix=fix, report=lambda d: click.echo(str(d), err=True),
                              on_fixed=rewrote)
    for report in reports:
        note = " (unchanged since the last check)" if report.unchanged else ""
        click.echo(f"{report.shown}: {report.summary}{note}")


@main.command()
@ROOT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: out/ in the workspace).")
@LOCK_TIMEOUT
def watch(root: Path | None, out: Path | None, lock_timeout: float | None) -> None:
    """Rebuild whenever something under seeds/ or templates/ changes (Ctrl-C to stop).

    \b
    Examples:
      factsheet watch
      factsheet watch --out /tmp/briefings
    """
    from factsheet.buildoptions import BuildOptions
    from factsheet.watching import watch_workspace

    workspace = _open(root, out)
    click.echo(f"watching {workspace.show(workspace.seeds)} and {workspace.show(workspace.templates)}")
    try:
        watch_workspace(workspace, echo=click.echo, options=BuildOptions(jobs=1, lock_timeout=lock_timeout))
    except KeyboardInterrupt:
        click.echo("stopped")


EMAIL_ENVIRONMENT = """\b
Environment variables (an option given on the command line wins):
  FACTSHEET_FROM           --from
  FACTSHEET_SMTP_HOST      --smtp-host
  FACTSHEET_SMTP_PORT      --smtp-port
  FACTSHEET_SMTP_USER      --smtp-user
  FACTSHEET_SMTP_SECURITY  --smtp-security
  FACTSHEET_SMTP_PASSWORD  the SMTP password (there is no option; without it, a prompt asks)
  FACTSHEET_LOCK_TIMEOUT   --lock-timeout"""


@main.command(epilog=EMAIL_ENVIRONMENT)
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

    workspace = _open(root)
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
                           report=_report, lock_timeout=lock_timeout)
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


@main.command()
@ROOT_OPTION
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date the text was current to (YYYY-MM-DD); years the text leaves out are inferred from it.")
@click.option("--write", is_flag=True,
              help="Write seeds/NAME.facts.yaml, or add the new draft facts to it (curated facts never change).")
@click.argument("seed", type=click.Path(dir_okay=False, path_type=Path), shell_complete=complete_seeds)
def extract(root: Path | None, as_of: datetime | None, write: bool, seed: Path) -> None:
    """Propose draft facts for a seed text, each quoting it: print them, or --write them to its facts file.

    \b
    Examples:
      factsheet extract seeds/NEW.txt --as-of 2022-09-07          # print the draft
      factsheet extract seeds/NEW.txt --as-of 2022-09-07 --write  # save seeds/NEW.facts.yaml
    """
    from factsheet.extracting import run_extract
    from factsheet.workspace import Workspace

    output = run_extract(Workspace.open(root), seed, as_of.date() if as_of else None, write)
    click.echo(output, nl=not output.endswith("\n"))


@main.command()
@ROOT_OPTION
@click.argument("facts", nargs=-1, type=click.Path(dir_okay=False, path_type=Path), shell_complete=complete_facts)
def upgrade(root: Path | None, facts: tuple[Path, ...]) -> None:
    """Rewrite facts files written for the previous fact model for this one, keeping comments.

    \b
    Examples:
      factsheet upgrade                   # every facts file in seeds/
      factsheet upgrade seeds/russia-drones-2022.facts.yaml
    """
    from factsheet.facts.upgrade import upgrade_file
    from factsheet.workspace import Workspace

    workspace = Workspace.open(root)
    for path in facts or tuple(workspace.facts_files()):
        shown = workspace.show(path)
        click.echo(f"{shown}: {'upgraded' if upgrade_file(path, shown) else 'already up to date'}")


@main.command()
@ROOT_OPTION
def schema(root: Path | None) -> None:
    """Write schemas/*.json (JSON Schema) from the fact and template models.

    Editors with the YAML language server then validate and complete facts and template files.

    \b
    Examples:
      factsheet schema
      factsheet schema --root ~/briefings
    """
    from factsheet.schema import write_schemas
    from factsheet.workspace import Workspace

    for path in write_schemas(Workspace.open(root)):
        click.echo(f"wrote {path}")


@main.command()
@click.option("--example", is_flag=True, help="Also add the shipped source text and its curated facts file.")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
def init(example: bool, folder: Path | None) -> None:
    """Make a workspace: seeds/, templates/, schemas/ and a .gitignore; never overwrites a file.

    FOLDER (default: the current folder) is created if needed. Files already there are kept as
    they are, and listed.

    \b
    Examples:
      factsheet init --example            # here, with a worked example to build at once
      factsheet init briefings            # a new, empty workspace in ./briefings
    """
    import os

    from factsheet.initialising import init_workspace, next_steps

    root = (folder or Path.cwd()).absolute()
    result = init_workspace(root, example=example)
    shown = os.path.relpath(root)
    for path in result.created:
        click.echo(f"created {os.path.relpath(path)}{'/' if path.is_dir() else ''}")
    for path in result.kept:
        click.echo(f"kept {os.path.relpath(path)} (already there; not overwritten)")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"workspace ready in {shown}" if shown != "." else "workspace ready")
    click.echo("next:")
    for step in next_steps(result, shown):
        click.echo(f"  {step}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
