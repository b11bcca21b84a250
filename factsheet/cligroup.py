"""The `factsheet` Click group: --debug before or after a command, commands in the order a new user
meets them, and factsheet's errors caught and printed once, here. The commands are in `factsheet.cli`."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factsheet import __version__
from factsheet.errors import EXIT_INTERNAL, FactsheetError

if TYPE_CHECKING:
    from factsheet.workspace import Workspace

ROOT_OPTION = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Workspace folder holding seeds/ and templates/ (default: the current folder).",
)


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and isinstance(ctx.obj, dict):
        ctx.obj["debug"] = True


class Command(click.Command):
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

    command_class = Command

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


def report_problem(diagnostic: object) -> None:
    """Print a warning or error met during a build, on its own line even while progress is shown."""
    from factsheet.progress import clear

    clear()
    click.echo(str(diagnostic), err=True)


def open_workspace(root: Path | None, out: Path | None = None) -> Workspace:
    """The workspace; says once when it builds with the shipped templates because it has none."""
    from factsheet.workspace import Workspace

    workspace = Workspace.open(root, out)
    if workspace.uses_shipped_templates and workspace.seeds.is_dir():
        names = ", ".join(p.stem for p in workspace.template_files())
        click.echo(f"note: no templates/ folder in the workspace: using the shipped templates ({names}); "
                   "`factsheet init` copies them there to change them", err=True)
    return workspace
