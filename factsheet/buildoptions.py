"""What a build is asked to do, as one value that travels from the command line to the workers."""

from __future__ import annotations

import os
from typing import NamedTuple

from factsheet.writers import FORMATS as WRITERS

FORMATS = tuple(WRITERS)


# A NamedTuple, not a dataclass: every command defines it, a build with nothing to do too, and a dataclass
# costs about 0.6 ms to define (its methods are generated and compiled), a NamedTuple 0.1 ms.
class BuildOptions(NamedTuple):
    """The options of one build."""

    formats: tuple[str, ...] = FORMATS
    """The output formats to make."""
    paper: str | None = None
    """Paper for every template (a4, letter), or None for each template's own."""
    allow_stale: bool = False
    """Build from changed or orphaned citations, marking their facts 'source changed - unverified'."""
    allow_drafts: bool = False
    """Preview draft facts, marked 'unreviewed'."""
    allow_numbers: bool = False
    """Report a number in the prose that no cited fact or quote holds as a warning, not an error."""
    force: bool = False
    """Rebuild outputs that are up to date."""
    jobs: int = 0
    """Worker processes for rendering; 0 for one per core, 1 to render in this process."""
    lock_timeout: float | None = None
    """Seconds to wait for another build into the same output folder; None for the default."""

    def key(self) -> str:
        """The options and environment that change an output's bytes, as recorded in the manifest."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        key = (f"paper={self.paper or ''};allow_stale={self.allow_stale};allow_drafts={self.allow_drafts};"
               f"source_date_epoch={epoch}")
        return key + (";allow_numbers=True" if self.allow_numbers else "")
