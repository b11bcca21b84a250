"""End to end: facts -> PDF and DOCX that both say the same thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.compose.format import cost_phrase, event_date, money
from factsheet.facts.load import load_facts
from factsheet.workspace import Workspace
from tests.conftest import SEED_FACTS, briefings
from tests.readback import docx_text, pdf_text

STEM = "russia-drones-2022"


def expected_strings(root: Path) -> set[str]:
    """Every system, supplier, recipient, cost and date of the facts file, as the briefing prints them."""
    sheet = load_facts(root / "seeds" / SEED_FACTS, Workspace.open(root)).sheet
    actors = {a.id: a.name for a in sheet.actors}
    wanted = {s.designation for s in sheet.systems}
    for transfer in sheet.transfers:
        wanted.update(actors[s] for s in transfer.suppliers)
        wanted.add(actors[transfer.recipient])
    for cost in sheet.costs:
        wanted.add(cost_phrase(cost))
        if cost.conversion:
            wanted.add(money(cost.conversion))
    wanted.update(event_date(d) for d in sheet.dates)
    return wanted


def test_build_writes_every_template_and_format(built: Path) -> None:
    names = sorted(p.name for p in (built / "out").iterdir() if not p.name.startswith("."))
    stems = sorted(p.name.removesuffix(".facts.yaml") for p in (built / "seeds").glob("*.facts.yaml"))
    assert len(stems) >= 3
    assert names == [f"{stem}-{template}.{ext}" for stem in stems for template in ("briefing", "one-pager")
                     for ext in ("docx", "pdf")]


@pytest.mark.parametrize("template", ["briefing", "one-pager"])
def test_pdf_and_docx_say_the_same_thing(built: Path, template: str) -> None:
    pdf = pdf_text(built / "out" / f"{STEM}-{template}.pdf")
    docx = docx_text(built / "out" / f"{STEM}-{template}.docx")
    wanted = expected_strings(built)
    if template == "briefing":
        assert {w for w in wanted if w not in pdf} == set()
    present_pdf = {w for w in wanted if w in pdf}
    present_docx = {w for w in wanted if w in docx}
    assert present_pdf == present_docx
    assert {"Mohajer-6", "Black Hornet", "Norway", "Ukraine"} <= present_pdf


def test_full_briefing_has_every_section_and_note(built: Path) -> None:
    text = pdf_text(built / "out" / f"{STEM}-briefing.pdf")
    for heading in ("Key points", "Systems and transfers", "Claims and attributions", "Timeline", "Costs",
                    "Actors", "What the sources say is not known", "Source notes"):
        assert heading in text
    # Timeline in date order with precision shown.
    timeline = text[text.index("Timeline"):]
    rows = ["Feb 2022, year inferred Russia invades Ukraine", "Jul 2022, year inferred Ukraine severs ties",
            "Aug 2022, year inferred Iranian-made drones", "24 Aug 2022, year inferred Norway announces"]
    positions = [timeline.find(row) for row in rows]
    assert -1 not in positions and positions == sorted(positions), positions
    # Notes quote the source text itself.
    assert "“They are expected to cost up to 90 million Norwegian crowns ($9.26 million)" in text


def test_pdf_page_counts(built: Path) -> None:
    from pypdf import PdfReader

    for facts in (built / "seeds").glob("*.facts.yaml"):
        stem = facts.name.removesuffix(".facts.yaml")
        assert 2 <= len(PdfReader(str(built / "out" / f"{stem}-briefing.pdf")).pages) <= 8, stem
        assert len(PdfReader(str(built / "out" / f"{stem}-one-pager.pdf")).pages) == 1, stem


def test_build_narrowed_by_template_and_format(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    result = CliRunner().invoke(
        main, ["build", "--root", str(workspace), "--out", str(out), "--template", "one-pager", "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    assert briefings(out) == [f"{STEM}-one-pager.pdf"]
    assert "wrote" in result.output and f"{STEM}-one-pager.pdf" in result.output


def test_unknown_template_is_an_input_error(workspace: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--root", str(workspace), "--template", "nope"])
    assert result.exit_code == 2
    assert "unknown template 'nope' (known: briefing, one-pager)" in result.output


def test_invalid_facts_stop_the_build_and_write_nothing(workspace: Path) -> None:
    facts = workspace / "seeds" / SEED_FACTS
    text = facts.read_text(encoding="utf-8")
    text = text.replace("    currency: NOK\n", "    currency: NOKK\n", 1)
    text = text.replace("  - id: iran\n", "  - id: iran\n    flag: green\n", 1)
    facts.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(workspace)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 2
    assert re.match(rf".*{SEED_FACTS}:\d+:\d+: error: actors\.2\.flag: unknown field$", lines[0])
    assert re.match(rf".*{SEED_FACTS}:\d+:\d+: error: costs\.0\.currency: .*ISO 4217", lines[1])
    assert "Traceback" not in result.output
    assert briefings(workspace / "out") == []


def test_broken_yaml_keeps_previous_outputs(workspace: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--root", str(workspace), "--format", "pdf"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in (workspace / "out").iterdir()}
    facts = workspace / "seeds" / SEED_FACTS
    facts.write_text(facts.read_text(encoding="utf-8") + "\n  oops: [\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--root", str(workspace), "--format", "pdf"])
    assert result.exit_code == 2
    assert re.search(rf"{SEED_FACTS}:\d+:\d+: error: YAML syntax error", result.output)
    assert {p.name: p.read_bytes() for p in (workspace / "out").iterdir()} == before


def test_help_and_version() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["--help"]).exit_code == 0
    assert "build" in runner.invoke(main, ["--help"]).output
    assert runner.invoke(main, ["--version"]).output.startswith("factsheet, version")
