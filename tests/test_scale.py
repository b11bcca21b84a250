"""Large input: 2,000 systems and transfers with a 5 MB seed build without LayoutError (timed in benchmarks/)."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from factsheet.cli import main
from tests.conftest import REPO, require_tool


def test_large_fact_sheet_builds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generate.large(tmp_path / "large")
    assert (tmp_path / "large" / "seeds" / "large.txt").stat().st_size >= 5_000_000
    result = CliRunner().invoke(main, ["build", "--root", str(tmp_path / "large"), "--template", "briefing"])
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(tmp_path / "large" / "out" / "large-briefing.pdf"))
    assert len(reader.pages) > 50
    last = reader.pages[-1].extract_text() or ""
    assert "Page" in last
    # The table kept every row: the last transfer's system is in the PDF, before the notes.
    text = subprocess.run([require_tool("pdftotext"), str(tmp_path / "large" / "out" / "large-briefing.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "System 01999" in text[: text.index("Source notes")]
