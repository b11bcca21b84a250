"""Users add templates as data files; bad ones are reported at their line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from factsheet.cli import main
from tests.conftest import briefings
from tests.readback import pdf_text


def test_user_template_changes_sections_titles_marking_and_paper(workspace: Path) -> None:
    (workspace / "templates" / "gaps-first.yaml").write_text(
        "# yaml-language-server: $schema=../schemas/template.schema.json\n"
        "paper: letter\nmarking: SECRET // EXERCISE\nsections:\n"
        "  - {kind: gaps, title: Unknowns first}\n  - {kind: costs}\n  - {kind: notes, title: Quotes}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--root", str(workspace), "--template", "gaps-first",
                                       "--format", "pdf"])
    assert result.exit_code == 0, result.output
    pdf = workspace / "out" / "russia-drones-2022-gaps-first.pdf"
    text = pdf_text(pdf)
    assert text.index("Unknowns first") < text.index("Costs") < text.index("Quotes")
    assert "SECRET // EXERCISE" in text and "Key points" not in text
    from pypdf import PdfReader

    assert [round(float(v)) for v in PdfReader(str(pdf)).pages[0].mediabox.upper_right] == [612, 792]


def test_bad_template_reports_every_problem_at_its_line(workspace: Path) -> None:
    (workspace / "templates" / "broken.yaml").write_text(
        "paper: a5\nsections:\n  - kind: key_points\n  - kind: weather\n    title: Forecast\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--root", str(workspace)])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors[0].endswith("templates/broken.yaml:1:8: error: paper: expected one of 'a4' or 'letter' (got 'a5')")
    assert "templates/broken.yaml:4:11: error: sections.1.kind: expected one of 'key_points'" in errors[1]
    assert briefings(workspace / "out") == []
