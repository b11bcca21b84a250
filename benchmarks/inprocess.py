"""In-process cost of a briefing, in two ways.

    python benchmarks/inprocess.py fresh ROOT     # every facts file of ROOT, each once
    python benchmarks/inprocess.py again ROOT COUNT  # ROOT's first facts file, composed once, rendered COUNT times

`fresh` is what a briefing never rendered before costs inside a running process (as in
`watch`, or a worker of a parallel build): for each facts file, in turn, load and validate
it, re-anchor its quotes, compose the full briefing and render it to PDF and DOCX. Every
file differs from the others (generate.py distinct), so no cache serves one from another.
The first five are a warm-up (imports, fonts) and are not reported.

`again` re-renders one composed briefing: what watch costs when only the writers run.
Prints one JSON object of per-briefing times in seconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

WARM_UP = 5


def fresh(root: Path) -> dict[str, list[float]]:
    from factsheet.compose.template import load_template
    from factsheet.facts.check import check_citations
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted, render
    from factsheet.workspace import Workspace

    workspace = Workspace.open(root, root / "out")
    template = load_template(workspace.template_path("briefing"), "briefing")
    totals: list[float] = []
    for index, path in enumerate(workspace.facts_files()):
        started = time.perf_counter()
        facts = load_facts(path, workspace, check_quotes=False)
        check_citations(facts)
        document, _ = compose_fitted(facts, template, frozenset(), History())
        render("pdf", document)
        render("docx", document)
        if index >= WARM_UP:
            totals.append(time.perf_counter() - started)
    return {"fresh": totals}


def again(root: Path, count: int) -> dict[str, list[float]]:
    from factsheet.compose.template import load_template
    from factsheet.facts.load import load_facts
    from factsheet.render import History, compose_fitted, render
    from factsheet.workspace import Workspace

    workspace = Workspace.open(root, root / "out")
    facts = load_facts(workspace.facts_files()[0], workspace, check_quotes=False)
    template = load_template(workspace.template_path("briefing"), "briefing")
    document, _ = compose_fitted(facts, template, frozenset(), History())
    render("pdf", document)
    render("docx", document)  # warm-up
    pdf_s: list[float] = []
    docx_s: list[float] = []
    for _ in range(count):
        started = time.perf_counter()
        render("pdf", document)
        middle = time.perf_counter()
        render("docx", document)
        pdf_s.append(middle - started)
        docx_s.append(time.perf_counter() - middle)
    return {"pdf": pdf_s, "docx": docx_s}


def main() -> None:
    mode, root = sys.argv[1], Path(sys.argv[2])
    result = fresh(root) if mode == "fresh" else again(root, int(sys.argv[3]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
