"""In-process rendering: one composed briefing rendered to PDF and DOCX, many times.

    python benchmarks/inprocess.py ROOT [COUNT]

Loads ROOT's seed and the `briefing` template, composes the document tree once
(factsheet.render.compose_fitted, as a build does), renders both formats once to
warm up, then times render("pdf", doc) and render("docx", doc) COUNT times (default 100).
Prints one JSON object: the per-briefing times in seconds.

Word figures are vector drawings made per render (nothing is cached), so "docx_fresh"
is the same measurement as "docx", kept for the table's row 3c.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    root = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100

    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted
    from factsheet.workspace import Workspace
    from factsheet.writers import render

    workspace = Workspace.open(root, root / "out")
    facts = load_facts(workspace.facts_files()[0], workspace, check_quotes=False)
    template = load_template(workspace.template_path("briefing"), "briefing")
    document, _ = compose_fitted(facts, template, frozenset(), History())
    sizes = {"pdf": len(render("pdf", document).data), "docx": len(render("docx", document).data)}  # warm-up
    pdf_s: list[float] = []
    docx_s: list[float] = []
    for _ in range(count):
        started = time.perf_counter()
        render("pdf", document)
        middle = time.perf_counter()
        render("docx", document)
        pdf_s.append(middle - started)
        docx_s.append(time.perf_counter() - middle)
    fresh_s: list[float] = []
    for _ in range(count):
        started = time.perf_counter()
        render("docx", document)
        fresh_s.append(time.perf_counter() - started)
    print(json.dumps({"pdf": pdf_s, "docx": docx_s, "docx_fresh": fresh_s, "sizes": sizes}))


if __name__ == "__main__":
    main()
