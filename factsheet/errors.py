"""One exception base with a location and an exit code, caught once in the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from factsheet.diagnostics import Diagnostic, Location

EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class FactsheetError(Exception):
    """Base of every error factsheet reports to its user."""

    exit_code: int = EXIT_INTERNAL

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The problems this error stands for, one per line of output."""
        return [Diagnostic(self.location or Location("factsheet"), self.message)]

    def __str__(self) -> str:
        return "\n".join(str(d) for d in self.diagnostics)


class InputError(FactsheetError):
    """The user's input (facts, seeds, templates, options) is wrong."""

    exit_code = EXIT_BAD_INPUT


class ValidationFailed(InputError):
    """Several problems were collected; all are reported at once."""

    def __init__(self, problems: Iterable[Diagnostic]) -> None:
        self.problems = sorted(problems, key=lambda d: (d.location, d.message))
        first = self.problems[0] if self.problems else None
        super().__init__(
            first.message if first else "invalid input", first.location if first else None
        )

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return list(self.problems)


class OutputError(FactsheetError):
    """An output could not be written (read-only folder, full disk)."""

    exit_code = EXIT_INTERNAL
