"""The command line: thin Click commands; errors are translated once, in `factsheet.cligroup`.

`main` (the `factsheet` entry point) is the group defined there; the `email` command is in `factsheet.cliemail`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factsheet.cliemail import email
from factsheet.cligroup import ROOT_OPTION, main, open_workspace, report_problem
from factsheet.completion import complete_facts, complete_seeds, complete_templates
from factsheet.options import LOCK_TIMEOUT
from factsheet.writers import FORMATS
from factsheet.writers.paper import PAPER

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["build", "check", "email", "extract", "init", "main", "schema", "upgrade", "watch"]

main.add_command(email)


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

    workspace = open_workspace(root, out)
    options = BuildOptions(formats=formats or FORMATS, paper=paper, allow_stale=allow_stale,
                           allow_drafts=allow_drafts, allow_numbers=allow_numbers, force=force, jobs=jobs,
                           lock_timeout=lock_timeout)
    with show_progress(sys.stderr):
        result = run_build(
            workspace,
            facts_paths=[p.resolve() for p in facts] or None,
            template_names=templates or None,
            options=options,
            report=report_problem,
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

    workspace = open_workspace(root, out)
    click.echo(f"watching {workspace.show(workspace.seeds)} and {workspace.show(workspace.templates)}")
    try:
        watch_workspace(workspace, echo=click.echo, options=BuildOptions(jobs=1, lock_timeout=lock_timeout))
    except KeyboardInterrupt:
        click.echo("stopped")


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
