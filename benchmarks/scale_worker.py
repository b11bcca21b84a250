"""One worker of the scale benchmark: build a share of the fact sheets, report time and peak memory.

Run in a fresh (spawned) process, so each worker pays for its own imports and its
peak RSS is its own, as when several `factsheet build` processes share a machine.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any


def build_share(root: str, out: str, facts: list[str], template: str) -> dict[str, Any]:
    """Build `facts` with `template` into `out` with factsheet.build.build; what it did and what it cost."""
    started = time.perf_counter()
    import factsheet.compose.fit
    import factsheet.compose.summary
    import factsheet.facts.check
    import factsheet.render
    import factsheet.writers.docx
    import factsheet.writers.pdf  # noqa: F401 - what build() imports lazily, timed apart from the build
    from factsheet.build import build
    from factsheet.workspace import Workspace

    imported = time.perf_counter()
    result = build(Workspace.open(root, out), facts_paths=[Path(p) for p in facts], template_names=[template])
    finished = time.perf_counter()
    return {
        "written": len(result.written),
        "bytes": sum(o.size for o in result.written),
        "warnings": sum(len(o.warnings) for o in result.written),
        "import_s": imported - started,
        "build_s": finished - imported,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
